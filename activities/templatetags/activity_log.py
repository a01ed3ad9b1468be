"""The activity log's rows, each written by one tag: the log draws every activity twice (a
table row and a phone card), and a template per activity cost most of the page."""

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext

from unionhub.links import pk_url

register = template.Library()

ROW = (
    '<tr data-activity="{pk}">\n'
    '        <td class="text-nowrap">{start}{until}</td>\n'
    '        <td><a href="{url}">{title}</a>{programme}</td>\n'
    '        <td class="text-nowrap"><span class="badge text-bg-light border fw-normal">{category}</span></td>\n'
    "        <td>{campaign}</td>\n"
    "        <td>{location}</td>\n"
    '        <td class="text-end text-nowrap">{participants}{outside}</td>\n'
    '        <td class="text-center">{photo}</td>\n'
    "      </tr>"
)
PHOTO = (
    '<a href="{url}#photos" class="d-inline-flex align-items-center gap-1 text-decoration-none">'
    '<img class="activity-thumb-sm" src="{thumb}" alt="" loading="lazy" width="48" height="36">{more}</a>'
)
CARD = (
    '<a class="card card-body p-2 text-reset text-decoration-none activity-card" href="{url}" data-activity="{pk}">\n'
    '    <div class="d-flex gap-2">\n'
    "      {thumb}\n"
    '      <div class="flex-grow-1 min-w-0">\n'
    '        <div class="fw-semibold text-primary">{title}{programme}</div>\n'
    '        <div class="small text-secondary">{start}{until} · {category}</div>\n'
    '        <div class="small">{counts}</div>\n'
    "        {campaign}\n"
    "      </div>\n"
    "    </div>\n"
    "  </a>"
)


def _campaign(activity):
    """The activity's campaign as the log names it, or None (none, or deleted)."""
    campaign = activity.campaign
    return esc(str(campaign)) if campaign and not campaign.is_deleted else None


def _ends_later(activity):
    return activity.ends_on and activity.ends_on != activity.starts_on


def _common(activity):
    """What the row and the card both show, worked out once for the two."""
    language, common = getattr(activity, "_list_common", (None, None))
    if common is None or language != get_language():
        common = {
            "pk": activity.pk,
            "url": pk_url("activities:activity_detail")(activity.pk),
            "start": esc(localize(activity.starts_on)),
            "title": esc(activity.title),
            "category": esc(activity.category.name),
        }
        activity._list_common = (get_language(), common)
    return common


def _thumb(activity):
    return pk_url("activities:activity_photo_thumbnail")(activity.first_photo_id)


@register.simple_tag
def activity_row(activity):
    """An activity as a row of the log's table (with its counts and first photo annotated)."""
    a = activity
    common = _common(a)
    until = ""
    if _ends_later(a):
        end = gettext("to %(end)s") % {"end": esc(localize(a.ends_on))}
        until = '<br><small class="text-secondary">{}</small>'.format(end)
    photo = '<span class="text-secondary">—</span>'
    if a.first_photo_id:
        more = '<small class="text-secondary">×{}</small>'.format(localize(a.photo_count)) if a.photo_count > 1 else ""
        photo = PHOTO.format(url=common["url"], thumb=_thumb(a), more=more)
    programme = ""
    if a.programme:
        programme = ' <span class="badge text-bg-info fw-normal" data-programme>{}</span>'.format(esc(a.programme))
    outside = ""
    if a.outside_participants:
        outside = ' <small class="text-secondary">+{}</small>'.format(localize(a.outside_participants))
    return mark_safe(
        ROW.format(
            until=until,
            programme=programme,
            campaign=_campaign(a) or "—",
            location=esc(a.location) if a.location else "—",
            participants=localize(a.participant_count),
            outside=outside,
            photo=photo,
            **common,
        )
    )


@register.simple_tag
def activity_card(activity):
    """An activity as a card of the phone's log."""
    a = activity
    thumb = ""
    if a.first_photo_id:
        thumb = '<img class="activity-thumb-card flex-shrink-0" src="{}" alt="" loading="lazy" width="72" height="54">'
        thumb = thumb.format(_thumb(a))
    programme = ' <span class="badge text-bg-info fw-normal">{}</span>'.format(esc(a.programme)) if a.programme else ""
    counts = ngettext("%(counter)s participant", "%(counter)s participants", a.participant_count) % {
        "counter": localize(a.participant_count)
    }
    if a.outside_participants:
        counts += " · " + gettext("%(count)s from outside") % {"count": localize(a.outside_participants)}
    if a.photo_count:
        counts += " · " + ngettext("%(counter)s photo", "%(counter)s photos", a.photo_count) % {
            "counter": localize(a.photo_count)
        }
    campaign = _campaign(a)
    return mark_safe(
        CARD.format(
            thumb=thumb,
            programme=programme,
            until=" – {}".format(esc(localize(a.ends_on))) if _ends_later(a) else "",
            counts=counts,
            campaign='<div class="small text-secondary text-truncate">{}</div>'.format(campaign) if campaign else "",
            **_common(a),
        )
    )
