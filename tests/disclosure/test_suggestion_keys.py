"""Staff know a suggestion by a random key, not by its id; a day's suggestions are listed
in an order that says nothing about which came first; and two staff answering the same
suggestion are told, instead of the second silently replacing the first."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from disclosure.models import Suggestion
from disclosure.models.suggestions import KEY_ALPHABET, KEY_LENGTH

from .factories import SuggestionFactory

pytestmark = pytest.mark.django_db

LIST = reverse("disclosure:suggestion_list")


def zh(message):
    with translation.override("zh-hans"):
        return gettext(message)


def login(user):
    client = Client()
    client.force_login(user)
    return client


def answer_url(suggestion):
    return reverse("disclosure:suggestion_answer", kwargs={"key": suggestion.key})


def fresh(suggestion):
    with scopes_disabled():
        return Suggestion.objects.get(pk=suggestion.pk)


# The key -------------------------------------------------------------------------------


def test_every_suggestion_gets_its_own_random_key(school):
    with scopes_disabled():
        keys = [SuggestionFactory(school=school).key for _ in range(20)]

    assert len(set(keys)) == 20
    assert all(len(key) == KEY_LENGTH and set(key) <= set(KEY_ALPHABET) for key in keys)


def test_the_page_shows_staff_the_key_and_never_the_id(staff_client, school):
    with scopes_disabled():
        letter = SuggestionFactory(school=school, anonymous=True)
    letter.pk = 7654321  # an id the page would show if it used ids
    with scopes_disabled():
        Suggestion.objects.filter(key=letter.key).update(id=7654321)

    page = staff_client.get(LIST).content.decode()

    assert letter.key in page
    assert 'id="suggestion-{}"'.format(letter.key) in page
    assert answer_url(letter) in page
    assert "7654321" not in page


def test_the_answer_page_answers_by_key_and_404_by_id(staff_client, school):
    with scopes_disabled():
        letter = SuggestionFactory(school=school)

    assert staff_client.get(answer_url(letter)).status_code == 200
    assert staff_client.get("/disclosure/suggestions/{}/answer/".format(letter.pk)).status_code == 404
    assert staff_client.get("/disclosure/suggestions/nosuchkey1/answer/").status_code == 404


def test_another_schools_suggestion_is_not_found_by_its_key(staff_client, other_school):
    with scopes_disabled():
        theirs = SuggestionFactory(school=other_school)

    assert staff_client.get(answer_url(theirs)).status_code == 404


def test_after_the_answer_staff_land_on_the_suggestion_by_its_key(staff_client, school):
    with scopes_disabled():
        letter = SuggestionFactory(school=school)

    response = staff_client.post(answer_url(letter), {"answer": "已转食堂", "loaded_version": letter.version})

    assert response.status_code == 302
    assert response.url == LIST + "#suggestion-{}".format(letter.key)


# The order -----------------------------------------------------------------------------


def test_a_days_suggestions_are_listed_by_key_not_by_arrival(staff_client, school):
    today = datetime.date(2025, 5, 6)
    with scopes_disabled():
        earlier = SuggestionFactory(school=school, written_on=today - datetime.timedelta(days=1), anonymous=True)
        arrivals = [SuggestionFactory(school=school, written_on=today, anonymous=bool(n % 2)) for n in range(12)]

    page = staff_client.get(LIST).content.decode()

    shown = re.findall(r'data-suggestion="([a-z0-9]+)"', page)
    by_key = sorted(s.key for s in arrivals)
    assert shown == by_key + [earlier.key], "the newest day first, within a day by key"


def test_the_list_shows_no_time_of_day(staff_client, school):
    with scopes_disabled():
        SuggestionFactory(school=school, anonymous=True, written_on=datetime.date(2025, 5, 6))

    page = staff_client.get(LIST).content.decode()

    assert "2025年5月6日" in page
    assert not re.search(r"\d{1,2}:\d{2}", page.split('id="suggestions"')[1])


# Two staff answering at once -----------------------------------------------------------


def loaded_version(response):
    return int(re.search(r'name="loaded_version" value="(\d+)"', response.content.decode()).group(1))


def test_a_second_answer_does_not_silently_replace_the_first(staff, chair, school):
    with scopes_disabled():
        letter = SuggestionFactory(school=school, anonymous=True)
    first, second = login(staff), login(chair)
    first_version = loaded_version(first.get(answer_url(letter)))
    second_version = loaded_version(second.get(answer_url(letter)))

    assert first.post(answer_url(letter), {"answer": "已转食堂", "loaded_version": first_version}).status_code == 302
    response = second.post(answer_url(letter), {"answer": "会考虑", "loaded_version": second_version})

    assert response.status_code == 200
    stored = fresh(letter)
    assert (stored.answer, stored.answered_by) == ("已转食堂", staff)
    message = zh(
        "Someone else answered this suggestion after you opened it. Your answer was not saved; "
        "theirs is shown below. To replace it with yours, save again."
    )
    assert [str(m) for m in response.context["messages"]] == [message]
    page = response.content.decode()
    shown = page.split("data-stored-answer>")[1].split("</div>")[0]
    assert "已转食堂" in shown and str(staff.last_name) in page
    assert "会考虑" in page, "what they wrote is kept in the form"


def test_saving_again_after_the_refusal_replaces_the_answer(staff, chair, school):
    with scopes_disabled():
        letter = SuggestionFactory(school=school)
    first, second = login(staff), login(chair)
    version = loaded_version(first.get(answer_url(letter)))
    first.post(answer_url(letter), {"answer": "已转食堂", "loaded_version": version})
    refused = second.post(answer_url(letter), {"answer": "会考虑", "loaded_version": version})

    response = second.post(answer_url(letter), {"answer": "会考虑", "loaded_version": loaded_version(refused)})

    assert response.status_code == 302
    stored = fresh(letter)
    assert (stored.answer, stored.answered_by, stored.status) == ("会考虑", chair, "answered")


def test_an_answer_is_required(staff_client, school):
    with scopes_disabled():
        letter = SuggestionFactory(school=school)

    response = staff_client.post(answer_url(letter), {"answer": "", "loaded_version": letter.version})

    assert response.status_code == 200 and fresh(letter).answer == ""
