"""Photos and attachments of activities: checked for what they really are, stored under
random names in one transaction with the activity, served to their school only, removed."""

import io
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled
from PIL import Image

from activities.models import Activity, ActivityAttachment, ActivityPhoto
from activities.services import log as services
from tests.activity_factories import ActivityFactory, default_category
from unionhub.uploads import check_document

from .factories_log import (
    DOCUMENTS,
    add_attachment,
    add_photo,
    exe_bytes,
    ole2_bytes,
    ooxml_bytes,
    pdf_bytes,
    photo_upload,
    upload,
)

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

CREATE = reverse("activities:activity_create")


@pytest.fixture(autouse=True)
def pillow_pixel_limit():
    """``process_image`` sets Pillow's global pixel limit; put it back after each test."""
    before = Image.MAX_IMAGE_PIXELS
    yield
    Image.MAX_IMAGE_PIXELS = before


def form_data(school, **changes):
    data = {
        "title": "教职工气排球比赛",
        "category": default_category(school).pk,
        "starts_on": "2025-10-15",
        "outside_participants": "0",
    }
    data.update(changes)
    return data


def read(field_file):
    with field_file.open("rb") as handle:
        return handle.read()


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


# --- check_document ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,content_type",
    [
        ("会议纪要.pdf", "application/pdf"),
        ("活动方案.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("签到表.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("旧方案.doc", "application/msword"),
        ("旧名单.xls", "application/vnd.ms-excel"),
    ],
)
def test_check_document_accepts_real_documents_and_says_what_they_are(name, content_type):
    extension = name.rsplit(".", 1)[1]
    assert check_document(upload(name, DOCUMENTS[name]())) == (extension, content_type)


def test_check_document_goes_by_the_bytes_not_the_browser():
    assert check_document(upload("A.PDF", pdf_bytes(), "application/x-msdownload")) == ("pdf", "application/pdf")


def test_check_document_accepts_an_old_excel_workbook_by_its_book_stream():
    assert check_document(upload("1997.xls", ole2_bytes("Book")))[0] == "xls"


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("活动方案.pdf", exe_bytes(), "mismatch"),
        ("活动方案.docx", ooxml_bytes("xl/"), "mismatch"),
        ("签到表.xlsx", ooxml_bytes("word/"), "mismatch"),
        ("旧方案.doc", ole2_bytes("Workbook"), "mismatch"),
        ("旧名单.xls", ole2_bytes("WordDocument"), "mismatch"),
        ("empty.pdf", b"", "mismatch"),
        ("setup.exe", exe_bytes(), "type"),
        ("noextension", pdf_bytes(), "type"),
        ("照片.jpg", pdf_bytes(), "type"),
        ("macro.docm", ooxml_bytes("word/"), "type"),
    ],
)
def test_check_document_refuses_what_is_not_what_its_name_says(name, content, code):
    with pytest.raises(ValidationError) as refused:
        check_document(upload(name, content))
    assert refused.value.code == code


def test_check_document_refuses_a_file_too_large(settings):
    settings.UNIONHUB = {**settings.UNIONHUB, "ATTACHMENT_MAX_BYTES": 50}
    with pytest.raises(ValidationError) as refused:
        check_document(upload("big.pdf", pdf_bytes() + b" " * 100))
    assert refused.value.code == "too_large"


def test_check_document_leaves_the_file_ready_to_be_read():
    document = upload("会议纪要.pdf", pdf_bytes())
    check_document(document)
    assert document.read() == pdf_bytes()


# --- saving ---------------------------------------------------------------------------


def test_several_photos_and_attachments_are_saved_with_the_activity(staff_client, school, settings):
    data = form_data(
        school,
        photos=[photo_upload("发球.png", (1600, 1200), "red"), photo_upload("合影.png", (300, 200), "blue")],
        attachments=[upload(name, make()) for name, make in DOCUMENTS.items()],
    )
    response = staff_client.post(CREATE, data)
    assert response.status_code == 302
    with scopes_disabled():
        activity = Activity.objects.get()
        photos = list(activity.photos.all())
        attachments = list(activity.attachments.all())
    assert len(photos) == 2
    first = Image.open(io.BytesIO(read(photos[0].image)))
    assert first.format == "JPEG" and first.size == (1200, 900)
    thumbnail = Image.open(io.BytesIO(read(photos[0].thumbnail)))
    assert thumbnail.size == (240, 180)
    for photo in photos:
        assert photo.image.name.startswith("activities/{}/".format(school.pk))
        assert "发球" not in photo.image.name and "合影" not in photo.image.name
    assert [a.original_name for a in attachments] == list(DOCUMENTS)
    for attachment, (name, make) in zip(attachments, DOCUMENTS.items(), strict=True):
        assert read(attachment.file) == make()
        assert attachment.size == len(make())
        assert attachment.file.name.startswith("activities/{}/".format(school.pk))
        assert attachment.file.name.endswith("." + name.rsplit(".", 1)[1])
        assert name.rsplit(".", 1)[0] not in attachment.file.name
    assert attachments[0].content_type == "application/pdf"
    assert len(stored_files(settings)) == 2 * 2 + 5


