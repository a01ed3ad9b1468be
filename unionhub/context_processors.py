from django.utils.functional import lazy

from .roles import Action, user_can


def nav_key(user, school, can):
    """What the cached navigation depends on besides the page and the language: the school,
    what the user may do, and whether the user has a member record (a teacher's menu)."""
    flags = "".join("1" if can[action.value] else "0" for action in Action)
    return "{}:{}:{}:{}".format(getattr(school, "pk", ""), user.district_id or "", flags, int(hasattr(user, "member")))


def school_and_role(request):
    """The school shown in the top bar and what the navigation may offer this user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"current_school": None, "can": {}}
    school = getattr(request, "school", None)
    can = {action.value: user_can(user, action) for action in Action}
    return {
        "current_school": school,
        "can": can,
        # Lazy: only a page that draws the navigation reads the user's member record for it.
        "nav_key": lazy(nav_key, str)(user, school, can),
    }
