"""Reading django-simple-history records as "who changed what, when", for pages and conflicts."""

import datetime

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

HISTORY_TYPES = {"+": _("created"), "~": _("changed"), "-": _("deleted")}

# What is kept for the app's own use, not for readers: ids, search keys, a file's MIME type.
HIDDEN_FIELDS = {
    "id",
    "school",
    "version",
    "name_pinyin",
    "name_initials",
    "photo_thumbnail",
    "agreement_content_type",
    "login_disabled_on_delete",
}


def _tracked_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in HIDDEN_FIELDS and not field.name.startswith("history_")
    ]


def _display(field, value, related_names):
    if value is None or value == "":
        return "—"
    if isinstance(field, models.ForeignKey):
        return related_names.get(field.name, {}).get(value, str(value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime.datetime):
        # Stored in UTC: show the school's clock (Asia/Shanghai), as the page's own dates do.
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value)
    if isinstance(field, models.FileField):
        return str(_("new file")) if value else "—"
    return str(value)


def history_entries(obj, displays=None):
    """The object's history, newest first, each entry with its field-by-field changes.

    Reads every record in one query and related names in one query per foreign key, so
    the cost does not grow with the number of entries. ``displays`` maps field names to a
    function that writes a stored value for people (for JSON fields, which only the model's
    app can put into words).
    """
    displays = displays or {}
    records = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))
    model = type(obj)
    fields = _tracked_fields(model)
    related_names = {}
    for field in fields:
        if isinstance(field, models.ForeignKey):
            ids = {getattr(r, field.attname) for r in records} - {None}
            objects = field.related_model._base_manager.in_bulk(ids)
            related_names[field.name] = {pk: str(o) for pk, o in objects.items()}

    entries = []
    previous = None
    for record in records:
        changes = []
        for field in fields:
            new = getattr(record, field.attname)
            old = getattr(previous, field.attname) if previous is not None else None
            if previous is None and new in (None, "", False, [], {}):
                continue
            if previous is not None and old == new:
                continue
            show = displays.get(field.name)

            def shown(value, field=field, show=show):
                if show is not None:
                    return show(value) if value not in (None, "", [], {}) else "—"
                return _display(field, value, related_names)

            changes.append(
                {
                    "field": field.verbose_name,
                    "old": shown(old) if previous is not None else "",
                    "new": shown(new),
                }
            )
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "type": HISTORY_TYPES.get(record.history_type, record.history_type),
                "version": getattr(record, "version", None),
                "changes": changes,
                "record": record,
            }
        )
        previous = record
    entries.reverse()
    return entries


# ---------------------------------------------------------------------------------------
# Who joined or left a many-to-many field (``HistoricalRecords(m2m_fields=[…])``)
# ---------------------------------------------------------------------------------------


def m2m_snapshots(model, field_name, history_ids):
    """What a tracked many-to-many field held at each of the history records: ``{history_id:
    {related pk, …}}``; a record it held nothing at is missing. One query.

    django-simple-history writes, with every record of ``model``, the field's rows of then.
    """
    field = model._meta.get_field(field_name)
    through = HistoricalRecords.m2m_models[field]
    column = field.m2m_reverse_field_name() + "_id"
    snapshots = {}
    for history_id, pk in through.objects.filter(history_id__in=history_ids).values_list("history_id", column):
        snapshots.setdefault(history_id, set()).add(pk)
    return snapshots


def name_lister(related_model, snapshots, unknown="{}", **filters):
    """A function that lists people of ``snapshots`` (pks) as "李四、张三", by pinyin.

    Reads every name in one query, deleted people's too (``filters`` narrow it); a pk not
    found is shown as ``unknown.format(pk)``.
    """
    ids = set().union(*snapshots.values()) if snapshots else set()
    rows = related_model._base_manager.filter(pk__in=ids, **filters).values_list("pk", "name_pinyin", "name")
    people = {pk: (pinyin, name) for pk, pinyin, name in rows}

    def listed(pks):
        return "、".join(name for _pinyin, name in sorted(people.get(pk, ("", unknown.format(pk))) for pk in pks))

    return listed
