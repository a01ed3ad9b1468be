"""How the annual summary words its dates, money and lines: the way the seeds write them
("9月10日，……", "共计3,600.00元", "签署率95.0%")."""

import re
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# A sentence ends at a Chinese or Western full stop, question or exclamation mark, or a line break.
SENTENCE_END = re.compile(r"(?<=[。！？!?])|\n")
LISTED_TITLES = 5


def day_format(with_year=False):
    """The format of a date in the summary, for ``%`` with ``year``, ``month`` and ``day``:
    2018年9月10日, or 9月10日 inside a calendar year where the year goes without saying."""
    if with_year:
        return pgettext("summary date", "%(year)d-%(month)d-%(day)d")
    return pgettext("summary date", "%(month)d-%(day)d")


def day_text(day, with_year=False):
    return day_format(with_year) % {"year": day.year, "month": day.month, "day": day.day}


def money(value):
    """Decimal yuan as printed: 3,600.00."""
    return "{:,.2f}".format(Decimal(value or 0))


def percent(numerator, denominator):
    """92.3%, or an empty string when there is nothing to divide by."""
    if not denominator:
        return ""
    return "{:.1f}%".format(Decimal(numerator) * 100 / Decimal(denominator))


def first_sentence(text):
    """The first sentence of a description, with its closing mark."""
    text = (text or "").strip()
    if not text:
        return ""
    return SENTENCE_END.split(text, maxsplit=1)[0].strip()


def full_stop(text):
    """``text`` ending in a Chinese full stop unless it already ends a sentence."""
    text = text.rstrip("，,；;、 ")
    if text and text[-1] not in "。！？!?":
        text += "。"
    return text


def listed(titles):
    """A、B、C, or the first few of many followed by 等."""
    titles = list(titles)
    shown = "、".join(titles[:LISTED_TITLES])
    if len(titles) > LISTED_TITLES:
        shown += _(" and others")
    return shown


def joined(sentences):
    """Clauses of one sentence, separated the Chinese way."""
    return "，".join(s for s in sentences if s)
