"""The annual summary: the preview with the chair's edit controls, the draft as Word,
freezing a version (定稿) behind a confirmation, frozen versions again, and the year's
records as a spreadsheet.

Who: the chair edits and freezes; staff read the preview, download the draft, frozen
versions and the records (they enter those records anyway) but do not freeze versions;
district users read a school of their own district (``?school=<pk>``, another district's
school is 404) and download its frozen versions, never the draft or the records of named
people; teachers get 403.
"""

import io
from functools import cached_property

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from congress.numerals import chinese_number
from unionhub import tasks
from unionhub.history import history_entries
from unionhub.models import School, SensitiveAct
from unionhub.roles import Action, user_can
from unionhub.services import acted_by, record_sensitive_act
from unionhub.submissions import OneTimeSubmissionMixin, OneTimeSubmissionOnSaveMixin
from unionhub.views import RoleRequiredMixin

from .. import services
from ..coverage import coverage_panel, period_record_index
from ..diff import changes_since
from ..forms import (
    FreezeForm,
    HeadingForm,
    ItemAddedForm,
    ItemSectionForm,
    ItemTitleForm,
    LayoutForm,
    MergeForm,
    TextsForm,
    TitleAndDateForm,
)
from ..models import SummaryTemplate, SummaryVersion
from ..models.plan import plan_versus_done
from ..periods import SCHOOL_YEAR, Period
from ..tasks import (
    RECORDS_XLSX,
    SUMMARY_DOCX,
    draft_docx,
    is_busy,
    may_download_draft,
    period_params,
    records_filename,
    records_workbook,
)

FIRST_YEAR, LAST_YEAR = 2000, 2100
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def summary_school(request):
    """The one door to a summary: the user's own school; for a district user the school of
    their district named by ``?school=``, and 404 for any other."""
    if user_can(request.user, Action.VIEW_DISTRICT):
        pk = request.GET.get("school", "")
        if not pk.isdigit():
            raise Http404
        return get_object_or_404(School, pk=int(pk), district_id=request.user.district_id)
    if request.school is None:
        raise Http404
    return request.school


