"""The roster import of a large file, as background work: every cell checked (with its
progress shown), then all rows written in one transaction, or none."""

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.roles import Action, user_can
from unionhub.tasks import JobFailed, JobResult, register
from unionhub.xlsx import Sheet, write_workbook

from . import services
from .importers import read_roster

ROSTER_IMPORT = "roster_import"
# Problems listed in a failed job's message; the count says how many more there were.
LISTED_PROBLEMS = 50


def problems_message(errors):
    """Why nothing was imported: the count, then one line a problem, where it is first."""
    lines = [
        _("Nothing was imported: the file has %(count)s problems. Correct them and upload it again.")
        % {"count": len(errors)}
    ]
    for error in errors[:LISTED_PROBLEMS]:
        lines.append("{}：{}".format(error.place, error.message) if error.place else error.message)
    if len(errors) > LISTED_PROBLEMS:
        lines.append(_("…and %(count)s more.") % {"count": len(errors) - LISTED_PROBLEMS})
    return "\n".join(lines)


def outcome_label(parsed):
    if parsed.existing is None:
        return _("added")
    return _("updated") if parsed.changed else _("unchanged")


def import_report(result):
    """Every row of the file and what the import did with it."""
    return write_workbook(
        [
            Sheet(
                title=_("Import result"),
                headers=[_("Row"), _("name"), _("employee number"), _("department"), _("Result")],
                rows=(
                    [
                        parsed.row,
                        parsed.data["name"],
                        parsed.data["employee_number"],
                        parsed.department_name,
                        outcome_label(parsed),
                    ]
                    for parsed in result.rows
                ),
            )
        ]
    )


@register(
    ROSTER_IMPORT,
    title=gettext_lazy("Import the roster"),
    may_use=lambda user: user_can(user, Action.EDIT_RECORDS),
    back=lambda job: reverse("members:member_list"),
)
def import_roster_job(job, progress):
    progress(0, step=_("Checking every cell"))
    with job.source.open("rb") as source:
        upload = SimpleUploadedFile(job.params.get("name", "roster.xlsx"), source.read())
    # The check takes the first half of the bar, the writing the second.
    result = read_roster(
        upload, job.school, settings.UNIONHUB["IMPORT_MAX_ROWS"], lambda done, total: progress(done, 2 * total)
    )
    if result.errors:
        raise JobFailed(problems_message(result.errors))
    half = progress.total // 2
    progress(half, step=_("Writing the roster"))

    def written(done):
        progress(half + done * half // max(1, len(result.rows)))

    outcome = _("Import finished: %(created)s members added, %(updated)s updated, %(unchanged)s unchanged.") % {
        "created": result.created_count,
        "updated": result.updated_count,
        "unchanged": result.unchanged_count,
    }
    return JobResult(
        filename=_("roster-import-result.xlsx"),
        content=import_report(result),
        outcome=outcome,
        commit=lambda: services.import_roster(job.school, result, written),
    )
