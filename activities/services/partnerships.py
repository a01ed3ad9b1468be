"""Writes of partnerships: the record, its activities and its agreement file together."""

from django.db import transaction

from unionhub.uploads import random_name


def save_partnership(partnership, activities, agreement=None):
    """Save ``partnership`` with its ``activities`` and, when given, a new agreement file
    (an ``AttachmentUpload`` already checked): all of it or none of it.

    A replaced agreement file is kept, so that the history still leads to it.
    """
    written = None
    try:
        with transaction.atomic():
            if agreement is not None:
                agreement.file.seek(0)
                partnership.agreement.save(random_name(agreement.extension), agreement.file, save=False)
                written = partnership.agreement
                partnership.agreement_name = agreement.original_name[:200]
                partnership.agreement_content_type = agreement.content_type
            partnership.save()
            partnership.activities.set(activities)
    except BaseException:
        if written is not None:
            written.storage.delete(written.name)
        raise
    return partnership
