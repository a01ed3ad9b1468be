"""The welfare list's rows, each written by one tag: the list draws every visit twice (a
table row and a phone card), and a template per visit cost most of the page."""

from django import template
from django.template.defaultfilters import date
from django.utils.formats import localize
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from unionhub.links import pk_url
from unionhub.templatetags.choices import display

register = template.Library()

ROW = (
    '<tr data-visit="{pk}">\n'
    '        <td class="text-nowrap"><a href="{url}">{day}</a></td>\n'
    '        <td class="text-nowrap">{member}{retiree}{relative}</td>\n'
    "        <td>{occasion}{detail}</td>\n"
    '        <td class="d-none d-md-table-cell small">{visitors}</td>\n'
    '        <td class="d-none d-lg-table-cell small">{gifts}</td>\n'
    '        <td class="text-end text-nowrap" data-amount>{amount}</td>\n'
    '        <td class="d-none d-sm-table-cell small text-nowrap">{source}</td>\n'
    "      </tr>"
)
CARD = (
    '<a class="list-group-item list-group-item-action" href="{url}" data-visit="{pk}">\n'
    '    <div class="d-flex justify-content-between gap-2">\n'
    "      <strong>{member}{relative}</strong>\n"
    '      <span class="text-nowrap">{given}</span>\n'
    "    </div>\n"
    '    <div class="small text-secondary">{day} · {occasion}{retiree}{detail} · {source}</div>\n'
    "  </a>"
)


def _if(html, value):
    """``html`` around ``value``, escaped, when there is a value."""
    return html.format(esc(value)) if value else ""


def _common(visit):
    """What the row and the card both show, worked out once for the two."""
    language, common = getattr(visit, "_list_common", (None, None))
    if common is None or language != get_language():
        common = {
            "pk": visit.pk,
            "url": pk_url("activities:visit_detail")(visit.pk),
            "day": esc(date(visit.visited_on)),
            "member": esc(visit.member.name),
            "occasion": esc(visit.occasion),
            "source": esc(display(visit, "funding_source")),
        }
        visit._list_common = (get_language(), common)
    return common


@register.simple_tag
def visit_row(visit):
    """A visit as a row of the table (its visitors from ``visitor_list``)."""
    retiree = ""
    if visit.is_to_retiree:
        retiree = ' <span class="badge text-bg-light border" data-retiree>{}</span>'.format(esc(gettext("Retiree")))
    relative = _if('<div class="small text-secondary">{}</div>', visit.relative)
    detail = _if('<div class="small text-secondary">{}</div>', visit.reason_detail)
    visitors = "、".join(esc(visitor.name) for visitor in visit.visitor_list) or "—"
    amount = "—" if visit.amount is None else esc(localize(visit.amount))
    return mark_safe(
        ROW.format(
            retiree=retiree,
            relative=relative,
            detail=detail,
            visitors=visitors,
            gifts=_if("{}", visit.gifts) or "—",
            amount=amount,
            **_common(visit),
        )
    )


@register.simple_tag
def visit_card(visit):
    """A visit as a card of the phone's list."""
    relative = _if(' <small class="fw-normal text-secondary">{}</small>', visit.relative)
    if visit.amount is not None:
        given = gettext("%(amount)s yuan") % {"amount": esc(localize(visit.amount))}
    else:
        given = _if("{}", visit.gifts) or "—"
    return mark_safe(
        CARD.format(
            relative=relative,
            given=given,
            retiree=" · {}".format(esc(gettext("Retiree"))) if visit.is_to_retiree else "",
            detail=_if("（{}）", visit.reason_detail),
            **_common(visit),
        )
    )
