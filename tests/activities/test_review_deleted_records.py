"""A deleted campaign or club is gone from the pages of the records that pointed at it: no
name of a record in the recycle bin, no link that answers 404."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.forms.log import ActivityForm

from ..activity_factories import ActivityFactory, AwardFactory, CampaignFactory, ClubFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


@pytest.fixture
def activity_of_deleted_campaign_and_club(school):
    with scopes_disabled():
        campaign = CampaignFactory(school=school, title="已删除的建设月", number=None)
        club = ClubFactory(school=school, name="已删除的球队")
        activity = ActivityFactory(school=school, title="师德讲座", campaign=campaign, club=club)
        campaign.soft_delete()
        club.soft_delete()
    return activity, campaign, club


def test_the_log_does_not_name_a_deleted_campaign(staff_client, activity_of_deleted_campaign_and_club):
    html = staff_client.get(reverse("activities:activity_list")).content.decode()

    assert "师德讲座" in html
    assert "已删除的建设月" not in html


def test_an_activitys_page_does_not_show_its_deleted_campaign_or_club(
    staff_client, activity_of_deleted_campaign_and_club
):
    activity, campaign, club = activity_of_deleted_campaign_and_club

    html = staff_client.get(reverse("activities:activity_detail", args=[activity.pk])).content.decode()
    fields = html[html.index('id="activity-fields"') : html.index("</dl>", html.index('id="activity-fields"'))]

    # The history still tells what the activity was linked to; its details no longer do.
    assert "已删除的建设月" not in fields and "已删除的球队" not in fields
    assert reverse("activities:campaign_detail", args=[campaign.pk]) not in html
    assert reverse("activities:club_detail", args=[club.pk]) not in html


def test_an_awards_page_does_not_link_to_its_deleted_club(staff_client, school):
    with scopes_disabled():
        club = ClubFactory(school=school, name="已删除的球队")
        award = AwardFactory(school=school, club=club, recipient_kind="school")
        club.soft_delete()

    html = staff_client.get(reverse("activities:award_detail", args=[award.pk])).content.decode()
    fields = html[html.index("record-details") : html.index("</dl>", html.index("record-details"))]

    assert "已删除的球队" not in fields
    assert reverse("activities:club_detail", args=[club.pk]) not in html


def test_editing_an_activity_keeps_the_campaign_it_had_after_the_campaign_was_deleted(staff_client, school):
    with scopes_disabled():
        campaign = CampaignFactory(school=school)
        activity = ActivityFactory(school=school, campaign=campaign)
        campaign.soft_delete()
        form = ActivityForm(instance=activity, school=school)
        assert campaign in form.fields["campaign"].queryset
        new_form = ActivityForm(school=school)
        assert campaign not in new_form.fields["campaign"].queryset
