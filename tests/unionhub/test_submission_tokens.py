"""Entry that never duplicates: every create form carries a one-time token, and a second
submission of the same rendering (double click, back and resubmit, two tabs, two
identical POSTs at once) creates nothing more and lands on the record the first one made."""

import datetime
import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from activities.models import Activity
from disclosure.models import Suggestion
from reports.models import PlanItem
from unionhub.models import SubmissionToken
from unionhub.submissions import FIELD_NAME, OneTimeSubmissionMixin, new_token

from ..at_once import post_at_once
from ..reports.factories import AnnualPlanFactory, PlanSectionFactory
from ..security.test_permission_matrix import OBJECT_KINDS, URL_KWARGS, make_object, post_data, snapshot

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

ALREADY_SUBMITTED = "此表单已提交过，已为您打开已保存的记录。"

# Every create path of the apps: (URL name, the page its form is on when it is not the URL).
CREATE_URLS = [
    "members:member_create",
    "members:department_create",
    "members:account_create",
    "activities:activity_create",
    "activities:category_create",
    "activities:campaign_create",
    "activities:club_create",
    "activities:partnership_create",
    "activities:facility_create",
    "activities:rule_create",
    "activities:pledge_create",
    "activities:ethics_create",
    "activities:award_create",
    "activities:promotion_create",
    "activities:mentor_create",
    "activities:mentor_meeting_create",
    "activities:care_pair_create",
    "activities:visit_create",
    "activities:greeting_create",
    "activities:hardship_create",
    "activities:hardship_aid_create",
    "activities:mutual_aid_create",
    "congress:term_create",
    "congress:session_create",
    "congress:proposal_create",
    "congress:evaluation_create",
    "congress:drive_create",
    "congress:suggestion_add",
    "congress:session_agenda",
    "disclosure:notice_create",
    "disclosure:objection_create",
    "disclosure:suggestion_create",
    "disclosure:holiday_list",
    "disclosure:category_list",
    # A new section of the plan; a new item is tested below.
    "reports:plan",
]

# Where the form of a POST-only create is shown: {URL name: (page URL name, its object)}.
FORM_PAGES = {
    "members:account_create": ("members:account_list", None),
    "activities:mentor_meeting_create": ("activities:mentor_detail", "obj"),
    "activities:hardship_aid_create": ("activities:hardship_detail", "obj"),
    "congress:suggestion_add": ("congress:drive_detail", "obj"),
    "congress:session_agenda": ("congress:session_detail", "obj"),
}


def create_url(name, school):
    obj = make_object(OBJECT_KINDS[name], school) if name in OBJECT_KINDS else None
    if name in URL_KWARGS:
        return reverse(name, kwargs=URL_KWARGS[name](obj)), obj
    url = reverse(name, kwargs={"pk": obj.pk}) if obj is not None else reverse(name)
    return url, obj


def form_page_url(name, url, obj):
    """The page that shows the form posting to ``url``."""
    page_name, page_object = FORM_PAGES.get(name, (None, None))
    if page_name is None:
        return url
    return reverse(page_name, kwargs={"pk": obj.pk}) if page_object else reverse(page_name)


def rendered_token(client, name, url, obj):
    page_url = form_page_url(name, url, obj)
    page = client.get(page_url).content.decode()
    tokens = re.findall(r'name="{}" value="([0-9a-f]{{32}})"'.format(FIELD_NAME), page)
    assert tokens, "{} renders no one-time token".format(page_url)
    return tokens[-1]


@pytest.mark.parametrize("name", CREATE_URLS)
def test_every_create_form_carries_a_token_and_a_second_submission_creates_nothing(chair_client, chair, school, name):
    url, obj = create_url(name, school)
    data = {**post_data(name, obj, school), FIELD_NAME: rendered_token(chair_client, name, url, obj)}

    first = chair_client.post(url, data)
    assert first.status_code in (200, 302), first.content.decode()[:2000]
    after_first = snapshot(obj)
    second = chair_client.post(url, data, follow=False)

    assert snapshot(obj) == after_first, "the second submission wrote something"
    assert second.status_code == 302
    if first.status_code == 302:
        assert second["Location"] == first["Location"]
    landed = chair_client.get(second["Location"])
    assert ALREADY_SUBMITTED in landed.content.decode()
    with scopes_disabled():
        assert SubmissionToken.objects.get(token=data[FIELD_NAME]).user == chair


# Views that redirect back to the page of the form after refused data too: (URL name, the
# posted field that, emptied, refuses the data).
REDIRECTING_CREATE_URLS = [("congress:suggestion_add", "new-text"), ("congress:session_agenda", "title")]


@pytest.mark.parametrize("name,required", REDIRECTING_CREATE_URLS)
def test_a_create_that_redirects_after_errors_spends_no_token_on_them(chair_client, school, name, required):
    url, obj = create_url(name, school)
    data = {**post_data(name, obj, school), FIELD_NAME: rendered_token(chair_client, name, url, obj)}
    before = snapshot(obj)

    refused = chair_client.post(url, {**data, required: ""})
    assert refused.status_code == 302
    assert snapshot(obj) == before
    corrected = chair_client.post(url, data)

    assert corrected.status_code == 302
    assert snapshot(obj) != before, "the corrected form, with the same token, was not saved"


