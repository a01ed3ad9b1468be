"""Assembling the annual summary from a year of records shaped like seed 000: every
section with its figures, sentences and items in order, as the seeds write them."""

import datetime
import re
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from activities.choices import VisitReason
from congress.services import record_attendance
from reports.assembly import assemble
from reports.periods import Period

from ..activity_factories import VisitFactory
from ..congress.factories import AgendaItemFactory, MotionFactory, SessionFactory
from ..factories import MemberFactory
from .seed_year import seed_year

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 15)


@pytest.fixture
def year(school):
    return seed_year(school)


@pytest.fixture
def summary(school, year):
    return assemble(school, Period.calendar_year(2018), today=TODAY)


def people(records, field="participants"):
    """Members counted once per record (人次)."""
    with scopes_disabled():
        return sum(getattr(record, field).count() for record in records)


def section(document, key):
    return next(s for s in document.sections if s.key == key)


def figure(part, key):
    return next(f.value for f in part.figures if f.key == key)


def test_title_period_and_signing_date_follow_the_seeds(school, summary):
    assert summary.title == "2018年{}工会工作总结".format(school.name)
    assert summary.school_name == school.name
    assert summary.period_label == "2018年"
    assert summary.signed_on == datetime.date(2018, 12, 31)


def test_every_section_with_records_in_the_default_order(summary):
    assert [(s.key, s.heading) for s in summary.sections] == [
        ("ethics", "师德师风建设"),
        ("competence", "师能建设"),
        ("democracy", "民主管理"),
        ("care", "关爱与维权"),
        ("culture", "文体活动"),
        ("women", "女工工作"),
        ("care_action", "168爱生行动"),
    ]


def test_ethics_items_by_date_with_the_numbered_month_and_its_activities(year, summary):
    ethics = section(summary, "ethics")
    assert [item.key for item in ethics.items] == [
        "campaign:{}".format(year.action.pk),
        "pledge:{}".format(year.pledge.pk),
        "activity:{}".format(year.discussion.pk),
        "campaign:{}".format(year.month.pk),
        "activity:{}".format(year.essays.pk),
        "activity:{}".format(year.talks.pk),
    ]
    month = ethics.items[3]
    assert month.date == year.month.launched_on
    assert month.text.startswith(
        "9月3日，第十一个师德建设月启动。学校举行第十一个“师德建设月”活动启动仪式，然后落实各项活动。"
    )
    assert "共开展{}项活动：".format(len(year.month_activities)) in month.text
    for activity in year.month_activities:
        assert activity.title in month.text
    people_of = people(year.month_activities)
    assert month.text.endswith("参与{}人次。".format(people_of))


def test_an_item_takes_the_first_sentence_of_its_description(year, summary):
    ethics = section(summary, "ethics")
    discussion = next(i for i in ethics.items if i.key == "activity:{}".format(year.discussion.pk))
    first = year.discussion.description.split("。")[0] + "。"
    assert discussion.text == "5月16日，师德大讨论。{}参与{}人次。".format(first, len(year.members))
    essays = next(i for i in ethics.items if i.key == "activity:{}".format(year.essays.pk))
    assert "撰写征文！" in essays.text and "共收到" not in essays.text
    talks = next(i for i in ethics.items if i.key == "activity:{}".format(year.talks.pk))
    assert "进行教师师德宣讲。参与" in talks.text


def test_pledges_signed_of_members_bound(year, summary):
    ethics = section(summary, "ethics")
    bound = len(year.members)
    with scopes_disabled():
        signed = year.pledge.signatures.filter(signed_on__isnull=False).count()
    assert signed == bound - 1
    assert figure(ethics, "pledge_signed:{}".format(year.pledge.pk)) == str(signed)
    assert figure(ethics, "pledge_bound:{}".format(year.pledge.pk)) == str(bound)
    rate = "{:.1f}%".format(signed * 100 / bound)
    assert "“拒绝有偿补课公开承诺”应签{}人，已签{}人，签署率{}。".format(bound, signed, rate) in ethics.sentences


def test_ethics_activities_counted_in_a_sentence(year, summary):
    ethics = section(summary, "ethics")
    activities = [year.discussion, *year.month_activities, year.essays, year.talks]
    taking_part = people(activities)
    assert figure(ethics, "activities") == str(len(activities))
    assert ethics.sentences[0] == "全年开展活动{}项，参与{}人次。".format(len(activities), taking_part)


def test_competence_awards_in_person_times_and_promotions(year, summary):
    competence = section(summary, "competence")
    district_and_above = people([a for a in year.awards if a.level >= 2], "members")
    assert "{}人次在区级及以上比赛中获奖。".format(district_and_above) in competence.sentences
    assert "7人次在区级及以上比赛中获奖。" in competence.sentences
    assert "2位教师晋升职称（高级教师1人，一级教师1人）。" in competence.sentences
    assert "2018—2019学年共3对师徒结对。" in competence.sentences
    assert figure(competence, "award_person_times") == str(people(year.awards, "members"))
    assert figure(competence, "award_level:1") == "2"
    assert figure(competence, "promotions") == "2"
    assert figure(competence, "mentor_pairs") == str(len(year.mentor_pairs))
    assert [item.key for item in competence.items] == ["activity:{}".format(year.contest.pk)]


