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


def _prose_changed(draft, loaded_version):
    """Whether anyone changed the prose since ``loaded_version``: hiding or moving an item
    in the meantime does not make a text save overwrite anything."""
    loaded = draft.history.filter(version=loaded_version).order_by("-history_id").first()
    if loaded is None:
        return True
    fields = (*TEXT_FIELDS, "leads")
    return any(getattr(loaded, field) != getattr(draft, field) for field in fields)


def save_texts(school, period, user, loaded_version, texts=None, leads=None):
    """Save the chair's prose: ``texts`` for the opening and closing parts, ``leads`` by
    section key. Raises ``DraftConflict`` when the draft changed since ``loaded_version``."""
    with transaction.atomic():
        draft = _locked_draft(school, period)
        if draft.version != loaded_version and _prose_changed(draft, loaded_version):
            entries = [e for e in history_entries(draft) if (e["version"] or 0) > loaded_version]
            raise DraftConflict(draft, entries)
        for field, value in (texts or {}).items():
            if field not in TEXT_FIELDS:
                raise ValueError(field)
            setattr(draft, field, value.strip())
        if leads:
            draft.leads = {**draft.leads, **{key: value.strip() for key, value in leads.items()}}
            draft.leads = {key: value for key, value in draft.leads.items() if value}
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


def apply_draft(document, draft):
    """A copy of the assembled ``document`` with the chair's prose, leads, order and hidden items."""
    document = copy.deepcopy(document)
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
