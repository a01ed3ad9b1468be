"""The browser is told to run only the app's own script and style files (an enforced
Content-Security-Policy), to keep the camera, microphone, location and the like off
(Permissions-Policy) and to send no address to other sites (Referrer-Policy); and the
pages keep to that policy: no inline script, no on…= handler, no style element or
attribute, all of which the browser would refuse."""

import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from activities.models import Activity, CarePair, EthicsPeriod, PledgeDrive
from congress.models import Proposal, Session, SuggestionDrive
from disclosure.models import Notice
from reports.models import SummaryTemplate
from unionhub.models import School, User

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"


def directives(header):
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


class InlineFinder(HTMLParser):
    """Whatever in a page the policy would refuse: inline script, handler, style."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append("{}= on <{}>".format(name, tag))
            if name == "style":
                self.found.append('style="{}" on <{}>'.format(value, tag))
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append("javascript: link on <{}>".format(tag))

    handle_startendtag = handle_starttag


def inline_parts(html):
    finder = InlineFinder()
    finder.feed(html)
    return finder.found


# ---- the headers ------------------------------------------------------------------------


def test_the_policy_allows_only_the_apps_own_scripts_and_styles(client, db):
    response = client.get(reverse("login"))

    assert "Content-Security-Policy-Report-Only" not in response.headers
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]


def test_the_browser_features_the_app_never_uses_are_off(client, db):
    response = client.get(reverse("login"))

    features = dict(
        part.strip().split("=", 1) for part in response.headers["Permissions-Policy"].split(",") if part.strip()
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# ---- the pages --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for the module: every page below has something to show."""
    media = tmp_path_factory.mktemp("demo_media")
    with django_db_blocker.unblock():
        with override_settings(DEBUG=True, MEDIA_ROOT=media):
            call_command("demo", stdout=StringIO())
            with scopes_disabled():
                school = School.objects.order_by("pk").first()
                template = SummaryTemplate(school=school, original_name="红头.docx", size=1, uploaded_at=timezone.now())
                template.file.save("letterhead.docx", ContentFile(b"docx"), save=False)
                template.save()
        try:
            yield {"media": media, "school": school}
        finally:
            call_command("flush", interactive=False, verbosity=0)
            ContentType.objects.clear_cache()


def first(queryset):
    found = queryset.order_by("pk").first()
    assert found is not None, queryset.model.__name__
    return found.pk


@scopes_disabled()
def page_addresses(school):
    year = timezone.localdate().year
    activity = first(Activity.objects.filter(school=school, photos__isnull=False, attachments__isnull=False))
    drive = first(PledgeDrive.objects.filter(school=school))
    notice = first(Notice.objects.filter(school=school).exclude(status="draft"))
    return [
        reverse("reports:dashboard"),
        reverse("members:member_list"),
        reverse("reports:summary", kwargs={"year": year}),
        reverse("reports:plan", kwargs={"year": year}),
        reverse("reports:summary_template"),
        reverse("activities:activity_detail", kwargs={"pk": activity}),
        reverse("activities:activity_calendar"),
        reverse("activities:pledge_list"),
        reverse("activities:pledge_create"),
        reverse("activities:pledge_detail", kwargs={"pk": drive}),
        reverse("activities:pledge_members", kwargs={"pk": drive}),
        reverse("activities:ethics_grid", kwargs={"pk": first(EthicsPeriod.objects.filter(school=school))}),
        reverse("activities:care_grid"),
        reverse("activities:care_month"),
        reverse("activities:care_pair_detail", kwargs={"pk": first(CarePair.objects.filter(school=school))}),
        reverse("activities:greeting_create"),
        reverse("activities:award_create"),
        reverse("activities:campaign_list"),
        reverse("activities:category_create"),
        reverse("members:department_create"),
        reverse("congress:session_detail", kwargs={"pk": first(Session.objects.filter(school=school))}),
        reverse("congress:proposal_detail", kwargs={"pk": first(Proposal.objects.filter(school=school))}),
        reverse("congress:drive_detail", kwargs={"pk": first(SuggestionDrive.objects.filter(school=school))}),
        reverse("disclosure:notice_detail", kwargs={"pk": notice}) + "?print=1",
        reverse("disclosure:board") + "?screen=1",
        reverse("password_change"),
    ]


def test_the_pages_keep_to_the_policy(demo, client, settings):
    settings.MEDIA_ROOT = demo["media"]
    school = demo["school"]
    client.force_login(User.objects.get(username="chair", school=school))

    for address in page_addresses(school):
        response = client.get(address)

        assert response.status_code == 200, address
        policy = directives(response.headers["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], address
        assert policy["style-src"] == ["'self'"], address
        assert inline_parts(response.content.decode()) == [], address


def test_the_finder_sees_what_the_policy_would_refuse():
    page = (
        '<script>alert(1)</script><script src="/static/x.js"></script>'
        '<script type="application/json" id="data">{}</script>'
        '<style>p{}</style><p style="color: red">x</p>'
        '<select onchange="this.form.submit()"></select><a href="javascript:void(0)">y</a>'
    )
    assert inline_parts(page) == [
        "<script> without src",
        "<style>",
        'style="color: red" on <p>',
        "onchange= on <select>",
        "javascript: link on <a>",
    ]


# ---- every template ---------------------------------------------------------------------

DJANGO_COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.DOTALL)
REFUSED = {
    "inline script": re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: link": re.compile(r"=\s*[\"']?\s*javascript:", re.IGNORECASE),
}


def test_no_template_has_what_the_policy_would_refuse():
    found = []
    for path in sorted(TEMPLATES_DIR.rglob("*.html")):
        text = DJANGO_COMMENT.sub("", path.read_text(encoding="utf-8"))
        for what, pattern in REFUSED.items():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append("{}:{}: {}".format(path.relative_to(TEMPLATES_DIR), line, what))
    assert found == []
