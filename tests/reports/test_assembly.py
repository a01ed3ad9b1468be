"""Assembling the annual summary from a year of records shaped like seed 000: each record in
the section and sub-point a union would tell it in, with the names, counts and money the
seeds give, and nothing a union would not print."""

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
from .reading import item, key, place, printed, section, section_keys, telling, whole
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


def names(members):
    with scopes_disabled():
        return [m.name for m in members]


def test_title_period_signature_and_signing_date_follow_the_seeds(school, summary):
    assert summary.title == "清溪区实验初级中学2018年度工会工作总结"
    assert summary.school_name == school.name
    assert summary.period_label == "2018年"
    assert summary.signature == "清溪区实验初级中学工会"
    assert summary.signed_on == datetime.date(2018, 12, 31)


def test_every_section_with_records_in_the_default_order_under_a_sentence_heading(summary):
    assert section_keys(summary) == ["ethics", "competence", "democracy", "care", "culture", "women", "care_action"]
    # A heading says what the union did and to what end: two clauses, never a category's name.
    for part in summary.sections:
        assert "，" in part.heading, part.heading
        assert part.intro


def test_ethics_campaigns_then_the_pledge_then_the_other_activities(year, summary):
    ethics = section(summary, "ethics")
    assert [i.key for i in ethics.items[:3]] == [
        key(year.action),
        key(year.month),
        "pledgedrive:{}".format(year.pledge.pk),
    ]
    others = ethics.items[3]
    assert set(others.sources) == {key(year.discussion), key(year.essays), key(year.talks)}
    # The section's own category is titled by the work it holds, not by the section's name.
    assert others.title == "开展师德教育活动"


def test_the_ethics_month_tells_its_edition_theme_and_every_activity_in_order(year, summary):
    month = item(summary, key(year.month))
    assert month.title == "师德建设月"
    assert month.date == year.month.launched_on
    assert month.sources == [key(year.month), *(key(a) for a in year.month_activities)]
    assert month.text.startswith("九月，")
    assert "第十一个“师德建设月”" in month.text
    positions = [month.text.index(a.title) for a in year.month_activities]
    assert positions == sorted(positions)
    # No stock count of person-times closes the paragraph: they are among the section's figures.
    assert "人次" not in month.text


def test_an_activity_is_told_with_what_its_description_says(year, summary):
    others = telling(summary, key(year.discussion))
    assert "学校组织教师学习《新时代中小学教师职业行为十项准则》，并分年级组进行大讨论" in others.text
    assert "撰写征文！共收到征文十二篇" in others.text
    assert "进行教师师德宣讲" in others.text
    # The paragraph does not count people per activity as a ledger would.
    assert not re.search(r"参与\d+人次", others.text)


def test_the_pledge_says_how_many_signed_and_how_many_have_not(year, summary):
    pledge = item(summary, "pledgedrive:{}".format(year.pledge.pk))
    signed = len(year.members) - 1
    assert pledge.title == "拒绝有偿补课"
    assert "{}名教职工签署了《拒绝有偿补课公开承诺》".format(signed) in pledge.text
    assert "还有1人尚未签署" in pledge.text
    assert "%" not in pledge.text


def test_competence_mentoring_awards_in_person_times_and_promotions(year, summary):
    competence = section(summary, "competence")
    assert [i.key for i in competence.items] == ["mentoring", "awards:results", "category:competence:{}".format(
        year.contest.category_id
    )]  # fmt: skip
    mentoring = item(summary, "mentoring")
    assert "2018—2019学年" in mentoring.text
    assert mentoring.text.count("结为师徒") == 1
    with scopes_disabled():
        for pair in year.mentor_pairs:
            assert "{}与{}".format(pair.mentor.name, pair.mentee.name) in mentoring.text
    assert "研讨1次" in mentoring.text
    assert sorted(mentoring.sources) == sorted("mentorpair:{}".format(p.pk) for p in year.mentor_pairs)

    results = item(summary, "awards:results")
    district_and_above = people([a for a in year.awards if a.level >= 3], "members")
    assert district_and_above == 7
    assert "7人次在区级及以上比赛和评比中获奖" in results.text
    assert "2位教师晋升职称" in results.text
    with scopes_disabled():
        assert "{}晋升为一级教师".format(year.promotions[0].member.name) in results.text
        assert "{}晋升为高级教师".format(year.promotions[1].member.name) in results.text
    assert set(results.sources) == {key(a) for a in year.awards} | {key(p) for p in year.promotions}


