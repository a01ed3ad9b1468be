"""Permission-matrix entries of the district view: see the package docstring.

Only district users read it, for the schools of their own district; every school login
gets 403 and anonymous visitors the login page. The home page ``/`` is in the main matrix.
"""

from ..test_permission_matrix_constants import LOGIN

# (anonymous, chair, staff, teacher, district)
DISTRICT_ONLY = {"GET": {"own": (LOGIN, 403, 403, 403, 200)}}

MATRIX = {
    "reports:district": DISTRICT_ONLY,
    "reports:district_export": DISTRICT_ONLY,
}
OBJECT_KINDS = {}
OBJECT_MAKERS = {}
POST_DATA = {}


def _year(obj):
    return {"year": 2025}


URL_KWARGS = {name: _year for name in MATRIX}
