"""Request-wide pieces: the request's school and its query scope; forced password change."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django_scopes import scope, scopes_disabled


class SchoolScopeMiddleware:
    """Sets ``request.school`` and runs the whole request inside that school's scope.

    School users see their school; district users see their district's schools (read-only
    by role); anyone else sees no school at all. Superusers inside /admin/ see everything.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        request.school = user.school if user.is_authenticated and user.school_id else None
        if user.is_authenticated and user.is_superuser and request.path.startswith("/admin/"):
            with scopes_disabled():
                return self.get_response(request)
        school_ids = user.scope_school_ids if user.is_authenticated else []
        with scope(school=school_ids):
            return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """A new or reset account must choose its own password before anything else."""

    allowed_url_names = ("password_change", "logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.must_change_password:
            allowed = [reverse(name) for name in self.allowed_url_names]
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("password_change")
        return self.get_response(request)


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Chinese unless the user chose another language with the switch in the footer.

    The browser's Accept-Language is not consulted: a teacher's phone set to English still
    gets the Chinese interface the school expects.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else settings.LANGUAGE_CODE
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
