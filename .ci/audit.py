"""The pinned requirements checked against the vulnerability database with pip-audit.

    python .ci/audit.py requirements.txt requirements-dev.txt

A quick first pass asks about the pins alone; when the database answers, pip-audit then
resolves the files in a throwaway venv so the packages they pull in are checked too.

Exits 1 when a package has a known vulnerability with a fixed release (raise the pin to it)
or when pip-audit fails for a reason of its own, such as a requirement that does not
resolve. Exits 0 with a notice when the database cannot be reached: no network, or an index
that serves packages but not their vulnerability data, which pip-audit reports as every
package "not found". A vulnerability with no fixed release yet is printed and does not fail:
there is no pin to raise.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

# What requests, urllib3, pip and the OS say when a host cannot be reached. pip-audit's
# failure to upgrade pip in its throwaway venv involves no requirement of ours, so it too
# means the index was out of reach.
UNREACHABLE_MARKERS = (
    "NameResolutionError",
    "NewConnectionError",
    "ConnectTimeout",
    "ReadTimeout",
    "ProxyError",
    "ConnectionError",
    "Max retries exceeded",
    "Temporary failure in name resolution",
    "Name or service not known",
    "Network is unreachable",
    "Connection refused",
    "Failed to upgrade `pip`",
)


class Verdict(NamedTuple):
    status: int
    lines: list
    reached: bool = True


def unreachable(stderr):
    return any(marker in stderr for marker in UNREACHABLE_MARKERS)


def judge(report, stderr, returncode):
    """The exit status and the lines to print for one pip-audit run.

    ``report`` is pip-audit's JSON document, or None when it wrote none.
    """
    if report is None:
        if unreachable(stderr):
            notice = "NOTICE: the vulnerability database could not be reached; the audit did not run."
            return Verdict(0, [notice], False)
        return Verdict(returncode or 1, ["pip-audit failed:", stderr.strip()])

    dependencies = report.get("dependencies", [])
    audited = [dependency for dependency in dependencies if "skip_reason" not in dependency]
    skipped = [dependency for dependency in dependencies if "skip_reason" in dependency]
    if skipped and not audited:
        notice = "NOTICE: the vulnerability database answered for none of the {} packages; the audit did not run."
        return Verdict(0, [notice.format(len(skipped))], False)

    fixable, unfixed = [], []
    for dependency in audited:
        for vuln in dependency.get("vulns", []):
            line = "{} {}: {}{}".format(
                dependency["name"],
                dependency["version"],
                vuln["id"],
                " ({})".format(", ".join(vuln["aliases"])) if vuln.get("aliases") else "",
            )
            if vuln.get("fix_versions"):
                fixable.append("{}, fixed in {}".format(line, ", ".join(vuln["fix_versions"])))
            else:
                unfixed.append("{}, no fixed release yet".format(line))

    lines = ["{} packages audited.".format(len(audited))]
    lines += ["NOTICE: not audited: {}".format(dependency["skip_reason"]) for dependency in skipped]
    lines += ["NOTICE: " + line for line in unfixed]
    lines += ["VULNERABLE: " + line for line in fixable]
    if not fixable and returncode and not unfixed:
        return Verdict(returncode, lines + ["pip-audit failed:", stderr.strip()])
    return Verdict(1 if fixable else 0, lines)


def pip_audit(requirement_files, *options):
    with tempfile.TemporaryDirectory(prefix="pip-audit-") as folder:
        output = Path(folder) / "report.json"
        command = [sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "--format", "json"]
        command += ["--output", str(output), *options]
        for path in requirement_files:
            command += ["--requirement", path]
        run = subprocess.run(command, capture_output=True, text=True)
        try:
            report = json.loads(output.read_text())
        except (OSError, ValueError):
            report = None
    return judge(report, run.stderr, run.returncode)


def audit(requirement_files):
    # The pins alone take seconds; the full resolution installs every package, which is
    # wasted when the database is out of reach.
    pins = pip_audit(requirement_files, "--no-deps", "--disable-pip")
    if not pins.reached:
        return pins
    return pip_audit(requirement_files)


def main(argv):
    if not argv:
        raise SystemExit(__doc__)
    verdict = audit(argv)
    print("\n".join(verdict.lines))
    return verdict.status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
