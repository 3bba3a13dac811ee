"""Test settings are set in the environment before the app is imported.

The API tier runs against ``STEPWISE_TEST_DATABASE_URL`` when it is set (scripts/test sets a
throwaway PostgreSQL for the second pass), otherwise a fresh SQLite file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_tmp = Path(tempfile.mkdtemp(prefix="stepwise-tests-"))
os.environ["STEPWISE_DATA_DIR"] = str(_tmp)
os.environ["STEPWISE_ORIGIN"] = "http://localhost:8000"
os.environ["STEPWISE_RATE_LIMIT"] = "100000"
# The stand-in push service (tests/support/push_service.py) listens on loopback.
os.environ["STEPWISE_PUSH_LOOPBACK"] = "1"
os.environ["STEPWISE_DATABASE_URL"] = os.environ.get(
    "STEPWISE_TEST_DATABASE_URL", f"sqlite:///{_tmp / 'test.sqlite3'}"
)
os.environ["PICCOLO_CONF"] = "backend.piccolo_conf"