def request_period(request, year):
    """The calendar year ``year``, or with ``?period=school_year`` the school year starting in it."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    if request.GET.get("period") == SCHOOL_YEAR:
        return Period.school_year(year)
    return Period.calendar_year(year)


def period_query(period, school=None, district=False):
    """The query string that keeps the period (and a district user's school) on every link."""
    parts = []
    if period.kind == SCHOOL_YEAR:
        parts.append("period={}".format(SCHOOL_YEAR))
    if district and school is not None:
        parts.append("school={}".format(school.pk))
    return "?" + "&".join(parts) if parts else ""


def item_label(item):
    """A sub-point named in a list: its title, or the start of its paragraph."""
    return item.title or Truncator(item.text).chars(24)


def draft_displays(document):
    """How the draft's history puts its JSON fields into words: sections by their heading,
    items by the start of their text (an item no longer in the records says so)."""
    headings = {section.key: section.heading for section in document.sections}
    items = {item.key: item.text for section in document.sections for item in section.items}

    def heading(key):
        return headings.get(key, _("a section no longer in the records"))

    def item(key):
        text = items.get(key)
        return "“{}”".format(Truncator(text).chars(24)) if text else _("an item no longer in the records")

    def by_item(entries):
        return "；".join("{}：{}".format(item(k), v) for k, v in entries.items())

    return {
        "leads": lambda leads: "；".join("{}：{}".format(heading(k), v) for k, v in leads.items()),
        "section_order": lambda keys: "、".join(heading(k) for k in keys),
        "hidden_items": lambda keys: "、".join(item(k) for k in keys),
        "item_order": lambda orders: "；".join(
            "{}：{}".format(heading(k), "、".join(item(i) for i in keys)) for k, keys in orders.items()
        ),
        "headings": lambda renamed: "；".join("{} → {}".format(heading(k), v) for k, v in renamed.items()),
        "item_titles": by_item,
        "additions": by_item,
        "item_sections": lambda moves: "；".join("{} → {}".format(item(k), heading(v)) for k, v in moves.items()),
        "merges": lambda merges: "；".join("{} → {}".format(item(k), item(v)) for k, v in merges.items()),
    }


def item_blocks(section, can_edit):
    """A section's sub-points as printed: ``[{"group", "number", "entries"}]``, the (一)
    level only where ``section.blocks()`` prints it, 1、2、 over visible items. The chair
    also sees hidden items, unnumbered, where they stand."""
    blocks, numbers, by_group = [], {}, {}
    for index, (group, numbered) in enumerate(section.blocks(), start=1):
        block = {"group": group, "number": chinese_number(index) if group else "", "entries": []}
        blocks.append(block)
        if group is not None:
            by_group[group.key] = block
        for number, item in numbered:
            numbers[item.key] = (block, number)
    current = blocks[0] if blocks else None
    for item in section.items:
        if item.key in numbers:
            current, number = numbers[item.key]
        elif can_edit:
            number = None
            if current is None:
                current = {"group": None, "number": "", "entries": []}
                blocks.append(current)
            current = by_group.get(item.group, current)
        else:
            continue
        current["entries"].append({"item": item, "number": number, "anchor": anchor(item.key)})
    return blocks


def sheet(document, texts_form, can_edit, merged_into=None, retry=None):
    """The sections as printed (一、二、 over visible sections, (一) groups, 1、2、 over
    visible items); the chair also sees what is hidden or empty, greyed, so that it can be
    shown again, and for each sub-point the others of its section it may be merged into and
    those merged into it (``merged_into``: target key → [(key, label)]). ``retry``, an edit
    refused, goes with the section or sub-point it was made on."""
    visible = {id(section) for section in document.visible_sections()}
    merged_into = merged_into or {}
    retry = retry or {}
    rows = []
    number = 0
    for section in document.sections:
        printed = id(section) in visible
        if not printed and not (can_edit and section.items):
            continue
        number += printed
        blocks = item_blocks(section, can_edit)
        if can_edit:
            labels = [(item.key, item_label(item)) for item in section.items]
            for block in blocks:
                for entry in block["entries"]:
                    key = entry["item"].key
                    entry["merge_choices"] = [(k, label) for k, label in labels if k != key]
                    entry["merged_here"] = merged_into.get(key, [])
                    entry["retry"] = retry if retry.get("key") == key else None
        lead = "lead:{}".format(section.key)
        rows.append(
            {
                "section": section,
                "printed": printed,
                "number": chinese_number(number) if printed else "",
                "opening": [line.strip() for line in section.opening().splitlines() if line.strip()],
                "blocks": blocks,
                "anchor": anchor(section.key),
                "lead_field": texts_form[lead] if lead in texts_form.fields else None,
                "retry": retry if retry.get("act") == "heading" and retry.get("key") == section.key else None,
            }
        )
    return rows


def merged_items(assembled, document, draft):
    """The sub-points merged away, by the item they now read in: ``{target: [(key, label)]}``."""
    shown = {item.key for section in document.sections for item in section.items}
    merged = {}
    for section in assembled.sections:
        for item in section.items:
            target = draft.merges.get(item.key)
            if item.key not in shown and target in shown:
                merged.setdefault(target, []).append((item.key, item_label(item)))
    return merged


def closing_parts(document):
    """The closing parts the chair wrote, numbered after the printed sections as in Word."""
    number = len(document.visible_sections())
    parts = []
    for heading, text in (
        (_("What the work taught us"), document.experience),
        (_("Shortcomings"), document.shortcomings),
        (_("Plans for the coming year"), document.plans),
    ):
        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        if paragraphs:
            number += 1
            parts.append({"number": chinese_number(number), "heading": heading, "paragraphs": paragraphs})
    return parts


def anchor(key):
    return key.replace(":", "-")


class SummaryMixin(RoleRequiredMixin):
    """Resolves the school and the period once the role is allowed."""

    required_action = Action.VIEW_SUMMARY

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_role_permission():
            self.school = summary_school(request)
            self.period = request_period(request, kwargs["year"])
            self.query = period_query(self.period, self.school, user_can(request.user, Action.VIEW_DISTRICT))
        return super().dispatch(request, *args, **kwargs)

    def url(self, name, **kwargs):
        return reverse(name, kwargs={"year": self.period.year, **kwargs}) + self.query

    def assembled(self):
        from ..assembly import assemble

        return assemble(self.school, self.period)


class SummaryView(SummaryMixin, TemplateView):
    """The preview, laid out like the printed page, with the chair's controls beside it."""

    template_name = "reports/summary/summary_preview.html"

    def get_context_data(self, texts_form=None, conflict_entries=None, retry=None, title_form=None, **kwargs):
        """``retry``: an edit of the sheet that was refused (``act``, ``key``, ``value``,
        ``errors``), shown open with what was typed; ``title_form``: the refused title and date."""
        context = super().get_context_data(**kwargs)
        draft = services.draft_for(self.school, self.period)
        assembled = self.assembled()
        document = services.apply_draft(assembled, draft)
        # list() runs the query here rather than twice while rendering.
        versions = list(draft.versions.select_related("created_by")) if draft.pk else []
        last = versions[0] if versions else None
        can_edit = user_can(self.request.user, Action.EDIT_SUMMARY) and self.school == self.request.school
        if texts_form is None:
            texts_form = TextsForm(
                initial={
                    "loaded_version": draft.version,
                    "opening": draft.opening,
                    "experience": draft.experience,
                    "shortcomings": draft.shortcomings,
                    "plans": draft.plans,
                    **{"lead:{}".format(s.key): draft.leads.get(s.key, "") for s in document.sections},
                },
                sections=document.sections,
            )
        if title_form is None:
            title_form = TitleAndDateForm(
                initial={"loaded_version": draft.version, "title": document.title, "signed_on": document.signed_on}
            )
        merged_into = merged_items(assembled, document, draft) if can_edit else {}
        context.update(
            {
                "school": self.school,
                "period": self.period,
                "year": self.period.year,
                "query": self.query,
                "document": document,
                "sections": sheet(document, texts_form, can_edit, merged_into, retry),
                "section_choices": [(section.key, section.heading) for section in document.sections],
                "retry": retry or {},
                "title_form": title_form,
                "closing": closing_parts(document),
                "history": history_entries(draft, draft_displays(assembled)) if can_edit and draft.pk else [],
                "draft": draft,
                "versions": versions,
                # With the draft laid over both, a merge is no change of the records.
                "changes": changes_since(document, last.summary_document(), last.number) if last else None,
                "can_edit": can_edit,
                "can_download_records": user_can(self.request.user, Action.VIEW_RECORDS)
                and self.school == self.request.school,
                "can_download_draft": may_download_draft(self.request.user),
                "texts_form": texts_form,
                "conflict_entries": conflict_entries,
                "plan_rows": plan_versus_done(services.plan_for(self.school, self.period)) if draft.show_plan else None,
                "other_period": self.other_period_url(),
                "year_charts": self.charts(),
            }
        )
        context["coverage"] = self.coverage(document)
        return context

    def coverage(self, document):
        """The period's records no paragraph uses, for the school's own chair and staff."""
        if not (user_can(self.request.user, Action.VIEW_RECORDS) and self.school == self.request.school):
            return None
        return coverage_panel(document, period_record_index(self.school, self.period), self.period)

    def other_period_url(self):
        if self.period.kind == SCHOOL_YEAR:
            other = Period.calendar_year(self.period.year)
        else:
            other = Period.school_year(self.period.year)
        district = user_can(self.request.user, Action.VIEW_DISTRICT)
        return {
            "label": other.label,
            "url": reverse("reports:summary", kwargs={"year": other.year}) + period_query(other, self.school, district),
        }

    def charts(self):
        from ..overview import year_charts

        return year_charts(self.school, self.period)


CONFLICT_MESSAGE = gettext_lazy(
    "Someone else saved this summary after you opened it. Nothing of yours was saved; "
    "the changes made meanwhile are listed below. Check them and save again."
)


class SummaryEditMixin(SummaryMixin):
    required_action = Action.EDIT_SUMMARY

    def back(self, anchor=""):
        return redirect(self.url("reports:summary") + anchor)

    def changes_meanwhile(self, conflict, loaded_version, assembled):
        """What others saved since ``loaded_version``, the draft's JSON fields in words."""
        entries = history_entries(conflict.draft, draft_displays(assembled))
        return [entry for entry in entries if (entry["version"] or 0) > loaded_version]

    def preview(self, **context):
        """The preview again, at the address posted to: what was refused shown in it."""
        view = SummaryView()
        view.setup(self.request, year=self.period.year)
        view.school, view.period, view.query = self.school, self.period, self.query
        return view.render_to_response(view.get_context_data(**context))


class SummaryTextsView(SummaryEditMixin, View):
    """Saves the opening, the section leads and the closing parts; refuses to overwrite a
    save made since the form was loaded and shows what was changed meanwhile."""

    def post(self, request, year):
        assembled = self.assembled()
        form = TextsForm(request.POST, sections=assembled.sections)
        if not form.is_valid():
            messages.error(
                request, _("The page was out of date and nothing was saved. Reload the page and write again.")
            )
            return self.back()
        loaded = form.cleaned_data["loaded_version"]
        try:
            services.save_texts(
                self.school, self.period, request.user, loaded, form.posted_texts(), form.posted_leads()
            )
        except services.DraftConflict as conflict:
            messages.error(request, CONFLICT_MESSAGE)
            data = request.POST.copy()
            data["loaded_version"] = conflict.draft.version
            form = TextsForm(data, sections=assembled.sections)
            form.is_valid()
            return self.preview(texts_form=form, conflict_entries=self.changes_meanwhile(conflict, loaded, assembled))
        messages.success(request, _("The summary draft has been saved."))
        return self.back("#summary-texts")


class SheetEditView(OneTimeSubmissionOnSaveMixin, SummaryEditMixin, View):
    """One of the chair's edits on the sheet, posted from its own small form: saved and back
    to the place edited; or the preview again with that edit open, what was typed kept, and
    why nothing was saved (a form error, or the changes someone else saved meanwhile)."""

    form_class = None
    act = ""  # names the edit, so that the preview opens it again when it is refused
    value_field = ""  # the posted field the preview shows again
    saved_message = gettext_lazy("The summary draft has been saved.")

    @cached_property
    def documents(self):
        """The year's summary as assembled, and with the draft laid over it."""
        assembled = self.assembled()
        return assembled, services.apply_draft(assembled, services.draft_for(self.school, self.period))

    def form_kwargs(self):
        return {}

    def post(self, request, year):
        form = self.form_class(request.POST, **self.form_kwargs())
        if not form.is_valid():
            errors = [error for field_errors in form.errors.values() for error in field_errors]
            messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": " ".join(errors)})
            return self.refused(form, errors)
        try:
            place = self.save(form.cleaned_data)
        except services.DraftConflict as conflict:
            messages.error(request, CONFLICT_MESSAGE)
            loaded = form.cleaned_data["loaded_version"]
            return self.refused(form, [], self.changes_meanwhile(conflict, loaded, self.documents[0]))
        self.submission_saved()
        messages.success(request, self.saved_message)
        return self.back(place)

    def refused(self, form, errors, conflict_entries=None):
        data = form.data
        retry = {
            "act": self.act,
            "key": data.get("key") or data.get("section", ""),
            "value": data.get(self.value_field, ""),
            "errors": errors,
        }
        return self.preview(retry=retry, conflict_entries=conflict_entries)

    def assembled_item(self, key):
        assembled = self.documents[0]
        return next((item for section in assembled.sections for item in section.items if item.key == key), None)

    def assembled_section_of(self, key):
        assembled = self.documents[0]
        return next((section for section in assembled.sections for item in section.items if item.key == key), None)


class WordsEditView(SheetEditView):
    """The chair's words for one section or sub-point. Blank, or the assembled words posted
    back unchanged, keep the assembled ones, so that they follow the records."""

    key_field = "key"
    place = "#item-{}"
    service = None  # a staticmethod of ``services``: (school, period, user, loaded, key, words)

    def assembled_words(self, key):
        return None

    def save(self, data):
        key, words = data[self.key_field], data[self.value_field].strip()
        if words == self.assembled_words(key):
            words = ""
        self.service(self.school, self.period, self.request.user, data["loaded_version"], key, words)
        return self.place.format(anchor(key))


class SummaryHeadingView(WordsEditView):
    """Rename a section's heading."""

    form_class = HeadingForm
    act, value_field, key_field, place = "heading", "heading", "section", "#section-{}"
    service = staticmethod(services.rename_section)

    def form_kwargs(self):
        return {"sections": self.documents[1].sections}

    def assembled_words(self, key):
        return next((section.heading for section in self.documents[0].sections if section.key == key), None)


class SummaryItemTitleView(WordsEditView):
    """Retitle a sub-point."""

    form_class = ItemTitleForm
    act, value_field = "title", "title"
    service = staticmethod(services.retitle_item)

    def assembled_words(self, key):
        item = self.assembled_item(key)
        return item.title if item is not None else None


class SummaryItemAddedView(WordsEditView):
    """The chair's own sentences after a sub-point's paragraph."""

    form_class = ItemAddedForm
    act, value_field = "added", "added"
    service = staticmethod(services.set_item_added)


class SummaryItemSectionView(SheetEditView):
    """Move a sub-point to another section."""

    form_class = ItemSectionForm
    act, value_field = "move", "section"

    def form_kwargs(self):
        return {"sections": self.documents[1].sections}

    def save(self, data):
        key = data["key"]
        home = self.assembled_section_of(key)
        services.move_item_to_section(
            self.school, self.period, self.request.user, key, data["section"], home.key if home else ""
        )
        return "#item-{}".format(anchor(key))


class SummaryItemMergeView(SheetEditView):
    """Merge a sub-point into another of its section, or take it out again."""

    form_class = MergeForm
    act, value_field = "merge", "target"

    def form_kwargs(self):
        return {"document": self.documents[1]}

    def save(self, data):
        key, target = data["key"], data["target"]
        services.merge_item(self.school, self.period, self.request.user, key, target)
        return "#item-{}".format(anchor(target or key))


class SummaryTitleView(SheetEditView):
    """The summary's title and the date under the signature."""

    form_class = TitleAndDateForm
    act = "title_and_date"

    def save(self, data):
        assembled = self.documents[0]
        title = data["title"].strip()
        signed_on = data["signed_on"]
        services.set_title_and_date(
            self.school,
            self.period,
            self.request.user,
            data["loaded_version"],
            "" if title == assembled.title else title,
            None if signed_on == assembled.signed_on else signed_on,
        )
        return "#summary-sheet"

    def refused(self, form, errors, conflict_entries=None):
        if conflict_entries is not None:
            data = self.request.POST.copy()
            data["loaded_version"] = services.draft_for(self.school, self.period).version
            form = TitleAndDateForm(data)
            form.is_valid()
        return self.preview(title_form=form, retry={"act": self.act}, conflict_entries=conflict_entries)


class SummaryLayoutView(SummaryEditMixin, View):
    """Hide or show an item, move an item or a section, show plan versus done or not."""

    def post(self, request, year):
        form = LayoutForm(request.POST)
        if not form.is_valid():
            # Only a forged or garbled button sends this: say so, and change nothing.
            messages.error(request, _("The page's request was not understood; nothing was changed."))
            return self.back("")
        action, key, section_key = (form.cleaned_data[k] for k in ("action", "key", "section"))
        school, period, user = self.school, self.period, request.user
        if action in ("hide", "show"):
            services.set_item_hidden(school, period, user, key, action == "hide")
        elif action in ("plan_on", "plan_off"):
            services.set_show_plan(school, period, user, action == "plan_on")
        else:
            document = services.apply_draft(self.assembled(), services.draft_for(school, period))
            step = -1 if action.endswith("_up") else 1
            if action.startswith("item_"):
                section = next((s for s in document.sections if s.key == section_key), None)
                if section is None:
                    raise Http404
                services.move_item(school, period, user, section_key, key, step, [i.key for i in section.items])
            else:
                services.move_section(school, period, user, key, step, [s.key for s in document.sections])
        if action.startswith("section_"):
            return self.back("#section-{}".format(anchor(key)))
        return self.back("#item-{}".format(anchor(key)) if key else "")


def _file(data, filename, content_type):
    response = FileResponse(io.BytesIO(data), as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response


def wants_figures(request):
    """``?figures=1``: the year's main figures as an attachment of the Word file."""
    return request.GET.get("figures") == "1"


def _version_response(version, school, figures):
    """The version in the school's template; plan versus done reads today's records, so a
    frozen version goes without it."""
    from ..exports.docx import summary_docx

    document = version.summary_document()
    template = SummaryTemplate.content_for(school)
    data = summary_docx(document, created=version.created_at, template=template, figures=figures)
    filename = "{}（第{}版）.docx".format(document.title, version.number)
    return _file(data, filename, DOCX)


def _background(request, kind, params):
    """A busy year's file is made in the background: the user lands on its job's page."""
    job = tasks.start_once(kind, request.school, request.user, params)
    return redirect("jobs:job_detail", pk=job.pk)


class SummaryDocxView(SummaryMixin, View):
    """The draft over the year's records as it reads now, as .docx; writes nothing."""

    def has_role_permission(self):
        return may_download_draft(self.request.user)

    def get(self, request, year):
        figures = wants_figures(request)
        if is_busy(self.school, self.period):
            return _background(request, SUMMARY_DOCX, {**period_params(self.period), "figures": figures})
        data, filename = draft_docx(self.school, self.period, figures, assembled=self.assembled())
        return _file(data, filename, DOCX)


class SummaryFreezeView(OneTimeSubmissionMixin, SummaryEditMixin, TemplateView):
    """定稿: the chair confirms, and the draft over the year's records becomes the next
    numbered version. The form's one-time token makes a double click one version; a freeze
    that would repeat the latest version is refused and lands on that version."""

    template_name = "reports/summary/summary_freeze.html"
    already_submitted_message = gettext_lazy("This version had already been frozen; it is listed below.")

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        draft = services.draft_for(self.school, self.period)
        last = services.last_version(draft)
        document = services.frozen_document(self.assembled(), draft)
        context.update(
            {
                "period": self.period,
                "year": self.period.year,
                "query": self.query,
                "title": document["title"],
                "number": (last.number if last else 0) + 1,
                "last": last,
                # Said before the chair confirms, not after: there is nothing new to freeze.
                "unchanged": last is not None and last.document == document,
                "form": form or FreezeForm(),
            }
        )
        return context

    def post(self, request, year):
        form = FreezeForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        draft = services.draft_for(self.school, self.period)
        try:
            version = services.freeze_version(draft, request.user, self.assembled())
        except services.VersionUnchanged as unchanged:
            version = unchanged.version
            message = _("Nothing has changed since version %(number)d, so no new version was frozen.")
            messages.info(request, message % {"number": version.number})
        else:
            messages.success(request, _("Version %(number)d has been frozen.") % {"number": version.number})
        return redirect(self.url("reports:summary") + "#version-{}".format(version.number))


class VersionDocxView(SummaryMixin, View):
    """A frozen version again, exactly as it was frozen."""

    def get(self, request, year, number):
        version = get_object_or_404(
            SummaryVersion.objects.filter(
                school=self.school,
                draft__school=self.school,
                draft__kind=self.period.kind,
                draft__year=self.period.year,
            ),
            number=number,
        )
        return _version_response(version, self.school, wants_figures(request))


class RecordsXlsxView(SummaryMixin, View):
    """The year's records behind the summary, one sheet per kind, for the school's own
    chair and staff (district users read aggregates, not records of named people)."""

    required_action = Action.VIEW_RECORDS

    def get(self, request, year):
        # Its sheets name the members visited, cared for, in hardship or granted mutual aid.
        record_sensitive_act(
            SensitiveAct.RECORDS_EXPORT, school=self.school, target=str(self.period.label), **acted_by(request)
        )
        if is_busy(self.school, self.period):
            return _background(request, RECORDS_XLSX, period_params(self.period))
        data = records_workbook(self.school, self.period)
        return _file(data, records_filename(self.school, self.period), XLSX)
