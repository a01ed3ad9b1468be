"""Every benchmark, one JSON document: ``make bench`` (``.venv/bin/python bench/run.py``).

Runs each benchmark of this folder in a child process of its own (the memory figures are
each process's peak, and each seeds what it needs once), in turn, on ``bench/bench.sqlite3``
or on ``$DATABASE_URL`` (a PostgreSQL database there is created when missing), collects
the JSON each prints and prints one document: the database, each benchmark's figures under
its name, every list page beside the bare JSON view of the same rows, and the targets.

A list page is compared with its bare view twice: called directly (no middleware, no
template: the floor), and behind the same middleware as the page through the test client
(what the HTML alone costs). Progress goes to stderr; ``--only NAME[,NAME]`` runs some.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
BENCHMARKS = [
    "roster",
    "roster_import_xls",
    "activities",
    "democracy",
    "summary",
    "exports",
    "district",
    "cold_warm",
    "backup",
]
CPU_TARGET = 2


def database_label(url):
    """The database's kind and name, never a password."""
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        path = Path("/" + parts.path.lstrip("/"))
        if path.is_relative_to(BENCH_DIR.parent):
            path = path.relative_to(BENCH_DIR.parent)
        return {"vendor": "sqlite", "name": str(path)}
    return {"vendor": "postgresql" if parts.scheme.startswith("postgres") else parts.scheme, "name": parts.path[1:]}


def ensure_postgres_database(url):
    """Create the database ``url`` names when the server lacks it (through the server's own
    ``postgres`` database, as the same user)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit((parts.scheme.replace("postgresql", "postgres"), parts.netloc, "/postgres", "", ""))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            print("Creating the database {}…".format(name), file=sys.stderr, flush=True)
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def run(name, env):
    """The figures ``bench/NAME.py`` prints, or why there are none."""
    print("== {}".format(name), file=sys.stderr, flush=True)
    start = time.perf_counter()
    child = subprocess.run(
        [sys.executable, str(BENCH_DIR / "{}.py".format(name))],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=BENCH_DIR.parent,
    )
    seconds = round(time.perf_counter() - start, 1)
    print("   {} done in {} s".format(name, seconds), file=sys.stderr, flush=True)
    if child.returncode != 0:
        return {"error": "exited with {}".format(child.returncode), "run_s": seconds}
    figures = json.loads(child.stdout[child.stdout.index("{") :])
    figures.pop("database", None)
    figures["run_s"] = seconds
    return figures


def list_page(figures, page, prefix):
    """A list page beside its bare view: ``prefix`` names the page's figures in ``figures``
    (the bare view's are ``bare_…`` for the roster, ``<page>_bare_…`` elsewhere)."""
    bare = "bare" if page == "roster" else page + "_bare"
    row = {
        "ms": figures[prefix + "_ms"],
        "cpu_ms": figures[prefix + "_cpu_ms"],
        "queries": figures[prefix + "_queries"],
        "bare_ms": figures[bare + "_ms"],
        "bare_cpu_ms": figures[bare + "_cpu_ms"],
        "bare_queries": figures[bare + "_queries"],
        "bare_behind_middleware_ms": figures[bare + "_client_ms"],
        "bare_behind_middleware_cpu_ms": figures[bare + "_client_cpu_ms"],
        "bare_behind_middleware_queries": figures[bare + "_client_queries"],
    }
    row["over_bare_cpu"] = round(row["cpu_ms"] / row["bare_cpu_ms"], 2)
    row["over_bare_behind_middleware_cpu"] = round(row["cpu_ms"] / row["bare_behind_middleware_cpu_ms"], 2)
    return row


def list_pages(results):
    pages = {}
    sources = {
        "roster": [("roster", "roster")],
        "activities": [("activity_log", "activity_log"), ("care_grid", "care_grid"), ("welfare_list", "welfare_list")],
        "democracy": [("board", "board"), ("proposal_list", "proposal_list")],
    }
    for benchmark, names in sources.items():
        figures = results.get(benchmark, {})
        if "error" in figures or not figures:
            continue
        for page, prefix in names:
            pages[page] = list_page(figures, page, prefix)
    return pages


def targets(results, pages):
    met = {}
    for page, row in pages.items():
        met[page + "_within_2x_bare_cpu"] = row["over_bare_cpu"] <= CPU_TARGET
        met[page + "_within_2x_bare_behind_middleware_cpu"] = row["over_bare_behind_middleware_cpu"] <= CPU_TARGET
    for name, figures in results.items():
        met["{}_ran".format(name)] = "error" not in figures
    return met


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated benchmarks, of: " + ", ".join(BENCHMARKS))
    args = parser.parse_args()
    names = args.only.split(",") if args.only else BENCHMARKS
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        parser.error("unknown benchmark: " + ", ".join(sorted(unknown)))

    env = os.environ.copy()
    env.setdefault("DATABASE_URL", "sqlite:///{}".format(BENCH_DIR / "bench.sqlite3"))
    env.setdefault("DJANGO_DEBUG", "0")
    if env["DATABASE_URL"].startswith("postgres"):
        ensure_postgres_database(env["DATABASE_URL"])

    started = time.perf_counter()
    results = {name: run(name, env) for name in names}
    pages = list_pages(results)
    document = {"database": database_label(env["DATABASE_URL"])}
    document.update(results)
    document["list_pages"] = pages
    document["targets_met"] = targets(results, pages)
    document["run_s"] = round(time.perf_counter() - started, 1)
    print(json.dumps(document, ensure_ascii=False, indent=2))
    return 0 if all(document["targets_met"]["{}_ran".format(name)] for name in names) else 1


if __name__ == "__main__":
    sys.exit(main())
