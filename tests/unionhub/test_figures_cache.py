"""The figures cache: figures computed once per school and period, and never stale. A write
to a school's records, by a page, a bulk create, a queryset update or raw SQL, changes that
school's stamp after its commit; a write outside a scope changes every school's; a thread
reads its own uncommitted writes; writes to tables no figure reads change nothing."""

import datetime
import os
import re
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from activities.models import Activity, Category
from reports.assembly import assemble
from reports.overview import period_figures, year_overview
from reports.periods import Period
from unionhub.figures_cache import EVERY_SCHOOL, STAMP_KEY, cached_figures, stamps, written_table

from ..activities.test_log_forms import form_data
from ..activity_factories import ActivityFactory, VisitFactory
from ..factories import MemberFactory
from ..reports.seed_year import seed_year

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

TODAY = datetime.date(2026, 1, 15)
READ_TABLE = re.compile(r'(?:from|join)\s+"?(\w+)"?')


def stamp(school_id):
    return cache.get(STAMP_KEY.format(school_id))


def test_the_written_table_is_read_from_the_statement():
    assert written_table('INSERT INTO "activities_activity" ("title") VALUES (%s)') == "activities_activity"
    assert written_table("INSERT OR IGNORE INTO activities_visit (a) VALUES (1)") == "activities_visit"
    assert written_table('  UPDATE "members_member" SET "name" = %s') == "members_member"
    assert written_table('DELETE FROM "congress_vote" WHERE id = 1') == "congress_vote"
    assert written_table('SELECT * FROM "activities_activity"') is None
    assert written_table(None) is None


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_changes_its_schools_stamp_and_no_other(school, other_school):
    stamps(school.pk), stamps(other_school.pk)
    before, other_before, every_before = stamp(school.pk), stamp(other_school.pk), stamp(EVERY_SCHOOL)
    with scope(school=[school.pk]):
        with transaction.atomic():
            Category.objects.create(school=school, name="读书活动")
            # Not yet committed: other processes must not cache what they cannot see.
            assert stamp(school.pk) == before
    assert stamp(school.pk) != before
    assert (stamp(other_school.pk), stamp(EVERY_SCHOOL)) == (other_before, every_before)


@pytest.mark.django_db(transaction=True)
def test_bulk_creates_queryset_updates_deletes_and_raw_sql_change_the_stamp(school):
    with scope(school=[school.pk]):
        category = Category.objects.create(school=school, name="读书活动")
        writes = [
            lambda: Category.objects.bulk_create([Category(school=school, name="书画")]),
            lambda: Category.objects.filter(pk=category.pk).update(name="读书分享"),
            lambda: Category.objects.filter(name="书画").delete(),
        ]
        for write in writes:
            before = stamps(school.pk)[0]
            write()
            assert stamp(school.pk) != before
        before = stamps(school.pk)[0]
        with connection.cursor() as cursor:
            cursor.execute("UPDATE activities_category SET position = 3 WHERE id = %s", [category.pk])
        assert stamp(school.pk) != before


@pytest.mark.django_db(transaction=True)
def test_a_write_outside_any_scope_changes_every_schools_figures(school):
    every = stamps(school.pk)[1]
    with scopes_disabled():
        MemberFactory(school=school)
    assert stamp(EVERY_SCHOOL) != every


@pytest.mark.django_db(transaction=True)
def test_writes_no_figure_reads_leave_the_stamps(school, chair):
    school_stamp, every = stamps(school.pk)
    chair.last_login = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    chair.save()
    with scope(school=[school.pk]):
        connection.cursor().execute("DELETE FROM django_session")
    assert (stamp(school.pk), stamp(EVERY_SCHOOL)) == (school_stamp, every)


def test_a_thread_reads_its_own_uncommitted_writes(school, in_school):
    made = []

    def compute():
        made.append(1)
        return Activity.objects.filter(school=school).count()

    assert cached_figures(school.pk, "count", ["x"], compute) == 0
    assert cached_figures(school.pk, "count", ["x"], compute) == 0
    assert len(made) == 1
    ActivityFactory(school=school)  # inside the test's transaction: never committed
    assert cached_figures(school.pk, "count", ["x"], compute) == 1
    assert len(made) == 2


