"""``{% submission_token %}``: the one-time token of a create form (see ``unionhub.submissions``).

A builtin (settings ``TEMPLATES``), so a form template needs no ``{% load %}`` for it.
"""

from django import template
from django.utils.html import format_html

from ..submissions import FIELD_NAME, new_token

register = template.Library()


@register.simple_tag
def submission_token():
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD_NAME, new_token())
