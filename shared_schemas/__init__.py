"""The wire contract between the backend and the PWA: msgspec Structs only.

Imports msgspec and the standard library, never ``backend`` (a test enforces it).
"""

from shared_schemas import accounts, clients
from shared_schemas.base import FieldError, Problem, Request, Struct

__all__ = ["FieldError", "Problem", "Request", "Struct", "accounts", "clients"]
