"""A notice's text: Markdown (or simple HTML) rendered, then cleaned with nh3 so that no
script, style, event handler or javascript: link ever reaches the page. The form refuses
such a text outright (``unsafe_markup``), so what is stored is what members see."""

import re
from html.parser import HTMLParser

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "del", "ul", "ol", "li", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a", "code", "pre",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
ACTIVE_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form",
    "meta", "link", "svg", "math", "template",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "background", "poster"}
ACTIVE_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
# Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
IGNORED_IN_URL = re.compile(r"[\x00-\x20]")


def _markdown(text):
    return markdown.markdown(text or "", extensions=["tables", "sane_lists"])


def render_body(text):
    return mark_safe(  # noqa: S308 - cleaned by nh3 just below
        nh3.clean(
            _markdown(text),
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
        )
    )


class _ActiveContentFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = set()

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.found.add("<{}>".format(tag))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.add(name)
            elif name in URL_ATTRIBUTES and value and ACTIVE_SCHEME.match(IGNORED_IN_URL.sub("", value)):
                self.found.add(IGNORED_IN_URL.sub("", value).split(":", 1)[0].lower() + ":")

    handle_startendtag = handle_starttag


def unsafe_markup(text):
    """What in ``text`` could run in a browser once rendered: script-like tags, ``on…``
    handlers, javascript:/vbscript:/data: URLs; sorted, empty when the text is safe.
    The Markdown rendering is read, so a tag shown as code (escaped) is no offence."""
    finder = _ActiveContentFinder()
    finder.feed(_markdown(text))
    finder.close()
    return sorted(finder.found)
