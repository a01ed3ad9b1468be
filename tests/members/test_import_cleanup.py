"""An import preview's file is deleted at the confirm and the cancel; files of previews
nobody finished are deleted once old, by the next upload or ``manage.py clean_imports``."""

import io
import os
import time

from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

from tests.members.test_import import IMPORT_URL, confirm, good_row, member_count, upload, workbook

DAY = 24 * 60 * 60


def zh(message):
    with translation.override("zh-hans"):
        return gettext(message)


def folder(settings):
    return settings.MEDIA_ROOT / "imports"


def files_in(settings):
    path = folder(settings)
    return sorted(p.name for p in path.iterdir()) if path.exists() else []


def left_behind(settings, name, age):
    """A file of a preview nobody finished, ``age`` seconds old."""
    path = folder(settings) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"old")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def preview(client):
    response = upload(client, workbook(client, [good_row(1)]))
    assert response.context["preview"] is True
    return response


def test_the_confirm_deletes_the_file(chair_client, school, settings):
    response = preview(chair_client)
    assert len(files_in(settings)) == 1

    confirm(chair_client, response)

    assert member_count(school) == 1
    assert files_in(settings) == []
    assert "roster_import" not in chair_client.session


def test_a_confirm_refused_because_the_file_changed_deletes_it_too(chair_client, school, settings):
    response = preview(chair_client)
    token = response.wsgi_request.session["roster_import"]["token"]
    (folder(settings) / token).write_bytes(workbook(chair_client, [good_row(1), good_row(2)]))

    confirm(chair_client, response)

    assert member_count(school) == 0
    assert files_in(settings) == []


def test_the_cancel_deletes_the_file_and_imports_nothing(chair_client, school, settings):
    preview(chair_client)

    response = chair_client.post(IMPORT_URL, {"cancel": "1"}, follow=True)

    assert files_in(settings) == []
    assert "roster_import" not in chair_client.session
    assert member_count(school) == 0
    assert [str(m) for m in response.context["messages"]] == [zh("The import was cancelled; nothing was imported.")]


def test_the_preview_page_cancels_with_a_post(chair_client, school):
    page = preview(chair_client).content.decode()

    assert 'name="cancel"' in page


def test_a_new_upload_replaces_the_file_of_the_preview_before_it(chair_client, school, settings):
    first = preview(chair_client).wsgi_request.session["roster_import"]["token"]

    second = preview(chair_client).wsgi_request.session["roster_import"]["token"]

    assert files_in(settings) == [second] and first != second


def test_a_new_upload_deletes_files_older_than_the_configured_age(chair_client, school, settings):
    settings.UNIONHUB = {**settings.UNIONHUB, "IMPORT_PREVIEW_MAX_AGE": 3600}
    old = left_behind(settings, "a" * 32, 3600 + 60)
    recent = left_behind(settings, "b" * 32, 60)

    token = preview(chair_client).wsgi_request.session["roster_import"]["token"]

    assert not old.exists() and recent.exists()
    assert files_in(settings) == sorted([recent.name, token])


def test_the_default_age_is_one_day(settings):
    assert settings.UNIONHUB["IMPORT_PREVIEW_MAX_AGE"] == DAY


def test_clean_imports_deletes_files_older_than_a_day(settings):
    old = left_behind(settings, "c" * 32, DAY + 60)
    recent = left_behind(settings, "d" * 32, DAY - 60)
    out = io.StringIO()

    with translation.override("zh-hans"):
        call_command("clean_imports", stdout=out)

    assert not old.exists() and recent.exists()
    with translation.override("zh-hans"):
        assert out.getvalue().strip() == gettext("%(count)s unconfirmed import files deleted.") % {"count": 1}


def test_clean_imports_takes_another_age(settings):
    recent = left_behind(settings, "e" * 32, 120)

    call_command("clean_imports", "--older-than", "60", stdout=io.StringIO())

    assert not recent.exists()
