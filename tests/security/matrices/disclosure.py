"""Permission-matrix entries: see the package docstring."""

from ..test_permission_matrix_constants import LOGIN  # noqa: F401

MATRIX = {}
OBJECT_KINDS = {}
OBJECT_MAKERS = {}
POST_DATA = {}
