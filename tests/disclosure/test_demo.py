"""Disclosure in the demo: ``manage.py demo`` gives both schools notices in every category
and every state (some in their window now, windows in working days), read receipts,
objections (some answered) and signed and anonymous suggestions; nothing after today but
the end of a window still open."""

import datetime
import random
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.management import call_command
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from disclosure.choices import DEFAULT_CATEGORIES, NoticeStatus, ObjectionStatus, SuggestionStatus
from disclosure.demo import seed_disclosure
from disclosure.models import Notice, NoticeAttachment, NoticeRead, Objection, Suggestion
from disclosure.workdays import window_end
from members import demo as demo_registry
from members.management.commands.demo import Command as DemoCommand
from unionhub.models import School, User
from unionhub.roles import Role
from unionhub.uploads import check_document

from ..factories import SchoolFactory, UserFactory


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo_media")
    with django_db_blocker.unblock():
        with override_settings(DEBUG=True, MEDIA_ROOT=media):
            call_command("demo", stdout=StringIO())
        try:
            yield {"media": media, "schools": list(School.objects.order_by("pk"))}
        finally:
            call_command("flush", interactive=False, verbosity=0)
            ContentType.objects.clear_cache()


@pytest.fixture
def schools(demo, db):
    with scopes_disabled():
        yield demo["schools"]


def states(school, today):
    return {notice.state(today) for notice in Notice.objects.filter(school=school)}


def test_the_disclosure_seeder_is_registered_with_members():
    assert seed_disclosure in demo_registry.seeders()


def test_notices_in_every_category_and_every_state(schools):
    today = timezone.localdate()
    for school in schools:
        notices = Notice.objects.filter(school=school)
        assert set(notices.values_list("category__name", flat=True)) == set(DEFAULT_CATEGORIES)
        assert states(school, today) == set(NoticeStatus.values)
        for notice in notices.filter(status=NoticeStatus.WITHDRAWN):
            assert notice.withdrawal_reason and notice.withdrawn_at.date() >= notice.starts_on
        # The archive spans two years, for the board's archive by year and the dashboard.
        assert notices.filter(starts_on__year=today.year - 1).exists()


def test_windows_are_counted_in_working_days_and_some_are_open_now(schools):
    today = timezone.localdate()
    for school in schools:
        notices = Notice.objects.filter(school=school)
        for notice in notices:
            assert notice.working_days and notice.ends_on == window_end(notice.starts_on, notice.working_days)
        current = [n for n in notices if n.in_window(today)]
        assert len(current) >= 3
        assert all(n.days_left(today) >= 1 for n in current)


def test_published_notices_are_dated_on_their_first_day_and_history_shows_the_steps(schools):
    for school in schools:
        for notice in Notice.objects.filter(school=school).exclude(status=NoticeStatus.DRAFT):
            assert timezone.localtime(notice.published_at).date() == notice.starts_on
            history = list(notice.history.order_by("history_date", "history_id"))
            assert [h.status for h in history][:2] == [NoticeStatus.DRAFT, NoticeStatus.PUBLISHED]
            assert timezone.localtime(history[1].history_date).date() == notice.starts_on


def test_a_result_has_its_list_of_names_attached(demo, schools):
    for school in schools:
        attachments = NoticeAttachment.objects.filter(notice__school=school)
        assert attachments.filter(notice__category__name="评先评优").exists()
        for attachment in attachments:
            with (demo["media"] / attachment.file.name).open("rb") as handle:
                assert check_document(File(handle, name=attachment.original_name))[0] == "xlsx"


def test_read_receipts_and_the_teacher_sees_new_notices_on_the_board(schools, client):
    for school in schools:
        assert NoticeRead.objects.filter(notice__school=school).exists()
        assert not NoticeRead.objects.filter(notice__school=school, notice__status=NoticeStatus.DRAFT).exists()
        for read in NoticeRead.objects.filter(notice__school=school).select_related("notice"):
            assert read.notice.starts_on <= timezone.localtime(read.read_at).date() <= timezone.localdate()
    teacher = User.objects.get(username="teacher")
    client.force_login(teacher)
    response = client.get(reverse("disclosure:board"))
    assert response.status_code == 200
    current = response.context["current"]
    assert current and response.context["new_count"] >= 1
    assert any(not n.is_new for n in current)  # the teacher has read one of them


