from .roles import Action, user_can


def school_and_role(request):
    """The school shown in the top bar and what the navigation may offer this user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"current_school": None, "can": {}}
    return {
        "current_school": getattr(request, "school", None),
        "can": {action.value: user_can(user, action) for action in Action},
    }
