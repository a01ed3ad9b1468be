"""The notice sanitiser with text made of Markdown, HTML and odd Unicode: rendering never
fails, and what it gives a browser never runs; the form refuses, in Chinese, a text whose
rendering would carry something active, and the saved notice's page shows none of it."""

import re
from html.parser import HTMLParser

import pytest
from django.utils import translation
from django_scopes import scope
from hypothesis import given
from hypothesis import strategies as st

from disclosure.forms import NoticeForm
from disclosure.rendering import render_body, unsafe_markup

from .checks import CHINESE
from .strategies import ODD_PIECES, text

MARKUP_PIECES = [
    "<script>alert(1)</script>", "<scr<script>ipt>", "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>x</a>", "<a href=\"java\tscript:alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>", "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)", "<svg onload=alert(1)>", "<style>*{}</style>", "<iframe src=//x>",
    "<form action=javascript:1>", "<math><mi>x</mi></math>", "<!--", "-->", "<![CDATA[", "]]>",
    "<p title='\" onmouseover=alert(1) '>", "<a href=x onclick=1>", "<b>", "</b>", "**粗体**", "# 标题",
    "| a | b |\n|---|---|\n| 1 | 2 |", "> 引用", "1. 一\n2. 二", "```\n<script>\n```", "`<script>`",
    "&lt;script&gt;", "\n\n", "    <script>", "<", ">", "&",
]  # fmt: skip
bodies = st.lists(st.one_of(st.sampled_from(MARKUP_PIECES), st.sampled_from(ODD_PIECES), text), max_size=12).map(
    "".join
)

# A browser drops tabs and line breaks anywhere in a URL, and control characters and spaces
# before it (the URL standard); a space inside leaves it a harmless relative link.
BROWSER_DROPS = re.compile(r"[\t\n\r]|^[\x00-\x20]+")
ACTIVE_URL = re.compile(r"(javascript|vbscript|data):", re.I)
ACTIVE_TAGS = {"script", "style", "iframe", "svg", "math", "form", "object", "embed", "base", "meta", "link"}


class ActiveParts(HTMLParser):
    """The tags, event handlers and script URLs a browser would act on, as it parses the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or ACTIVE_URL.match(BROWSER_DROPS.sub("", value or "")):
                self.found.append("{}={}".format(name, value))


@given(bodies)
def test_the_rendered_text_never_carries_anything_active(body):
    html = str(render_body(body))
    parts = ActiveParts()
    parts.feed(html)
    parts.close()

    assert not parts.found, html


@pytest.fixture
def notice_form_data():
    return {"title": "关于2025年度福利费使用情况的公示", "starts_on": "2025-03-03", "working_days": "5"}


def test_a_refused_body_is_a_chinese_form_error(school, notice_form_data):
    with translation.override("zh-hans"), scope(school=[school.pk]):

        @given(bodies)
        def refusing(body):
            form = NoticeForm({**notice_form_data, "body": body}, school=school)
            form.is_valid()
            for message in form.errors.get("body", []):
                assert CHINESE.search(message), message
            if unsafe_markup(body):
                assert "body" in form.errors

        refusing()