def test_objections_raised_in_the_window_some_answered(schools):
    for school in schools:
        objections = Objection.objects.filter(school=school).select_related("notice")
        assert {ObjectionStatus.OPEN, ObjectionStatus.ANSWERED} == set(objections.values_list("status", flat=True))
        for objection in objections:
            notice = objection.notice
            raised = timezone.localtime(objection.raised_at).date()
            assert notice.starts_on <= raised <= min(notice.ends_on, timezone.localdate())
            if objection.status == ObjectionStatus.ANSWERED:
                assert objection.answer and objection.answered_by_id
                assert raised <= timezone.localtime(objection.answered_at).date() <= timezone.localdate()


def test_signed_and_anonymous_suggestions_and_anonymous_ones_keep_no_writer(schools, client):
    for school in schools:
        letters = Suggestion.objects.filter(school=school)
        anonymous, signed = letters.filter(anonymous=True), letters.filter(anonymous=False)
        assert anonymous.exists() and signed.exists()
        assert letters.filter(status=SuggestionStatus.ANSWERED).exists()
        assert letters.filter(status=SuggestionStatus.OPEN).exists()
        assert not anonymous.filter(author__isnull=False).exists()
        assert not anonymous.filter(member__isnull=False).exists()
        for letter in anonymous:
            for row in letter.history.all():
                assert row.history_user_id is None and row.author_id is None and row.member_id is None
        assert not signed.filter(member__isnull=True).exists()
        for letter in letters.filter(status=SuggestionStatus.ANSWERED):
            assert letter.written_on <= letter.answered_on <= timezone.localdate()
    # The teacher login wrote a signed one and sees the answer.
    teacher = User.objects.get(username="teacher")
    answered = Suggestion.objects.filter(author=teacher, status=SuggestionStatus.ANSWERED).first()
    assert answered is not None
    client.force_login(teacher)
    assert answered.answer in client.get(reverse("disclosure:suggestion_list")).content.decode()


def assert_nothing_after(school, today):
    now = timezone.now()
    open_ones = [n.pk for n in Notice.objects.filter(school=school) if n.state(today) in ("draft", "published")]
    checks = [
        Notice.objects.filter(school=school, starts_on__gt=today),
        Notice.objects.filter(school=school, ends_on__gt=today).exclude(pk__in=open_ones),
        Notice.objects.filter(school=school, published_at__gt=now),
        Notice.objects.filter(school=school, withdrawn_at__gt=now),
        NoticeRead.objects.filter(notice__school=school, read_at__gt=now),
        Objection.objects.filter(school=school, raised_at__gt=now),
        Objection.objects.filter(school=school, answered_at__gt=now),
        Suggestion.objects.filter(school=school, written_on__gt=today),
        Suggestion.objects.filter(school=school, answered_on__gt=today),
        Notice.history.filter(school_id=school.pk, history_date__gt=now),
        Objection.history.filter(school_id=school.pk, history_date__gt=now),
        Suggestion.history.filter(school_id=school.pk, history_date__gt=now),
    ]
    assert [str(qs.query)[:80] for qs in checks if qs.exists()] == []


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
    # In the National Day holiday, on its make-up workday, just after New Year, in summer.
    [datetime.date(2025, 10, 3), datetime.date(2025, 9, 28), datetime.date(2026, 1, 5), datetime.date(2026, 8, 31)],
    ids=str,
)
def test_on_any_day_the_disclosure_seeder_writes_every_state_and_nothing_after_it(db, today):
    with scopes_disabled():
        school, members, rng = demo_school("清溪区阳光小学", 5)
        seed_disclosure(school, members, rng, today)
        assert states(school, today) == set(NoticeStatus.values)
        assert any(n.in_window(today) for n in Notice.objects.filter(school=school))
        assert Objection.objects.filter(school=school, status=ObjectionStatus.OPEN).exists()
        assert_nothing_after(school, today)


def test_the_disclosure_seeder_is_deterministic(db):
    today = datetime.date(2026, 5, 6)

    def seeded(name):
        school, members, rng = demo_school(name, 11)
        seed_disclosure(school, members, rng, today)
        notices = list(
            Notice.objects.filter(school=school)
            .order_by("starts_on", "title")
            .values_list("title", "starts_on", "ends_on", "status")
        )
        reads = sorted(
            NoticeRead.objects.filter(notice__school=school).values_list("notice__title", "user__role", "read_at")
        )
        return notices, reads

    with scopes_disabled():
        assert seeded("甲校") == seeded("乙校")
