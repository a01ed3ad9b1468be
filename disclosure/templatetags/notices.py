from django import template
from django.template.defaultfilters import date
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from unionhub.links import pk_url

from ..choices import NoticeStatus

register = template.Library()

ROW = (
    '<a class="list-group-item list-group-item-action py-3" href="{url}" data-notice="{pk}">\n'
    '  <div class="d-flex flex-wrap justify-content-between gap-2">\n'
    "    <div>\n"
    '      <div class="fw-semibold">{new}{title}</div>\n'
    '      <div class="small text-secondary">{category} · {window}</div>\n'
    "    </div>\n"
    '    <div class="text-md-end small">\n'
    "      {state}\n"
    "    </div>\n"
    "  </div>\n"
    "</a>\n"
)


@register.simple_tag
def notice_row(notice):
    """A notice of the board, as one link: written here rather than by a template included
    for each of the board's seventy notices, which cost most of the page. ``is_new`` is set
    on every notice shown; ``left`` and ``not_started`` on those in their window only."""
    esc = conditional_escape
    new = ""
    if notice.is_new:
        new = '<span class="badge text-bg-danger me-1" data-badge="new">{}</span>'.format(
            esc(pgettext("not read yet", "New"))
        )
    left = getattr(notice, "left", None)
    if notice.status == NoticeStatus.WITHDRAWN:
        state = '<span class="badge text-bg-secondary">{}</span>\n      '.format(esc(gettext("Withdrawn")))
    elif left is not None:
        if notice.not_started:
            state = '<span class="badge text-bg-info">{}</span>'.format(esc(gettext("Not started yet")))
        else:
            days = ngettext("%(days)s working day left", "%(days)s working days left", left) % {"days": left}
            state = '<span class="badge text-bg-success" data-left="{}">{}</span>'.format(left, days)
        state += "\n      "
    else:
        state = '<span class="badge text-bg-light">{}</span>'.format(esc(gettext("Window closed")))
    window = gettext("%(start)s to %(end)s") % {
        "start": esc(date(notice.starts_on)),
        "end": esc(date(notice.ends_on)),
    }
    return mark_safe(
        ROW.format(
            url=pk_url("disclosure:notice_detail")(notice.pk),
            pk=notice.pk,
            new=new,
            title=esc(notice.title),
            category=esc(notice.category.name),
            window=window,
            state=state,
        )
    )
