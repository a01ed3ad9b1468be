"""``manage.py demo`` gives both demo schools a work plan for the demo year linked to its
activities, a saved summary draft with the chair's prose, and one frozen version."""

from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from members import demo as demo_registry
from reports.demo import seed_summary
from reports.models import AnnualPlan, SummaryDraft, SummaryVersion
from reports.models.plan import plan_versus_done
from unionhub.models import School


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


def test_the_summary_seeder_runs_after_the_records_seeders():
    seeders = demo_registry.seeders()
    assert seed_summary in seeders
    from activities.demo import seed_school_year

    assert seeders.index(seed_school_year) < seeders.index(seed_summary)


def test_both_schools_have_a_plan_linked_to_the_years_activities(schools):
    year = timezone.localdate().year
    for school in schools:
        plan = AnnualPlan.objects.get(school=school, year=year)
        with scope(school=[school.pk]):
            rows = plan_versus_done(plan)
        items = [row for block in rows for row in block["items"]]
        assert len(rows) >= 3
        assert any(row["done"] for row in items)
        # A plan is rarely all done: the demo leaves some items with nothing done.
        assert any(not row["done"] for row in items)
        for row in items:
            assert all(a.starts_on.year == year for a in row["activities"])


def test_both_schools_have_a_draft_with_the_chairs_prose_and_one_frozen_version(schools):
    year = timezone.localdate().year
    for school in schools:
        draft = SummaryDraft.objects.get(school=school, year=year)
        assert draft.opening and draft.experience and draft.shortcomings and draft.plans
        versions = list(SummaryVersion.objects.filter(draft=draft))
        assert [v.number for v in versions] == [1]
        document = versions[0].summary_document()
        assert document.opening == draft.opening
        assert document.title == "{}{}年度工会工作总结".format(school.short_name or school.name, year)
        assert any(section.items for section in document.sections)
        assert document.signature == school.signing_union_name
        assert versions[0].created_by is not None and versions[0].created_by.role == "chair"
