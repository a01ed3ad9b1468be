"""Permission-matrix entries of the activities app, one module per concern.

Each module holds:

* ``MATRIX`` and ``OBJECT_KINDS``, as in ``test_permission_matrix``;
* ``OBJECT_MAKERS``: ``{kind: function(school) -> object}`` for its object kinds;
* ``POST_DATA``: ``{url name: function(obj, school) -> dict}``, valid data for each POST
  (``obj`` is None when the pk does not exist).
"""

from . import (
    awards,
    campaigns,
    care,
    congress,
    disclosure,
    jobs,
    log,
    partnerships,
    pledges,
    provisions,
    reports_dashboard,
    reports_summary,
    reports_template,
    schools,
    welfare,
)

MODULES = [
    log,
    campaigns,
    partnerships,
    provisions,
    pledges,
    awards,
    care,
    welfare,
    congress,
    disclosure,
    reports_summary,
    reports_template,
    reports_dashboard,
    schools,
    jobs,
]

MATRIX = {}
OBJECT_KINDS = {}
OBJECT_MAKERS = {}
POST_DATA = {}
URL_KWARGS = {}
URL_QUERIES = {}
for module in MODULES:
    URL_KWARGS.update(getattr(module, "URL_KWARGS", {}))
    URL_QUERIES.update(getattr(module, "URL_QUERIES", {}))
    for target, source in (
        (MATRIX, module.MATRIX),
        (OBJECT_KINDS, module.OBJECT_KINDS),
        (OBJECT_MAKERS, module.OBJECT_MAKERS),
        (POST_DATA, module.POST_DATA),
    ):
        duplicated = set(target) & set(source)
        assert not duplicated, "{} defines {} twice".format(module.__name__, sorted(duplicated))
        target.update(source)
