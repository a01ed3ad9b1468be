"""Replaying a seed year: a fresh school, its records entered through the app's pages, the
chair's prose for the facts of kind ``prose``, then the summary read back from the preview
and from the Word document."""

import io
import re
import time

import docx
import lxml.html

from . import facts as fact_lists
from .union import Union, fresh_school


def preview_text(client, year):
    page = client.get("/reports/{}/".format(year))
    assert page.status_code == 200
    tree = lxml.html.fromstring(page.content.decode())
    sheets = tree.xpath("//*[@id='summary-sheet']") or tree.xpath("//main") or [tree]
    sheet = sheets[0]
    # What the page prints, not its controls (the chair's edit panels are .summary-controls).
    controls = ".//textarea|.//select|.//button|.//script|.//style|.//input"
    controls += "|.//*[contains(concat(' ', normalize-space(@class), ' '), ' summary-controls ')]"
    for control in sheet.xpath(controls):
        control.drop_tree()
    return sheet.text_content()


def docx_text(union):
    """The Word document as the chair downloads it, by the preview's link to the draft."""
    url = "/reports/{}/".format(union.year)
    links = union.browser.links(url, "summary.docx")
    assert links, "the preview has no link to the Word draft"
    response = union.browser.client.get(links[0])
    assert response.status_code == 200, response.status_code
    body = b"".join(response.streaming_content) if response.streaming else response.content
    document = docx.Document(io.BytesIO(body))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    for section in document.sections:
        for part in (section.header, section.footer):
            lines.extend(p.text for p in part.paragraphs)
    return "\n".join(lines)


def chair_prose(seed_module, facts):
    """The facts of kind ``prose``, in the chair's words, grouped by where she writes them."""
    places = {}
    for fact in facts:
        if fact["kind"] == "prose":
            places_of = seed_module.PROSE_PLACES
            place = places_of.get(fact["id"]) or places_of.get(fact["section"], "experience")
            # The list labels some facts ("不足：…"); the chair writes the sentence alone.
            text = re.sub(r"^[^，。：]{1,4}：", "", fact["fact"])
            places.setdefault(place, []).append(text)
    parts = {name: "".join(places.pop(name, [])) for name in ("opening", "experience", "shortcomings", "plans")}
    leads = {place.split(":", 1)[1]: "".join(texts) for place, texts in places.items()}
    return parts, leads


def replay(client, seed, seed_module):
    started = time.perf_counter()
    facts = fact_lists.load(seed)
    fresh_school(client, seed_module.DISTRICT, seed_module.SCHOOL, seed_module.SHORT_NAME)
    union = Union(client, seed_module.YEAR)
    union.profile(**seed_module.PROFILE)
    seed_module.replay(union)
    parts, leads = chair_prose(seed_module, facts)
    union.write_prose(parts, leads)
    texts = {"preview": preview_text(client, union.year), "docx": docx_text(union)}
    report = fact_lists.score(facts, texts)
    not_entered = {fact_id: why for ids, why in union.not_entered for fact_id in ids}
    for fact in report["missing"]:
        if fact["id"] in not_entered:
            fact["why"] = "no record kind: " + not_entered[fact["id"]]
        elif fact["kind"] == "prose":
            fact["why"] = "prose not printed"
        else:
            fact["why"] = "writer does not print it"
    report["no_record_kind"] = not_entered
    report["seed"] = seed
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["texts"] = texts
    return report


def readable(report):
    lines = [
        "seed {seed}: {found}/{facts} facts found, share {share:.2%} ({seconds}s; preview {p}, docx {d})".format(
            p=report["found_in"].get("preview"), d=report["found_in"].get("docx"), **report
        )
    ]
    if report["no_record_kind"]:
        lines.append(
            "  no record kind (left unentered): "
            + ", ".join(sorted(report["no_record_kind"], key=lambda i: int(i.split("-")[1])))
        )
    for fact in report["missing"]:
        lines.append("  missing {id} [{kind}] must: {must} | record: {record} | {why}".format(**fact))
    return "\n".join(lines)
