"""Every form of every app, posted with bad input through the whole stack (middleware,
scopes, view): arbitrary Unicode, huge strings and numbers, odd dates, files that are not
what they say. The answer is a Chinese form error (200 with errors, a 400 in Chinese, or
an error message on the page it redirects to) that changed no row, or a saved record whose
page opens; never a server error.

The data is drawn from the fields of the forms each page renders, so a field added to a
form is tried at once. ``FORM_URLS`` lists the URLs tried; every URL of the URL conf that
takes a POST is either there or in ``NO_INPUT`` (it posts no data of the user's), so a
new form fails ``test_every_url_that_takes_a_post_is_tried_or_takes_no_input`` until it
is listed here (and its valid data given in the permission matrix's ``POST_DATA``).
"""

import datetime
import os

import pytest
from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.forms.formsets import BaseFormSet
from django.test.utils import ContextList
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from ..security.test_permission_matrix import (
    MATRIX,
    OBJECT_KINDS,
    ROLE_FIXTURES,
    ROLES,
    URL_KWARGS,
    URL_QUERIES,
    make_object,
    post_data,
    url_conf_patterns,
)
from .checks import CHINESE, RECORD_APPS, row_counts, row_of
from .strategies import as_upload, field_value

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

# Ninety-odd forms: in CI ten inputs each keep the two runs short; other profiles give
# every form their full number.
FORM_EXAMPLES = 6 if os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci" else None

FORM_URLS = [
    "password_change",
    # roster
    "members:member_create",
    "members:member_update",
    "members:department_create",
    "members:department_update",
    "members:account_create",
    "members:account_active",
    # activity log, campaigns, clubs, partnerships, provisions
    "activities:activity_create",
    "activities:activity_update",
    "activities:category_create",
    "activities:category_update",
    "activities:campaign_create",
    "activities:campaign_update",
    "activities:club_create",
    "activities:club_update",
    "activities:partnership_create",
    "activities:partnership_update",
    "activities:facility_create",
    "activities:facility_update",
    "activities:rule_create",
    "activities:rule_update",
    # pledges and ethics
    "activities:pledge_create",
    "activities:pledge_update",
    "activities:pledge_signatures",
    "activities:pledge_members",
    "activities:ethics_create",
    "activities:ethics_grid",
    "activities:ethics_update",
    # awards, promotions, mentoring
    "activities:award_create",
    "activities:award_update",
    "activities:promotion_create",
    "activities:promotion_update",
    "activities:mentor_create",
    "activities:mentor_update",
    "activities:mentor_meeting_create",
    # care
    "activities:care_month",
    "activities:care_pair_create",
    "activities:care_pair_update",
    "activities:care_log_save",
    # welfare
    "activities:visit_create",
    "activities:visit_update",
    "activities:greeting_create",
    "activities:greeting_update",
    "activities:hardship_create",
    "activities:hardship_update",
    "activities:hardship_aid_create",
    "activities:mutual_aid_create",
    "activities:mutual_aid_update",
    # congress
    "congress:session_create",
    "congress:session_update",
    "congress:session_attendance",
    "congress:session_agenda",
    "congress:motion_vote",
    "congress:term_groups",
    "congress:term_create",
    "congress:term_update",
    "congress:proposal_create",
    "congress:proposal_update",
    "congress:proposal_transition",
    "congress:evaluation_create",
    "congress:evaluation_update",
    "congress:drive_create",
    "congress:drive_update",
    "congress:suggestion_add",
    "congress:suggestion_update",
    "congress:settings",
    # disclosure
    "disclosure:objection_create",
    "disclosure:notice_create",
    "disclosure:notice_update",
    "disclosure:objection_answer",
    "disclosure:category_list",
    "disclosure:category_update",
    "disclosure:holiday_list",
    "disclosure:suggestion_create",
    "disclosure:suggestion_answer",
    # the annual summary and the plan
    "reports:summary_texts",
    "reports:summary_layout",
    "reports:summary_title",
    "reports:summary_heading",
    "reports:summary_item_title",
    "reports:summary_item_added",
    "reports:summary_item_section",
    "reports:summary_item_merge",
    "reports:plan",
    "reports:plan_section",
    "reports:plan_item",
    "reports:summary_template",
    # the district's schools and holidays, the school's profile
    "schools:district_school_create",
    "schools:district_chair_create",
    "district_holidays:list",
    "schools:profile",
]

