"""What changed in the records since the last frozen version: items and figures that are
new, gone or different, matched by their stable keys."""

import dataclasses


@dataclasses.dataclass
class ItemChange:
    section: str  # the section's heading
    key: str
    old: str = ""  # the text in the last version ("" for a new item)
    new: str = ""  # the text now ("" for a removed item)


@dataclasses.dataclass
class FigureChange:
    section: str
    key: str
    label: str
    old: str = ""
    new: str = ""


@dataclasses.dataclass
class Changes:
    since: int | None = None  # the number of the version compared with
    new_items: list[ItemChange] = dataclasses.field(default_factory=list)
    removed_items: list[ItemChange] = dataclasses.field(default_factory=list)
    changed_items: list[ItemChange] = dataclasses.field(default_factory=list)
    new_figures: list[FigureChange] = dataclasses.field(default_factory=list)
    removed_figures: list[FigureChange] = dataclasses.field(default_factory=list)
    changed_figures: list[FigureChange] = dataclasses.field(default_factory=list)

    def __bool__(self):
        return any(
            (
                self.new_items,
                self.removed_items,
                self.changed_items,
                self.new_figures,
                self.removed_figures,
                self.changed_figures,
            )
        )


def _items(document):
    return {item.key: (section.heading, item.text) for section in document.sections for item in section.items}


def _figures(document):
    # A figure's key is read within its section: two sections may count different things
    # under the same short key.
    return {
        (section.key, figure.key): (section.heading, figure.label, figure.value)
        for section in document.sections
        for figure in section.figures
    }


def changes_since(current, previous, number=None):
    """Compare ``current`` (assembled now) with ``previous`` (a frozen version's document).

    Hidden items count too: hiding is the chair's choice, not a change of the records.
    """
    changes = Changes(since=number)
    if previous is None:
        return changes
    now, then = _items(current), _items(previous)
    for key, (heading, text) in now.items():
        if key not in then:
            changes.new_items.append(ItemChange(heading, key, new=text))
        elif then[key][1] != text:
            changes.changed_items.append(ItemChange(heading, key, old=then[key][1], new=text))
    for key, (heading, text) in then.items():
        if key not in now:
            changes.removed_items.append(ItemChange(heading, key, old=text))

    now, then = _figures(current), _figures(previous)
    for key, (heading, label, value) in now.items():
        if key not in then:
            changes.new_figures.append(FigureChange(heading, key[1], label, new=value))
        elif then[key][2] != value:
            changes.changed_figures.append(FigureChange(heading, key[1], label, old=then[key][2], new=value))
    for key, (heading, label, value) in then.items():
        if key not in now:
            changes.removed_figures.append(FigureChange(heading, key[1], label, old=value))
    return changes
