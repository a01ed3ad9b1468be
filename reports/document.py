"""The annual summary as data: what assembly produces, what the preview, the exports and
the frozen versions read.

A ``SummaryDocument`` is plain data (strings, ints, ISO dates) so that a version can be
frozen as JSON and rendered again, byte for byte, years later. Keys are stable: an item's
``key`` names the record it came from (``activity:12``, ``campaign:3``, ``figure:care:visits``),
so the chair's choices (hidden, order) and the comparison with the last version follow the
record, not its position.
"""

import dataclasses
import datetime


@dataclasses.dataclass
class Item:
    """One numbered line of a section (1、2、3、)."""

    key: str  # "activity:12", "campaign:3", "session:5", ...
    text: str  # the full line as printed, without its number
    date: datetime.date | None = None
    hidden: bool = False  # hidden by the chair: kept in the draft, left out of preview and exports


@dataclasses.dataclass
class Figure:
    """One computed number of a section, kept so that changes can be shown."""

    key: str  # "visits", "visit_yuan", "pledge_signed", ...
    label: str  # what it counts, in the user's language
    value: str  # as printed: "12", "3,600.00", "92.3%"


@dataclasses.dataclass
class Section:
    key: str  # a SummarySection value, or "category:<pk>" for a category the school added
    heading: str  # "师德师风建设", without its 一、 number
    lead: str = ""  # the chair's lead paragraph
    items: list[Item] = dataclasses.field(default_factory=list)
    figures: list[Figure] = dataclasses.field(default_factory=list)
    sentences: list[str] = dataclasses.field(default_factory=list)  # the figures as the seeds write them

    def visible_items(self):
        return [item for item in self.items if not item.hidden]


@dataclasses.dataclass
class SummaryDocument:
    title: str  # "2018年××学校工会工作总结"
    school_name: str
    period_label: str  # "2018年" / "2021—2022学年"
    signed_on: datetime.date  # the date printed under the school's name at the end
    opening: str = ""
    sections: list[Section] = dataclasses.field(default_factory=list)
    experience: str = ""  # 工作中的体会
    shortcomings: str = ""  # 存在的不足
    plans: str = ""  # 今后打算

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
        def day(value):
            return datetime.date.fromisoformat(value) if value else None

        sections = [
            Section(
                key=s["key"],
                heading=s["heading"],
                lead=s.get("lead", ""),
                items=[
                    Item(key=i["key"], text=i["text"], date=day(i.get("date")), hidden=i.get("hidden", False))
                    for i in s.get("items", [])
                ],
                figures=[Figure(**f) for f in s.get("figures", [])],
                sentences=list(s.get("sentences", [])),
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
        )

    def visible_sections(self):
        """Sections with something to print; empty ones are left out."""
        return [s for s in self.sections if s.visible_items() or s.sentences or s.lead]
