"""Shared by the matrix and its per-app modules."""

# "302 to the login page": status 302 and Location under /accounts/login/.
LOGIN = "login"


def a_member(school):
    """A member of ``school`` for POST data that must name one (made before the snapshot)."""
    from django_scopes import scopes_disabled

    from ..factories import MemberFactory

    with scopes_disabled():
        return MemberFactory(school=school)
