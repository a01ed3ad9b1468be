"""The migration that gives the suggestions already written a random key, and their
history rows the same key."""

import datetime

import pytest

from disclosure.models.suggestions import KEY_LENGTH
from tests import migrating

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = "0003_historicalholidaycalendarday_holidaycalendarday"


def migrate(disclosure_migration=None):
    return migrating.migrate("disclosure", disclosure_migration)


@pytest.fixture
def old_apps():
    apps = migrate(BEFORE)
    yield apps
    new = migrate()
    new.get_model("disclosure", "HistoricalSuggestion")._base_manager.all().delete()
    new.get_model("disclosure", "Suggestion")._base_manager.all().delete()


def test_existing_suggestions_and_their_history_get_a_key_of_their_own(old_apps):
    District = old_apps.get_model("unionhub", "District")
    School = old_apps.get_model("unionhub", "School")
    Suggestion = old_apps.get_model("disclosure", "Suggestion")
    HistoricalSuggestion = old_apps.get_model("disclosure", "HistoricalSuggestion")
    school = School.objects.create(district=District.objects.create(name="武进区"), name="青溪小学")
    day = datetime.date(2025, 5, 6)
    letters = [
        Suggestion._base_manager.create(school=school, subject="s{}".format(n), text="t", written_on=day)
        for n in range(3)
    ]
    for letter in letters:
        for kind in ("+", "~"):
            HistoricalSuggestion._base_manager.create(
                id=letter.pk,
                school=school,
                subject=letter.subject,
                text="t",
                written_on=day,
                recipient="union",
                status="open",
                history_date=datetime.datetime(2025, 5, 6, tzinfo=datetime.UTC),
                history_type=kind,
            )
    # The history of a suggestion deleted outright: a key of its own.
    HistoricalSuggestion._base_manager.create(
        id=999999,
        school=school,
        subject="gone",
        text="t",
        written_on=day,
        recipient="union",
        status="open",
        history_date=datetime.datetime(2025, 5, 6, tzinfo=datetime.UTC),
        history_type="-",
    )

    apps = migrate()

    Suggestion = apps.get_model("disclosure", "Suggestion")
    HistoricalSuggestion = apps.get_model("disclosure", "HistoricalSuggestion")
    keys = dict(Suggestion._base_manager.values_list("pk", "key"))
    assert len(set(keys.values())) == 3 and all(len(key) == KEY_LENGTH for key in keys.values())
    for pk, key in keys.items():
        assert set(HistoricalSuggestion._base_manager.filter(id=pk).values_list("key", flat=True)) == {key}
    orphan = HistoricalSuggestion._base_manager.get(id=999999).key
    assert orphan and orphan not in keys.values()
