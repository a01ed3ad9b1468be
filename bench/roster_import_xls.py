"""Importing a 5,000-row roster from a legacy .xls file (``.venv/bin/python bench/roster_import_xls.py``).

Writes the rows ``bench/roster.py`` imports as .xlsx into an Excel 97–2003 file (xlwt),
then, into a fresh school of ``bench/bench.sqlite3`` (or ``$DATABASE_URL``), measures:

a. reading and checking the file, then committing 5,000 new members;
b. importing the same file again: every row unchanged, nothing written;

each for wall and CPU time, then once more under tracemalloc for the peak memory.

Prints one JSON object. Targets: each under 30 s and 300 MB.
"""

import io
import json
import sys
import time
import tracemalloc

import xlwt
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

# bench/roster.py sets Django up (settings, database) as it is imported.
from roster import empty_school, import_school, roster_rows  # isort: skip

from members.importers import read_roster  # noqa: E402
from members.models import Member  # noqa: E402
from members.services import import_roster  # noqa: E402

ROWS = 5000


def roster_xls(rows):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("花名册")
    for r, values in enumerate(roster_rows(rows)):
        for c, value in enumerate(values):
            if value:
                sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def import_file(school, content):
    with scope(school=[school.pk]):
        result = read_roster(SimpleUploadedFile("花名册.xls", content), school, ROWS)
        assert not result.errors, [(e.place, e.message) for e in result.errors[:5]]
        created, updated = import_roster(school, result)
    return {"created": created, "updated": updated, "unchanged": result.unchanged_count}


def timed_import(school, content, trace):
    """Wall and CPU time untraced (tracemalloc slows Python down several times), or the peak traced."""
    if trace:
        tracemalloc.start()
    start, start_cpu = time.perf_counter(), time.process_time()
    figures = import_file(school, content)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
    if trace:
        figures["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
    else:
        figures.update({"s": round(seconds, 2), "cpu_s": round(cpu_seconds, 2)})
    with scopes_disabled():
        figures["history_rows"] = Member.history.filter(school=school).count()
    return figures


def measured(school, content):
    """The first import and the unchanged re-import, timed, then again traced."""
    empty_school(school)
    first = timed_import(school, content, trace=False)
    again = timed_import(school, content, trace=False)
    empty_school(school)
    first_peak = timed_import(school, content, trace=True)["tracemalloc_peak_mb"]
    again_peak = timed_import(school, content, trace=True)["tracemalloc_peak_mb"]
    first["tracemalloc_peak_mb"], again["tracemalloc_peak_mb"] = first_peak, again_peak
    return first, again


def main():
    call_command("migrate", verbosity=0, interactive=False)
    content = roster_xls(ROWS)
    # One school kept for this benchmark (other apps protect a school's categories).
    school = import_school("xls导入测试学校")
    try:
        first, again = measured(school, content)
    finally:
        empty_school(school)
    assert (first["created"], again["created"], again["updated"], again["unchanged"]) == (ROWS, 0, 0, ROWS)
    assert again["history_rows"] == first["history_rows"], "an unchanged re-import writes no history"
    figures = {
        "rows": ROWS,
        "file_kb": round(len(content) / 1024, 1),
        "first_import": first,
        "unchanged_reimport": again,
    }
    figures["targets_met"] = {
        "under_30s": first["s"] < 30 and again["s"] < 30,
        "under_300mb": max(first["tracemalloc_peak_mb"], again["tracemalloc_peak_mb"]) < 300,
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    sys.exit(main())
