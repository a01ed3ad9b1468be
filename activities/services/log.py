"""Writes of the activity log: an activity with its participants, photos and attachments
in one transaction, and the removal of a photo or an attachment."""

from dataclasses import dataclass

from django.core.files.base import File
from django.db import transaction

from unionhub.uploads import random_name

from ..models import ActivityAttachment, ActivityPhoto


@dataclass
class PhotoUpload:
    """A picture already checked and re-encoded by ``unionhub.uploads.process_image``."""

    image: File
    thumbnail: File


@dataclass
class AttachmentUpload:
    """A file already checked by ``unionhub.uploads.check_document``."""

    file: File
    original_name: str
    extension: str
    content_type: str
    size: int


def save_activity(activity, participants, photos=(), attachments=()):
    """Save ``activity`` (new or changed), set its participants, add the photos and
    attachments: all of it or, if anything fails, none of it (files written on the way
    are removed again)."""
    written = []
    try:
        with transaction.atomic():
            activity.save()
            activity.participants.set(participants)
            for upload in photos:
                photo = ActivityPhoto(activity=activity)
                photo.image.save(upload.image.name, upload.image, save=False)
                written.append(photo.image)
                photo.thumbnail.save(upload.thumbnail.name, upload.thumbnail, save=False)
                written.append(photo.thumbnail)
                photo.save()
            for upload in attachments:
                attachment = ActivityAttachment(
                    activity=activity,
                    original_name=upload.original_name[:200],
                    content_type=upload.content_type,
                    size=upload.size,
                )
                upload.file.seek(0)
                attachment.file.save(random_name(upload.extension), upload.file, save=False)
                written.append(attachment.file)
                attachment.save()
    except BaseException:
        for field_file in written:
            field_file.storage.delete(field_file.name)
        raise
    return activity


def _delete_files_on_commit(*field_files):
    names = [(f.storage, f.name) for f in field_files if f]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


def delete_photo(photo):
    """Remove a photo and, once that is committed, its files (a photo may show people)."""
    with transaction.atomic():
        _delete_files_on_commit(photo.image, photo.thumbnail)
        photo.delete()


def delete_attachment(attachment):
    with transaction.atomic():
        _delete_files_on_commit(attachment.file)
        attachment.delete()
