"""The congress in the demo: ``manage.py demo`` gives both schools a term with delegates in
groups, two regular sessions and one extraordinary with attendance and agenda, motions
voted (the performance-pay one clause by clause), proposals in every state with seconders
and dated steps, democratic evaluations and suggestion drives; nothing after today."""

import datetime
import random
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Count
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from congress.choices import ProposalState, SessionKind
from congress.demo import PERFORMANCE_PAY_CLAUSES, seed_congress
from congress.models import (
    Attendance,
    CongressSettings,
    CongressTerm,
    Delegate,
    DemocraticEvaluation,
    Motion,
    Proposal,
    Seconding,
    Session,
    Suggestion,
    SuggestionDrive,
    Vote,
)
from congress.services import min_seconders, motion_sentence, quorum
from members import demo as demo_registry
from members.management.commands.demo import Command as DemoCommand
from unionhub.models import School, User
from unionhub.roles import Role

from ..factories import SchoolFactory, UserFactory

HISTORY_MODELS = (CongressTerm, Session, Proposal, Seconding, Vote, Attendance, DemocraticEvaluation, Suggestion)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo_media")
    with django_db_blocker.unblock():
        with override_settings(DEBUG=True, MEDIA_ROOT=media):
            call_command("demo", stdout=StringIO())
        try:
            yield list(School.objects.order_by("pk"))
        finally:
            call_command("flush", interactive=False, verbosity=0)
            ContentType.objects.clear_cache()


@pytest.fixture
def schools(demo, db):
    with scopes_disabled():
        yield demo


def test_the_congress_seeder_is_registered_with_members():
    assert seed_congress in demo_registry.seeders()


def test_each_school_has_a_term_with_delegates_in_groups(schools):
    for school in schools:
        term = CongressTerm.objects.get(school=school)
        assert str(term).startswith("第四届")
        groups = Delegate.objects.filter(term=term).values("group").annotate(n=Count("pk"))
        assert len(groups) >= 3 and all(row["group"] and row["n"] >= 2 for row in groups)
        assert 20 <= Delegate.objects.filter(term=term).count() <= 40


def test_two_regular_sessions_and_one_extraordinary_with_attendance_at_quorum(schools):
    for school in schools:
        sessions = Session.objects.filter(school=school).order_by("held_on")
        kinds = [s.kind for s in sessions]
        assert kinds.count(SessionKind.REGULAR) == 2 and kinds.count(SessionKind.EXTRAORDINARY) == 1
        assert [str(s) for s in sessions] == ["四届一次", "四届二次（临时）", "四届三次"]
        for session in sessions:
            status = quorum(session)
            assert status["reached"] and status["present"] < status["electorate"]
            assert session.agenda.count() >= 2 and session.theme and session.place


def test_the_performance_pay_motion_is_voted_clause_by_clause_with_its_approval_rate(schools):
    for school in schools:
        motion = Motion.objects.get(school=school, title="奖励性绩效工资发放办法修改稿")
        assert str(motion.agenda_item.session) == "四届三次"
        clauses = list(motion.clauses.order_by("order"))
        assert [c.title for c in clauses] == PERFORMANCE_PAY_CLAUSES
        votes = Vote.objects.filter(motion=motion)
        assert votes.count() == 20 and not votes.filter(clause__isnull=True).exists()
        for vote in votes:
            assert vote.passed and vote.approval_rate > 90
            assert vote.ballots <= vote.present
        assert motion_sentence(motion) == "20条修改条款均以90%以上的赞同率通过"
        # Every other motion has one vote on the whole text.
        for other in Motion.objects.filter(school=school).exclude(pk=motion.pk):
            assert list(other.votes.values_list("clause", flat=True)) == [None]


def test_the_session_page_says_the_approval_rate(schools, client):
    client.force_login(User.objects.get(username="chair"))
    session = Session.objects.get(school=schools[0], number=3)
    page = client.get(reverse("congress:session_detail", args=[session.pk])).content.decode()
    assert "20条修改条款均以90%以上的赞同率通过" in page


def test_proposals_in_every_state_with_seconders_and_dated_steps(schools):
    today = timezone.localdate()
    for school in schools:
        proposals = Proposal.objects.filter(school=school)
        assert set(proposals.values_list("state", flat=True)) == set(ProposalState.values)
        needed = min_seconders(school.pk)
        for proposal in proposals:
            seconders = set(proposal.secondings.values_list("member_id", flat=True))
            assert proposal.proposer_id not in seconders
            if proposal.state == ProposalState.SUBMITTED:
                assert 1 <= len(seconders) < needed  # still collecting seconders
                window = CongressSettings.objects.get(school=school)
                assert window.proposals_open_from and window.accepts_proposals_on(proposal.submitted_on)
                assert proposal.decided_on is None
                continue
            assert len(seconders) >= needed
            assert proposal.submitted_on <= proposal.decided_on <= today
            steps = [proposal.submitted_on, proposal.decided_on]
            if proposal.state not in (ProposalState.ACCEPTED, ProposalState.OPINION, ProposalState.NOT_ACCEPTED):
                assert proposal.department_id and proposal.assigned_on
                steps.append(proposal.assigned_on)
            if proposal.state in (ProposalState.REPLIED, ProposalState.SATISFIED, ProposalState.UNSATISFIED):
                assert proposal.reply and proposal.replied_on
                steps.append(proposal.replied_on)
            if proposal.state in (ProposalState.SATISFIED, ProposalState.UNSATISFIED):
                steps.append(proposal.feedback_on)
            assert steps == sorted(steps) and steps[-1] <= today
            if proposal.state == ProposalState.NOT_ACCEPTED:
                assert proposal.decision_reason
            # One history row per step, each dated on the day of its step.
            history = proposal.history.order_by("history_date", "history_id")
            assert [timezone.localtime(h.history_date).date() for h in history] == steps


