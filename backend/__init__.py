"""Stepwise: supported employment, one step at a time."""

import os

# Piccolo finds its engine through this module path; set before any table is imported.
os.environ.setdefault("PICCOLO_CONF", "backend.piccolo_conf")
