"""A session of the congress (教代会) or of the all-staff assembly (教职工大会), the topics of
the principal's work report, sessions of any year from 2000, and numbers too large for a
database in every congress form."""

import datetime
import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from congress.choices import TermKind
from congress.models import CongressTerm, Delegate, Proposal, Session, Suggestion, Vote
from congress.selectors import congress_figures
from congress.services import record_attendance
from reports.assembly import assemble
from reports.periods import Period

from ..factories import MemberFactory
from .factories import (
    AgendaItemFactory,
    MotionFactory,
    ProposalFactory,
    SessionFactory,
    SuggestionDriveFactory,
    term_with_delegates,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hasher")]

HUGE = "99999999999999999999"


def session_post(term, **changes):
    data = {
        "term": term.pk,
        "number": 3,
        "body": "",
        "kind": "regular",
        "held_on": "2025-03-14",
        "place": "报告厅",
        "theme": "",
        "report": "",
        "report_topics": "",
        "loaded_version": 1,
    }
    data.update(changes)
    return data


def heading(page):
    return re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)


def create_session(client, term, **changes):
    response = client.post(reverse("congress:session_create"), session_post(term, **changes))
    assert response.status_code == 302, response.context["form"].errors
    with scopes_disabled():
        return Session.objects.order_by("-pk").first()


# --- Congress or all-staff assembly ---------------------------------------------------


def test_all_staff_assembly_session_kind_shown_in_list_page_and_selectors(staff_client, school):
    """A school with a congress term holds a 教职工大会 too: it is never printed as 教代会."""
    with scopes_disabled():
        term, _members = term_with_delegates(school, 3)
    assembly = create_session(staff_client, term, number=4, body=TermKind.STAFF_ASSEMBLY, theme="通报财务收支")
    congress = create_session(staff_client, term, number=3, held_on="2025-03-01")
    assert (assembly.body, congress.body) == (TermKind.STAFF_ASSEMBLY, TermKind.CONGRESS)

    page = staff_client.get(assembly.get_absolute_url()).content.decode()
    assert heading(page).strip() == "四届四次教职工大会"
    assert re.search(r'id="session-body">\s*教职工大会<', page)
    listing = staff_client.get(reverse("congress:session_list")).content.decode()
    assert 'data-body="staff_assembly">教职工大会<' in listing
    assert 'data-body="congress">教职工代表大会<' in listing

    with scopes_disabled():
        sessions = congress_figures(school, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))["sessions"]
        summary = assemble(school, Period.calendar_year(2025))
    assert [(s["label"], s["body"], s["body_label"]) for s in sessions] == [
        ("四届三次", "congress", "教职工代表大会"),
        ("四届四次", "staff_assembly", "教职工大会"),
    ]
    democracy = next(part for part in summary.sections if part.key == "democracy")
    text = " ".join(item.text for item in democracy.items)
    # Each session is told with its own body: the assembly is no congress.
    assert "四届三次教职工代表大会" in text and "四届四次教职工大会" in text
    assert "四届四次教职工代表大会" not in text
    assert {figure.key: figure.value for figure in democracy.figures}["sessions"] == "2"


def test_session_kind_defaults_to_the_term_s(staff_client, school):
    with scopes_disabled():
        term = CongressTerm.objects.create(school=school, number=2, start_year=2024, kind=TermKind.STAFF_ASSEMBLY)
    session = create_session(staff_client, term)
    assert session.body == TermKind.STAFF_ASSEMBLY and session.is_assembly
    form = staff_client.get(reverse("congress:session_update", args=[session.pk])).context["form"]
    assert form.initial["body"] == TermKind.STAFF_ASSEMBLY


# --- Topics of the principal's work report -------------------------------------------------


