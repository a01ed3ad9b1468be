"""The fact lists of the seeds (``shared/fidelity/`` beside the project, or the unchanged
copy kept here for a checkout without it) and the matching
rule of their README: spaces and the quotes “”‘’"' and 《》 removed from both sides; every
part of ``must`` joined by " + " has to appear."""

import csv
import io
import re
from pathlib import Path

COPY_DIR = Path(__file__).parent / "facts"
SHARED_DIR = Path(__file__).resolve().parents[3] / "shared" / "fidelity"
FACTS_DIR = SHARED_DIR if (SHARED_DIR / "000.tsv").exists() else COPY_DIR
IGNORED = re.compile(r"[\s“”‘’\"'《》]")


def load(seed):
    with open(FACTS_DIR / "{}.tsv".format(seed), encoding="utf-8") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read()), delimiter="\t"))
    return [{key.strip(): (value or "").strip() for key, value in row.items()} for row in rows]


def normalise(text):
    return IGNORED.sub("", text)


def parts(must):
    return [part.strip() for part in must.split(" + ") if part.strip()]


def found(fact, normalised_text):
    return all(normalise(part) in normalised_text for part in parts(fact["must"]))


def score(facts, texts):
    """Per fact, where it was found among ``texts`` (name → text); a fact counts when every
    text has it (the preview and the Word document print the same summary)."""
    normalised = {name: normalise(text) for name, text in texts.items()}
    missing, found_in = [], {name: 0 for name in texts}
    for fact in facts:
        hits = {name: found(fact, text) for name, text in normalised.items()}
        for name, hit in hits.items():
            found_in[name] += hit
        if not all(hits.values()):
            missing.append({**fact, "missing_from": [name for name, hit in hits.items() if not hit]})
    total = len(facts)
    return {
        "facts": total,
        "found": total - len(missing),
        "share": round((total - len(missing)) / total, 4) if total else 1.0,
        "found_in": found_in,
        "missing": missing,
    }