def test_democracy_congress_notices_and_evaluation_under_their_groups(year, summary):
    democracy = section(summary, "democracy")
    assert [(i.key, i.group) for i in democracy.items] == [
        ("congress", "congress"),
        ("disclosure", "disclosure"),
        ("evaluations", "evaluation"),
    ]
    assert [g.heading for g, _items in democracy.blocks()] == [
        "坚持教代会制度，参与民主决策",
        "坚持校务公开，接受教职工监督",
        "认真开展民主评议",
    ]
    congress = item(summary, "congress")
    assert congress.title == "教职工代表大会工作规范有序"
    assert "四届三次教职工代表大会" in congress.text
    assert "审议奖励性绩效工资发放办法" in congress.text
    assert "《奖励性绩效工资发放办法修改稿》" in congress.text
    assert "3条修改条款均以80%以上的赞同率通过" in congress.text
    handled = sum(1 for p in year.proposals if p.state == "replied")
    assert "征集教职工提案{}件，已办理{}件".format(len(year.proposals), handled) in congress.text

    disclosure = item(summary, "disclosure")
    assert "共公示{}项".format(len(year.notices)) in disclosure.text
    assert "财务、招生、职评等工作情况" in disclosure.text
    assert sorted(disclosure.sources) == sorted(key(n) for n in year.notices)

    evaluation = item(summary, "evaluations")
    assert "对校级领导进行民主评议" in evaluation.text
    assert evaluation.sources == [key(year.evaluation)]


def test_care_visits_by_reason_with_their_yuan(year, summary):
    visits = item(summary, "care:visits")
    assert place(summary, key(year.visits[0])) == ("care", "care:visits", "care")
    ill, childbirth = names([year.visits[0].member, year.visits[1].member]), names([year.visits[2].member])[0]
    # Each visit as it happened, with the union's habit over the year's occasions.
    assert "生养子女、生病住院等情况" in visits.text
    assert "{}老师生病住院".format(ill[0]) in visits.text and "{}老师生病住院".format(ill[1]) in visits.text
    assert "{}老师喜添宝宝".format(childbirth) in visits.text
    total = sum((v.amount for v in year.visits), Decimal("0"))
    assert "全年送出慰问金{}元".format(int(total)) in visits.text
    assert sorted(visits.sources) == sorted(key(v) for v in year.visits)


def test_festival_greetings_in_care_and_womens_day_with_the_women(year, summary):
    spring, womens_day, autumn = year.greetings
    greetings = item(summary, "care:greetings")
    assert sorted(greetings.sources) == sorted(
        ["greetingbatch:{}".format(spring.pk), "greetingbatch:{}".format(autumn.pk)]
    )
    assert "春节、中秋节等传统节日" in greetings.text
    assert "发放节日福利4800元" in greetings.text  # 12 people × 200 yuan, twice

    women = section(summary, "women")
    [told] = women.items
    assert set(told.sources) == {"greetingbatch:{}".format(womens_day.pk), key(year.women_talk)}
    assert "“三八”妇女节" in told.text and "共1000元" in told.text
    assert "女教师座谈交流" in told.text


def test_culture_activities_and_the_club_with_its_outing(year, summary):
    culture = section(summary, "culture")
    assert [i.key for i in culture.items] == ["culture:activities", "culture:clubs"]
    assert item(summary, "culture:activities").sources == [key(year.tug_of_war)]
    clubs = item(summary, "culture:clubs")
    assert set(clubs.sources) == {key(year.volleyball_team), key(year.volleyball)}
    assert "组建了气排球队" in clubs.text
    assert "气排球比赛" in clubs.text


def test_the_168_action_with_its_pairs_and_months(year, summary):
    action = section(summary, "care_action")
    pairs = item(summary, "care_action")
    talks = sum(log.talks for log in year.care_logs)
    tutoring = sum(log.tutoring for log in year.care_logs)
    assert "2位教师与2名需要帮助的学生结成帮扶对子" in pairs.text
    assert "谈心家访{}次、辅导{}次".format(talks, tutoring) in pairs.text
    assert place(summary, key(year.care_launch))[0] == "care_action"
    assert len(action.items) == 2


def test_every_word_of_the_summary_is_chinese(summary):
    """Title, headings, lead paragraphs, sub-points and signature carry no English."""
    untranslated = [text for text in printed(summary) if re.search(r"[A-Za-z]{2,}", text)]
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
    congress = item(document, "congress")
    assert [s for s in congress.sources if s.startswith("session:")] == [key(year.session), key(twin)]
    first, second = [s for s in congress.text.split("。") if "教职工代表大会" in s]
    assert "奖励性绩效工资" in first and "食堂管理办法" not in first
    assert "食堂管理办法" in second and "奖励性绩效工资" not in second


def test_gifts_in_kind_alone_print_no_zero_yuan(school):
    with scopes_disabled():
        member = MemberFactory(school=school, name="唐红")
        visit = VisitFactory(
            school=school,
            member=member,
            reason=VisitReason.GOLDEN_WEDDING,
            amount=None,
            gifts="鲜花",
            visited_on=datetime.date(2018, 5, 2),
        )
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    visits = telling(document, key(visit))
    assert "唐红老师夫妇金婚" in visits.text
    assert "元" not in whole(document)
