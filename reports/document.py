"""The annual summary as data: what assembly produces, what the preview, the exports and
the frozen versions read.

A ``SummaryDocument`` is plain data (strings, ints, ISO dates) so that a version can be
frozen as JSON and rendered again, byte for byte, years later. Keys are stable: an item's
``key`` names what it tells (``campaign:3``, ``category:7``, ``care:visits``), and its
``sources`` name every record its paragraph uses (``activity:12``, ``visit:5``), so the
chair's choices (headings, moves, merges, hidden items, order, added sentences) and the
comparison with the last version follow the records, not their position.

The shape follows the seeds: a section has a sentence for a heading ("加强师德师风建设，
营造尊师重教的良好氛围"), a lead paragraph, and numbered sub-points (1、拒绝有偿补课), each a
short title and a paragraph; where a section holds several kinds of work its sub-points
stand under (一)/(二) groups.
"""

import dataclasses
import datetime


@dataclasses.dataclass
class Item:
    """One numbered sub-point of a section (1、2、3、): a short title and its paragraph."""

    key: str  # "campaign:3", "category:7", "care:visits", ...
    text: str  # the paragraph as printed, without its number or title
    title: str = ""  # "拒绝有偿补课"; empty: the paragraph follows the number directly
    date: datetime.date | None = None
    hidden: bool = False  # hidden by the chair: kept in the draft, left out of preview and exports
    group: str = ""  # the key of the (一) group it stands under, "" for none
    sources: list[str] = dataclasses.field(default_factory=list)  # the records the paragraph uses
    added: str = ""  # the chair's own sentences, printed after the paragraph


@dataclasses.dataclass
class Group:
    """A (一)/(二) level inside a section, printed only when the section holds two or more."""

    key: str
    heading: str


@dataclasses.dataclass
class Figure:
    """One computed number of a section, kept so that changes can be shown."""

    key: str  # "visits", "visit_yuan", "pledge_signed", ...
    label: str  # what it counts, in the user's language
    value: str  # as printed: "12", "3,600.00", "92.3%"


@dataclasses.dataclass
class Section:
    key: str  # a SummarySection value, or "category:<pk>" for a category the school added
    heading: str  # "加强师德师风建设，营造尊师重教的良好氛围", without its 一、 number
    lead: str = ""  # the chair's lead paragraph; when empty, ``intro`` is printed
    intro: str = ""  # the assembled lead paragraph: the section's work and figures in a few sentences
    items: list[Item] = dataclasses.field(default_factory=list)
    figures: list[Figure] = dataclasses.field(default_factory=list)
    groups: list[Group] = dataclasses.field(default_factory=list)

    def visible_items(self):
        return [item for item in self.items if not item.hidden]

    def opening(self):
        """The paragraph under the heading: the chair's lead, or the assembled one."""
        return self.lead or self.intro

    def blocks(self):
        """The visible items as printed: ``[(group or None, [(number, item), ...]), ...]``.

        The (一) level shows only when the visible items stand under two or more groups;
        numbering starts again under each group.
        """
        items = self.visible_items()
        headings = {group.key: group for group in self.groups}
        used = []
        for item in items:
            if item.group in headings and item.group not in used:
                used.append(item.group)
        if len(used) < 2:
            return [(None, list(enumerate(items, start=1)))] if items else []
        # Groups in their declared order; an item without a known group joins the last one.
        order = [group.key for group in self.groups if group.key in used]
        grouped = {key: [] for key in order}
        for item in items:
            grouped[item.group if item.group in grouped else order[-1]].append(item)
        return [(headings[key], list(enumerate(grouped[key], start=1))) for key in order]


@dataclasses.dataclass
class SummaryDocument:
    title: str  # "坂上初中2018年度工会工作总结"
    school_name: str
    period_label: str  # "2018年" / "2021—2022学年"
    signed_on: datetime.date  # the date printed under the signature at the end
    opening: str = ""
    sections: list[Section] = dataclasses.field(default_factory=list)
    experience: str = ""  # 工作中的体会
    shortcomings: str = ""  # 存在的不足
    plans: str = ""  # 今后打算
    signature: str = ""  # the union's name, printed at the end; the school's name when empty

    def to_json(self):
        """A dict of plain JSON types (dates as ISO strings)."""

        def convert(value):
            if isinstance(value, datetime.date):
                return value.isoformat()
            if isinstance(value, list):
                return [convert(v) for v in value]
            if isinstance(value, dict):
                return {k: convert(v) for k, v in value.items()}
            return value

        return convert(dataclasses.asdict(self))

    @classmethod
    def from_json(cls, data):
        """The document from ``to_json``'s dict; versions frozen before sub-points had titles,
        groups and sources read as they were printed then."""

        def day(value):
            return datetime.date.fromisoformat(value) if value else None

        sections = [
            Section(
                key=s["key"],
                heading=s["heading"],
                lead=s.get("lead", ""),
                # Older versions kept the section's figures as a list of sentences.
                intro=s.get("intro") or "".join(s.get("sentences", [])),
                items=[
                    Item(
                        key=i["key"],
                        text=i["text"],
                        title=i.get("title", ""),
                        date=day(i.get("date")),
                        hidden=i.get("hidden", False),
                        group=i.get("group", ""),
                        sources=list(i.get("sources", [])),
                        added=i.get("added", ""),
                    )
                    for i in s.get("items", [])
                ],
                figures=[Figure(**f) for f in s.get("figures", [])],
                groups=[Group(**g) for g in s.get("groups", [])],
            )
            for s in data.get("sections", [])
        ]
        return cls(
            title=data["title"],
            school_name=data["school_name"],
            period_label=data["period_label"],
            signed_on=day(data["signed_on"]),
            opening=data.get("opening", ""),
            sections=sections,
            experience=data.get("experience", ""),
            shortcomings=data.get("shortcomings", ""),
            plans=data.get("plans", ""),
            signature=data.get("signature", ""),
        )

    def visible_sections(self):
        """Sections with something to print; empty ones are left out."""
        return [s for s in self.sections if s.visible_items() or s.opening()]

    def signer(self):
        return self.signature or self.school_name
