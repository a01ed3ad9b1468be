"""Change detection: when records change after a version was frozen, the preview shows
what changed since that version — new, removed and changed items (by item key) and
figures (by figure key)."""

import copy
import datetime

import pytest
from django_scopes import scopes_disabled

from reports.diff import changes_since
from reports.document import Figure, Item, Section, SummaryDocument
from tests.activity_factories import ActivityFactory

from .freezing import freeze
from .seed_year import category, day, seed_year

URL = "/reports/2018/"


def document():
    return SummaryDocument(
        title="总结",
        school_name="测试学校",
        period_label="2018年",
        signed_on=datetime.date(2018, 12, 31),
        sections=[
            Section(
                key="ethics",
                heading="师德师风建设",
                items=[Item("activity:1", "甲活动"), Item("activity:2", "乙活动")],
                figures=[Figure("activities", "活动", "2"), Figure("pledge_rate", "签署率", "91.7%")],
            ),
            Section(key="care", heading="关爱与维权", figures=[Figure("activities", "活动", "5")]),
        ],
    )


def test_nothing_changed_is_empty():
    changes = changes_since(document(), document(), 1)
    assert not changes
    assert changes.since == 1


def test_new_removed_and_changed_items_are_found_by_key():
    then = document()
    now = copy.deepcopy(then)
    ethics = now.sections[0]
    ethics.items = [Item("activity:2", "乙活动（改）"), Item("activity:3", "丙活动")]
    changes = changes_since(now, then, 3)
    assert [(c.key, c.new) for c in changes.new_items] == [("activity:3", "丙活动")]
    assert [(c.key, c.old) for c in changes.removed_items] == [("activity:1", "甲活动")]
    assert [(c.key, c.old, c.new) for c in changes.changed_items] == [("activity:2", "乙活动", "乙活动（改）")]
    assert changes.new_items[0].section == "师德师风建设"


def test_reordering_or_hiding_is_not_a_change_of_the_records():
    then = document()
    now = copy.deepcopy(then)
    now.sections[0].items.reverse()
    now.sections[0].items[0].hidden = True
    now.sections.reverse()
    assert not changes_since(now, then)


def test_figures_are_compared_by_key_within_their_section():
    then = document()
    now = copy.deepcopy(then)
    now.sections[0].figures = [Figure("activities", "活动", "3"), Figure("talks", "宣讲", "1")]
    changes = changes_since(now, then)
    assert [(c.key, c.old, c.new) for c in changes.changed_figures] == [("activities", "2", "3")]
    assert [c.key for c in changes.new_figures] == ["talks"]
    assert [c.key for c in changes.removed_figures] == ["pledge_rate"]
    # The care section's own "activities" figure did not change.
    assert all(c.section == "师德师风建设" for c in changes.changed_figures)


@pytest.fixture
def year(school):
    return seed_year(school)


def test_the_preview_shows_what_changed_since_the_last_version(chair_client, school, year):
    assert 'id="summary-changes"' not in chair_client.get(URL).content.decode()
    freeze(chair_client)
    page = chair_client.get(URL).content.decode()
    assert 'id="summary-changes"' in page and "data-change=" not in page

    with scopes_disabled():
        # A kind of work the year had not told: a new sub-point.
        ActivityFactory(
            school=school, title="工会小组长会议", category=category(school, "工会自身建设"), starts_on=day(11, 20)
        )
        # An activity renamed: its sub-point's paragraph changes.
        year.essays.title = "“争当四好教师”师德征文"
        year.essays.save()
        # The pledge drive deleted: its sub-point goes.
        year.pledge.soft_delete()
    page = chair_client.get(URL).content.decode()
    assert 'data-change="new-item"' in page and "工会小组长会议" in page
    assert 'data-change="changed-item"' in page and "争当四好教师" in page
    assert 'data-change="removed-item"' in page and "拒绝有偿补课公开承诺" in page

    # Once frozen again, the panel compares with the new version and is quiet.
    freeze(chair_client)
    page = chair_client.get(URL).content.decode()
    assert "data-change=" not in page