def test_democracy_congress_with_its_label_motion_sentence_proposals_and_notices(year, summary):
    democracy = section(summary, "democracy")
    assert [item.key for item in democracy.items] == [
        "session:{}".format(year.session.pk),
        "evaluation:{}".format(year.evaluation.pk),
    ]
    session = democracy.items[0].text
    assert session.startswith("3月14日，召开四届三次教职工代表大会，审议奖励性绩效工资发放办法。")
    assert "《奖励性绩效工资发放办法修改稿》3条修改条款均以80%以上的赞同率通过" in session
    evaluation = democracy.items[1].text
    assert evaluation == "6月28日，开展对校级领导的民主评议，满意率{}%。".format(year.evaluation.satisfaction_rate)
    assert "全年召开教职工代表大会1次（四届三次）。" in democracy.sentences
    handled = sum(1 for p in year.proposals if p.state == "replied")
    assert "共收到提案{}件，已处理{}件。".format(len(year.proposals), handled) in democracy.sentences
    assert "校务公开4项（财务2项、招生1项、职评1项）。" in democracy.sentences
    assert figure(democracy, "notices") == str(len(year.notices))
    assert figure(democracy, "motion_rate:{}".format(year.motion.pk)) == "88.9%"


def test_care_visits_by_reason_with_yuan_and_greetings(year, summary):
    care = section(summary, "care")
    total = sum((v.amount for v in year.visits), Decimal("0"))
    illness = sum((v.amount for v in year.visits if v.reason == "illness"), Decimal("0"))
    assert figure(care, "visits") == str(len(year.visits))
    assert figure(care, "visit_yuan") == "{:,.2f}".format(total)
    assert figure(care, "visit_yuan:illness") == "{:,.2f}".format(illness)
    assert care.sentences[
        0
    ] == "全年慰问教职工3人次（生育1人次、600.00元；生病住院2人次、{:,.2f}元），共计{:,.2f}元。".format(illness, total)
    spring, _women, autumn = year.greetings
    assert [item.key for item in care.items] == ["greeting:{}".format(spring.pk), "greeting:{}".format(autumn.pk)]
    assert care.items[0].text == "2月9日，开展春节慰问，慰问12人，共计2,400.00元。"
    assert "开展节日慰问3次，惠及29人次，共计5,800.00元。" in care.sentences


def test_culture_women_and_care_action(year, summary):
    culture = section(summary, "culture")
    assert [item.key for item in culture.items] == [
        "activity:{}".format(year.tug_of_war.pk),
        "activity:{}".format(year.volleyball.pk),
    ]
    assert culture.items[1].text.endswith("参与{}人次。".format(8 + year.volleyball.outside_participants))
    assert "学校有教工社团1个（气排球队），成员8人，全年开展活动1次。" in culture.sentences

    women = section(summary, "women")
    assert [item.key for item in women.items] == [
        "greeting:{}".format(year.greetings[1].pk),
        "activity:{}".format(year.women_talk.pk),
    ]
    assert women.items[0].text.startswith("3月8日，开展三八妇女节慰问")

    care_action = section(summary, "care_action")
    talks = sum(log.talks for log in year.care_logs)
    assert figure(care_action, "pairs") == str(len(year.care_pairs))
    assert figure(care_action, "talks") == str(talks)
    assert figure(care_action, "months_both_met") == "2"
    assert "2位教师与2名学生结对。" in care_action.sentences
    assert any("（目标6次）" in s and "（目标8次）" in s for s in care_action.sentences)
    assert "3个月次中2个月次谈心家访与辅导均达标，达标率66.7%。" in care_action.sentences


def test_every_word_of_the_summary_is_chinese(summary):
    """Headings, items, sentences and figure labels carry no untranslated English."""
    printed = [summary.title, summary.period_label]
    for part in summary.sections:
        printed += [part.heading, *part.sentences, *(i.text for i in part.items), *(f.label for f in part.figures)]
    untranslated = [text for text in printed if re.search(r"[A-Za-z]{2,}", text)]
    assert untranslated == []


def test_two_sessions_with_the_same_label_keep_their_own_motions(school, year):
    """Motions are matched to their session by the session, not by its printed 届次."""
    with scopes_disabled():
        twin = SessionFactory(
            term=year.session.term, number=year.session.number, held_on=datetime.date(2018, 11, 20), theme=""
        )
        record_attendance(twin, list(year.session.attendances.values_list("member_id", flat=True)))
        MotionFactory(agenda_item=AgendaItemFactory(session=twin), title="食堂管理办法")
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    items = {item.key: item.text for item in section(document, "democracy").items}
    assert "食堂管理办法" in items["session:{}".format(twin.pk)]
    assert "食堂管理办法" not in items["session:{}".format(year.session.pk)]
    assert "奖励性绩效工资" not in items["session:{}".format(twin.pk)]


def test_gifts_in_kind_alone_print_no_zero_yuan(school):
    with scopes_disabled():
        member = MemberFactory(school=school, name="唐红")
        VisitFactory(
            school=school,
            member=member,
            reason=VisitReason.GOLDEN_WEDDING,
            amount=None,
            gifts="鲜花",
            visited_on=datetime.date(2018, 5, 2),
        )
    care = section(assemble(school, Period.calendar_year(2018), today=TODAY), "care")

    assert care.sentences[0] == "全年慰问教职工1人次（金婚1人次）。"
    assert "0.00" not in "".join(care.sentences)
