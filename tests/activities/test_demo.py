"""The demo year: ``manage.py demo`` gives both schools a year of the union's work shaped
like the seeds, dated up to today and no later, and the teacher login has rows of its own."""

import datetime
import random
import re
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook
from PIL import Image

from activities.choices import (
    AssessmentPeriodKind,
    Audience,
    AwardKind,
    AwardLevel,
    AwardRecipientKind,
    EthicsGrade,
    VisitedPerson,
    VisitReason,
)
from activities.demo import seed_school_year
from activities.festivals import festival_date
from activities.models import (
    TALKS_TARGET,
    TUTORING_TARGET,
    Activity,
    ActivityAttachment,
    ActivityPhoto,
    Award,
    Campaign,
    CareLog,
    CarePair,
    Category,
    Club,
    ClubSchedule,
    EthicsAssessment,
    EthicsPeriod,
    Facility,
    GreetingBatch,
    GreetingRecipient,
    HardshipAid,
    HardshipCase,
    MentorMeeting,
    MentorPair,
    MutualAidGrant,
    Partnership,
    PledgeDrive,
    PledgeSignature,
    Promotion,
    StandingRule,
    Visit,
)
from members import demo as demo_registry
from members.choices import Gender, MemberStatus
from members.management.commands.demo import Command as DemoCommand
from members.models import Member
from unionhub.models import School, User
from unionhub.roles import Role
from unionhub.uploads import check_document

from ..factories import SchoolFactory, UserFactory

# Each kind of record, with the path from it to its school.
KINDS = {
    Campaign: "school",
    Club: "school",
    ClubSchedule: "club__school",
    Partnership: "school",
    Facility: "school",
    StandingRule: "school",
    Activity: "school",
    ActivityPhoto: "activity__school",
    ActivityAttachment: "activity__school",
    Award: "school",
    Promotion: "school",
    MentorPair: "school",
    MentorMeeting: "pair__school",
    CarePair: "school",
    CareLog: "pair__school",
    PledgeDrive: "school",
    PledgeSignature: "drive__school",
    EthicsPeriod: "school",
    EthicsAssessment: "period__school",
    Visit: "school",
    GreetingBatch: "school",
    GreetingRecipient: "batch__school",
    HardshipCase: "school",
    HardshipAid: "case__school",
    MutualAidGrant: "school",
}
SIX_REASONS = {
    VisitReason.MARRIAGE,
    VisitReason.CHILDBIRTH,
    VisitReason.ILLNESS,
    VisitReason.BEREAVEMENT,
    VisitReason.RETIREMENT,
    VisitReason.HARDSHIP,
}


def rows(model, school):
    manager = getattr(model, "all_objects", model._base_manager)
    return manager.filter(**{KINDS[model]: school})


def current_school_year(today):
    return today.year if today.month >= 9 else today.year - 1


def latest_date(model, school):
    """The latest value of any date field of the school's ``model`` rows."""
    fields = [f.name for f in model._meta.concrete_fields if type(f) is models.DateField]
    values = rows(model, school).aggregate(**{f: models.Max(f) for f in fields})
    return max((v for v in values.values() if v), default=None)


