"""Writes of categories, campaigns and clubs that touch more than one row."""

from ..models import Category


def keep_default_category_in_history(category_pk):
    """Give a default category its first history record before its first edit.

    The default categories are bulk-created for every school (migration 0002 and new
    schools), which writes no history; without this record an edit would lose the
    category's original name and section from its history.
    """
    manager = Category.history
    if not manager.filter(id=category_pk).exists():
        original = Category._base_manager.get(pk=category_pk)
        manager.bulk_history_create([original], default_change_reason="default category")
