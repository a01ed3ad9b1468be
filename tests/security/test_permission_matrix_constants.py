"""Shared by the matrix and its per-app modules."""

# "302 to the login page": status 302 and Location under /accounts/login/.
LOGIN = "login"


def a_member(school):
    """A member of ``school`` for POST data that must name one (made before the snapshot)."""
    from django_scopes import scopes_disabled

    from ..factories import MemberFactory

    with scopes_disabled():
        return MemberFactory(school=school)


# Rows shared by the matrix modules of the union's records, per role
# (anonymous, chair, staff, teacher, district).
STAFF_LIST = {"GET": {"own": (LOGIN, 200, 200, 403, 403)}}
STAFF_CREATE = {
    "GET": {"own": (LOGIN, 200, 200, 403, 403)},
    "POST": {"own": (LOGIN, 302, 302, 403, 403)},
}
# A teacher reaches their own records; a colleague's answers 404 to them, exactly as
# another school's or a missing one (the matrix's teacher has no member record, so every
# record of the school is a colleague's).
DETAIL_TEACHER_OWN = {
    "GET": {
        "own": (LOGIN, 200, 200, 404, 403),
        "other": (LOGIN, 404, 404, 404, 403),
    }
}
RECORD_UPDATE = {
    "GET": {
        "own": (LOGIN, 200, 200, 403, 403),
        "other": (LOGIN, 404, 404, 403, 403),
    },
    "POST": {
        "own": (LOGIN, 302, 302, 403, 403),
        "other": (LOGIN, 404, 404, 403, 403),
    },
}
RECORD_DELETE = {
    "GET": {
        "own": (LOGIN, 200, 403, 403, 403),
        "other": (LOGIN, 404, 403, 403, 403),
    },
    "POST": {
        "own": (LOGIN, 302, 403, 403, 403),
        "other": (LOGIN, 404, 403, 403, 403),
    },
}
RECORD_RESTORE = {
    "POST": {
        "own": (LOGIN, 302, 403, 403, 403),
        "other": (LOGIN, 404, 403, 403, 403),
    }
}
