"""Permission-matrix entries of the district administrator's schools and holidays, and the
school's profile.

The matrix's district user reads the district but is no administrator: the schools pages
refuse it like every school role (403, before any object is looked up). The administrator's
own answers, its own district against another (404), are in tests/unionhub/test_district_schools.py.
The chair edits the profile, staff read it, teachers and district users are refused; the
access log is the chair's alone.
"""

import datetime

from disclosure.models import HolidayCalendarDay
from unionhub.roles import Role

from ...factories import UserFactory
from ..test_permission_matrix_constants import LOGIN

# (anonymous, chair, staff, teacher, district)
REFUSED = (LOGIN, 403, 403, 403, 403)

MATRIX = {
    "schools:district_school_list": {"GET": {"own": REFUSED}},
    "schools:district_school_create": {"GET": {"own": REFUSED}, "POST": {"own": REFUSED}},
    "schools:district_chair_reset_password": {"POST": {"own": REFUSED, "other": REFUSED}},
    "schools:district_chair_create": {
        "GET": {"own": REFUSED, "other": REFUSED},
        "POST": {"own": REFUSED, "other": REFUSED},
    },
    "district_holidays:list": {"GET": {"own": REFUSED}, "POST": {"own": REFUSED}},
    "district_holidays:delete": {"POST": {"own": REFUSED, "other": REFUSED}},
    "schools:profile": {
        "GET": {"own": (LOGIN, 200, 200, 403, 403)},
        "POST": {"own": (LOGIN, 302, 403, 403, 403)},
    },
    # The chair's alone; it lists only the school's own entries (tests/unionhub/test_access_log.py).
    "schools:access_log": {"GET": {"own": (LOGIN, 200, 403, 403, 403)}},
}

OBJECT_KINDS = {
    "schools:district_chair_reset_password": "school_chair",
    "schools:district_chair_create": "school",
    "district_holidays:delete": "district_holiday_day",
}

OBJECT_MAKERS = {
    "school_chair": lambda school: UserFactory(school=school, role=Role.CHAIR),
    "school": lambda school: school,
    "district_holiday_day": lambda school: HolidayCalendarDay.objects.create(
        district_id=school.district_id, date=datetime.date(2027, 10, 1), kind="holiday", name="国庆节"
    ),
}


def _new_school(obj, school):
    return {"name": "清溪区新建小学", "short_name": "新建小学", "chair_username": "xinjian_chair"}


def _profile(obj, school):
    school.refresh_from_db()
    return {
        "name": school.name,
        "short_name": "实验初中",
        "union_name": "",
        "motto": "明德 笃学",
        "motto_meaning": "",
        "introduction": "",
        "loaded_version": school.version,
    }


POST_DATA = {
    "schools:district_school_create": _new_school,
    "schools:district_chair_create": lambda obj, school: {"chair_username": "new_chair"},
    "district_holidays:list": lambda obj, school: {"date": "2027-10-02", "kind": "holiday", "name": "国庆节"},
    "schools:profile": _profile,
}
