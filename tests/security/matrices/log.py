"""Permission-matrix entries of the activity log: see the package docstring.

Chair and staff read and record activities, their photos and attachments; only the chair
deletes and restores an activity. A teacher opens only the activities (and their photos) they
took part in — none here, so 403 — and district users reach none of it; another school's
activity, photo or attachment answers like one that does not exist.
"""

import datetime
import io

from django.core.files.base import ContentFile
from PIL import Image

from ...activity_factories import ActivityFactory, default_category
from ..test_permission_matrix_constants import LOGIN

MATRIX = {}
OBJECT_KINDS = {}
OBJECT_MAKERS = {}
POST_DATA = {}

MATRIX["activities:trash"] = {"GET": {"own": (LOGIN, 200, 403, 403, 403)}}

# ---- pages without an object -------------------------------------------------------------
MATRIX["activities:activity_list"] = {"GET": {"own": (LOGIN, 200, 200, 403, 403)}}
MATRIX["activities:activity_calendar"] = {"GET": {"own": (LOGIN, 200, 200, 403, 403)}}
MATRIX["activities:activity_create"] = {
    "GET": {"own": (LOGIN, 200, 200, 403, 403)},
    "POST": {"own": (LOGIN, 302, 302, 403, 403)},
}
MATRIX["members:member_search"] = {"GET": {"own": (LOGIN, 200, 200, 403, 403)}}

# ---- an activity ------------------------------------------------------------------------
READ = {"own": (LOGIN, 200, 200, 403, 403), "other": (LOGIN, 404, 404, 403, 403)}
# A teacher who did not take part gets 404, as for another school's activity.
READ_BY_PARTICIPANTS = {"own": (LOGIN, 200, 200, 404, 403), "other": (LOGIN, 404, 404, 404, 403)}
MATRIX["activities:activity_detail"] = {"GET": READ_BY_PARTICIPANTS}
MATRIX["activities:activity_update"] = {
    "GET": READ,
    "POST": {"own": (LOGIN, 302, 302, 403, 403), "other": (LOGIN, 404, 404, 403, 403)},
}
MATRIX["activities:activity_delete"] = {
    "GET": {"own": (LOGIN, 200, 403, 403, 403), "other": (LOGIN, 404, 403, 403, 403)},
    "POST": {"own": (LOGIN, 302, 403, 403, 403), "other": (LOGIN, 404, 403, 403, 403)},
}
MATRIX["activities:activity_restore"] = {
    "POST": {"own": (LOGIN, 302, 403, 403, 403), "other": (LOGIN, 404, 403, 403, 403)},
}

# ---- its photos and attachments ---------------------------------------------------------
MATRIX["activities:activity_photo"] = {"GET": READ_BY_PARTICIPANTS}
MATRIX["activities:activity_photo_thumbnail"] = {"GET": READ_BY_PARTICIPANTS}
MATRIX["activities:activity_photo_delete"] = {
    "POST": {"own": (LOGIN, 302, 302, 403, 403), "other": (LOGIN, 404, 404, 403, 403)},
}
MATRIX["activities:activity_attachment"] = {"GET": READ}
MATRIX["activities:activity_attachment_delete"] = {
    "POST": {"own": (LOGIN, 302, 302, 403, 403), "other": (LOGIN, 404, 404, 403, 403)},
}

OBJECT_KINDS.update(
    {
        "activities:activity_detail": "activity",
        "activities:activity_update": "activity",
        "activities:activity_delete": "activity",
        "activities:activity_restore": "deleted_activity",
        "activities:activity_photo": "activity_photo",
        "activities:activity_photo_thumbnail": "activity_photo",
        "activities:activity_photo_delete": "activity_photo",
        "activities:activity_attachment": "activity_attachment",
        "activities:activity_attachment_delete": "activity_attachment",
    }
)


def _jpeg(size):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue())


def make_activity(school):
    return ActivityFactory(school=school)


def make_deleted_activity(school):
    activity = ActivityFactory(school=school)
    activity.soft_delete()
    return activity


def make_photo(school):
    activity = ActivityFactory(school=school)
    photo = activity.photos.model(activity=activity)
    photo.image.save("photo.jpg", _jpeg((400, 300)), save=False)
    photo.thumbnail.save("thumb.jpg", _jpeg((40, 30)), save=False)
    photo.save()
    return photo


def make_attachment(school):
    activity = ActivityFactory(school=school)
    content = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    attachment = activity.attachments.model(
        activity=activity, original_name="会议纪要.pdf", content_type="application/pdf", size=len(content)
    )
    attachment.file.save("minutes.pdf", ContentFile(content), save=False)
    attachment.save()
    return attachment


OBJECT_MAKERS.update(
    {
        "activity": make_activity,
        "deleted_activity": make_deleted_activity,
        "activity_photo": make_photo,
        "activity_attachment": make_attachment,
    }
)


def activity_data(obj, school):
    """A valid activity form: the allowed roles' POSTs succeed (302)."""
    data = {
        "title": "教职工气排球比赛",
        "category": default_category(school).pk,
        "starts_on": datetime.date(2025, 10, 15).isoformat(),
        "location": "学校体育馆",
        "outside_participants": 0,
    }
    data["loaded_version"] = obj.version if obj is not None else 1
    return data


POST_DATA.update(
    {
        "activities:activity_create": activity_data,
        "activities:activity_update": activity_data,
    }
)
