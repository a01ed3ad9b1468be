"""Writes of the summary and the plan: the chair's draft, frozen versions, plan items.

Every write locks the draft (or plan) row and runs in one transaction, so two people
saving at once never lose each other's change: text edits loaded from an older version
are refused with the changes made since.
"""

import copy
import json

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from unionhub.history import history_entries

from .models import AnnualPlan, PlanItem, PlanSection, SummaryDraft, SummaryVersion
from .sentences import full_stop

TEXT_FIELDS = ("opening", "experience", "shortcomings", "plans")


class DraftConflict(Exception):
    """Someone saved the draft after the form was loaded; ``entries`` say what they changed."""

    def __init__(self, draft, entries):
        super().__init__("draft changed since it was loaded")
        self.draft = draft
        self.entries = entries


class VersionUnchanged(Exception):
    """The draft over the year's records reads exactly as ``version``, the latest one."""

    def __init__(self, version):
        super().__init__("nothing changed since version {}".format(version.number))
        self.version = version


# --- The draft ----------------------------------------------------------------------------


def draft_for(school, period):
    """The school's draft for ``period``, or an unsaved empty one (a GET writes nothing)."""
    draft = SummaryDraft.objects.filter(school=school, kind=period.kind, year=period.year).first()
    return draft or SummaryDraft(school=school, kind=period.kind, year=period.year)


def _locked_draft(school, period):
    SummaryDraft.objects.get_or_create(school=school, kind=period.kind, year=period.year)
    return SummaryDraft.objects.select_for_update().get(school=school, kind=period.kind, year=period.year)


def _save(draft, user):
    draft.version += 1
    draft._history_user = user
    draft.save()
    return draft


def _refuse_if_changed(draft, loaded_version, pieces):
    """Raise ``DraftConflict`` when any of ``pieces`` — a field name, or ``(field, key)`` for
    one entry of a JSON field — changed since ``loaded_version``: hiding or moving an item,
    or a text written elsewhere in the meantime, does not make a save overwrite anything."""
    if draft.version == loaded_version:
        return
    loaded = draft.history.filter(version=loaded_version).order_by("-history_id").first()

    def value(obj, piece):
        field, key = piece if isinstance(piece, tuple) else (piece, None)
        stored = getattr(obj, field)
        return stored if key is None else stored.get(key)

    if loaded is None or any(value(loaded, piece) != value(draft, piece) for piece in pieces):
        entries = [e for e in history_entries(draft) if (e["version"] or 0) > loaded_version]
        raise DraftConflict(draft, entries)


def _set_entry(mapping, key, value):
    """``mapping`` with ``key`` set to ``value``, or without ``key`` when ``value`` is empty."""
    mapping = {k: v for k, v in mapping.items() if k != key}
    if value:
        mapping[key] = value
    return mapping


def save_texts(school, period, user, loaded_version, texts=None, leads=None):
    """Save the chair's prose: ``texts`` for the opening and closing parts, ``leads`` by
    section key. Raises ``DraftConflict`` when the prose changed since ``loaded_version``."""
    with transaction.atomic():
        draft = _locked_draft(school, period)
        _refuse_if_changed(draft, loaded_version, (*TEXT_FIELDS, "leads"))
        for field, value in (texts or {}).items():
            if field not in TEXT_FIELDS:
                raise ValueError(field)
            setattr(draft, field, value.strip())
        if leads:
            draft.leads = {**draft.leads, **{key: value.strip() for key, value in leads.items()}}
            draft.leads = {key: value for key, value in draft.leads.items() if value}
        return _save(draft, user)


def _set_words(school, period, user, loaded_version, field, key, words):
    """The chair's ``words`` for ``key`` in the draft's JSON ``field``; blank removes them.
    Refused when someone changed the same words since ``loaded_version``."""
    with transaction.atomic():
        draft = _locked_draft(school, period)
        _refuse_if_changed(draft, loaded_version, [(field, key)])
        setattr(draft, field, _set_entry(getattr(draft, field), key, words.strip()))
        return _save(draft, user)


def rename_section(school, period, user, loaded_version, section_key, heading):
    """The chair's heading of a section; blank goes back to the assembled one."""
    return _set_words(school, period, user, loaded_version, "headings", section_key, heading)


def retitle_item(school, period, user, loaded_version, key, title):
    """The chair's title of a sub-point; blank goes back to the assembled one."""
    return _set_words(school, period, user, loaded_version, "item_titles", key, title)


def set_item_added(school, period, user, loaded_version, key, text):
    """The chair's own sentences after a sub-point's paragraph, on one line; blank removes them."""
    return _set_words(school, period, user, loaded_version, "additions", key, " ".join(text.split()))


