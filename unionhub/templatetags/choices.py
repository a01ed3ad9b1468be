from django import template
from django.utils.translation import get_language

register = template.Library()

_labels = {}


@register.filter
def display(record, field_name):
    """``record.get_FIELD_display`` for a row of a list, from a dict built once per field and
    language: Django's builds a dict of the field's choices on every call."""
    field = record._meta.get_field(field_name)
    key = (field, get_language())
    labels = _labels.get(key)
    if labels is None:
        labels = _labels[key] = {value: str(label) for value, label in field.flatchoices}
    value = getattr(record, field.attname)
    return labels.get(value, value)
