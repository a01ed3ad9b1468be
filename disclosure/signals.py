def create_default_categories(sender, instance, created, raw=False, **kwargs):
    """A new school gets the default notice categories."""
    if created and not raw:
        from .services import ensure_default_categories

        ensure_default_categories(instance)
