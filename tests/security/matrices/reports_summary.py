"""Permission-matrix entries of the annual summary and the plan: see the package docstring.

The chair edits, freezes versions (定稿, behind a confirmation page) and writes the plan;
staff read the preview, the plan and frozen versions and download the draft as Word and the
year's records, but neither edit nor freeze; district users read a school of their own
district (``?school=<pk>``) and its frozen versions, never the draft file or the records of
named people; teachers get 403.

These URLs carry the year (and a version number), so besides ``MATRIX`` this module gives
``URL_KWARGS`` (``{name: function(obj) -> kwargs for reverse}``, ``obj`` None for a missing
one) and ``URL_QUERIES`` (``{name: function(school) -> query string}``): the query names the
school, which school logins ignore and district users need.
"""

from ..test_permission_matrix_constants import LOGIN

YEAR = 2018
MISSING = 987654321

# (anonymous, chair, staff, teacher, district)
READ = {"GET": {"own": (LOGIN, 200, 200, 403, 200)}}
CHAIR_POST = {"POST": {"own": (LOGIN, 302, 403, 403, 403)}}
CHAIR_PART_POST = {
    "POST": {
        "own": (LOGIN, 302, 403, 403, 403),
        "other": (LOGIN, 404, 403, 403, 403),
    }
}

MATRIX = {
    "reports:summary": READ,
    "reports:summary_texts": CHAIR_POST,
    "reports:summary_layout": CHAIR_POST,
    # The chair's edits laid over the assembled text, each from its own small form.
    "reports:summary_title": CHAIR_POST,
    "reports:summary_heading": CHAIR_POST,
    "reports:summary_item_title": CHAIR_POST,
    "reports:summary_item_added": CHAIR_POST,
    "reports:summary_item_section": CHAIR_POST,
    "reports:summary_item_merge": CHAIR_POST,
    # The draft as Word: a download that writes nothing.
    "reports:summary_docx": {"GET": {"own": (LOGIN, 200, 200, 403, 403)}},
    # The confirmation page, and the freeze that lands back on the preview.
    "reports:summary_freeze": {
        "GET": {"own": (LOGIN, 200, 403, 403, 403)},
        "POST": {"own": (LOGIN, 302, 403, 403, 403)},
    },
    "reports:summary_version": READ,
    "reports:records_xlsx": {"GET": {"own": (LOGIN, 200, 200, 403, 403)}},
    "reports:plan": {
        "GET": {"own": (LOGIN, 200, 200, 403, 200)},
        "POST": {"own": (LOGIN, 302, 403, 403, 403)},
    },
    "reports:plan_section": CHAIR_PART_POST,
    "reports:plan_item": CHAIR_PART_POST,
}

OBJECT_KINDS = {
    # A section to rename or move into: the year needs a record in it.
    "reports:summary_heading": "summary_record",
    "reports:summary_item_section": "summary_record",
    "reports:summary_version": "summary_version",
    "reports:plan_section": "plan_section",
    "reports:plan_item": "plan_item",
}


def _year(obj):
    return {"year": YEAR}


def _with_pk(obj):
    return {"year": YEAR, "pk": obj.pk if obj is not None else MISSING}


def _version(obj):
    return {"year": YEAR, "number": obj.number if obj is not None else MISSING}


URL_KWARGS = {name: _year for name in MATRIX}
URL_KWARGS.update(
    {"reports:summary_version": _version, "reports:plan_section": _with_pk, "reports:plan_item": _with_pk}
)


def _school_query(school):
    return "?school={}".format(school.pk)


URL_QUERIES = {name: _school_query for name in MATRIX}


def _factories():
    from ...reports import factories

    return factories


def make_version(school):
    from django.contrib.auth import get_user_model

    from reports.periods import Period
    from reports.services import draft_for, freeze_version

    chair = get_user_model().objects.filter(school=school, role="chair").first()
    return freeze_version(draft_for(school, Period.calendar_year(YEAR)), chair)


def make_plan_section(school):
    return _factories().PlanSectionFactory(plan=_factories().AnnualPlanFactory(school=school, year=YEAR))


def make_plan_item(school):
    return _factories().PlanItemFactory(section=make_plan_section(school))


def make_summary_record(school):
    import datetime

    from activities.choices import SummarySection
    from tests.activity_factories import ActivityFactory, default_category

    category = default_category(school, SummarySection.ETHICS)
    return ActivityFactory(school=school, category=category, starts_on=datetime.date(YEAR, 9, 10))


OBJECT_MAKERS = {
    "summary_record": make_summary_record,
    "summary_version": make_version,
    "plan_section": make_plan_section,
    "plan_item": make_plan_item,
}

POST_DATA = {
    "reports:summary_freeze": lambda obj, school: {"confirm": "on"},
    "reports:summary_texts": lambda obj, school: {"loaded_version": 1, "opening": "本年度，学校工会……"},
    "reports:summary_layout": lambda obj, school: {"action": "hide", "key": "activity:1", "section": "ethics"},
    "reports:summary_title": lambda obj, school: {"loaded_version": 1, "title": "", "signed_on": "2019-01-18"},
    "reports:summary_heading": lambda obj, school: {
        "loaded_version": 1,
        "section": "ethics",
        "heading": "加强师德师风建设，营造尊师重教的良好氛围",
    },
    "reports:summary_item_title": lambda obj, school: {"loaded_version": 1, "key": "activity:1", "title": "师德讲座"},
    "reports:summary_item_added": lambda obj, school: {"loaded_version": 1, "key": "activity:1", "added": "反响良好。"},
    "reports:summary_item_section": lambda obj, school: {"key": "activity:{}".format(obj.pk), "section": "ethics"},
    "reports:summary_item_merge": lambda obj, school: {"key": "activity:1", "target": ""},
    "reports:plan": lambda obj, school: {"part": "section", "title": "加强队伍建设"},
    "reports:plan_section": lambda obj, school: {"action": "save", "title": "民主建设工程"},
    "reports:plan_item": lambda obj, school: {"action": "up"},
}