def test_a_new_item_of_the_plan_is_created_once(chair_client, school):
    section = PlanSectionFactory(plan=AnnualPlanFactory(school=school, year=2018))
    url = reverse("reports:plan", kwargs={"year": 2018})
    token = rendered_token(chair_client, "reports:plan", url, None)
    data = {"part": "item", "section": section.pk, "title": "青年教师座谈会", FIELD_NAME: token}

    first = chair_client.post(url, data)
    second = chair_client.post(url, data)

    with scopes_disabled():
        assert PlanItem.objects.filter(section=section).count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def activity_post(school):
    return post_data("activities:activity_create", None, school)


def activity_count():
    with scopes_disabled():
        return Activity.all_objects.count()


def test_back_and_resubmit_lands_on_the_activity_made_first(staff_client, school):
    data = {**activity_post(school), FIELD_NAME: new_token()}
    first = staff_client.post(reverse("activities:activity_create"), data)
    again = staff_client.post(reverse("activities:activity_create"), data)

    assert activity_count() == 1
    with scopes_disabled():
        activity = Activity.objects.get()
    assert first["Location"] == again["Location"] == activity.get_absolute_url()


def test_a_post_without_a_token_is_saved_as_before(staff_client, school):
    staff_client.post(reverse("activities:activity_create"), activity_post(school))
    staff_client.post(reverse("activities:activity_create"), activity_post(school))

    assert activity_count() == 2


def test_two_renderings_of_the_form_are_two_records(staff_client, school):
    for _tab in range(2):
        staff_client.post(reverse("activities:activity_create"), {**activity_post(school), FIELD_NAME: new_token()})

    assert activity_count() == 2


def test_a_refused_submission_spends_no_token(staff_client, school):
    token = new_token()
    refused = staff_client.post(
        reverse("activities:activity_create"), {**activity_post(school), "title": "", FIELD_NAME: token}
    )
    assert refused.status_code == 200
    corrected = staff_client.post(reverse("activities:activity_create"), {**activity_post(school), FIELD_NAME: token})

    assert corrected.status_code == 302
    assert activity_count() == 1


def test_another_users_token_is_not_their_submission_to_repeat(staff_client, chair, staff, school):
    token = new_token()
    staff_client.post(reverse("activities:activity_create"), {**activity_post(school), FIELD_NAME: token})
    chair_client = Client()
    chair_client.force_login(chair)
    response = chair_client.post(reverse("activities:activity_create"), {**activity_post(school), FIELD_NAME: token})

    assert response.status_code == 302
    assert activity_count() == 2
    with scopes_disabled():
        assert SubmissionToken.objects.get(token=token).user == staff


def test_an_anonymous_letters_token_keeps_no_user_and_only_the_day(teacher_client, school):
    token = new_token()
    data = {"recipient": "principal", "subject": "食堂", "text": "太咸", "anonymous": "on", FIELD_NAME: token}
    teacher_client.post(reverse("disclosure:suggestion_create"), data)
    again = teacher_client.post(reverse("disclosure:suggestion_create"), data)

    with scopes_disabled():
        assert Suggestion.objects.count() == 1
        row = SubmissionToken.objects.filter(token=token).values().get()
    assert again["Location"] == reverse("disclosure:suggestion_list")
    assert row["user_id"] is None
    kept = timezone.localtime(row["created_at"])
    assert (kept.hour, kept.minute, kept.second, kept.microsecond) == (0, 0, 0, 0)
    assert row["url"] == reverse("disclosure:suggestion_list")


def test_a_signed_letters_token_keeps_its_writer(teacher_client, teacher, school):
    token = new_token()
    data = {"recipient": "principal", "subject": "食堂", "text": "太咸", FIELD_NAME: token}
    teacher_client.post(reverse("disclosure:suggestion_create"), data)

    with scopes_disabled():
        assert SubmissionToken.objects.get(token=token).user == teacher


def token_row(school, days_old, user=None):
    with scopes_disabled():
        return SubmissionToken.objects.create(
            token=new_token(),
            school=school,
            user=user,
            url="/",
            created_at=timezone.now() - datetime.timedelta(days=days_old),
        )


def test_tokens_older_than_thirty_days_are_pruned_on_the_next_write(staff_client, staff, school, other_school):
    old, recent = token_row(school, 31, staff), token_row(school, 29, staff)
    elsewhere = token_row(other_school, 31)
    staff_client.post(reverse("activities:activity_create"), {**activity_post(school), FIELD_NAME: new_token()})

    with scopes_disabled():
        left = set(SubmissionToken.objects.values_list("pk", flat=True))
    assert old.pk not in left
    assert {recent.pk, elsewhere.pk} <= left


@pytest.mark.django_db(transaction=True)
def test_two_identical_posts_at_once_make_one_activity(staff, school, monkeypatch):
    """Both requests look the token up before either has saved; the database's unique key
    makes the second wait for the first and then land on its activity."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads cannot share an in-memory SQLite database; run it on PostgreSQL")
    both_looked = threading.Barrier(2, timeout=10)
    looked_up = threading.local()
    earlier_submission = OneTimeSubmissionMixin.earlier_submission

    def look_up_together(self, token):
        found = earlier_submission(self, token)
        if not getattr(looked_up, "done", False):
            looked_up.done = True
            both_looked.wait()
        return found

    monkeypatch.setattr(OneTimeSubmissionMixin, "earlier_submission", look_up_together)
    data = {**activity_post(school), FIELD_NAME: new_token()}
    responses = post_at_once(staff, lambda client: client.post(reverse("activities:activity_create"), data))

    assert activity_count() == 1
    assert [r.status_code for r in responses] == [302, 302]
    with scopes_disabled():
        activity = Activity.objects.get()
    assert {r["Location"] for r in responses} == {activity.get_absolute_url()}