# URLs that take a POST but no data of the user's: a button that deletes, restores,
# publishes or seconds, whose object is in the URL.
NO_INPUT = {
    "logout",
    # Django's own login form; each failure counts towards the lockout (tests/unionhub/test_accounts.py).
    "login",
    "members:member_restore",
    "members:member_delete",
    "members:account_reset_password",
    "members:roster_import",  # a file: see test_roster_import
    "activities:activity_delete",
    "activities:activity_restore",
    "activities:activity_photo_delete",
    "activities:activity_attachment_delete",
    "activities:campaign_delete",
    "activities:campaign_restore",
    "activities:club_delete",
    "activities:club_restore",
    "activities:partnership_delete",
    "activities:partnership_restore",
    "activities:facility_delete",
    "activities:facility_restore",
    "activities:rule_delete",
    "activities:rule_restore",
    "activities:pledge_delete",
    "activities:pledge_restore",
    "activities:ethics_delete",
    "activities:ethics_restore",
    "activities:award_delete",
    "activities:award_restore",
    "activities:promotion_delete",
    "activities:promotion_restore",
    "activities:mentor_delete",
    "activities:mentor_restore",
    "activities:care_pair_delete",
    "activities:care_pair_restore",
    "activities:visit_delete",
    "activities:visit_restore",
    "activities:greeting_delete",
    "activities:greeting_restore",
    "activities:hardship_delete",
    "activities:hardship_restore",
    "activities:mutual_aid_delete",
    "activities:mutual_aid_restore",
    "congress:session_delete",
    "congress:session_restore",
    "congress:proposal_delete",
    "congress:proposal_restore",
    "congress:proposal_second",
    "congress:evaluation_delete",
    "congress:evaluation_restore",
    "congress:drive_delete",
    "congress:drive_restore",
    "disclosure:notice_publish",
    "disclosure:notice_withdraw",
    "disclosure:notice_delete",
    "disclosure:notice_restore",
    "disclosure:holiday_delete",
    "reports:summary_freeze",
    "reports:summary_template_delete",
    "schools:district_chair_reset_password",
    "district_holidays:delete",
    # Answered by the teacher who made the proposal (a yes/no and a line of text); the
    # matrix's proposals have no proposer with a login.
    "congress:proposal_feedback",
}


def _takes_post(pattern):
    view_class = getattr(pattern.callback, "view_class", None)
    return view_class is not None and hasattr(view_class, "post") and "post" in view_class.http_method_names


def test_every_url_that_takes_a_post_is_tried_or_takes_no_input():
    posting = {name for name, _route, pattern in url_conf_patterns() if _takes_post(pattern)}
    untried = sorted(posting - set(FORM_URLS) - NO_INPUT)
    assert not untried, "These URLs take a POST: add them to FORM_URLS (or NO_INPUT) in {}: {}".format(
        __name__, untried
    )
    stale = sorted((set(FORM_URLS) | NO_INPUT) - posting)
    assert not stale, "No longer URLs that take a POST: {}".format(stale)
    assert len(FORM_URLS) == len(set(FORM_URLS))


# ---------------------------------------------------------------------------------------
# The page's forms and the usual data
# ---------------------------------------------------------------------------------------


def _role_for(name):
    """The first of chair, district user and staff the matrix lets post to ``name``."""
    statuses = dict(zip(ROLES, MATRIX[name].get("POST", {}).get("own", ()), strict=False))
    for role in ("chair", "district", "staff"):
        if statuses.get(role) not in (None, 403, 404):
            return role
    return "chair"


def _forms_in(context):
    """The app's forms (formsets' forms included) a rendered page holds, once each."""
    found = {}

    def add(value):
        if isinstance(value, BaseFormSet):
            add(value.management_form)
            for form in value.forms:
                add(form)
        elif isinstance(value, forms.BaseForm):
            module = type(value).__module__
            if module.split(".")[0] in RECORD_APPS or module.startswith("django.contrib.auth"):
                found.setdefault(id(value), value)
        elif isinstance(value, (list, tuple)):
            for item in value[:50]:
                add(item)

    layers = context if isinstance(context, ContextList) else [context or {}]
    for layer in layers:
        for values in getattr(layer, "dicts", [layer]):
            for value in values.values():
                add(value)
    return list(found.values())


