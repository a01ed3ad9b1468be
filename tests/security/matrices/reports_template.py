"""Permission-matrix entries of the summary's Word template: see the package docstring.

Only the chair replaces the school's template, downloads it or the app's, and goes back to
the app's; another school's template answers 404 like a missing one.
"""

from ..test_permission_matrix_constants import LOGIN

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# (anonymous, chair, staff, teacher, district)
CHAIR_ONLY = {"own": (LOGIN, 200, 403, 403, 403)}

MATRIX = {
    "reports:summary_template": {"GET": CHAIR_ONLY, "POST": {"own": (LOGIN, 302, 403, 403, 403)}},
    "reports:summary_template_default": {"GET": CHAIR_ONLY},
    "reports:summary_template_file": {
        "GET": {"own": (LOGIN, 200, 403, 403, 403), "other": (LOGIN, 404, 403, 403, 403)},
    },
    "reports:summary_template_delete": {
        "POST": {"own": (LOGIN, 302, 403, 403, 403), "other": (LOGIN, 404, 403, 403, 403)},
    },
}

OBJECT_KINDS = {
    "reports:summary_template_file": "summary_template",
    "reports:summary_template_delete": "summary_template",
}


def _template_bytes():
    from reports.exports.word_template import TEMPLATE_PATH

    return TEMPLATE_PATH.read_bytes()


def make_summary_template(school):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from reports.models import SummaryTemplate

    template = SummaryTemplate(school=school, original_name="红头.docx", size=1, uploaded_at=timezone.now())
    template.file.save("template.docx", ContentFile(_template_bytes()), save=False)
    template.save()
    return template


def _upload(obj, school):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("红头.docx", _template_bytes(), content_type=DOCX)}


OBJECT_MAKERS = {"summary_template": make_summary_template}

POST_DATA = {"reports:summary_template": _upload}