def test_no_figure_reads_a_table_whose_writes_are_ignored(school, in_school):
    seed_year(school)
    with CaptureQueriesContext(connection) as captured:
        assemble(school, Period.calendar_year(2018), today=TODAY)
        year_overview(school, Period.calendar_year(2018), TODAY)
        period_figures(school, Period.school_year(2018), TODAY)
    assert len(captured) > 50
    tables = {table for query in captured for table in READ_TABLE.findall(query["sql"].lower())}
    assert "activities_activity" in tables
    assert not [table for table in tables if table.startswith(tuple(settings.FIGURES_IGNORED_TABLES))]


def test_the_figures_of_a_period_are_computed_once_per_request_and_then_cached(chair_client, school):
    with scopes_disabled():
        ActivityFactory(school=school, starts_on=datetime.date(2025, 3, 10))
    url = reverse("reports:summary", kwargs={"year": 2025})
    with CaptureQueriesContext(connection) as cold:
        assert chair_client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert chair_client.get(url).status_code == 200
    # The charts and the summary share one computation: no figure query runs twice.
    figure_reads = [q["sql"] for q in cold if "activities_visit" in q["sql"] and "SUM" in q["sql"].upper()]
    assert len(figure_reads) == len(set(figure_reads))
    assert len(warm) < len(cold) - 50


def test_a_page_write_shows_at_once_on_the_dashboard_and_in_the_summary(chair_client, school):
    with scopes_disabled():
        VisitFactory(school=school, visited_on=datetime.date(2025, 5, 2))
    dashboard = chair_client.get("/", {"year": 2025}).context
    assert dashboard["headlines"][0]["current"] == 0
    summary_url = reverse("reports:summary", kwargs={"year": 2025})
    assert "教职工气排球比赛" not in chair_client.get(summary_url).content.decode()

    response = chair_client.post(reverse("activities:activity_create"), form_data(school))
    assert response.status_code == 302
    assert chair_client.get("/", {"year": 2025}).context["headlines"][0]["current"] == 1
    assert "教职工气排球比赛" in chair_client.get(summary_url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_committed_page_writes_reach_the_cached_pages(client, chair, school):
    """The same with real commits, as between two app servers sharing Redis."""
    summary_url = reverse("reports:summary", kwargs={"year": 2025})
    with scopes_disabled():
        ActivityFactory(school=school, title="迎新年长跑", starts_on=datetime.date(2025, 1, 2))
    client.force_login(chair)
    assert "迎新年长跑" in client.get(summary_url).content.decode()
    with scope(school=[school.pk]):
        Activity.objects.filter(school=school).update(title="迎新春长跑")
    page = client.get(summary_url).content.decode()
    assert "迎新春长跑" in page and "迎新年长跑" not in page


@pytest.fixture
def redis_cache(settings, worker_id):
    """The figures cache on the Redis the app servers share (REDIS_URL, or the local one)."""
    import redis

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    prefix = "unionhub-test-{}-{}".format(worker_id, uuid.uuid4().hex[:8])
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}
    }
    yield
    client = redis.Redis.from_url(url)
    for key in client.scan_iter("{}:*".format(prefix)):
        client.delete(key)


@pytest.mark.django_db(transaction=True)
def test_on_redis_a_committed_write_reaches_the_next_reader(redis_cache, school):
    def compute():
        return list(Category.objects.filter(school=school).values_list("name", flat=True))

    with scope(school=[school.pk]):
        before = cached_figures(school.pk, "names", [], compute)
        assert "读书活动" not in before
        Category.objects.bulk_create([Category(school=school, name="读书活动")])
        assert sorted(cached_figures(school.pk, "names", [], compute)) == sorted([*before, "读书活动"])
        assert cache.get(STAMP_KEY.format(school.pk)) is not None