def set_title_and_date(school, period, user, loaded_version, title, signed_on):
    """The summary's title and the date under the signature; blank and None go back to the
    assembled ones."""
    with transaction.atomic():
        draft = _locked_draft(school, period)
        _refuse_if_changed(draft, loaded_version, ["title", "signed_on"])
        draft.title = title.strip()
        draft.signed_on = signed_on
        return _save(draft, user)


def move_item_to_section(school, period, user, key, section_key, assembled_section_key):
    """Print an item under another section; moving it back where assembly put it
    (``assembled_section_key``) forgets the move."""
    with transaction.atomic():
        draft = _locked_draft(school, period)
        moved = section_key if section_key != assembled_section_key else ""
        draft.item_sections = _set_entry(draft.item_sections, key, moved)
        return _save(draft, user)


def merge_item(school, period, user, key, target):
    """Print item ``key``'s paragraph at the end of ``target``'s; items already merged into
    ``key`` follow it into ``target``. An empty ``target`` un-merges ``key``."""
    if key == target:
        raise ValueError(key)
    with transaction.atomic():
        draft = _locked_draft(school, period)
        merges = _set_entry(draft.merges, key, target)
        if target:
            merges = {source: target if into == key else into for source, into in merges.items()}
            merges = {source: into for source, into in merges.items() if source != into}
        draft.merges = merges
        return _save(draft, user)


def set_item_hidden(school, period, user, key, hidden):
    """Hide an item from the preview and the exports (it stays in the draft), or show it."""
    with transaction.atomic():
        draft = _locked_draft(school, period)
        keys = [k for k in draft.hidden_items if k != key]
        if hidden:
            keys.append(key)
        draft.hidden_items = keys
        return _save(draft, user)


def _moved(order, key, step):
    order = list(order)
    if key not in order:
        return order
    index = order.index(key)
    target = index + step
    if 0 <= target < len(order):
        order[index], order[target] = order[target], order[index]
    return order


def move_item(school, period, user, section_key, key, step, current_order):
    """Move an item one place up (``step=-1``) or down within its section, from the order
    the chair sees (``current_order``, item keys)."""
    with transaction.atomic():
        draft = _locked_draft(school, period)
        draft.item_order = {**draft.item_order, section_key: _moved(current_order, key, step)}
        return _save(draft, user)


def move_section(school, period, user, key, step, current_order):
    """Move a section one place up or down, from the order the chair sees."""
    with transaction.atomic():
        draft = _locked_draft(school, period)
        draft.section_order = _moved(current_order, key, step)
        return _save(draft, user)


def set_show_plan(school, period, user, show):
    with transaction.atomic():
        draft = _locked_draft(school, period)
        draft.show_plan = show
        return _save(draft, user)


def _ordered(things, order, key):
    """``things`` in ``order`` (keys) first, the ones it does not name after, as they came."""
    rank = {k: i for i, k in enumerate(order)}
    return sorted(things, key=lambda thing: rank.get(key(thing), len(rank)))


def _move_items(document, moves):
    """Items moved by the chair to the end of another section. A moved item keeps its (一)
    group only where the section it lands in has that group."""
    sections = {section.key: section for section in document.sections}
    landing = []
    for section in document.sections:
        staying = []
        for item in section.items:
            target = sections.get(moves.get(item.key))
            if target is None or target is section:
                staying.append(item)
            else:
                landing.append((item, target))
        section.items = staying
    for item, target in landing:
        if item.group not in {group.key for group in target.groups}:
            item.group = ""
        target.items.append(item)


def _merge_items(document, merges, additions):
    """Each merged item's paragraph (its text and added sentences) at the end of its
    target's, the records it uses joined to the target's; the merged item goes. A merge
    whose item or target is gone, or whose target is itself merged, is left out."""
    places = {item.key: (section, item) for section in document.sections for item in section.items}
    merging = {key: into for key, into in merges.items() if key in places and into in places and key != into}
    # In the document's order, so that several items merged into one read as assembled.
    for key in [key for key in places if key in merging]:
        target_key = merging[key]
        if target_key in merging:
            continue
        section, item = places[key]
        target = places[target_key][1]
        parts = [part.strip() for part in (target.text, item.text, additions.get(key, item.added))]
        # Each part ends its sentence before the next runs on ("…”" and "…）" already do).
        target.text = "".join(part if part[-1] in "”’）)" else full_stop(part) for part in parts if part)
        target.sources = target.sources + [source for source in item.sources if source not in target.sources]
        section.items.remove(item)


