"""Two people editing the same member: the second save is refused and shown what changed."""

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from members.models import Member
from tests.factories import member_form_data

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


def zh(message):
    with translation.override("zh-hans"):
        return gettext(message)


CONFLICT = (
    "Someone else saved this record after you opened it. Nothing of yours was saved; "
    "the changes made meanwhile are listed below. Check them and save again."
)


def stored(member):
    with scopes_disabled():
        return Member.objects.get(pk=member.pk)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def edit_url(member):
    return "/members/{}/edit/".format(member.pk)


@pytest.fixture
def both_open_the_form(chair, staff, member, edit_url):
    """Chair and staff each load the edit form of the same member, at the same version."""
    chair_client, staff_client = logged_in(chair), logged_in(staff)
    chair_form = chair_client.get(edit_url).context["form"]
    staff_form = staff_client.get(edit_url).context["form"]
    assert chair_form["loaded_version"].value() == staff_form["loaded_version"].value() == 1
    return chair_client, staff_client


def test_it_refuses_the_second_of_two_saves(both_open_the_form, member, edit_url):
    chair_client, staff_client = both_open_the_form

    first = chair_client.post(edit_url, member_form_data(member, phone="13900001111"))
    second = staff_client.post(edit_url, member_form_data(member, phone="13700002222", post="年级组长"))

    assert first.status_code == 302
    assert second.status_code == 200
    saved = stored(member)
    assert saved.phone == "13900001111"  # the first user's value stays
    assert saved.post == ""  # nothing of the second save was written
    assert saved.version == 2
    assert member.history.count() == 2  # created, the chair's save; no third record


def test_it_tells_the_second_user_why(both_open_the_form, member, edit_url):
    chair_client, staff_client = both_open_the_form
    chair_client.post(edit_url, member_form_data(member, phone="13900001111"))

    response = staff_client.post(edit_url, member_form_data(member, phone="13700002222"))

    form = response.context["form"]
    assert form.non_field_errors() == [zh(CONFLICT)]
    assert [str(m) for m in response.context["messages"]] == [zh(CONFLICT)]
    assert 'id="conflict"' in response.content.decode()


def test_it_lists_what_changed_meanwhile(both_open_the_form, member, edit_url):
    chair_client, staff_client = both_open_the_form
    chair_client.post(edit_url, member_form_data(member, phone="13900001111", post="教研组长"))

    response = staff_client.post(edit_url, member_form_data(member, phone="13700002222"))

    entries = response.context["conflict_entries"]
    assert len(entries) == 1
    assert entries[0]["who"].username == "chair"
    changes = {str(c["field"]): (c["old"], c["new"]) for c in entries[0]["changes"]}
    assert changes == {zh("phone"): ("13812345678", "13900001111"), zh("post"): ("—", "教研组长")}
    conflict = response.content.decode().split('id="conflict"')[1].split("</form>")[0]
    assert "刘梅兰" in conflict  # the chair's name
    assert "13900001111" in conflict and "教研组长" in conflict


def test_it_lists_every_save_made_since_the_form_was_loaded(both_open_the_form, member, edit_url):
    chair_client, staff_client = both_open_the_form
    chair_client.post(edit_url, member_form_data(member, post="教研组长"))
    chair_client.post(edit_url, member_form_data(stored(member), post="年级组长"))

    response = staff_client.post(edit_url, member_form_data(member, phone="13700002222"))

    entries = response.context["conflict_entries"]
    assert [e["version"] for e in entries] == [3, 2]
    assert [(c["old"], c["new"]) for c in entries[0]["changes"]] == [("教研组长", "年级组长")]


def test_it_saves_a_second_attempt_made_with_the_new_version(both_open_the_form, member, edit_url):
    chair_client, staff_client = both_open_the_form
    chair_client.post(edit_url, member_form_data(member, phone="13900001111"))
    refused = staff_client.post(edit_url, member_form_data(member, post="年级组长"))

    # The refused form carries the version it was refused at; saving again goes through.
    data = refused.context["form"].data
    assert int(data["loaded_version"]) == 2
    assert 'name="loaded_version" value="2"' in refused.content.decode()
    retry = staff_client.post(edit_url, member_form_data(stored(member), post="年级组长", loaded_version=2))

    assert retry.status_code == 302
    saved = stored(member)
    assert (saved.phone, saved.post, saved.version) == ("13900001111", "年级组长", 3)


def test_it_refuses_a_stale_version_after_a_delete_and_restore(chair_client, member, edit_url):
    # Deleting and restoring are saves too: a form loaded before them is out of date.
    member.soft_delete()
    member.restore()
    response = chair_client.post(edit_url, member_form_data(member, post="年级组长", loaded_version=1))
    assert response.status_code == 200
    assert stored(member).post == ""


def test_it_saves_a_single_editor_at_once(staff_client, member, edit_url):
    response = staff_client.post(edit_url, member_form_data(member, post="年级组长"))
    assert response.status_code == 302
    assert stored(member).version == 2