def test_report_topics_entered_one_a_line_shown_and_read_by_the_selectors(staff_client, teacher, client, school):
    with scopes_disabled():
        term, _members = term_with_delegates(school, 3)
    session = create_session(
        staff_client, term, report_topics="教育教学质量稳步提升\n\n  校园基础设施改造 \n教师专业发展"
    )
    assert session.topics == ["教育教学质量稳步提升", "校园基础设施改造", "教师专业发展"]
    client.force_login(teacher)
    page = client.get(session.get_absolute_url()).content.decode()
    topics = re.search(r'<ol class="small mb-0" id="report-topics">(.*?)</ol>', page, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", topics) == ["教育教学质量稳步提升", "校园基础设施改造", "教师专业发展"]
    with scopes_disabled():
        figures = congress_figures(school, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert figures["sessions"][0]["report_topics"] == ["教育教学质量稳步提升", "校园基础设施改造", "教师专业发展"]


# --- Any year from 2000 ----------------------------------------------------------------------


def test_sessions_of_any_year_back_to_2000(staff_client, school):
    with scopes_disabled():
        term, _members = term_with_delegates(school, 3)
    assert create_session(staff_client, term, held_on="2000-09-10").held_on == datetime.date(2000, 9, 10)
    for day in ("1999-12-31", "9999-12-31"):
        response = staff_client.post(reverse("congress:session_create"), session_post(term, held_on=day))
        assert response.status_code == 200
        year, month, date = (int(part) for part in day.split("-"))
        assert response.context["form"].errors["held_on"] == [
            "{}年{}月{}日不在2000年1月1日至2100年12月31日之间，请检查日期。".format(year, month, date)
        ]
    with scopes_disabled():
        assert Session.all_objects.count() == 1


# --- Numbers too large for a database ------------------------------------------------------


def test_overflow_integers_in_the_session_and_term_forms_are_form_errors(staff_client, school):
    with scopes_disabled():
        term, _members = term_with_delegates(school, 3)
    response = staff_client.post(
        reverse("congress:session_create"), {**session_post(term), "term": HUGE, "number": HUGE}
    )
    assert response.status_code == 200
    assert {"term", "number"} <= set(response.context["form"].errors)
    response = staff_client.post(
        reverse("congress:term_create"),
        {"number": 5, "start_year": 2026, "kind": "congress", "delegates": [HUGE], "group": "", "loaded_version": 1},
    )
    assert response.status_code == 200 and "delegates" in response.context["form"].errors
    with scopes_disabled():
        assert Session.all_objects.count() == 0 and CongressTerm.all_objects.count() == 1


def test_overflow_integers_in_votes_attendance_and_groups_change_nothing(staff_client, school):
    with scopes_disabled():
        term, members = term_with_delegates(school, 3)
        session = SessionFactory(term=term)
        record_attendance(session, [m.pk for m in members])
        motion = MotionFactory(agenda_item=AgendaItemFactory(session=session))
    vote_url = reverse("congress:motion_vote", args=[motion.pk])
    for data in (
        {"votes_for": HUGE, "votes_against": 0, "abstentions": 0},
        {"votes_for": 3, "votes_against": 0, "abstentions": 0, "clause": HUGE},
    ):
        assert staff_client.post(vote_url, data).status_code == 302
    assert (
        staff_client.post(reverse("congress:session_attendance", args=[session.pk]), {"present": [HUGE]}).status_code
        == 302
    )
    groups = {"group-{}".format(HUGE): "越界"}
    assert staff_client.post(reverse("congress:term_groups", args=[term.pk]), groups).status_code == 302
    with scopes_disabled():
        assert not Vote.objects.exists()
        assert not Delegate.objects.filter(group="越界").exists()


def test_overflow_integers_in_proposals_and_suggestions_are_form_errors(staff_client, school):
    with scopes_disabled():
        proposal = ProposalFactory(school=school)
        drive = SuggestionDriveFactory(school=school)
        MemberFactory(school=school)
    response = staff_client.post(
        reverse("congress:proposal_create"),
        {"title": "提案", "reasons": "理由", "measures": "措施", "proposer": HUGE, "loaded_version": 1},
    )
    assert response.status_code == 200 and "proposer" in response.context["form"].errors
    second = staff_client.post(reverse("congress:proposal_second", args=[proposal.pk]), {"member": HUGE}, follow=True)
    assert "请选择附议的会员。" in [str(m) for m in second.context["messages"]]
    transition = staff_client.post(
        reverse("congress:proposal_transition", args=[proposal.pk]),
        {"state": "accepted", "on": "2025-03-20", "department": HUGE},
    )
    assert transition.status_code == 302
    staff_client.post(
        reverse("congress:suggestion_add", args=[drive.pk]),
        {"new-member": HUGE, "new-text": "建议", "new-received_on": "2025-04-10"},
    )
    evaluation = staff_client.post(
        reverse("congress:evaluation_create"),
        {
            "subject": "校长",
            "evaluated_on": "2025-06-20",
            "excellent": HUGE,
            "competent": 1,
            "basically_competent": 0,
            "incompetent": 0,
            "loaded_version": 1,
        },
    )
    assert evaluation.status_code == 200 and "excellent" in evaluation.context["form"].errors
    with scopes_disabled():
        assert Proposal.objects.count() == 1 and Proposal.objects.get().state == "submitted"
        assert not Suggestion.objects.exists()