def _posted(value):
    """An initial value as a browser posts it (None: the field is left out)."""
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def page_fields(client, url, name):
    """``{posted name: (form field or None, usual value)}`` of the page behind ``url``."""
    fields = {}
    if "GET" in MATRIX[name]:
        response = client.get(url)
        assert response.status_code == 200, "{}: GET answered {}".format(url, response.status_code)
        for form in _forms_in(response.context):
            for field_name, field in form.fields.items():
                bound = form[field_name]
                fields.setdefault(bound.html_name, (field, _posted(bound.value())))
    return fields


# ---------------------------------------------------------------------------------------
# What the answer must be
# ---------------------------------------------------------------------------------------


def refusals(response):
    """The errors a response shows: form errors and error messages (a warning comes with a saved record)."""
    shown = []
    for form in _forms_in(response.context):
        if form.is_bound:
            shown += [str(message) for errors in form.errors.values() for message in errors]
    shown += [str(m) for m in messages.get_messages(response.wsgi_request) if m.level >= messages.ERROR]
    return shown


def judge(client, response, url, before, object_before, obj):
    where = "POST {}".format(url)
    status = response.status_code
    assert status in (200, 302, 400), "{} answered {}".format(where, status)
    shown = [] if status == 400 else refusals(response)
    if status == 400:
        assert CHINESE.search(response.content.decode()), "{}: a 400 without a Chinese word".format(where)
    for message in shown:
        assert CHINESE.search(message), "{}: an error not in Chinese: {!r}".format(where, message)
    if status == 400 or shown:
        assert row_counts() == before, "{}: refused, yet rows were written".format(where)
        assert row_of(obj) == object_before, "{}: refused, yet the record changed".format(where)
    elif status == 302 and response["Location"].startswith("/"):
        # Saved: the page it lands on shows the saved record.
        landing = client.get(response["Location"])
        assert landing.status_code == 200, "{} saved, but {} answered {}".format(
            where, response["Location"], landing.status_code
        )


# ---------------------------------------------------------------------------------------
# The forms themselves
# ---------------------------------------------------------------------------------------


# Their pages are answered 403 to every user of the matrix's cast (a district page needs a
# district administrator the cast lacks): listed, not yet tried.
NOT_YET_TRIED = {"schools:district_school_create", "schools:district_chair_create", "district_holidays:list"}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.skip(reason="no user of the cast may post here"))
        if name in NOT_YET_TRIED
        else name
        for name in FORM_URLS
    ],
)
def test_bad_input_gets_a_chinese_error_or_a_saved_record(request, client, school, other_school, name):
    users = {key: request.getfixturevalue(fixture) for key, fixture in ROLE_FIXTURES.items()}
    request.getfixturevalue("other_chair")
    obj = make_object(OBJECT_KINDS[name], school) if name in OBJECT_KINDS else None
    kwargs = {"pk": obj.pk} if obj is not None else {}
    if name in URL_KWARGS:
        kwargs = URL_KWARGS[name](obj)
    url = reverse(name, kwargs=kwargs) + (URL_QUERIES[name](school) if name in URL_QUERIES else "")
    client.force_login(users[_role_for(name)])

    fields = page_fields(client, url, name)
    for key, value in post_data(name, obj, school).items():
        field = fields.get(key, (None, None))[0]
        fields[key] = (field, _posted(value) if not isinstance(value, (list, tuple)) else [str(v) for v in value])
    assert fields, "{}: no field found to fill".format(name)

    drawn_data = st.fixed_dictionaries({key: field_value(field, usual) for key, (field, usual) in fields.items()})

    @settings(max_examples=FORM_EXAMPLES or settings.default.max_examples)
    @given(drawn_data)
    def posting_it(drawn):
        data = {key: as_upload(value) for key, (how, value) in drawn.items() if how != "missing" and value is not None}
        with transaction.atomic():
            cache.clear()
            # A message an earlier example left unread would pass for this one's.
            client.cookies.pop("messages", None)
            before, object_before = row_counts(), row_of(obj)
            response = client.post(url, data)
            judge(client, response, url, before, object_before, obj)
            transaction.set_rollback(True)

    posting_it()
