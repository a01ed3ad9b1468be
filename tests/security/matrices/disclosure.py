"""Permission-matrix entries of disclosure (校务公开): see the package docstring.

Every login of the school (chair, staff, teacher) reads the board, a published notice and
its attachments, raises objections during the window and writes to the suggestion box;
chair and staff manage notices and answer; only the chair deletes and restores. District
users get 403 everywhere.
"""

import datetime

from django.core.files.base import ContentFile

from disclosure.models import HolidayCalendarDay

from ...disclosure.factories import NoticeFactory, ObjectionFactory, SuggestionFactory, category_of
from ..test_permission_matrix_constants import (
    LOGIN,
    RECORD_DELETE,
    RECORD_RESTORE,
    RECORD_UPDATE,
    STAFF_CREATE,
    STAFF_LIST,
)

# (anonymous, chair, staff, teacher, district)
MEMBERS_READ = {"GET": {"own": (LOGIN, 200, 200, 200, 403)}}
MEMBERS_READ_OBJECT = {
    "GET": {
        "own": (LOGIN, 200, 200, 200, 403),
        "other": (LOGIN, 404, 404, 404, 403),
    }
}
MEMBERS_WRITE = {
    "GET": {"own": (LOGIN, 200, 200, 200, 403)},
    "POST": {"own": (LOGIN, 302, 302, 302, 403)},
}
MEMBERS_WRITE_OBJECT = {
    "GET": {
        "own": (LOGIN, 200, 200, 200, 403),
        "other": (LOGIN, 404, 404, 404, 403),
    },
    "POST": {
        "own": (LOGIN, 302, 302, 302, 403),
        "other": (LOGIN, 404, 404, 404, 403),
    },
}
STAFF_POST_ON_OBJECT = {
    "POST": {
        "own": (LOGIN, 302, 302, 403, 403),
        "other": (LOGIN, 404, 404, 403, 403),
    }
}

MATRIX = {
    "disclosure:board": MEMBERS_READ,
    "disclosure:notice_detail": MEMBERS_READ_OBJECT,
    "disclosure:attachment_download": MEMBERS_READ_OBJECT,
    "disclosure:objection_create": MEMBERS_WRITE_OBJECT,
    "disclosure:notice_manage": STAFF_LIST,
    "disclosure:notice_create": STAFF_CREATE,
    "disclosure:notice_update": RECORD_UPDATE,
    "disclosure:notice_publish": STAFF_POST_ON_OBJECT,
    "disclosure:notice_withdraw": RECORD_UPDATE,
    "disclosure:notice_delete": RECORD_DELETE,
    "disclosure:notice_restore": RECORD_RESTORE,
    "disclosure:objection_answer": RECORD_UPDATE,
    "disclosure:category_list": STAFF_CREATE,
    "disclosure:category_update": RECORD_UPDATE,
    "disclosure:holiday_list": STAFF_CREATE,
    "disclosure:holiday_delete": STAFF_POST_ON_OBJECT,
    "disclosure:suggestion_list": MEMBERS_READ,
    "disclosure:suggestion_create": MEMBERS_WRITE,
    "disclosure:suggestion_answer": RECORD_UPDATE,
}

OBJECT_KINDS = {
    "disclosure:notice_detail": "notice",
    "disclosure:attachment_download": "notice_attachment",
    "disclosure:objection_create": "notice",
    "disclosure:notice_update": "notice",
    "disclosure:notice_publish": "draft_notice",
    "disclosure:notice_withdraw": "notice",
    "disclosure:notice_delete": "notice",
    "disclosure:notice_restore": "deleted_notice",
    "disclosure:objection_answer": "objection",
    "disclosure:suggestion_answer": "suggestion",
    "disclosure:category_update": "notice_category",
    "disclosure:holiday_delete": "holiday_day",
}

# A suggestion is found by its random key, not its pk.
URL_KWARGS = {
    "disclosure:suggestion_answer": lambda obj: {"key": obj.key if obj is not None else "nosuchkey0"},
}


def make_draft(school):
    return NoticeFactory(school=school, status="draft", published_at=None)


def make_deleted(school):
    notice = NoticeFactory(school=school)
    notice.soft_delete()
    return notice


def make_attachment(school):
    notice = NoticeFactory(school=school)
    attachment = notice.attachments.model(
        notice=notice, original_name="名单.pdf", content_type="application/pdf", size=12
    )
    attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    attachment.save()
    return attachment


def make_holiday_day(school):
    return HolidayCalendarDay.objects.create(
        district_id=school.district_id, school=school, date=datetime.date(2027, 10, 1), kind="holiday", name="国庆节"
    )


OBJECT_MAKERS = {
    "notice": lambda school: NoticeFactory(school=school),
    "draft_notice": make_draft,
    "deleted_notice": make_deleted,
    "notice_attachment": make_attachment,
    "objection": lambda school: ObjectionFactory(notice=NoticeFactory(school=school)),
    "suggestion": lambda school: SuggestionFactory(school=school),
    "notice_category": category_of,
    "holiday_day": make_holiday_day,
}


def notice_data(obj, school):
    from django_scopes import scopes_disabled

    with scopes_disabled():
        category = category_of(school)
    return {
        "title": "2025年职称评审推荐人选公示",
        "category": category.pk,
        "body": "公示内容",
        "starts_on": "2025-09-30",
        "working_days": "5",
        "ends_on": "",
        "loaded_version": obj.version if obj is not None else 1,
    }


POST_DATA = {
    "disclosure:notice_create": notice_data,
    "disclosure:notice_update": notice_data,
    "disclosure:notice_withdraw": lambda obj, school: {"reason": "名单有误，重新公示"},
    "disclosure:objection_create": lambda obj, school: {"text": "名单中有人不符合条件"},
    "disclosure:objection_answer": lambda obj, school: {"answer": "经核实，符合条件"},
    "disclosure:suggestion_create": lambda obj, school: {"recipient": "union", "subject": "食堂", "text": "饭菜太咸"},
    "disclosure:suggestion_answer": lambda obj, school: {"answer": "已转食堂"},
    "disclosure:holiday_list": lambda obj, school: {"date": "2027-10-02", "kind": "holiday", "name": "国庆节"},
    "disclosure:category_list": lambda obj, school: {"name": "校园安全", "position": 12},
    "disclosure:category_update": lambda obj, school: {"name": "校园安全", "position": 0},
}
