from django.core.paginator import Paginator

MAX_PER_PAGE = 100


class CappedPaginator(Paginator):
    """A paginator that ignores a ``per_page`` asked for in the URL beyond ``MAX_PER_PAGE``,
    so no one can render a whole roster in one page."""

    def __init__(self, object_list, per_page, *args, **kwargs):
        super().__init__(object_list, min(int(per_page), MAX_PER_PAGE), *args, **kwargs)
