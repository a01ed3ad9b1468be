"""Charts drawn on the server as inline SVG: no script, no font file, no outside address.

Each chart scales with its container (a ``viewBox`` and ``width: 100%``), carries a
``<title>`` and ``<desc>`` for screen readers, and keeps its numbers in ``rows`` so the page
can list them beside the drawing. Labels are escaped; the markup is safe to include as is.
"""

import dataclasses
import itertools
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Narrow on purpose: a phone shows the chart near its own size, so text stays legible.
WIDTH = 360
VALUE_SPACE = 92
BAR_COLOUR = "#b4232a"
TRACK_COLOUR = "#eceff1"
TEXT_COLOUR = "#37474f"
GRID_COLOUR = "#cfd8dc"
FONT = 'font-family="sans-serif"'

_ids = itertools.count(1)


@dataclasses.dataclass
class Chart:
    """A drawn chart: ``svg`` (safe markup) and ``rows`` of ``(label, shown value)``."""

    key: str
    title: str
    description: str
    svg: str
    rows: list
    empty: bool = False


def _number(value):
    """A value in the active language's number format, Decimals with their own places
    (yuan two, per cent one)."""
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=max(-value.as_tuple().exponent, 0))
    return number_format(value)


def _fit(label, columns=26):
    """``label`` cut to about ``columns`` (a CJK character takes two) with an ellipsis; the
    whole label stays in the bar's tooltip and in the table of figures."""
    width = 0
    for index, char in enumerate(label):
        width += 2 if ord(char) > 0x2E80 else 1
        if width > columns * 2:
            return label[:index] + "…"
    return label


def _nice_ceiling(value):
    """The smallest 1, 2 or 5 × 10ⁿ at or above ``value`` (at least 1), for the axis."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def _frame(key, title, description, height, body):
    number = next(_ids)
    title_id = "chart-{}-{}-title".format(key, number)
    desc_id = "chart-{}-{}-desc".format(key, number)
    return mark_safe(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMidYMid meet" '
        'role="img" aria-labelledby="{tid} {did}" data-chart="{key}">'
        '<title id="{tid}">{title}</title><desc id="{did}">{desc}</desc>{body}</svg>'.format(
            w=WIDTH,
            h=height,
            tid=title_id,
            did=desc_id,
            key=escape(key),
            title=escape(title),
            desc=escape(description),
            body=body,
        )
    )


def column_chart(key, title, items, unit="", description=""):
    """Vertical columns, one per ``(label, value)`` in ``items`` (e.g. months)."""
    items = list(items)
    height = 220
    left, right, top, bottom = 28, 4, 18, 24
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    ceiling = _nice_ceiling(max((value for _label, value in items), default=0))
    parts = []
    for fraction in (0, 0.5, 1):
        y = top + plot_h * (1 - fraction)
        value = ceiling * fraction
        shown = _number(int(value)) if value == int(value) else ""
        parts.append(
            '<line x1="{l}" y1="{y:.1f}" x2="{r}" y2="{y:.1f}" stroke="{c}" stroke-width="1"/>'
            '<text x="{tx}" y="{ty:.1f}" font-size="11" text-anchor="end" fill="{t}" {f}>{v}</text>'.format(
                l=left, r=WIDTH - right, y=y, c=GRID_COLOUR, tx=left - 4, ty=y + 4, t=TEXT_COLOUR, f=FONT, v=shown
            )
        )
    slot = plot_w / max(len(items), 1)
    bar_w = slot * 0.7
    for index, (label, value) in enumerate(items):
        bar_h = plot_h * float(value) / ceiling
        x = left + slot * index + (slot - bar_w) / 2
        y = top + plot_h - bar_h
        parts.append(
            '<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{c}" rx="2">'
            "<title>{label}：{value}{unit}</title></rect>".format(
                x=x, y=y, w=bar_w, h=bar_h, c=BAR_COLOUR, label=escape(label), value=_number(value), unit=escape(unit)
            )
        )
        if value:
            parts.append(
                '<text x="{x:.1f}" y="{y:.1f}" font-size="11" text-anchor="middle" fill="{t}" {f}>{v}</text>'.format(
                    x=x + bar_w / 2, y=y - 4, t=TEXT_COLOUR, f=FONT, v=_number(value)
                )
            )
        parts.append(
            '<text x="{x:.1f}" y="{y}" font-size="10" text-anchor="middle" fill="{t}" {f}>{label}</text>'.format(
                x=x + bar_w / 2, y=height - bottom + 15, t=TEXT_COLOUR, f=FONT, label=escape(label)
            )
        )
    rows = [(label, "{}{}".format(_number(value), unit)) for label, value in items]
    empty = not any(value for _label, value in items)
    return Chart(
        key, title, description or title, _frame(key, title, description or title, height, "".join(parts)), rows, empty
    )


def bar_chart(key, title, items, unit="", description="", maximum=None):
    """Horizontal bars, one per ``(label, value)``; long Chinese labels stay readable on a
    phone because each label sits on its own line above its bar."""
    items = list(items)
    row_h = 38
    top = 4
    height = top + row_h * max(len(items), 1) + 4
    ceiling = maximum or max((value for _label, value in items), default=0) or 1
    parts = []
    for index, (label, value) in enumerate(items):
        y = top + row_h * index
        bar_w = (WIDTH - VALUE_SPACE) * min(float(value) / float(ceiling), 1.0)
        parts.append(
            '<text x="0" y="{ty}" font-size="13" fill="{t}" {f}>{short}</text>'
            '<rect x="0" y="{by}" width="{tw}" height="14" fill="{track}" rx="3"/>'
            '<rect x="0" y="{by}" width="{w:.1f}" height="14" fill="{c}" rx="3">'
            "<title>{label}：{value}{unit}</title></rect>"
            '<text x="{vx}" y="{vy}" font-size="13" text-anchor="end" fill="{t}" {f}>{value}{unit}</text>'.format(
                ty=y + 13,
                by=y + 18,
                tw=WIDTH - VALUE_SPACE,
                w=bar_w,
                track=TRACK_COLOUR,
                c=BAR_COLOUR,
                t=TEXT_COLOUR,
                f=FONT,
                label=escape(label),
                short=escape(_fit(str(label))),
                value=_number(value),
                unit=escape(unit),
                vx=WIDTH,
                vy=y + 30,
            )
        )
    rows = [(label, "{}{}".format(_number(value), unit)) for label, value in items]
    empty = not items or not any(value for _label, value in items)
    return Chart(
        key, title, description or title, _frame(key, title, description or title, height, "".join(parts)), rows, empty
    )