def test_photos_can_be_added_when_editing(staff_client, school):
    activity = ActivityFactory(school=school)
    with scopes_disabled():
        add_photo(activity)
    url = reverse("activities:activity_update", args=[activity.pk])
    response = staff_client.post(url, form_data(school, loaded_version=1, photos=[photo_upload()]))
    assert response.status_code == 302
    with scopes_disabled():
        assert ActivityPhoto.objects.filter(activity=activity).count() == 2


def test_a_failure_while_saving_saves_nothing_and_leaves_no_files(school, settings, monkeypatch):
    """The service is one transaction: if the last attachment cannot be stored, the
    activity, its participants and photos are not saved and the files written are removed."""
    from activities.forms.log import ActivityForm

    with scopes_disabled():
        form = ActivityForm(
            data=form_data(school),
            files={"photos": photo_upload(), "attachments": upload("会议纪要.pdf", pdf_bytes())},
            school=school,
        )
        assert form.is_valid(), form.errors
        form.instance.school = school

        def broken_save(self, *args, **kwargs):
            raise OSError("disk full")

        monkeypatch.setattr(ActivityAttachment, "save", broken_save)
        with pytest.raises(OSError):
            form.save()
        assert Activity.all_objects.count() == 0
        assert ActivityPhoto.objects.count() == 0
    assert stored_files(settings) == []


# --- serving --------------------------------------------------------------------------


def test_photos_and_thumbnails_are_served_as_jpeg_to_staff(staff_client, school):
    with scopes_disabled():
        photo = add_photo(ActivityFactory(school=school), size=(400, 300))
    for name, size in (("activities:activity_photo", (400, 300)), ("activities:activity_photo_thumbnail", (40, 30))):
        response = staff_client.get(reverse(name, args=[photo.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "private, max-age=3600"
        assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == size


def test_the_photos_of_a_deleted_activity_are_not_served(staff_client, school):
    activity = ActivityFactory(school=school)
    with scopes_disabled():
        photo = add_photo(activity)
        attachment = add_attachment(activity)
    activity.soft_delete()
    assert staff_client.get(reverse("activities:activity_photo", args=[photo.pk])).status_code == 404
    assert staff_client.get(reverse("activities:activity_attachment", args=[attachment.pk])).status_code == 404


def test_an_attachment_downloads_under_its_chinese_name(staff_client, school):
    with scopes_disabled():
        attachment = add_attachment(ActivityFactory(school=school), "2025年师德建设月活动方案.pdf")
    response = staff_client.get(reverse("activities:activity_attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''{}".format(
        quote("2025年师德建设月活动方案.pdf")
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_an_ascii_name_downloads_as_is(staff_client, school):
    with scopes_disabled():
        attachment = add_attachment(ActivityFactory(school=school), "minutes.pdf")
    response = staff_client.get(reverse("activities:activity_attachment", args=[attachment.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="minutes.pdf"'


# --- removing ---------------------------------------------------------------------------


def test_staff_remove_a_photo_and_its_files(staff_client, school, settings, django_capture_on_commit_callbacks):
    activity = ActivityFactory(school=school)
    with scopes_disabled():
        photo, kept = add_photo(activity), add_photo(activity)
    assert len(stored_files(settings)) == 4
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("activities:activity_photo_delete", args=[photo.pk]))
    assert response.status_code == 302
    assert response["Location"] == activity.get_absolute_url() + "#photos"
    with scopes_disabled():
        assert list(ActivityPhoto.objects.all()) == [kept]
    assert sorted(stored_files(settings)) == sorted([kept.image.name, kept.thumbnail.name])
    page = staff_client.get(response["Location"]).content.decode()
    assert "照片已删除。" in page


def test_staff_remove_an_attachment_and_its_file(staff_client, school, settings, django_capture_on_commit_callbacks):
    activity = ActivityFactory(school=school)
    with scopes_disabled():
        attachment = add_attachment(activity, "会议纪要.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("activities:activity_attachment_delete", args=[attachment.pk]))
    assert response["Location"] == activity.get_absolute_url() + "#attachments"
    with scopes_disabled():
        assert not ActivityAttachment.objects.exists()
    assert stored_files(settings) == []
    assert "“会议纪要.pdf”已删除。" in staff_client.get(response["Location"]).content.decode()


def test_removing_a_photo_keeps_the_files_if_the_transaction_fails(
    school, settings, django_capture_on_commit_callbacks
):
    from django.db import transaction

    activity = ActivityFactory(school=school)
    with scopes_disabled():
        photo = add_photo(activity)
    photo_pk = photo.pk
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                services.delete_photo(photo)
                raise RuntimeError("rolled back")
    assert callbacks == []
    with scopes_disabled():
        assert ActivityPhoto.objects.filter(pk=photo_pk).exists()
    assert len(stored_files(settings)) == 2


def test_a_file_missing_from_storage_answers_404_not_an_error(staff_client, school):
    with scopes_disabled():
        activity = ActivityFactory(school=school)
        photo, attachment = add_photo(activity), add_attachment(activity)
    photo.image.storage.delete(photo.image.name)
    attachment.file.storage.delete(attachment.file.name)
    assert staff_client.get(reverse("activities:activity_photo", args=[photo.pk])).status_code == 404
    assert staff_client.get(reverse("activities:activity_photo_thumbnail", args=[photo.pk])).status_code == 200
    assert staff_client.get(reverse("activities:activity_attachment", args=[attachment.pk])).status_code == 404
