"""Links to many records of one kind, with the URL pattern reversed once.

A list page of fifty rows would otherwise resolve the same pattern fifty times, and
``reverse()`` is among the costliest calls of such a page.
"""

from django.urls import get_script_prefix, reverse

# Any ``<int:pk>`` accepts it, and no URL of the project holds it otherwise.
PLACEHOLDER = "2147483647"

_formats = {}


def pk_url(viewname):
    """``viewname``'s URL for a pk, as a function of the pk (a record's one argument)."""
    key = (viewname, get_script_prefix())
    url = _formats.get(key)
    if url is None:
        url = _formats[key] = reverse(viewname, args=[PLACEHOLDER]).replace(PLACEHOLDER, "{}")
    return url.format
