"""Every file the pages ask for is found by the staticfiles finders, in the project's static/
or an installed app, never on another host; each vendored library carries its licence."""

import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.template import Context, Template

TEMPLATES_DIR = settings.BASE_DIR / "templates"
VENDOR_DIR = settings.BASE_DIR / "static" / "vendor"
STATIC_TAG = re.compile(r"""{%\s*static\s+(['"])(?P<path>[^'"]+)\1""")
REMOTE_ASSET = re.compile(r"""<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)
SRC = re.compile(r"""\bsrc="(?P<url>[^"]+)\"""")


def templates():
    return sorted(TEMPLATES_DIR.rglob("*.html"))


def static_references():
    references = {}
    for template in templates():
        for match in STATIC_TAG.finditer(template.read_text(encoding="utf-8")):
            references.setdefault(match["path"], []).append(str(template.relative_to(TEMPLATES_DIR)))
    return references


def test_the_base_layout_names_bootstrap_through_the_static_tag():
    references = static_references()
    assert "vendor/bootstrap/css/bootstrap.min.css" in references
    assert "vendor/bootstrap/js/bootstrap.bundle.min.js" in references


def test_every_static_file_a_template_names_is_found():
    missing = {path: where for path, where in static_references().items() if finders.find(path) is None}
    assert not missing


def test_the_htmx_script_tag_names_a_file_that_is_found():
    rendered = Template("{% load django_htmx %}{% htmx_script %}").render(Context())
    urls = [match["url"] for match in SRC.finditer(rendered)]
    assert urls
    for url in urls:
        assert url.startswith(settings.STATIC_URL) or url.startswith("/" + settings.STATIC_URL)
        path = url.split(settings.STATIC_URL, 1)[1].split("?", 1)[0]
        assert finders.find(path) is not None, url


def test_no_template_loads_a_script_or_stylesheet_from_another_host():
    remote = [
        str(template.relative_to(TEMPLATES_DIR))
        for template in templates()
        if REMOTE_ASSET.search(template.read_text(encoding="utf-8"))
    ]
    assert not remote


def test_every_vendored_library_carries_its_licence():
    libraries = [folder for folder in VENDOR_DIR.iterdir() if folder.is_dir()]
    assert libraries
    assert [folder.name for folder in libraries if not (folder / "LICENSE").is_file()] == []


def test_the_production_storage_collects_every_file_with_its_source_maps(settings, tmp_path):
    """The manifest storage rewrites each sourceMappingURL, so a vendored file whose .map is
    missing fails collectstatic as a deployment runs it."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert list((tmp_path / "static" / "vendor" / "bootstrap" / "css").glob("bootstrap.min.css.*.map"))
