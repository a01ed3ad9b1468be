"""Permission-matrix entries: see the package docstring."""

from ..test_permission_matrix_constants import LOGIN  # noqa: F401

MATRIX = {}
OBJECT_KINDS = {}
OBJECT_MAKERS = {}
POST_DATA = {}

MATRIX["activities:trash"] = {"GET": {"own": (LOGIN, 200, 403, 403, 403)}}