def test_the_teacher_login_has_a_replied_proposal_to_answer_and_one_to_second(schools, client):
    teacher = User.objects.get(username="teacher")
    replied = Proposal.objects.get(school=teacher.school, state=ProposalState.REPLIED)
    assert replied.proposer.user == teacher
    open_one = Proposal.objects.get(school=teacher.school, state=ProposalState.SUBMITTED)
    client.force_login(teacher)
    response = client.get(reverse("congress:proposal_detail", args=[open_one.pk]))
    assert response.context["can_second"]


def test_democratic_evaluations_and_suggestion_drives(schools):
    for school in schools:
        evaluations = DemocraticEvaluation.objects.filter(school=school)
        assert {"校级领导班子", "中层干部"} <= set(evaluations.values_list("subject", flat=True))
        for evaluation in evaluations:
            assert evaluation.ballots > 50 and evaluation.satisfaction_rate > 85
            assert str(evaluation.ballots) in evaluation.result
        drives = SuggestionDrive.objects.filter(school=school)
        assert drives.count() == 2 and drives.filter(title__contains="金点子").exists()
        for drive in drives:
            ideas = drive.suggestions.all()
            assert ideas.filter(adopted=True).exists() and ideas.filter(adopted=False).exists()
            assert not ideas.exclude(received_on__range=(drive.opens_on, drive.closes_on)).exists()
            assert not ideas.filter(evaluation="").exists()


def assert_nothing_after(school, today):
    now = timezone.now()
    checks = [
        Session.objects.filter(school=school, held_on__gt=today),
        Proposal.objects.filter(school=school, submitted_on__gt=today),
        Proposal.objects.filter(school=school, decided_on__gt=today),
        Proposal.objects.filter(school=school, assigned_on__gt=today),
        Proposal.objects.filter(school=school, replied_on__gt=today),
        Proposal.objects.filter(school=school, feedback_on__gt=today),
        Seconding.objects.filter(school=school, seconded_on__gt=today),
        DemocraticEvaluation.objects.filter(school=school, evaluated_on__gt=today),
        SuggestionDrive.objects.filter(school=school, closes_on__gt=today),
        Suggestion.objects.filter(school=school, received_on__gt=today),
    ]
    assert [qs.model.__name__ for qs in checks if qs.exists()] == []
    late = [m.__name__ for m in HISTORY_MODELS if m.history.filter(school_id=school.pk, history_date__gt=now).exists()]
    assert late == []


def test_nothing_is_dated_after_today(schools):
    for school in schools:
        assert_nothing_after(school, timezone.localdate())


# The seeder on its own, on other days ------------------------------------------------------


def demo_school(name, seed):
    school = SchoolFactory(name=name)
    rng = random.Random(seed)
    members = DemoCommand().load_school(rng, school, "T")
    for member, role in zip(members, (Role.CHAIR, Role.STAFF, Role.TEACHER), strict=False):
        member.user = UserFactory(username="{}-{}".format(role, school.pk), school=school, role=role)
        member.save()
    return school, members, rng


@pytest.mark.parametrize(
    "today",
    [datetime.date(2025, 9, 2), datetime.date(2026, 3, 20), datetime.date(2026, 3, 23), datetime.date(2026, 8, 31)],
    ids=str,
)
def test_on_any_day_the_congress_seeder_writes_every_kind_and_nothing_after_it(db, today):
    with scopes_disabled():
        school, members, rng = demo_school("清溪区实验初级中学", 3)
        seed_congress(school, members, rng, today)
        assert set(Proposal.objects.filter(school=school).values_list("state", flat=True)) == set(ProposalState.values)
        assert Session.objects.filter(school=school).count() == 3
        assert DemocraticEvaluation.objects.filter(school=school).exists()
        assert SuggestionDrive.objects.filter(school=school).count() == 2
        assert_nothing_after(school, today)


def test_the_congress_seeder_is_deterministic(db):
    today = datetime.date(2026, 5, 6)

    def seeded(name):
        school, members, rng = demo_school(name, 11)
        seed_congress(school, members, rng, today)
        votes = list(
            Vote.objects.filter(school=school)
            .order_by("motion__agenda_item__session__held_on", "motion__pk", "clause__order")
            .values_list("votes_for", "votes_against", "abstentions")
        )
        proposals = list(
            Proposal.objects.filter(school=school)
            .order_by("title")
            .values_list("title", "state", "proposer__name", "submitted_on", "replied_on")
        )
        return votes, proposals

    with scopes_disabled():
        assert seeded("甲校") == seeded("乙校")
