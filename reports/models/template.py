"""A school's own Word template for the summary: its letterhead, its styles."""

import os

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from unionhub.models import SchoolOwnedModel
from unionhub.uploads import random_name


def template_upload_to(instance, filename):
    # The chair's file name is kept in ``original_name``; the stored one says nothing.
    return "reports/templates/{}".format(random_name("docx"))


class SummaryTemplate(SchoolOwnedModel):
    """The .docx the school's summaries are written into instead of the app's; one per
    school, replaced by the next upload."""

    file = models.FileField(_("file"), upload_to=template_upload_to)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["school"]
        verbose_name = _("summary template")
        verbose_name_plural = _("summary templates")
        constraints = [
            models.UniqueConstraint(
                fields=["school"],
                name="summary_template_one_per_school",
                violation_error_message=_("The school already has its own template."),
            )
        ]

    def __str__(self):
        return self.original_name

    def content(self):
        with self.file.open("rb") as stored:
            return stored.read()

    @classmethod
    def content_for(cls, school):
        """The school's template as bytes, or None for the app's."""
        template = cls.objects.filter(school=school).first()
        return template.content() if template else None

    @classmethod
    def replace(cls, school, user, upload):
        """The school's template becomes ``upload`` (a checked .docx); the file it replaces
        is deleted once the change is committed."""
        with transaction.atomic():
            old = cls.objects.select_for_update().filter(school=school).values_list("file", flat=True).first()
            template, _created = cls.objects.update_or_create(
                school=school,
                defaults={
                    "file": upload,
                    "original_name": os.path.basename(upload.name)[:200],
                    "size": upload.size,
                    "uploaded_at": timezone.now(),
                    "uploaded_by": user,
                },
            )
            if old and old != template.file.name:
                transaction.on_commit(lambda: template.file.storage.delete(old))
        return template

    def remove(self):
        """Back to the app's template: the row and, once that is committed, the file."""
        storage, name = self.file.storage, self.file.name
        with transaction.atomic():
            self.delete()
            transaction.on_commit(lambda: storage.delete(name))
