"""Filters and tags the summary's wording templates use: Chinese numerals, vague times
(上半年, 秋季), lists of names, yuan without zero cents, and a choice among phrasings so that
neighbouring sub-points do not read alike."""

import datetime
import functools
from decimal import Decimal

from django import template

from congress.numerals import chinese_number

register = template.Library()

SEASONS = {12: "冬季", 1: "冬季", 2: "冬季", 3: "春季", 4: "春季", 5: "春季", 6: "夏季", 7: "夏季", 8: "夏季"}


@register.filter
def cn(value):
    """一 … 十 for counts up to ten, as the seeds write small counts (五名队员); digits above."""
    try:
        value = int(value)
    except (TypeError, ValueError):
        return value
    return chinese_number(value) if 0 < value <= 10 else str(value)


def dated(filter_function):
    """A date filter prints nothing for what is not a date, as Django's filters fail quietly."""

    @functools.wraps(filter_function)
    def wrapper(day):
        return filter_function(day) if isinstance(day, datetime.date) else ""

    return wrapper


@register.filter
@dated
def cn_month(day):
    """九月."""
    return chinese_number(day.month) + "月"


@register.filter
@dated
def md(day):
    """9月10日."""
    return "{}月{}日".format(day.month, day.day)


@register.filter
@dated
def ymd(day):
    """2018年9月10日."""
    return "{}年{}月{}日".format(day.year, day.month, day.day)


@register.filter
@dated
def half(day):
    """上半年 or 下半年."""
    return "上半年" if day.month <= 6 else "下半年"


@register.filter
@dated
def season(day):
    """春季, 夏季, 秋季 or 冬季."""
    return SEASONS.get(day.month, "秋季")


@register.filter
def listing(values, last="、"):
    """A、B、C (or A、B和C with ``last="和"``)."""
    values = [str(v) for v in values if v]
    if len(values) < 2:
        return "".join(values)
    return "、".join(values[:-1]) + last + values[-1]


@register.filter
def yuan(value):
    """Yuan as people write them: 3600元, 3,600.50元 for cents; empty for none."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return "{}元".format(int(value))
    return "{:.2f}元".format(value)


@register.filter
def approx(value):
    """A sum over years as people round it: 4100 → 4000余元, 850 → 850元."""
    if value is None:
        return ""
    value = Decimal(value)
    if value < 1000:
        return yuan(value)
    thousands = int(value // 1000) * 1000
    return "{}余元".format(thousands) if value > thousands else "{}元".format(thousands)


@register.filter
def edition(number, noun="个"):
    """首个/首届 for the first, 第十一个/第十一届 after."""
    if not number:
        return ""
    return "首" + noun if int(number) == 1 else "第" + chinese_number(int(number)) + noun


@register.filter
def published(title):
    """A notice's title as the matter it made public: "拒绝有偿补课承诺书公示" → "拒绝有偿补课承诺书"."""
    title = str(title).strip()
    for ending in ("结果公示", "公示", "公告", "通知"):
        if title.endswith(ending) and len(title) > len(ending):
            return title[: -len(ending)]
    return title


@register.filter
def named(title):
    """A name in quotation marks, unless it already carries some: “师德建设月”, but
    师德建设“个十百千万”行动 as it is."""
    title = str(title).strip()
    if any(mark in title for mark in "“”《》\"'"):
        return title
    return "“{}”".format(title)


@register.filter
def without(listed_items, item):
    """An 、-separated list without ``item``: "水果、慰问金" without 慰问金 → "水果", when the
    money is told with its amount."""
    return "、".join(part for part in str(listed_items or "").split("、") if part and part != item)


@register.filter
def bare(text):
    """Text without its closing full stop, to be continued in a sentence."""
    return str(text or "").strip().rstrip("。；;，,. ")


@register.simple_tag
def pick(n, *phrasings):
    """The ``n``-th of ``phrasings``, round and round: neighbouring sub-points word the same
    act differently."""
    return phrasings[int(n or 0) % len(phrasings)]
