"""The requirements install as they are: every line pinned to one release, no constraints
file; and the audit fails only on a vulnerability that has a fixed release."""

import importlib.util

import pytest
from django.conf import settings
from packaging.requirements import InvalidRequirement, Requirement

ROOT = settings.BASE_DIR


def load_audit():
    spec = importlib.util.spec_from_file_location("ci_audit", ROOT / ".ci" / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


audit = load_audit()


def requirement_lines(name):
    for line in (ROOT / name).read_text().splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            yield line


def pinned(line):
    try:
        requirement = Requirement(line)
    except InvalidRequirement:
        return False
    specifiers = list(requirement.specifier)
    return (
        len(specifiers) == 1
        and specifiers[0].operator == "=="
        and "*" not in specifiers[0].version
        and requirement.marker is None
        and requirement.url is None
    )


@pytest.mark.parametrize(
    "name, includes",
    [("requirements.txt", set()), ("requirements-dev.txt", {"-r requirements.txt"})],
)
def test_every_requirement_is_pinned_to_one_release(name, includes):
    lines = list(requirement_lines(name))
    assert lines
    assert [line for line in lines if line not in includes and not pinned(line)] == []


@pytest.mark.parametrize("line", ["ruff", "Django>=5.2", "Django==5.2.*", "Django~=5.2.0", "-c constraints.txt"])
def test_a_loose_or_constrained_line_does_not_count_as_pinned(line):
    assert not pinned(line)


def test_the_install_needs_no_constraints_file():
    assert not (ROOT / "constraints.txt").exists()
    assert "PIP_CONSTRAINT" not in (ROOT / "Makefile").read_text()
    assert not any(line.startswith(("-c", "--constraint")) for line in requirement_lines("requirements-dev.txt"))


def test_pip_audit_is_pinned_for_make_audit():
    assert any(line.startswith("pip-audit==") for line in requirement_lines("requirements-dev.txt"))
    assert "pip-audit" not in (ROOT / "requirements.txt").read_text()


def dependency(name, version, *vulns):
    return {"name": name, "version": version, "vulns": list(vulns)}


def vuln(ident, *fixed, aliases=()):
    return {"id": ident, "fix_versions": list(fixed), "aliases": list(aliases), "description": ""}


def test_a_vulnerability_with_a_fixed_release_fails_the_audit():
    report = {
        "dependencies": [
            dependency("django", "5.2.1", vuln("PYSEC-2025-1", "5.2.2", "4.2.22", aliases=["CVE-2025-0001"])),
            dependency("redis", "8.2.0"),
        ]
    }
    verdict = audit.judge(report, "", 1)
    assert verdict.status == 1
    assert "VULNERABLE: django 5.2.1: PYSEC-2025-1 (CVE-2025-0001), fixed in 5.2.2, 4.2.22" in verdict.lines


def test_a_vulnerability_without_a_fixed_release_is_printed_but_passes():
    verdict = audit.judge({"dependencies": [dependency("xlrd", "2.0.2", vuln("GHSA-xxxx"))]}, "", 1)
    assert verdict.status == 0
    assert "NOTICE: xlrd 2.0.2: GHSA-xxxx, no fixed release yet" in verdict.lines


def test_a_clean_report_passes_and_counts_what_was_audited():
    verdict = audit.judge({"dependencies": [dependency("django", "5.2.19"), dependency("nh3", "0.3.8")]}, "", 0)
    assert verdict == audit.Verdict(0, ["2 packages audited."], True)


def test_a_database_that_knows_no_package_is_a_notice_not_a_pass_or_a_failure():
    skipped = [
        {"name": name, "skip_reason": "Dependency not found on PyPI and could not be audited: {}".format(name)}
        for name in ("django", "nh3")
    ]
    verdict = audit.judge({"dependencies": skipped}, "", 0)
    assert verdict.status == 0
    assert not verdict.reached
    assert "did not run" in verdict.lines[0]


@pytest.mark.parametrize(
    "stderr",
    [
        "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='x', port=443): Max retries exceeded",
        "urllib3.exceptions.NameResolutionError: Failed to resolve 'x' ([Errno -2] Name or service not known)",
        "ERROR:pip_audit._cli:Failed to upgrade `pip`: ['python', '-m', 'pip', 'install', '--upgrade', 'pip']",
    ],
)
def test_an_unreachable_database_is_a_notice(stderr):
    verdict = audit.judge(None, stderr, 1)
    assert verdict.status == 0
    assert not verdict.reached


def test_any_other_failure_of_pip_audit_fails_the_audit():
    stderr = "ERROR: No matching distribution found for Djngo==5.2.19"
    verdict = audit.judge(None, stderr, 1)
    assert verdict.status == 1
    assert stderr in verdict.lines


def test_the_full_resolution_runs_only_once_the_database_answered(monkeypatch):
    runs = []

    def fake_pip_audit(files, *options):
        runs.append(options)
        return audit.Verdict(0, ["NOTICE: unreachable"], False)

    monkeypatch.setattr(audit, "pip_audit", fake_pip_audit)
    assert audit.audit(["requirements.txt"]).status == 0
    assert runs == [("--no-deps", "--disable-pip")]

    runs.clear()
    monkeypatch.setattr(
        audit, "pip_audit", lambda files, *options: runs.append(options) or audit.Verdict(0, ["1 packages audited."])
    )
    audit.audit(["requirements.txt"])
    assert runs == [("--no-deps", "--disable-pip"), ()]
