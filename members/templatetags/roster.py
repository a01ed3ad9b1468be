import hashlib

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from unionhub.links import pk_url

from ..choices import Gender, MemberStatus, ProfessionalTitle

register = template.Library()

EMPTY = "—"
CACHE_SECONDS = 600
ROW = (
    '\n<tr class="{}"><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
    "<td>{}</td><td>{}</td></tr>\n"
)


def _labels(choices):
    return {value: str(label) for value, label in choices.choices}


@register.simple_tag
def roster_rows(table):
    """The roster's rows, written here rather than by a template per row: per-row template
    rendering cost most of the page. The cells follow ``MemberTable.Meta.fields``, with the
    choices' labels and "—" for an empty cell, as ``get_FOO_display|default:"—"`` would."""
    url = pk_url("members:member_detail")
    gender, title, status = _labels(Gender), _labels(ProfessionalTitle), _labels(MemberStatus)

    def cell(value, labels=None):
        if labels is not None and value is not None:
            value = labels.get(value, value)
        return escape(value) if value else EMPTY

    rows = []
    for row in table.paginated_rows:
        m = row.record
        rows.append(
            ROW.format(
                row.get_even_odd_css_class(),
                url(m.pk),
                escape(m.name),
                cell(m.gender, gender),
                cell(m.department.name if m.department_id else None),
                cell(m.post),
                cell(m.title, title),
                cell(m.status, status),
                cell(m.phone),
                cell(m.employee_number),
            )
        )
    if not rows:
        return mark_safe('<tr><td colspan="{}">{}</td></tr>'.format(len(table.columns), escape(table.empty_text)))
    return mark_safe("".join(rows))


@register.filter
def crispy_filter_field(field):
    """``as_crispy_field`` for a filter field, read from the cache when the same field was
    drawn with the same value, errors, choices and language: crispy's templates cost more
    than the roster's rows. The key holds the choices themselves (a school's departments,
    by id and name), so no school's choices are drawn for another. A search typed in is
    drawn every time: its values are endless."""
    formfield = field.field
    value = field.value()
    if isinstance(formfield, forms.ChoiceField):
        # The choices' one query, run here; the widget then draws this list without another.
        # (``list()`` on the iterator itself would first count a model's rows.)
        formfield.widget.choices = list(iter(formfield.choices))
        choices = [(str(choice), str(label)) for choice, label in formfield.widget.choices]
    elif value in (None, ""):
        choices = None
    else:
        return as_crispy_field(field)
    state = repr((type(field.form).__qualname__, field.html_name, field.auto_id, value, list(field.errors), choices))
    key = "crispy-filter-field:{}:{}".format(get_language(), hashlib.sha256(state.encode()).hexdigest())
    html = cache.get(key)
    if html is None:
        html = str(as_crispy_field(field))
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)
