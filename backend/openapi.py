"""Print the OpenAPI document: ``python -m backend.openapi > pwa/src/api/openapi.json``."""

from __future__ import annotations

import json
import os
import sys
import tempfile


def document() -> dict[str, object]:
    os.environ.setdefault("STEPWISE_DATA_DIR", tempfile.mkdtemp(prefix="stepwise-openapi-"))
    from backend.app import create_app

    return create_app().openapi_schema.to_schema()


if __name__ == "__main__":
    json.dump(document(), sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")
