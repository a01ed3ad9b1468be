"""Permission-matrix entries: see the package docstring.

Awards, promotions and mentor pairs: chair and staff read and write, the chair deletes and
restores. A teacher may open the page of an award they won or a pair they belong to (their
timeline links there): the matrix's objects are not theirs, so 403 in their own school and
404 for another school's, like any record a teacher may reach.
"""

from django_scopes import scopes_disabled

from ...activity_factories import AwardFactory, MentorPairFactory, PromotionFactory
from ...factories import MemberFactory
from ..test_permission_matrix_constants import (
    DETAIL_TEACHER_OWN,
    LOGIN,
    RECORD_DELETE,
    RECORD_RESTORE,
    RECORD_UPDATE,
    STAFF_CREATE,
    STAFF_LIST,
    a_member,
)

MATRIX = {}
OBJECT_KINDS = {}
OBJECT_MAKERS = {}
POST_DATA = {}

LIST = STAFF_LIST
CREATE = STAFF_CREATE
DETAIL_TEACHER_MAY_REACH = DETAIL_TEACHER_OWN
UPDATE = RECORD_UPDATE
DELETE = RECORD_DELETE
RESTORE = RECORD_RESTORE


MATRIX.update(
    {
        "activities:award_list": LIST,
        "activities:award_create": CREATE,
        "activities:award_detail": DETAIL_TEACHER_MAY_REACH,
        "activities:award_update": UPDATE,
        "activities:award_delete": DELETE,
        "activities:award_restore": RESTORE,
        "activities:promotion_list": LIST,
        "activities:promotion_create": CREATE,
        "activities:promotion_update": UPDATE,
        "activities:promotion_delete": DELETE,
        "activities:promotion_restore": RESTORE,
        "activities:mentor_list": LIST,
        "activities:mentor_create": CREATE,
        "activities:mentor_detail": DETAIL_TEACHER_MAY_REACH,
        "activities:mentor_update": UPDATE,
        "activities:mentor_delete": DELETE,
        "activities:mentor_restore": RESTORE,
        # A dated meeting of a pair: chair and staff only.
        "activities:mentor_meeting_create": {
            "POST": {
                "own": (LOGIN, 302, 302, 403, 403),
                "other": (LOGIN, 404, 404, 403, 403),
            },
        },
    }
)

OBJECT_KINDS.update(
    {
        "activities:award_detail": "award",
        "activities:award_update": "award",
        "activities:award_delete": "award",
        "activities:award_restore": "deleted_award",
        "activities:promotion_update": "promotion",
        "activities:promotion_delete": "promotion",
        "activities:promotion_restore": "deleted_promotion",
        "activities:mentor_detail": "mentor_pair",
        "activities:mentor_update": "mentor_pair",
        "activities:mentor_delete": "mentor_pair",
        "activities:mentor_restore": "deleted_mentor_pair",
        "activities:mentor_meeting_create": "mentor_pair",
    }
)


def _deleted(make):
    def maker(school):
        record = make(school)
        record.soft_delete()
        return record

    return maker


def make_award(school):
    award = AwardFactory(school=school)
    with scopes_disabled():
        award.members.set([MemberFactory(school=school)])
    return award


def make_promotion(school):
    return PromotionFactory(school=school)


def make_mentor_pair(school):
    return MentorPairFactory(school=school)


OBJECT_MAKERS.update(
    {
        "award": make_award,
        "deleted_award": _deleted(make_award),
        "promotion": make_promotion,
        "deleted_promotion": _deleted(make_promotion),
        "mentor_pair": make_mentor_pair,
        "deleted_mentor_pair": _deleted(make_mentor_pair),
    }
)


def award_data(obj, school):
    return {
        "title": "区优秀教研组",
        "kind": "honour",
        "level": "3",  # 区级
        "rank": "",
        "awarded_on": "2025-09-10",
        "issuer": "区教育局",
        "recipient_kind": "school",
        "group_name": "",
        "club": "",
        "loaded_version": obj.version if obj is not None else 1,
    }


def promotion_data(obj, school):
    return {
        "member": obj.member_id if obj is not None else a_member(school).pk,
        "title": "professor",
        "promoted_on": "2025-09-01",
        "note": "",
        "loaded_version": obj.version if obj is not None else 1,
    }


def mentor_data(obj, school):
    return {
        "mentor": obj.mentor_id if obj is not None else a_member(school).pk,
        "mentee": obj.mentee_id if obj is not None else a_member(school).pk,
        "subject": "数学",
        "school_year": "2025",
        "goals": "",
        "loaded_version": obj.version if obj is not None else 1,
    }


def meeting_data(obj, school):
    return {"met_on": "2025-11-05", "topic": "听课评课", "notes": ""}


POST_DATA.update(
    {
        "activities:award_create": award_data,
        "activities:award_update": award_data,
        "activities:promotion_create": promotion_data,
        "activities:promotion_update": promotion_data,
        "activities:mentor_create": mentor_data,
        "activities:mentor_update": mentor_data,
        "activities:mentor_meeting_create": meeting_data,
    }
)
