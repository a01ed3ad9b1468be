"""A fidelity check the project runs: each seed year replayed through the app's pages, its
summary scored against the seed's fact list, and the share held to the ratchet.

``make fidelity`` runs these with FIDELITY_REPORT=1 (and -s) to print each seed's share and
every missing fact; ``make test`` runs them too, so no seed's share can fall below the best
reached so far (tests/fidelity/ratchet.json, floored to two decimals; raise it as the
writer improves, or run ``make fidelity FIDELITY_RAISE=1``)."""

import json
import math
import os
from pathlib import Path

import pytest

from . import seed_000, seed_003
from .replay import readable, replay

RATCHET_FILE = Path(__file__).parent / "ratchet.json"
RATCHET = json.loads(RATCHET_FILE.read_text())
SEEDS = {"000": seed_000, "003": seed_003}


@pytest.mark.fidelity
@pytest.mark.django_db
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_replayed_year_keeps_its_share_of_the_seeds_facts(client, seed):
    report = replay(client, seed, SEEDS[seed])
    shown = os.environ.get("FIDELITY_REPORT")
    if shown == "json":
        print(json.dumps({k: v for k, v in report.items() if k != "texts"}, ensure_ascii=False, indent=1))
    elif shown:
        print()
        print(readable(report))
    if os.environ.get("FIDELITY_TEXT"):
        # The Word document's text, to read what the writer made of the records.
        print(report["texts"]["docx"])
    best = math.floor(report["share"] * 100) / 100
    if os.environ.get("FIDELITY_RAISE") and best > RATCHET[seed]:
        # The writer got better: hold it there from now on.
        raised = {**json.loads(RATCHET_FILE.read_text()), seed: best}
        RATCHET_FILE.write_text(json.dumps(raised, indent=2, sort_keys=True) + "\n")
    elif best > RATCHET[seed]:
        print(
            "\nseed {}: {:.2f} beats the ratchet {:.2f}; `make fidelity FIDELITY_RAISE=1` raises it".format(
                seed, best, RATCHET[seed]
            )
        )
    assert report["share"] >= RATCHET[seed], readable(report)
