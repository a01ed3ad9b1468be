"""A teacher opens, from their timeline, the activities they took part in, with their photos;
never a colleague's activity, and never the union's files or change history."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django_scopes import scope
from PIL import Image

from activities.models import ActivityAttachment, ActivityPhoto
from members.timeline import timeline_for

from ..activity_factories import ActivityFactory
from ..factories import MemberFactory


def _jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def own_member(school, teacher):
    with scope(school=[school.pk]):
        return MemberFactory(school=school, user=teacher, name="王伟")


@pytest.fixture
def taken_part(school, own_member):
    with scope(school=[school.pk]):
        activity = ActivityFactory(school=school, title="教职工气排球赛", participants=[own_member])
        photo = ActivityPhoto(activity=activity)
        photo.image.save("a.jpg", ContentFile(_jpeg()), save=False)
        photo.thumbnail.save("a_t.jpg", ContentFile(_jpeg()), save=False)
        photo.save()
        attachment = ActivityAttachment(
            activity=activity, original_name="名单.pdf", content_type="application/pdf", size=9
        )
        attachment.file.save("list.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        attachment.save()
    return activity, photo


def test_a_teacher_opens_an_activity_they_took_part_in_from_their_timeline(teacher_client, own_member, taken_part):
    activity, photo = taken_part
    with scope(school=[own_member.school_id]):
        urls = [event.url for event in timeline_for(own_member)]
    assert activity.get_absolute_url() in urls

    page = teacher_client.get(activity.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "教职工气排球赛" in html
    assert reverse("activities:activity_photo_thumbnail", args=[photo.pk]) in html
    assert "名单.pdf" not in html
    assert not page.context["history"]
    assert teacher_client.get(reverse("activities:activity_photo", args=[photo.pk])).status_code == 200
    assert teacher_client.get(reverse("activities:activity_photo_thumbnail", args=[photo.pk])).status_code == 200


def test_a_teacher_cannot_open_a_colleagues_activity_or_its_photos(teacher_client, school, own_member, taken_part):
    activity, photo = taken_part
    with scope(school=[school.pk]):
        activity.participants.clear()
        activity.participants.add(MemberFactory(school=school))
    assert teacher_client.get(activity.get_absolute_url()).status_code == 404
    assert teacher_client.get(reverse("activities:activity_photo", args=[photo.pk])).status_code == 404
    assert teacher_client.get(reverse("activities:activity_update", args=[activity.pk])).status_code == 403
