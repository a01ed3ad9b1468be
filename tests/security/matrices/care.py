"""Permission-matrix entries of the 168 care action: see the package docstring.

Teachers reach the grid and the month page (limited there to their own pair) and may save
their own pair's months; the ``teacher`` fixture has no member record, so every pair of
the matrix is a colleague's: 404, as on another school's pairs.
"""

from ...activity_factories import CareLogFactory, CarePairFactory
from ..test_permission_matrix_constants import LOGIN, a_member

MATRIX = {}
OBJECT_KINDS = {}
OBJECT_MAKERS = {}
POST_DATA = {}

MATRIX["activities:care_grid"] = {"GET": {"own": (LOGIN, 200, 200, 200, 403)}}
MATRIX["activities:care_month"] = {
    "GET": {"own": (LOGIN, 200, 200, 200, 403)},
    # The posted rows are those of the user's pairs; none here, so nothing to save.
    "POST": {"own": (LOGIN, 302, 302, 302, 403)},
}
MATRIX["activities:care_pair_create"] = {
    "GET": {"own": (LOGIN, 200, 200, 403, 403)},
    "POST": {"own": (LOGIN, 302, 302, 403, 403)},
}
MATRIX["activities:care_pair_detail"] = {
    "GET": {
        "own": (LOGIN, 200, 200, 404, 403),
        "other": (LOGIN, 404, 404, 404, 403),
    },
}
MATRIX["activities:care_pair_update"] = {
    "GET": {
        "own": (LOGIN, 200, 200, 403, 403),
        "other": (LOGIN, 404, 404, 403, 403),
    },
    "POST": {
        "own": (LOGIN, 302, 302, 403, 403),
        "other": (LOGIN, 404, 404, 403, 403),
    },
}
MATRIX["activities:care_pair_delete"] = {
    "GET": {
        "own": (LOGIN, 200, 403, 403, 403),
        "other": (LOGIN, 404, 403, 403, 403),
    },
    "POST": {
        "own": (LOGIN, 302, 403, 403, 403),
        "other": (LOGIN, 404, 403, 403, 403),
    },
}
MATRIX["activities:care_pair_restore"] = {
    "POST": {
        "own": (LOGIN, 302, 403, 403, 403),
        "other": (LOGIN, 404, 403, 403, 403),
    },
}
MATRIX["activities:care_log_save"] = {
    # A teacher may save only their own pair: a colleague's is 404, as another school's.
    "POST": {
        "own": (LOGIN, 302, 302, 404, 403),
        "other": (LOGIN, 404, 404, 404, 403),
    },
}

OBJECT_KINDS.update(
    {
        "activities:care_pair_detail": "care_pair",
        "activities:care_pair_update": "care_pair",
        "activities:care_pair_delete": "care_pair",
        "activities:care_pair_restore": "deleted_care_pair",
        "activities:care_log_save": "care_pair",
    }
)


def make_care_pair(school):
    pair = CarePairFactory(school=school)
    CareLogFactory(pair=pair)
    return pair


def make_deleted_care_pair(school):
    pair = CarePairFactory(school=school)
    pair.soft_delete()
    return pair


OBJECT_MAKERS.update({"care_pair": make_care_pair, "deleted_care_pair": make_deleted_care_pair})


def pair_data(pair, school):
    return {
        "teacher": pair.teacher_id if pair else a_member(school).pk,
        "student_name": "小明",
        "student_class": "初二（3）班",
        "reason": "学习困难",
        "school_year": pair.school_year if pair else 2025,
        "loaded_version": pair.version if pair else 1,
    }


POST_DATA.update(
    {
        "activities:care_month": lambda pair, school: {
            "month": "2025-10",
            "log-TOTAL_FORMS": "0",
            "log-INITIAL_FORMS": "0",
        },
        "activities:care_pair_create": pair_data,
        "activities:care_pair_update": pair_data,
        "activities:care_log_save": lambda pair, school: {
            "month": "2025-11",
            "talks": "7",
            "tutoring": "9",
            "notes": "家访一次",
        },
    }
)
