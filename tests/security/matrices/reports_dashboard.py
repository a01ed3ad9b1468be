"""Permission-matrix entries of the reports app: see the package docstring."""

MATRIX = {}
OBJECT_KINDS = {}
OBJECT_MAKERS = {}
POST_DATA = {}
