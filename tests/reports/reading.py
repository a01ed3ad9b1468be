"""Reading an assembled summary the way its tests check it: where a record is told (section,
sub-point, (一) group), the text printed, and which records each sub-point uses."""

import collections


def section(document, key):
    return next(s for s in document.sections if s.key == key)


def section_keys(document):
    return [s.key for s in document.sections]


def items(document):
    return [item for s in document.sections for item in s.items]


def item(document, key):
    """The sub-point of ``key`` ("campaign:3", "care:visits"…)."""
    return next(i for i in items(document) if i.key == key)


def telling(document, source):
    """The sub-point whose paragraph uses the record ``source`` ("activity:12")."""
    found = [i for i in items(document) if source in i.sources]
    assert len(found) == 1, "{} is told by {} sub-points".format(source, len(found))
    return found[0]


def place(document, source):
    """(section key, sub-point key, group key) of the sub-point telling ``source``."""
    for s in document.sections:
        for i in s.items:
            if source in i.sources:
                return s.key, i.key, i.group
    return None


def sources(document):
    """How many sub-points use each record."""
    return collections.Counter(source for i in items(document) for source in i.sources)


def key(record):
    """The source key of a record: "activity:12"."""
    return "{}:{}".format(type(record).__name__.lower(), record.pk)


def printed(document):
    """Every piece of text the summary prints: title, headings, lead paragraphs, group
    headings, sub-points' titles and paragraphs, signature."""
    texts = [document.title, document.period_label, document.signer()]
    for s in document.sections:
        texts += [s.heading, s.intro, *(g.heading for g in s.groups)]
        for i in s.items:
            texts += [i.title, i.text]
    return [text for text in texts if text]


def whole(document):
    return "\n".join(printed(document))
