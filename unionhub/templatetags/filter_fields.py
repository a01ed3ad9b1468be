from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def choice_list(bound_field):
    """A choice field's choices as a list in one query: the ``for`` tag, and ``list()`` on
    the iterator itself, would first count a model choice field's rows."""
    return list(iter(bound_field.field.choices))


@register.filter
def select_options(bound_field, current):
    """The ``<option>`` tags of a choice field, ``current`` (a string) selected: written here,
    as a filter of a school's members has a few hundred and a template loop costs more than
    the rest of the list page."""
    option = '<option value="{}"{}>{}</option>'
    return mark_safe(
        "".join(
            option.format(
                conditional_escape(value), " selected" if str(value) == current else "", conditional_escape(label)
            )
            for value, label in choice_list(bound_field)
        )
    )
