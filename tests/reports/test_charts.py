"""The server-side SVG charts of the dashboard: scalable, accessible, self-contained."""

import re
from decimal import Decimal
from xml.etree import ElementTree

from django.utils import translation

from reports.charts import _nice_ceiling, bar_chart, column_chart


def parse(chart):
    # Inline SVG in HTML needs no namespace; ElementTree parses it as plain XML.
    return ElementTree.fromstring(str(chart.svg))


def test_a_column_chart_scales_to_its_container_and_has_title_and_description():
    chart = column_chart("months", "每月活动", [("1月", 3), ("2月", 0), ("3月", 6)], description="2024年各月")
    svg = parse(chart)
    assert svg.tag == "svg"
    assert svg.get("viewBox").startswith("0 0 ") and svg.get("width") == "100%"
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find("title").get("id") == title_id and svg.find("title").text == "每月活动"
    assert svg.find("desc").get("id") == desc_id and svg.find("desc").text == "2024年各月"


def test_a_column_chart_draws_one_bar_per_item_in_proportion():
    chart = column_chart("months", "每月活动", [("1月", 3), ("2月", 0), ("3月", 6)])
    bars = parse(chart).findall("rect")
    assert len(bars) == 3
    heights = [float(bar.get("height")) for bar in bars]
    assert heights[1] == 0
    assert abs(heights[2] - 2 * heights[0]) < 0.2
    assert chart.rows == [("1月", "3"), ("2月", "0"), ("3月", "6")]
    assert not chart.empty


def test_a_bar_chart_holds_money_with_two_places_and_caps_percentages():
    with translation.override("zh-hans"):
        money = bar_chart(
            "welfare", "慰问金", [("生病住院", Decimal("1000.00")), ("生育", Decimal("500.50"))], unit="元"
        )
        shares = bar_chart(
            "pledges", "签署率", [("承诺一", Decimal("50.0")), ("承诺二", Decimal("100.0"))], maximum=100
        )
    assert money.rows == [("生病住院", "1000.00元"), ("生育", "500.50元")]
    widths = [float(rect.get("width")) for rect in parse(shares).findall("rect")]
    track, half, _track, full = widths
    assert half == track / 2 and full == track


def test_labels_are_escaped_and_nothing_points_outside():
    chart = bar_chart("x", "<b>标题</b>", [('<script>alert("x")</script>', 3)])
    markup = str(chart.svg)
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert not re.search(r"https?://", markup)
    assert "xlink" not in markup and "<image" not in markup


def test_an_empty_chart_says_so():
    assert column_chart("m", "每月活动", [("1月", 0), ("2月", 0)]).empty
    assert bar_chart("w", "慰问金", []).empty


def test_the_axis_ends_on_a_round_number():
    assert [_nice_ceiling(v) for v in (0, 1, 3, 7, 12, 180, 501)] == [1, 1, 5, 10, 20, 200, 1000]


def test_two_charts_on_one_page_have_distinct_ids():
    first = parse(column_chart("m", "一", [("1月", 1)]))
    second = parse(column_chart("m", "一", [("1月", 1)]))
    assert first.find("title").get("id") != second.find("title").get("id")
