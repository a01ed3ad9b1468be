"""The summary's sentences, rendered from the templates in ``templates/reports/writer/``.

The summary is a Chinese document written the way a school union writes its year, so its
wording lives in Chinese templates that a union office can read and change: one template
per section heading, lead paragraph and kind of sub-point. A template is laid out on
several lines for reading; its output is joined into one paragraph (every line stripped,
blank lines dropped), so line breaks in a template never reach the text.

The engine does not escape: the text is plain and the preview escapes it when it prints it.
"""

import functools
import re

from django.conf import settings
from django.template import Context, Engine

WRITER_DIR = "reports/writer/"
# Punctuation that meets when a template's optional parts are left out: "A、等" → "A等",
# "，。" → "。".
JOINS = [(re.compile(r"、(?=等)"), ""), (re.compile(r"[，、；]+(?=[。；])"), ""), (re.compile(r"。{2,}"), "。")]


@functools.cache
def engine():
    return Engine(
        dirs=[str(settings.BASE_DIR / "templates")],
        autoescape=False,
        builtins=["reports.templatetags.summary_words"],
        loaders=[("django.template.loaders.cached.Loader", ["django.template.loaders.filesystem.Loader"])],
    )


@functools.cache
def template(name):
    return engine().get_template(WRITER_DIR + name + ".txt")


def words(name, **context):
    """The template ``name`` rendered with ``context`` as one line of text."""
    # A Context escapes by default whatever the engine says: the text is plain.
    rendered = template(name).render(Context(context, autoescape=False))
    text = "".join(line.strip() for line in rendered.splitlines())
    for pattern, replacement in JOINS:
        text = pattern.sub(replacement, text)
    return text
