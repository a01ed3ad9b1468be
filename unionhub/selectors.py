"""Reads about a school: what the dashboard and the annual summary share, and its access log."""

from dataclasses import dataclass

from .models import AccessLogEntry


@dataclass(frozen=True)
class SchoolProfile:
    """What the school says about itself: the summary's title, signature and opening read it."""

    full_name: str
    short_name: str
    union_name: str
    motto: str
    motto_meaning: str
    introduction: str


def school_profile(school):
    """The profile of ``school``; the short name falls back to the full name, the union's
    name to the full name + 工会, so the summary always has a title and a signature."""
    return SchoolProfile(
        full_name=school.name,
        short_name=school.short_name or school.name,
        union_name=school.signing_union_name,
        motto=school.motto,
        motto_meaning=school.motto_meaning,
        introduction=school.introduction,
    )


def access_log(school):
    """The school's access log, newest first."""
    return AccessLogEntry.objects.filter(school=school).order_by("-at", "-pk")
