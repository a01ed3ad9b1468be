"""The fidelity check's own parts: the README's matching rule, the ratchet's shape, and the
browser that fills forms as a person would."""

import json
import re
from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from activities.models import Activity

from . import facts, seed_000, seed_003
from .browser import Browser, FormError
from .replay import chair_prose


def fact(must):
    return {"id": "x-1", "kind": "activity", "must": must, "record": "activity"}


def test_matching_ignores_spaces_and_quotes_on_both_sides():
    assert facts.found(fact("“个十百千万” + 实施方案"), facts.normalise("个 十百千万行动《实施 方案》"))
    assert facts.found(fact("苏教师[2018]23号"), facts.normalise("（苏教师[2018] 23号）"))


def test_every_part_of_must_has_to_appear():
    text = facts.normalise("九月，第十一个师德建设月")
    assert facts.found(fact("九月 + 第十一个 + 师德建设月"), text)
    assert not facts.found(fact("九月 + 第十二个 + 师德建设月"), text)


def test_a_fact_counts_only_when_every_text_has_it():
    report = facts.score([fact("家访"), fact("拔河比赛")], {"preview": "家访、拔河比赛", "docx": "家访"})
    assert report["found"] == 1
    assert report["share"] == 0.5
    assert report["missing"][0]["must"] == "拔河比赛"
    assert report["missing"][0]["missing_from"] == ["docx"]


def test_fact_lists_load_with_their_columns():
    for seed in ("000", "003"):
        rows = facts.load(seed)
        assert rows and {"id", "kind", "must", "record"} <= set(rows[0])
        assert all(row["id"].startswith(seed + "-") for row in rows)


def test_ratchet_names_each_replayed_seed_with_a_share():
    ratchet = json.loads((Path(__file__).parent / "ratchet.json").read_text())
    assert set(ratchet) == {"000", "003"}
    assert all(0 < share <= 1 for share in ratchet.values())


@pytest.mark.django_db
def test_browser_keeps_page_defaults_and_picks_options_by_label(chair_client, chair):
    browser = Browser(chair_client)
    response = browser.submit(
        "/activities/new/", {"title": "教职工拔河比赛", "category": "文体活动", "starts_on": "2018-04-02"}
    )
    with scopes_disabled():
        activity = Activity.objects.select_related("category").get(pk=browser.created_pk(response))
    assert activity.category.name == "文体活动"
    assert activity.outside_participants == 0  # the page's own default


@pytest.mark.django_db
def test_browser_refuses_fields_and_options_the_page_does_not_have(chair_client):
    browser = Browser(chair_client)
    with pytest.raises(FormError, match="no field"):
        browser.submit("/activities/new/", {"headline": "x"})
    with pytest.raises(FormError, match="no option"):
        browser.submit("/activities/new/", {"title": "x", "category": "不存在的类别"})


@pytest.mark.django_db
def test_browser_reports_a_form_error_instead_of_passing(chair_client):
    with pytest.raises(FormError, match="200"):
        Browser(chair_client).submit("/activities/new/", {"title": "", "category": "文体活动"})


@pytest.mark.parametrize("seed", ["000", "003"])
def test_the_chair_types_only_the_facts_of_kind_prose_and_no_figure(seed):
    module = {"000": seed_000, "003": seed_003}[seed]
    rows = facts.load(seed)
    parts, leads = chair_prose(module, rows)
    typed = "".join(parts.values()) + "".join(leads.values())
    assert not re.search(r"[0-9]", typed)
    for row in rows:
        sentence = re.sub(r"^[^，。：]{1,4}：", "", row["fact"])
        assert (sentence in typed) == (row["kind"] == "prose"), row["id"]


@pytest.mark.skipif(not (facts.SHARED_DIR / "000.tsv").exists(), reason="no shared/ beside the project")
@pytest.mark.parametrize("name", ["000.tsv", "003.tsv", "README.md"])
def test_the_kept_copy_of_the_fact_lists_is_the_shared_one(name):
    assert (facts.COPY_DIR / name).read_bytes() == (facts.SHARED_DIR / name).read_bytes()
