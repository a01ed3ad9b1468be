"""Permission-matrix entries of categories, campaigns and clubs: see the package docstring.

Chair and staff read and edit them; only the chair deletes and restores; teachers and the
district get 403 before any object is looked up.
"""

import datetime

from django_scopes import scope, scopes_disabled

from activities.choices import SummarySection
from activities.models import Campaign, Category, Club
from members.models import Member

from ...activity_factories import CampaignFactory, CategoryFactory, ClubFactory
from ...factories import MemberFactory
from ..test_permission_matrix_constants import LOGIN

READ = (LOGIN, 200, 200, 403, 403)
READ_OTHER = (LOGIN, 404, 404, 403, 403)
SAVED = (LOGIN, 302, 302, 403, 403)
CHAIR_ONLY = (LOGIN, 200, 403, 403, 403)
CHAIR_ONLY_DONE = (LOGIN, 302, 403, 403, 403)
CHAIR_ONLY_OTHER = (LOGIN, 404, 403, 403, 403)


def _record_urls(prefix):
    """detail, create, update, delete and restore of a soft-deleted record kind."""
    return {
        "activities:{}_create".format(prefix): {"GET": {"own": READ}, "POST": {"own": SAVED}},
        "activities:{}_detail".format(prefix): {"GET": {"own": READ, "other": READ_OTHER}},
        "activities:{}_update".format(prefix): {
            "GET": {"own": READ, "other": READ_OTHER},
            "POST": {"own": SAVED, "other": READ_OTHER},
        },
        "activities:{}_delete".format(prefix): {
            "GET": {"own": CHAIR_ONLY, "other": CHAIR_ONLY_OTHER},
            "POST": {"own": CHAIR_ONLY_DONE, "other": CHAIR_ONLY_OTHER},
        },
        "activities:{}_restore".format(prefix): {
            "POST": {"own": CHAIR_ONLY_DONE, "other": CHAIR_ONLY_OTHER},
        },
    }


MATRIX = {
    "activities:category_list": {"GET": {"own": READ}},
    "activities:category_create": {"GET": {"own": READ}, "POST": {"own": SAVED}},
    "activities:category_update": {
        "GET": {"own": READ, "other": READ_OTHER},
        "POST": {"own": SAVED, "other": READ_OTHER},
    },
    "activities:campaign_list": {"GET": {"own": READ}},
    "activities:club_list": {"GET": {"own": READ}},
    **_record_urls("campaign"),
    **_record_urls("club"),
}

OBJECT_KINDS = {
    "activities:category_update": "category",
    "activities:campaign_detail": "campaign",
    "activities:campaign_update": "campaign",
    "activities:campaign_delete": "campaign",
    "activities:campaign_restore": "deleted_campaign",
    "activities:club_detail": "club",
    "activities:club_update": "club",
    "activities:club_delete": "club",
    "activities:club_restore": "deleted_club",
}


def _club(school):
    club = ClubFactory(school=school, name="气排球队", leader=MemberFactory(school=school))
    club.members.set([club.leader, MemberFactory(school=school)])
    return club


def _deleted(factory):
    def make(school):
        record = factory(school)
        record.soft_delete()
        return record

    return make


def _campaign(school):
    return CampaignFactory(school=school)


OBJECT_MAKERS = {
    "category": lambda school: CategoryFactory(school=school, name="教工读书会"),
    "campaign": _campaign,
    "deleted_campaign": _deleted(_campaign),
    "club": _club,
    "deleted_club": _deleted(_club),
}


def _first_category(school):
    with scope(school=[school.pk]):
        return Category.objects.filter(school=school, is_active=True).order_by("position", "pk").first()


def _campaign_data(obj, school):
    with scopes_disabled():
        version = Campaign.all_objects.get(pk=obj.pk).version if obj is not None else 1
    return {
        "title": "教学月",
        "number": "3",
        "theme": "聚焦课堂 提质增效",
        "category": _first_category(school).pk,
        "launched_on": datetime.date(2025, 3, 1).isoformat(),
        "ends_on": datetime.date(2025, 3, 31).isoformat(),
        "description": "",
        "loaded_version": version,
    }


def _club_data(obj, school):
    # No new rows here: the matrix snapshots the tables before it asks for this data.
    with scopes_disabled():
        version = Club.all_objects.get(pk=obj.pk).version if obj is not None else 1
    with scope(school=[school.pk]):
        members = list(Member.objects.filter(school=school).values_list("pk", flat=True)[:2])
    return {
        "name": "书法社",
        "leader": members[0] if members else "",
        "schedule": "每周四下午",
        "members": members,
        "description": "",
        "loaded_version": version,
    }


POST_DATA = {
    "activities:category_create": lambda obj, school: {
        "name": "工会财务",
        "section": SummarySection.UNION,
        "position": 20,
        "is_active": "on",
    },
    "activities:category_update": lambda obj, school: {
        "name": "教工读书会（改）",
        "section": SummarySection.CULTURE,
        "position": 21,
    },
    "activities:campaign_create": _campaign_data,
    "activities:campaign_update": _campaign_data,
    "activities:club_create": _club_data,
    "activities:club_update": _club_data,
}
