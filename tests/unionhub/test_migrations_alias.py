"""``manage.py migrate --database <alias>`` changes only the database it migrates: the data
steps of the migrations leave the rows of the default database as they were, rows that each
of them would otherwise rewrite included."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django_scopes import scopes_disabled

from activities.models import Award, Category, GreetingBatch, GreetingRecipient, Visit
from congress.models import Session
from disclosure.models import NoticeCategory
from members.models import Member

from ..activity_factories import AwardFactory, GreetingRecipientFactory, VisitFactory
from ..congress.factories import SessionFactory
from ..databases import every_row
from ..factories import MemberFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db


def set_old_values(model, instance, **values):
    """Stores values as the app held them before a data migration, past the model's checks."""
    model._base_manager.filter(pk=instance.pk).update(**values)


@pytest.fixture
def rows_a_data_migration_would_change():
    with scopes_disabled():
        school = SchoolFactory()
        # A school without its default activity and notice categories.
        Category.objects.filter(school=school).delete()
        NoticeCategory._base_manager.filter(school=school).delete()

        set_old_values(Visit, VisitFactory(school=school), amount=Decimal("0.00"))
        recipient = GreetingRecipientFactory(batch__school=school)
        set_old_values(GreetingBatch, recipient.batch, amount_each=Decimal("0.00"))
        set_old_values(GreetingRecipient, recipient, amount=Decimal("0.00"))
        set_old_values(Award, AwardFactory(school=school), level=2, kind="paper")
        set_old_values(Award, AwardFactory(school=school), kind="research", status="awarded")
        set_old_values(Session, SessionFactory(term__school=school), body="")

        set_old_values(Member, MemberFactory(school=school), id_card_number="３２０４１２１９８５０３１２１２３ｘ")
        set_old_values(Member, MemberFactory(school=school, name="曾静"), name_pinyin="cengjing", name_initials="cj")
        user = UserFactory(school=school, is_active=True)
        set_old_values(Member, MemberFactory(school=school, user=user), deleted_at=timezone.now())


def test_migrating_another_database_leaves_the_default_ones_rows_alone(
    rows_a_data_migration_would_change, new_database
):
    other = new_database("migrate_other")
    before = every_row(connections["default"])

    call_command("migrate", database=other.alias, verbosity=0)

    assert every_row(connections["default"]) == before
    applied = MigrationRecorder(other).applied_migrations()
    assert ("members", "0007_member_login_disabled_on_delete") in applied
    assert ("disclosure", "0004_suggestion_key") in applied
