"""Permission-matrix entries of welfare (关爱与维权): see the package docstring.

Welfare data is personal. A teacher may open the lists of visits, greetings and
mutual-aid grants (showing only their own) and a visit or greeting of their own; the
matrix's teacher has no member record, so every object of the school is someone else's:
403, and another school's object 404. Hardship files are for chair and staff only: the
teacher is refused before any object is looked up (403 for every pk).
"""

import datetime

from activities.choices import Audience, Festival, FundingSource, HardshipStatus, VisitedPerson, VisitReason

from ...activity_factories import (
    GreetingBatchFactory,
    GreetingRecipientFactory,
    HardshipAidFactory,
    HardshipCaseFactory,
    MutualAidGrantFactory,
    VisitFactory,
)
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

# (anonymous, chair, staff, teacher, district)
LIST_OWN = {"GET": {"own": (LOGIN, 200, 200, 200, 403)}}
LIST_STAFF = STAFF_LIST
DETAIL_OWN = DETAIL_TEACHER_OWN
DETAIL_STAFF = {
    "GET": {
        "own": (LOGIN, 200, 200, 403, 403),
        "other": (LOGIN, 404, 404, 403, 403),
    }
}
UPDATE = RECORD_UPDATE
DELETE = RECORD_DELETE
RESTORE = RECORD_RESTORE
CREATE = STAFF_CREATE
POST_ON_OBJECT = {
    "POST": {
        "own": (LOGIN, 302, 302, 403, 403),
        "other": (LOGIN, 404, 404, 403, 403),
    }
}

MATRIX = {
    "activities:visit_list": LIST_OWN,
    "activities:visit_create": CREATE,
    "activities:visit_detail": DETAIL_OWN,
    "activities:visit_update": UPDATE,
    "activities:visit_delete": DELETE,
    "activities:visit_restore": RESTORE,
    "activities:greeting_list": LIST_OWN,
    "activities:greeting_create": CREATE,
    "activities:greeting_detail": DETAIL_OWN,
    "activities:greeting_update": UPDATE,
    "activities:greeting_delete": DELETE,
    "activities:greeting_restore": RESTORE,
    "activities:hardship_list": LIST_STAFF,
    "activities:hardship_create": CREATE,
    "activities:hardship_detail": DETAIL_STAFF,
    "activities:hardship_update": UPDATE,
    "activities:hardship_delete": DELETE,
    "activities:hardship_restore": RESTORE,
    "activities:hardship_aid_create": POST_ON_OBJECT,
    "activities:mutual_aid_list": LIST_OWN,
    "activities:mutual_aid_create": CREATE,
    "activities:mutual_aid_update": UPDATE,
    "activities:mutual_aid_delete": DELETE,
    "activities:mutual_aid_restore": RESTORE,
}

OBJECT_KINDS = {
    "activities:visit_detail": "visit",
    "activities:visit_update": "visit",
    "activities:visit_delete": "visit",
    "activities:visit_restore": "deleted_visit",
    "activities:greeting_detail": "greeting",
    "activities:greeting_update": "greeting",
    "activities:greeting_delete": "greeting",
    "activities:greeting_restore": "deleted_greeting",
    "activities:hardship_detail": "hardship",
    "activities:hardship_update": "hardship",
    "activities:hardship_delete": "hardship",
    "activities:hardship_restore": "deleted_hardship",
    "activities:hardship_aid_create": "hardship",
    "activities:mutual_aid_update": "mutual_aid",
    "activities:mutual_aid_delete": "mutual_aid",
    "activities:mutual_aid_restore": "deleted_mutual_aid",
}


def make_visit(school):
    return VisitFactory(school=school)


def make_greeting(school):
    batch = GreetingBatchFactory(school=school)
    GreetingRecipientFactory(batch=batch)
    GreetingRecipientFactory(batch=batch)
    return batch


def make_hardship(school):
    case = HardshipCaseFactory(school=school)
    HardshipAidFactory(case=case)
    return case


def make_mutual_aid(school):
    return MutualAidGrantFactory(school=school)


def deleted(maker):
    def make(school):
        record = maker(school)
        record.soft_delete()
        return record

    return make


OBJECT_MAKERS = {
    "visit": make_visit,
    "deleted_visit": deleted(make_visit),
    "greeting": make_greeting,
    "deleted_greeting": deleted(make_greeting),
    "hardship": make_hardship,
    "deleted_hardship": deleted(make_hardship),
    "mutual_aid": make_mutual_aid,
    "deleted_mutual_aid": deleted(make_mutual_aid),
}

PAST = datetime.date(2025, 10, 15)


def versioned(obj, data):
    data["loaded_version"] = obj.version if obj is not None else 1
    return data


def visit_data(obj, school):
    member = obj.member_id if obj is not None else a_member(school).pk
    return versioned(
        obj,
        {
            "member": member,
            "visited_person": VisitedPerson.RELATIVE,
            "relative": "李梅（母亲）",
            "reason": VisitReason.ILLNESS,
            "visited_on": PAST.isoformat(),
            "gifts": "水果",
            "amount": "500.00",
            "funding_source": FundingSource.UNION_FUNDS,
        },
    )


def greeting_create_data(obj, school):
    return {
        "festival": Festival.MID_AUTUMN,
        "year": 2025,
        "given_on": "2025-10-03",
        "audience": Audience.CHOSEN,
        "members": [a_member(school).pk],
        "amount_each": "300.00",
        "funding_source": FundingSource.UNION_FUNDS,
    }


def greeting_update_data(obj, school):
    return versioned(
        obj,
        {
            "festival": Festival.MID_AUTUMN,
            "year": 2025,
            "given_on": "2025-10-04",
            "amount_each": "350.00",
            "funding_source": FundingSource.SCHOOL,
            "recipients-TOTAL_FORMS": 0,
            "recipients-INITIAL_FORMS": 0,
        },
    )


def hardship_data(obj, school):
    member = obj.member_id if obj is not None else a_member(school).pk
    return versioned(
        obj,
        {
            "member": member,
            "hardship": "本人重病住院，家庭收入低。",
            "status": HardshipStatus.OPEN,
            "opened_on": "2025-03-01",
        },
    )


def hardship_aid_data(obj, school):
    return {
        "given_on": PAST.isoformat(),
        "description": "走访慰问",
        "amount": "800.00",
        "funding_source": FundingSource.HIGHER_UNION,
    }


def mutual_aid_data(obj, school):
    member = obj.member_id if obj is not None else a_member(school).pk
    return versioned(obj, {"member": member, "amount": "1500.00", "granted_on": PAST.isoformat(), "reason": "住院治疗"})


POST_DATA = {
    "activities:visit_create": visit_data,
    "activities:visit_update": visit_data,
    "activities:greeting_create": greeting_create_data,
    "activities:greeting_update": greeting_update_data,
    "activities:hardship_create": hardship_data,
    "activities:hardship_update": hardship_data,
    "activities:hardship_aid_create": hardship_aid_data,
    "activities:mutual_aid_create": mutual_aid_data,
    "activities:mutual_aid_update": mutual_aid_data,
}