def apply_draft(document, draft):
    """A copy of the assembled ``document`` with the draft laid over it: items moved and
    merged, the chair's titles, added sentences, headings, prose and leads, then the order
    and the hidden items. Keys of records no longer there are left unused."""
    document = copy.deepcopy(document)
    _move_items(document, draft.item_sections)
    _merge_items(document, draft.merges, draft.additions)
    for section in document.sections:
        for item in section.items:
            item.title = draft.item_titles.get(item.key) or item.title
        for item in section.items:
            item.added = draft.additions.get(item.key, item.added)
        section.heading = draft.headings.get(section.key) or section.heading
    document.title = draft.title or document.title
    document.signed_on = draft.signed_on or document.signed_on
    for field in TEXT_FIELDS:
        setattr(document, field, getattr(draft, field))
    hidden = set(draft.hidden_items)
    for section in document.sections:
        section.lead = draft.leads.get(section.key, section.lead)
        section.items = _ordered(section.items, draft.item_order.get(section.key, []), lambda item: item.key)
        for item in section.items:
            item.hidden = item.key in hidden
    document.sections = _ordered(document.sections, draft.section_order, lambda section: section.key)
    return document


def frozen_document(document, draft):
    """``document`` with the draft laid over it, as a version stores it: through JSON and
    back, so that it compares equal to a stored version that reads the same."""
    return json.loads(json.dumps(apply_draft(document, draft).to_json()))


def freeze_version(draft, user, document=None):
    """Freeze the draft applied to the year's records as the next numbered version.

    ``document`` is the assembled (not yet drafted) summary; without it, it is assembled now.
    Raises ``VersionUnchanged`` when the result is the latest version's document again: the
    draft row is locked first, so of two freezes at once the second sees the first's version.
    """
    if document is None:
        from .assembly import assemble

        document = assemble(draft.school, draft.period)
    with transaction.atomic():
        if draft.pk is None:
            draft = _locked_draft(draft.school, draft.period)
        else:
            draft = SummaryDraft.objects.select_for_update().get(pk=draft.pk)
        frozen = frozen_document(document, draft)
        latest = last_version(draft)
        if latest is not None and latest.document == frozen:
            raise VersionUnchanged(latest)
        return SummaryVersion.objects.create(
            school=draft.school,
            draft=draft,
            number=(latest.number if latest else 0) + 1,
            document=frozen,
            created_at=timezone.now(),
            created_by=user if user is not None and user.is_authenticated else None,
        )


def last_version(draft):
    if draft.pk is None:
        return None
    return draft.versions.order_by("-number").first()


# --- The plan -----------------------------------------------------------------------------


def plan_for(school, period):
    plan = AnnualPlan.objects.filter(school=school, kind=period.kind, year=period.year).first()
    return plan or AnnualPlan(school=school, kind=period.kind, year=period.year)


def _locked_plan(school, period):
    AnnualPlan.objects.get_or_create(school=school, kind=period.kind, year=period.year)
    return AnnualPlan.objects.select_for_update().get(school=school, kind=period.kind, year=period.year)


def save_guidance(school, period, user, text):
    with transaction.atomic():
        plan = _locked_plan(school, period)
        plan.guidance = text.strip()
        plan.version += 1
        plan._history_user = user
        plan.save()
        return plan


def add_plan_section(school, period, title):
    with transaction.atomic():
        plan = _locked_plan(school, period)
        position = (plan.sections.aggregate(last=Max("position"))["last"] or 0) + 1
        return PlanSection.objects.create(school=school, plan=plan, title=title.strip(), position=position)


def add_plan_item(section, title, description="", activities=(), campaigns=()):
    with transaction.atomic():
        position = (section.items.aggregate(last=Max("position"))["last"] or 0) + 1
        item = PlanItem.objects.create(
            school=section.school,
            section=section,
            title=title.strip(),
            description=description.strip(),
            position=position,
        )
        item.activities.set(activities)
        item.campaigns.set(campaigns)
        return item


def update_plan_item(item, title, description, activities, campaigns):
    with transaction.atomic():
        item.title = title.strip()
        item.description = description.strip()
        item.save()
        item.activities.set(activities)
        item.campaigns.set(campaigns)
        return item


def move_in_order(obj, siblings, step):
    """Swap ``obj`` with its neighbour among ``siblings`` (a queryset in display order),
    renumbering positions so that equal positions cannot make the move a no-op."""
    with transaction.atomic():
        order = list(siblings.select_for_update())
        keys = _moved([o.pk for o in order], obj.pk, step)
        by_pk = {o.pk: o for o in order}
        for position, pk in enumerate(keys, start=1):
            sibling = by_pk[pk]
            if sibling.position != position:
                sibling.position = position
                sibling.save(update_fields=["position"])
