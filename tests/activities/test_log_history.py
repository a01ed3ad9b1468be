"""An activity keeps its history: who changed which field, who joined or left the
participants, which photos and files were added or removed; shown on its page."""

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from activities.models import Activity, ActivityPhoto
from activities.selectors.log import activity_history
from tests.activity_factories import default_category
from tests.factories import MemberFactory

from .factories_log import add_photo, pdf_bytes, photo_upload, upload, zh

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


def form_data(school, **changes):
    data = {
        "title": "教职工气排球比赛",
        "category": default_category(school).pk,
        "starts_on": "2025-10-15",
        "location": "学校体育馆",
        "outside_participants": "0",
    }
    data.update(changes)
    return data


@pytest.fixture
def members(school):
    with scopes_disabled():
        return {name: MemberFactory(school=school, name=name) for name in ("张三", "李四", "王五", "赵六")}


def changes(entry):
    return {str(change["field"]): (change["old"], change["new"]) for change in entry["changes"]}


def history_of(school, activity):
    with scope(school=[school.pk]):
        return activity_history(Activity.all_objects.get(pk=activity.pk))


def test_the_history_says_who_created_an_activity_with_whom(staff_client, staff, school, members):
    data = form_data(school, participants=[members["李四"].pk, members["张三"].pk])
    staff_client.post(reverse("activities:activity_create"), data)
    with scopes_disabled():
        activity = Activity.objects.get()
    history = history_of(school, activity)
    assert len(history) == 1
    created = history[0]
    assert created["who"] == staff
    assert str(created["type"]) == zh("created")
    fields = changes(created)
    assert fields[zh("title")] == ("", "教职工气排球比赛")
    assert fields["新增参加人员"] == ("", "李四、张三")
    assert "移除参加人员" not in fields


def test_the_history_of_an_edit_shows_changed_fields_and_who_joined_and_left(chair_client, chair, school, members):
    with scopes_disabled():
        activity = Activity(school=school, title="旧标题", category=default_category(school), starts_on="2025-10-15")
        activity.save()
        activity.participants.set([members["张三"], members["李四"]])
    url = reverse("activities:activity_update", args=[activity.pk])
    data = form_data(
        school,
        title="新标题",
        loaded_version=1,
        participants=[members["李四"].pk, members["王五"].pk, members["赵六"].pk],
    )
    assert chair_client.post(url, data).status_code == 302

    history = history_of(school, activity)
    assert len(history) == 2, "one entry per save, however many rows django-simple-history wrote"
    edit, created = history
    assert edit["who"] == chair
    assert edit["version"] == 2
    fields = changes(edit)
    assert fields[zh("title")] == ("旧标题", "新标题")
    assert fields["新增参加人员"] == ("", "王五、赵六")
    assert fields["移除参加人员"] == ("", "张三")
    assert changes(created)["新增参加人员"] == ("", "李四、张三")


def test_a_save_that_changes_nothing_leaves_an_entry_without_changes_out(staff_client, school, members):
    staff_client.post(reverse("activities:activity_create"), form_data(school, participants=[members["张三"].pk]))
    with scopes_disabled():
        activity = Activity.objects.get()
    url = reverse("activities:activity_update", args=[activity.pk])
    staff_client.post(url, form_data(school, loaded_version=1, participants=[members["张三"].pk]))
    history = history_of(school, activity)
    assert len(history) == 1
    assert history[0]["version"] == 1
    with scopes_disabled():
        assert Activity.objects.get(pk=activity.pk).version == 2


def test_simple_history_keeps_the_participants_of_each_version(staff_client, school, members):
    staff_client.post(reverse("activities:activity_create"), form_data(school, participants=[members["张三"].pk]))
    with scopes_disabled():
        activity = Activity.objects.get()
    staff_client.post(
        reverse("activities:activity_update", args=[activity.pk]),
        form_data(school, loaded_version=1, participants=[members["李四"].pk]),
    )
    with scopes_disabled():
        versions = {}
        for record in activity.history.order_by("history_id"):
            versions[record.version] = {row.member_id for row in record.participants.all()}
    assert versions == {1: {members["张三"].pk}, 2: {members["李四"].pk}}


def test_the_history_lists_photos_and_attachments_added_and_removed(
    staff_client, staff, school, django_capture_on_commit_callbacks
):
    data = form_data(
        school,
        photos=[photo_upload("a.png"), photo_upload("b.png")],
        attachments=[upload("会议纪要.pdf", pdf_bytes())],
    )
    staff_client.post(reverse("activities:activity_create"), data)
    with scopes_disabled():
        activity = Activity.objects.get()
        attachment = activity.attachments.get()
        photo = activity.photos.first()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("activities:activity_photo_delete", args=[photo.pk]))
        staff_client.post(reverse("activities:activity_attachment_delete", args=[attachment.pk]))

    history = history_of(school, activity)
    described = [changes(entry) for entry in history]
    assert {"附件（删除）": ("", "会议纪要.pdf")} in described
    assert {"照片（删除）": ("", "1 张")} in described
    assert {"附件（新增）": ("", "会议纪要.pdf")} in described
    assert {"照片（新增）": ("", "2 张")} in described
    assert [entry["when"] for entry in history] == sorted((entry["when"] for entry in history), reverse=True)
    assert all(entry["who"] == staff for entry in history)
    # Newest first: the removals come before the creation.
    assert str(history[-1]["type"]) == zh("created")


def test_the_history_of_a_deleted_and_restored_activity(chair_client, school):
    with scopes_disabled():
        activity = Activity(school=school, title="联欢会", category=default_category(school), starts_on="2025-10-15")
        activity.save()
    chair_client.post(reverse("activities:activity_delete", args=[activity.pk]))
    chair_client.post(reverse("activities:activity_restore", args=[activity.pk]))
    history = history_of(school, activity)
    assert [entry["version"] for entry in history] == [3, 2, 1]
    deleted_at = str(Activity._meta.get_field("deleted_at").verbose_name)
    assert changes(history[1])[deleted_at][0] == "—" != changes(history[1])[deleted_at][1]
    assert changes(history[0])[deleted_at][1] == "—"


def test_the_page_shows_the_history(staff_client, school, members):
    staff_client.post(reverse("activities:activity_create"), form_data(school, participants=[members["王五"].pk]))
    with scopes_disabled():
        activity = Activity.objects.get()
        add_photo(activity)
        assert ActivityPhoto.objects.count() == 1
    page = staff_client.get(activity.get_absolute_url()).content.decode()
    history = page.split('id="activity-history"')[1]
    assert "新增参加人员：王五" in history
    assert "陈静" in history
