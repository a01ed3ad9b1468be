"""No server error for any input: an out-of-range integer posted to any choice, multiple
choice or number field of any create form is a form error (on SQLite, where the driver
cannot even bind it, as on PostgreSQL)."""

import re

import pytest
from django.contrib import messages
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from congress.forms import VoteForm

from ..security.matrices.reports_summary import YEAR, make_plan_section
from ..security.test_permission_matrix import make_object, post_data, snapshot
from .test_submission_tokens import CREATE_URLS, FORM_PAGES, create_url, form_page_url

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

HUGE_ID = "99999999999999999999"
OUT_OF_RANGE = [HUGE_ID, "-9223372036854775809"]

# Fields a form renders as a choice or a number: <select name=…> and <input type="number" name=…>.
NUMERIC_FIELD = re.compile(r'<select[^>]*\bname="([^"]+)"|<input[^>]*\btype="number"[^>]*\bname="([^"]+)"')


def numeric_fields(html):
    names = {select or number for select, number in NUMERIC_FIELD.findall(html)}
    return sorted(name for name in names if name not in ("language",))


@pytest.fixture
def chair_browser(chair):
    # A 500 must come back as a response, not as the view's exception.
    client = Client(raise_request_exception=False)
    client.force_login(chair)
    return client


def refusing_form(response):
    for key in ("form", "aid_form", "meeting_form"):
        if response.context and key in response.context:
            return response.context[key]
    return None


# Creates that go back to their page with the refusal as a message, not a rendered form.
REFUSED_WITH_A_MESSAGE = {"members:account_create", "congress:suggestion_add", "congress:session_agenda"}


@pytest.mark.parametrize("name", CREATE_URLS)
def test_out_of_range_integers_in_any_field_are_form_errors(chair_browser, school, name):
    url, obj = create_url(name, school)
    page = chair_browser.get(form_page_url(name, url, obj)).content.decode()
    if name in FORM_PAGES:
        page = page.split('action="{}"'.format(url), 1)[-1]
    valid = post_data(name, obj, school)

    for field in numeric_fields(page):
        for number in OUT_OF_RANGE:
            before = snapshot(obj)
            response = chair_browser.post(url, {**valid, field: number})
            assert response.status_code != 500, "{}={} is a server error".format(field, number)
            if name in REFUSED_WITH_A_MESSAGE:
                # Not a rendered form: the refusal is a message on the page it goes back to.
                assert response.status_code == 302
                assert snapshot(obj) == before, "{}={} was saved".format(field, number)
                landed = chair_browser.get(response["Location"])
                assert [m for m in landed.context["messages"] if m.level == messages.ERROR], (field, number)
                continue
            assert response.status_code == 200, "{}={} was not refused".format(field, number)
            assert field in refusing_form(response).errors, "{}={} is not refused on its field".format(field, number)
    if name == "members:account_create":
        obj.refresh_from_db()
        assert obj.user_id is None


def test_an_out_of_range_activity_in_a_plan_item_is_a_form_error(chair_browser, school):
    with scopes_disabled():
        section = make_plan_section(school)
    data = {"part": "item", "section": section.pk, "title": "教师节表彰", "activities": [HUGE_ID]}
    response = chair_browser.post(reverse("reports:plan", kwargs={"year": YEAR}), data)

    assert response.status_code == 200
    assert "activities" in response.context["item_form"].errors


def test_an_out_of_range_signer_of_a_pledge_is_a_form_error(chair_browser, school):
    drive = make_object("pledge_drive", school)
    data = {**post_data("activities:pledge_signatures", drive, school), "member": [HUGE_ID]}
    response = chair_browser.post(reverse("activities:pledge_signatures", kwargs={"pk": drive.pk}), data)

    assert response.status_code == 200


def test_an_out_of_range_vote_count_is_a_form_error_on_every_database(staff, school):
    form = VoteForm({"votes_for": "3000000000", "votes_against": "0", "abstentions": "0"})

    assert list(form.errors) == ["votes_for"]