def assert_nothing_after(school, today):
    for model in KINDS:
        latest = latest_date(model, school)
        assert latest is None or latest <= today, (model.__name__, latest, today)
    assert not rows(GreetingBatch, school).filter(year__gt=today.year).exists()
    assert not rows(PledgeDrive, school).filter(year__gt=today.year).exists()
    assert not rows(CarePair, school).filter(school_year__gt=current_school_year(today)).exists()
    # Months are logged once they are over.
    assert not rows(CareLog, school).filter(month__gte=today.replace(day=1)).exists()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for the module (it takes a few seconds), emptied afterwards."""
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


def test_the_seeder_is_registered_with_members():
    assert seed_school_year in demo_registry.seeders()


def test_the_demo_has_each_kind_of_record_for_both_schools(schools):
    assert len(schools) == 2
    for school in schools:
        empty = [model.__name__ for model in KINDS if not rows(model, school).exists()]
        assert empty == [], (school.name, empty)


def test_nothing_is_dated_in_the_future(schools):
    today = timezone.localdate()
    for school in schools:
        assert_nothing_after(school, today)


def test_this_school_year_and_this_calendar_year_have_activities(schools):
    today = timezone.localdate()
    year_start = datetime.date(current_school_year(today), 9, 1)
    for school in schools:
        assert rows(Activity, school).filter(starts_on__gte=year_start).exists()
        assert rows(Activity, school).filter(starts_on__year=today.year).exists()


def test_last_year_is_there_to_compare_with_this_year(schools):
    """The dashboard compares this year with last: the previous calendar year and the
    previous school year each have activities in every month of term, visits, awards, a
    pledge drive and twelve months of 168 logs."""
    today = timezone.localdate()
    last = today.year - 1
    term_months = {1, 3, 4, 5, 6, 7, 9, 10, 11, 12}
    for school in schools:
        activities = rows(Activity, school)
        months = {d.month for d in activities.filter(starts_on__year=last).values_list("starts_on", flat=True)}
        assert term_months <= months, sorted(months)
        sections = set(activities.filter(starts_on__year=last).values_list("category__section", flat=True))
        assert sections == set(activities.values_list("category__section", flat=True))
        assert rows(Visit, school).filter(visited_on__year=last).count() >= 3
        assert rows(Award, school).filter(awarded_on__year=last).count() >= 5
        assert rows(GreetingBatch, school).filter(year=last, festival="spring").exists()
        logs = rows(CareLog, school).filter(month__year=last)
        assert {m.month for m in logs.values_list("month", flat=True)} == set(range(1, 13))
        previous = current_school_year(today) - 1
        drives = rows(PledgeDrive, school)
        assert drives.filter(year=previous).exists() and drives.filter(year=previous - 1).exists()
        # The earliest year is lighter: no photos.
        assert not rows(ActivityPhoto, school).filter(activity__starts_on__lt=datetime.date(previous, 9, 1)).exists()


def test_the_ethics_month_is_numbered_with_theme_launch_and_activities(schools):
    for school in schools:
        months = rows(Campaign, school).filter(title="师德建设月")
        assert months.exists()
        for campaign in months:
            # 2018's was the eleventh, as in the seed.
            assert campaign.number == campaign.launched_on.year - 2007
            assert campaign.launched_on.month == 9 and campaign.theme
            assert campaign.full_title.startswith("第十") or campaign.full_title.startswith("第二十")
            titles = list(campaign.activities.order_by("starts_on").values_list("title", flat=True))
            assert 4 <= len(titles) <= 6 or campaign.launched_on.year == timezone.localdate().year
            assert "启动仪式" in titles[0]
        last_year = months.order_by("launched_on").first()
        titles = " ".join(last_year.activities.values_list("title", flat=True))
        for word in ("启动仪式", "讲座", "征文", "座谈会", "承诺"):
            assert word in titles, word
        assert {"个十百千万行动", "教学月"} <= set(rows(Campaign, school).values_list("title", flat=True))


def test_activities_cover_every_category_with_fitting_participants(schools):
    for school in schools:
        categories = Category.objects.filter(school=school)
        used = set(rows(Activity, school).values_list("category_id", flat=True))
        assert {c.pk for c in categories} <= used, [c.name for c in categories if c.pk not in used]
        activities = rows(Activity, school)
        assert activities.filter(outside_participants__gt=0).count() >= 5
        women_day = activities.filter(title__contains="三八").first()
        assert women_day and set(women_day.participants.values_list("gender", flat=True)) == {Gender.FEMALE}
        retirees = activities.filter(title__contains="重阳").first()
        statuses = Counter(retirees.participants.values_list("status", flat=True))
        assert statuses[MemberStatus.RETIRED] >= 5
        active = Member.objects.filter(school=school, status=MemberStatus.ACTIVE).count()
        launch = activities.filter(title__contains="启动仪式").first()
        assert active - 4 <= launch.participants.count() <= active
        for title in ("拔河比赛", "乒乓球赛", "趣味运动会", "健康体检", "退休教师", "教代会"):
            assert activities.filter(title__contains=title).exists(), title


def test_sports_events_have_photos_with_thumbnails(demo, schools):
    for school in schools:
        photos = rows(ActivityPhoto, school).select_related("activity__category")
        assert photos.count() >= 10
        assert {p.activity.category.name for p in photos} == {"文体活动"}
        titled = {p.activity.title for p in photos}
        assert {"教职工拔河比赛", "教职工乒乓球赛"} <= titled
        photo = photos.first()
        with Image.open(Path(demo["media"]) / photo.image.name) as image:
            assert image.format == "JPEG" and max(image.size) == 1200
        with Image.open(Path(demo["media"]) / photo.thumbnail.name) as thumbnail:
            assert thumbnail.format == "JPEG" and max(thumbnail.size) == 240
        assert photo.caption


def test_health_checks_and_the_tug_of_war_come_with_a_list_of_who_took_part(demo, schools):
    for school in schools:
        attachments = rows(ActivityAttachment, school).select_related("activity")
        assert {a.activity.title for a in attachments} == {"在职教职工健康体检", "教职工拔河比赛"}
        for attachment in attachments:
            path = Path(demo["media"]) / attachment.file.name
            assert attachment.size == path.stat().st_size
            with path.open("rb") as handle:
                assert check_document(File(handle, name=attachment.original_name))[0] == "xlsx"
            sheet = load_workbook(path, read_only=True).active
            header, *people = list(sheet.iter_rows(values_only=True))
            assert header == ("序号", "姓名", "性别", "部门")
            assert sorted(p[1] for p in people) == sorted(
                attachment.activity.participants.values_list("name", flat=True)
            )
            assert {p[2] for p in people} <= {"男", "女"}


def test_the_pledge_drive_binds_every_active_member_and_a_few_have_not_signed(schools):
    for school in schools:
        active = set(Member.objects.filter(school=school, status=MemberStatus.ACTIVE).values_list("pk", flat=True))
        for drive in rows(PledgeDrive, school):
            assert drive.title == "拒绝有偿补课公开承诺"
            bound = set(drive.signatures.values_list("member_id", flat=True))
            assert bound == active
            unsigned = drive.signatures.filter(signed_on__isnull=True).count()
            assert 1 <= unsigned <= 4 or drive.opened_on > timezone.localdate() - datetime.timedelta(days=6)
            assert not drive.signatures.filter(signed_on__lt=drive.opened_on).exists()


def test_the_ethics_assessment_has_scores_grades_and_one_veto_with_reason(schools):
    for school in schools:
        periods = rows(EthicsPeriod, school)
        assert {AssessmentPeriodKind.TERM, AssessmentPeriodKind.MONTH} <= set(periods.values_list("kind", flat=True))
        assessments = rows(EthicsAssessment, school)
        vetoed = assessments.filter(vetoed=True)
        assert vetoed.count() == 1
        veto = vetoed.get()
        assert veto.grade == EthicsGrade.FAIL and "有偿补课" in veto.veto_reason
        terms = assessments.filter(period__kind=AssessmentPeriodKind.TERM, vetoed=False)
        assert not terms.filter(score__isnull=True).exists()
        assert not terms.filter(models.Q(score__lt=60) | models.Q(score__gt=100)).exists()
        assert {EthicsGrade.EXCELLENT, EthicsGrade.GOOD} <= set(assessments.values_list("grade", flat=True))
        for period in periods:
            members = period.assessments.values_list("member_id", flat=True)
            assert len(members) == len(set(members))


def test_awards_come_at_several_levels_and_of_every_kind(schools):
    for school in schools:
        awards = rows(Award, school)
        assert set(awards.values_list("kind", flat=True)) == set(AwardKind.values)
        assert {AwardLevel.SCHOOL, AwardLevel.DISTRICT, AwardLevel.CITY, AwardLevel.PROVINCE} <= set(
            awards.values_list("level", flat=True)
        )
        assert awards.filter(level=AwardLevel.DISTRICT, rank="一等奖").exists()
        assert awards.filter(level=AwardLevel.CITY, kind=AwardKind.RESEARCH).exists()
        assert awards.filter(level=AwardLevel.PROVINCE, kind=AwardKind.PAPER_AWARDED).exists()
        assert awards.filter(kind=AwardKind.HONOUR, title__contains="师德标兵").exists()
        team = awards.filter(club__isnull=False).first()
        assert team is not None and team.members.count() >= 3
        assert set(team.members.all()) <= set(team.club.members.all())
        assert awards.filter(recipient_kind=AwardRecipientKind.GROUP).exclude(group_name="").exists()
        assert awards.filter(recipient_kind=AwardRecipientKind.SCHOOL).exists()
        assert rows(Promotion, school).exists()


def test_mentor_pairs_and_clubs(schools):
    for school in schools:
        for pair in rows(MentorPair, school):
            assert pair.mentor_id != pair.mentee_id
            assert pair.meetings.exists() and pair.subject
        clubs = rows(Club, school)
        assert {"书法社", "乒乓球俱乐部", "教工篮球队", "气排球队"} == set(clubs.values_list("name", flat=True))
        for club in clubs:
            assert club.members.count() >= 5 and club.schedule and club.leader_id


def test_168_pairs_log_every_month_so_far_with_some_missed_and_some_under_target(schools):
    today = timezone.localdate()
    previous = current_school_year(today) - 1
    for school in schools:
        pairs = rows(CarePair, school).filter(school_year=previous)
        assert 10 <= pairs.count() <= 15
        logs = rows(CareLog, school).filter(pair__school_year=previous)
        months = set(logs.values_list("month", flat=True))
        assert len(months) == 12  # the previous school year is over
        assert logs.count() < pairs.count() * 12  # some months were missed
        assert logs.filter(talks__lt=TALKS_TARGET).exists()
        assert logs.filter(tutoring__lt=TUTORING_TARGET).exists()
        assert logs.filter(talks__gte=TALKS_TARGET, tutoring__gte=TUTORING_TARGET).count() > logs.count() // 3
        last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        logged_last_month = rows(CareLog, school).filter(month=last_month).values_list("pair_id", flat=True)
        paired = rows(CarePair, school).filter(school_year=current_school_year(last_month))
        assert 0 < len(set(logged_last_month)) < paired.count()  # some have not logged last month


def test_visits_for_each_of_the_six_reasons_with_amounts_and_sources(schools):
    for school in schools:
        visits = rows(Visit, school)
        assert SIX_REASONS <= set(visits.values_list("reason", flat=True))
        assert not visits.filter(amount__lte=0).exists()  # no money is no amount, never 0.00
        assert len(set(visits.values_list("funding_source", flat=True))) >= 3
        bereavement = visits.filter(reason=VisitReason.BEREAVEMENT).first()
        assert bereavement.visited_person == VisitedPerson.RELATIVE and "（" in bereavement.relative
        for visit in visits:
            visitors = set(visit.visitors.values_list("pk", flat=True))
            assert visitors and visit.member_id not in visitors


def test_clubs_meet_weekly_and_partnerships_come_with_agreement_and_activities(demo, schools):
    for school in schools:
        for club in rows(Club, school):
            assert club.weekly.weekdays and club.weekly.starts_at and club.weekly.place
        partnerships = rows(Partnership, school)
        assert partnerships.count() == 2
        for partnership in partnerships:
            assert partnership.activities.exists() and partnership.agreement_signed_on
            with open(Path(demo["media"]) / partnership.agreement.name, "rb") as stored:
                assert check_document(File(stored, name=partnership.agreement_name))[0] == "docx"


def test_each_school_keeps_places_for_the_staff_and_standing_rules(schools):
    today = timezone.localdate()
    for school in schools:
        facilities = rows(Facility, school)
        assert {"fitness", "sports", "reading", "staff_home"} <= set(facilities.values_list("kind", flat=True))
        assert facilities.filter(opened_on__isnull=True).exists()
        assert facilities.filter(opened_on__year__gte=today.year - 2).exists()
        assert all(facility.equipment_items for facility in facilities)
        rules = rows(StandingRule, school)
        assert {"rights", "care", "democracy", "disclosure"} <= set(rules.values_list("kind", flat=True))
        assert rules.filter(title="六必访制度").exists() and rules.filter(revised_on__isnull=False).exists()
        assert all(rule.what_it_does for rule in rules)


def test_retirees_have_golden_wedding_and_gift_only_birthday_visits(schools):
    for school in schools:
        visits = rows(Visit, school)
        golden = visits.filter(reason=VisitReason.GOLDEN_WEDDING)
        assert golden.exists() and all(v.member.status == MemberStatus.RETIRED for v in golden)
        birthdays = visits.filter(reason=VisitReason.MILESTONE_BIRTHDAY)
        assert birthdays.exists()
        assert all(v.amount is None and v.gifts and v.age >= 60 and v.age % 10 == 0 for v in birthdays)


def test_greeting_batches_have_no_duplicate_members_and_match_their_audience(schools):
    today = timezone.localdate()
    for school in schools:
        batches = rows(GreetingBatch, school)
        assert {"spring", "mid_autumn", "teachers_day"} <= set(batches.values_list("festival", flat=True))
        for batch in batches:
            members = list(batch.recipients.values_list("member_id", flat=True))
            assert members and len(members) == len(set(members)), batch
            assert festival_date(batch.festival, batch.year) <= today
            assert batch.given_on <= festival_date(batch.festival, batch.year)
            people = Member.objects.filter(pk__in=members)
            if batch.audience == Audience.WOMEN:
                assert set(people.values_list("gender", flat=True)) == {Gender.FEMALE}
            if batch.audience == Audience.RETIREES:
                assert set(people.values_list("status", flat=True)) == {MemberStatus.RETIRED}
            assert not batch.recipients.exclude(amount=batch.amount_each).exists()
        hand_picked = batches.filter(audience=Audience.CHOSEN).first()
        assert hand_picked is not None
        hardship = set(rows(HardshipCase, school).values_list("member_id", flat=True))
        assert set(hand_picked.recipients.values_list("member_id", flat=True)) <= hardship


def test_hardship_cases_with_help_and_mutual_aid_grants(schools):
    for school in schools:
        cases = rows(HardshipCase, school)
        assert cases.count() >= 2 and {"open", "closed"} == set(cases.values_list("status", flat=True))
        for case in cases:
            assert case.aid.exists()
            aid_dates = case.aid.values_list("given_on", flat=True)
            assert min(aid_dates) >= case.opened_on
            assert case.closed_on is None or max(aid_dates) <= case.closed_on
        assert rows(MutualAidGrant, school).filter(amount__gt=0).count() >= 2


def test_the_teacher_login_has_a_168_pair_and_a_visit_of_its_own(schools):
    teacher = User.objects.get(username="teacher")
    assert teacher.role == Role.TEACHER
    member = Member.objects.get(user=teacher)
    today = timezone.localdate()
    pairs = CarePair.objects.filter(school=teacher.school, teacher=member)
    assert pairs.filter(school_year=current_school_year(today) - 1).exists()
    assert CareLog.objects.filter(pair__teacher=member).count() >= 12
    assert Visit.objects.filter(school=teacher.school, member=member).exists()
    # The other logins keep their places.
    assert set(User.objects.values_list("username", flat=True)) == {"chair", "staff", "teacher", "chair2", "district"}


def test_the_demo_refuses_to_load_twice_and_reset_loads_it_afresh(schools, settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    counts = {model: model._base_manager.count() for model in (Member, Activity, CareLog, GreetingRecipient, Visit)}
    try:
        with pytest.raises(CommandError, match="--reset"):
            call_command("demo", stdout=StringIO())
        out = StringIO()
        call_command("demo", "--reset", stdout=out)
        assert "demo12345" in out.getvalue()
        with scopes_disabled():
            assert {model: model._base_manager.count() for model in counts} == counts
            assert School.objects.count() == 2
    finally:
        ContentType.objects.clear_cache()


def test_the_demo_refuses_without_debug(schools, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo", "--reset", stdout=StringIO())
    assert Activity._base_manager.exists()


# The seeder on its own, on other days of the year --------------------------------------


def demo_school(name, seed):
    """A school with the demo roster and a teacher login, as ``manage.py demo`` makes it."""
    school = SchoolFactory(name=name)
    rng = random.Random(seed)
    members = DemoCommand().load_school(rng, school, "T")
    members[2].user = UserFactory(username="t-{}".format(school.pk), school=school, role=Role.TEACHER)
    members[2].save()
    return school, members, rng


@pytest.mark.parametrize(
    "today", [datetime.date(2025, 9, 2), datetime.date(2026, 1, 5), datetime.date(2026, 8, 31)], ids=str
)
def test_on_any_day_the_seeder_writes_every_kind_and_nothing_after_it(db, settings, tmp_path, today):
    settings.MEDIA_ROOT = tmp_path
    with scopes_disabled():
        school, members, rng = demo_school("清溪区阳光小学", 7)
        seed_school_year(school, members, rng, today)
        empty = [model.__name__ for model in KINDS if not rows(model, school).exists()]
        assert empty == []
        assert_nothing_after(school, today)
        teacher = members[2]
        assert rows(CarePair, school).filter(teacher=teacher).exists()
        assert rows(Visit, school).filter(member=teacher).exists()
        assert "年级" in rows(CarePair, school).first().student_class  # a primary school's classes


def test_the_seeder_is_deterministic(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today = datetime.date(2026, 3, 15)

    def year(name):
        school, members, rng = demo_school(name, 11)
        seed_school_year(school, members, rng, today)
        activities = [
            (a.title, a.starts_on, tuple(sorted(m.name for m in a.participants.all())))
            for a in rows(Activity, school).order_by("starts_on", "title").prefetch_related("participants")
        ]
        visits = list(rows(Visit, school).order_by("visited_on", "reason").values_list("member__name", "amount"))
        logs = list(rows(CareLog, school).order_by("pair__teacher__name", "month").values_list("talks", "tutoring"))
        return activities, visits, logs

    with scopes_disabled():
        assert year("甲校") == year("乙校")


def test_the_teacher_login_sees_its_own_168_row_and_visits_and_no_one_elses(schools, client):
    teacher = User.objects.get(username="teacher")
    member = Member.objects.get(user=teacher)
    client.force_login(teacher)
    year = current_school_year(timezone.localdate()) - 1
    own = CarePair.objects.get(school=teacher.school, teacher=member, school_year=year)
    grid = client.get(reverse("activities:care_grid"), {"year": year}).content.decode()
    assert set(re.findall(r'id="care-row-(\d+)"', grid)) == {str(own.pk)}
    assert client.get(own.get_absolute_url()).status_code == 200
    other = CarePair.objects.filter(school=teacher.school, school_year=year).exclude(teacher=member).first()
    assert client.get(other.get_absolute_url()).status_code == 404

    page = client.get(reverse("activities:visit_list")).content.decode()
    visits = Visit.objects.filter(school=teacher.school)
    mine = visits.filter(member=member)
    shown = {int(pk) for pk in re.findall(r'data-visit="(\d+)"', page)}
    assert mine.exists() and shown == set(mine.values_list("pk", flat=True))
    assert client.get(visits.exclude(member=member).first().get_absolute_url()).status_code == 404
