from django import template

register = template.Library()


@register.filter
def choice_list(bound_field):
    """A choice field's choices as a list in one query: the ``for`` tag, and ``list()`` on
    the iterator itself, would first count a model choice field's rows."""
    return list(iter(bound_field.field.choices))
