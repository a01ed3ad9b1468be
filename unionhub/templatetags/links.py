from django import template

from unionhub.links import pk_url as url_for_pk

register = template.Library()


@register.filter
def pk_url(pk, viewname):
    """``{% url viewname pk %}`` for a row of a list: the pattern is reversed once per process."""
    return url_for_pk(viewname)(pk)
