"""Forms of the welfare records (关爱与维权): visits, holiday greetings, hardship files, mutual aid."""

import datetime
from collections import Counter
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes.forms import SafeModelChoiceField

from members.models import Member
from members.pickers import MemberPickerField, member_choices, member_label
from unionhub.forms import BoundedInputMixin, DateInput, VersionedModelForm
from unionhub.years import FIRST_YEAR

from ..choices import Audience, Festival, FundingSource, HardshipStatus, VisitedPerson, VisitReason
from ..festivals import festival_date
from ..models import GreetingBatch, GreetingRecipient, HardshipAid, HardshipCase, MutualAidGrant, Visit
from ..services import welfare as services


def money_input():
    return forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"})


class OptionalMoneyMixin:
    """Money that may not have been given: 0 is read as empty (gifts in kind only), so that
    no record says 0.00 yuan. ``optional_money`` names the fields."""

    optional_money = ()

    def clean(self):
        cleaned = super().clean()
        for name in self.optional_money:
            if cleaned.get(name) is not None and cleaned[name] == 0:
                cleaned[name] = None
        return cleaned


def year_choices(empty_label):
    """Every year a record may be dated in, newest first."""
    this_year = timezone.localdate().year
    return [("", empty_label)] + [(str(year), "{}年".format(year)) for year in range(this_year, FIRST_YEAR - 1, -1)]


class MemberChoiceField(SafeModelChoiceField):
    """One member of the school, shown with their department so that namesakes differ."""

    def label_from_instance(self, member):
        return member_label(member)


def school_members(school):
    return Member.objects.filter(school=school).select_related("department")


# ---------------------------------------------------------------------------------------
# Filters of the list pages (plain GET forms: every page works without JavaScript)
# ---------------------------------------------------------------------------------------


class PeriodFilterForm(forms.Form):
    """A year, or a start and end date (both included); the dates win over the year."""

    year = forms.TypedChoiceField(label=gettext_lazy("year"), required=False, coerce=int, empty_value=None)
    start = forms.DateField(label=gettext_lazy("period start"), required=False, widget=DateInput())
    end = forms.DateField(label=gettext_lazy("period end"), required=False, widget=DateInput())

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.fields["year"].choices = year_choices(_("All years"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        return cleaned

    def period(self):
        """``(start, end)``, either of them None when open."""
        if not self.is_valid():
            return None, None
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        year = self.cleaned_data.get("year")
        if not start and not end and year:
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return start, end

    def is_filtered(self):
        return self.is_valid() and any(value not in (None, "") for value in self.cleaned_data.values())


class VisitFilterForm(PeriodFilterForm):
    # What was given: money (with or without gifts), or gifts in kind only.
    GIVEN = {"money": {"amount__isnull": False}, "gifts": {"amount__isnull": True}}

    reason = forms.ChoiceField(label=gettext_lazy("reason"), required=False)
    given = forms.ChoiceField(
        label=gettext_lazy("money or gifts"),
        required=False,
        choices=[
            ("", gettext_lazy("All")),
            ("money", gettext_lazy("With money")),
            ("gifts", gettext_lazy("Gifts in kind only")),
        ],
    )
    funding_source = forms.ChoiceField(label=gettext_lazy("paid from"), required=False)
    member = MemberChoiceField(label=gettext_lazy("member"), queryset=Member.objects.none(), required=False)

    def __init__(self, *args, own_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("All"))] + VisitReason.choices
        self.fields["funding_source"].choices = [("", _("All"))] + FundingSource.choices
        if own_only:
            del self.fields["member"]
        else:
            self.fields["member"].queryset = school_members(self.school)
            self.fields["member"].empty_label = _("All")

    def filter(self, queryset):
        start, end = self.period()
        if start:
            queryset = queryset.filter(visited_on__gte=start)
        if end:
            queryset = queryset.filter(visited_on__lte=end)
        if not self.is_valid():
            return queryset
        for name in ("reason", "funding_source", "member"):
            value = self.cleaned_data.get(name)
            if value:
                queryset = queryset.filter(**{name: value})
        if self.cleaned_data.get("given"):
            queryset = queryset.filter(**self.GIVEN[self.cleaned_data["given"]])
        return queryset


class GreetingFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("year"), required=False, coerce=int, empty_value=None)
    festival = forms.ChoiceField(label=gettext_lazy("festival"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices(_("All years"))
        self.fields["festival"].choices = [("", _("All"))] + Festival.choices

    def filter(self, queryset, prefix=""):
        if not self.is_valid():
            return queryset
        if self.cleaned_data.get("year"):
            queryset = queryset.filter(**{prefix + "year": self.cleaned_data["year"]})
        if self.cleaned_data.get("festival"):
            queryset = queryset.filter(**{prefix + "festival": self.cleaned_data["festival"]})
        return queryset


class HardshipFilterForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All"))] + HardshipStatus.choices

    def filter(self, queryset):
        if self.is_valid() and self.cleaned_data.get("status"):
            queryset = queryset.filter(status=self.cleaned_data["status"])
        return queryset


class MutualAidFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("year"), required=False, coerce=int, empty_value=None)
    member = MemberChoiceField(label=gettext_lazy("member"), queryset=Member.objects.none(), required=False)

    def __init__(self, *args, school=None, own_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices(_("All years"))
        if own_only:
            del self.fields["member"]
        else:
            self.fields["member"].queryset = school_members(school)
            self.fields["member"].empty_label = _("All")

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if self.cleaned_data.get("year"):
            queryset = queryset.filter(granted_on__year=self.cleaned_data["year"])
        if self.cleaned_data.get("member"):
            queryset = queryset.filter(member=self.cleaned_data["member"])
        return queryset


# ---------------------------------------------------------------------------------------
# Visits
# ---------------------------------------------------------------------------------------


class MemberFieldsMixin:
    """Shows the school's members with their departments (one query for the choices).

    Declare ``field_classes = {"member": MemberChoiceField}`` in the form's Meta.
    """

    def setup_member_fields(self):
        member_choices(self.fields["member"])


class VisitForm(OptionalMoneyMixin, MemberFieldsMixin, VersionedModelForm):
    optional_money = ("amount",)

    class Meta(VersionedModelForm.Meta):
        model = Visit
        fields = [
            "member",
            "visited_person",
            "relative",
            "reason",
            "age",
            "reason_detail",
            "visited_on",
            "visitors",
            "gifts",
            "amount",
            "funding_source",
        ]
        field_classes = {"member": MemberChoiceField, "visitors": MemberPickerField}
        widgets = {
            "visited_person": forms.RadioSelect,
            "visited_on": DateInput(),
            "amount": money_input(),
            "age": forms.NumberInput(attrs={"min": 1, "max": 120}),
        }
        help_texts = {
            "reason_detail": gettext_lazy("Required when the reason is “other”."),
            "visitors": gettext_lazy("The union members who went on the visit."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_member_fields()
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("visited_on", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("visited_person") == VisitedPerson.MEMBER:
            cleaned["relative"] = ""
        if cleaned.get("reason") != VisitReason.MILESTONE_BIRTHDAY:
            # An age belongs to a milestone birthday only (七十寿诞); elsewhere it would mislead.
            cleaned["age"] = None
        member, visitors = cleaned.get("member"), cleaned.get("visitors")
        if member is not None and visitors and member in visitors:
            self.add_error(
                "visitors", _("%(name)s is the member visited and cannot be one of the visitors.") % {"name": member}
            )
        return cleaned


# ---------------------------------------------------------------------------------------
# Holiday greetings
# ---------------------------------------------------------------------------------------


def audience_members(school, audience):
    """The members a greeting for ``audience`` covers (none for a hand-picked list)."""
    members = Member.objects.filter(school=school)
    if audience == Audience.EVERYONE:
        return members.active()
    if audience == Audience.WOMEN:
        return members.active().women()
    if audience == Audience.RETIREES:
        return members.retirees()
    return members.none()


def posted_twice(form, name, members):
    """The first member whose id was posted twice in the field ``name`` of ``form``, or None."""
    data = form.data
    values = data.getlist(form.add_prefix(name)) if hasattr(data, "getlist") else data.get(form.add_prefix(name), [])
    counts = Counter(str(value) for value in values)
    twice = {value for value, count in counts.items() if count > 1}
    for member in members:
        if str(member.pk) in twice:
            return member
    return None


def proposed_festival(today=None):
    """The festival most recently past (or today), with its date: what a greeting is likely for."""
    today = today or timezone.localdate()
    candidates = []
    for year in (today.year - 1, today.year):
        for festival in Festival:
            when = festival_date(festival, year)
            if when <= today:
                candidates.append((when, festival, year))
    when, festival, year = max(candidates)
    return festival, year, when


def festival_table(year):
    """``[{"festival", "label", "date"}]`` of ``year`` in calendar order ([] out of range)."""
    rows = []
    for festival in Festival:
        try:
            when = festival_date(festival, year)
        except ValueError:
            return []
        rows.append({"festival": festival.value, "label": festival.label, "date": when})
    return sorted(rows, key=lambda row: row["date"])


class GreetingDateMixin:
    """The date given defaults to the festival's date in the year (lunar ones computed)."""

    def clean(self):
        cleaned = super().clean()
        festival, year = cleaned.get("festival"), cleaned.get("year")
        if festival and year and not cleaned.get("given_on"):
            try:
                cleaned["given_on"] = festival_date(festival, year)
            except ValueError:
                self.add_error("year", _("The lunar calendar does not reach the year %(year)s.") % {"year": year})
        if not cleaned.get("given_on") and "given_on" not in self.errors:
            self.add_error("given_on", _("Give the date the greeting was given."))
        return cleaned


class GreetingBatchForm(OptionalMoneyMixin, GreetingDateMixin, VersionedModelForm):
    """A new greeting: who it covers is resolved here; the service writes one row each."""

    optional_money = ("amount_each",)

    given_on = forms.DateField(
        label=gettext_lazy("date given"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("Left empty: the festival's date in that year."),
    )
    members = MemberPickerField(
        label=gettext_lazy("hand-picked members"),
        queryset=Member.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "Pick the members here when the greeting is for chosen members only; with another audience they are "
            "added to it (nobody may be there twice)."
        ),
    )

    class Meta(VersionedModelForm.Meta):
        model = GreetingBatch
        fields = ["festival", "year", "given_on", "audience", "members", "amount_each", "gifts", "funding_source"]
        widgets = {"audience": forms.RadioSelect, "amount_each": money_input()}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["members"].queryset = Member.objects.filter(school=self.school)
        self.recipients = []
        if not self.is_bound:
            festival, year, when = proposed_festival()
            festival = self.initial.setdefault("festival", festival)
            if self.initial.setdefault("year", year) != year:
                # Another year asked for (?year=): that year's date of the festival.
                when = festival_date(festival, self.initial["year"])
            self.initial.setdefault("given_on", when)

    def clean(self):
        cleaned = super().clean()
        audience = cleaned.get("audience")
        picked = list(cleaned.get("members") or [])
        twice = posted_twice(self, "members", picked)
        if twice is not None:
            self.add_error("members", services.duplicate_message(twice))
            return cleaned
        if audience is None:
            return cleaned
        if audience == Audience.CHOSEN and not picked:
            self.add_error("members", _("Choose the members who received the greeting."))
            return cleaned
        recipients = list(audience_members(self.school, audience)) + picked
        try:
            services._refuse_duplicates(recipients)
        except ValidationError as error:
            self.add_error("members", error)
            return cleaned
        if not recipients:
            self.add_error("audience", _("Nobody would receive this greeting: choose who it is given to."))
        self.recipients = recipients
        return cleaned

    def save(self, commit=True):
        return services.create_greeting_batch(self.instance, self.recipients, user=self.user)


class RecipientAmountForm(OptionalMoneyMixin, forms.ModelForm):
    optional_money = ("amount",)

    class Meta:
        model = GreetingRecipient
        fields = ["amount"]
        widgets = {"amount": money_input()}


class BaseRecipientFormSet(BaseModelFormSet):
    def clean(self):
        super().clean()
        # Only the batch's own rows may be posted (ids of other rows mean a stale or forged page).
        if any(form.instance.pk is None for form in self.forms):
            raise ValidationError(
                _("The list of recipients has changed since the page was opened: reload it and try again."),
                code="unknown_recipient",
            )


RecipientFormSet = modelformset_factory(
    GreetingRecipient, form=RecipientAmountForm, formset=BaseRecipientFormSet, extra=0, can_delete=True
)


class GreetingBatchUpdateForm(OptionalMoneyMixin, GreetingDateMixin, VersionedModelForm):
    """Edits a greeting and, in the same post, each recipient's amount; members can be
    taken off or added."""

    optional_money = ("amount_each",)

    given_on = GreetingBatchForm.base_fields["given_on"]
    add_members = MemberPickerField(
        label=gettext_lazy("add members"),
        queryset=Member.objects.none(),
        required=False,
        help_text=gettext_lazy("They receive the amount each."),
    )

    class Meta(VersionedModelForm.Meta):
        model = GreetingBatch
        fields = ["festival", "year", "given_on", "amount_each", "gifts", "funding_source", "add_members"]
        widgets = {"amount_each": money_input()}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.old_amount_each = self.instance.amount_each
        self.fields["add_members"].queryset = Member.objects.filter(school=self.school)
        self.recipient_formset = RecipientFormSet(
            self.data if self.is_bound else None,
            queryset=GreetingRecipient.objects.filter(batch=self.instance).select_related("member"),
            prefix="recipients",
        )

    def is_valid(self):
        return all([super().is_valid(), self.recipient_formset.is_valid()])

    def clean(self):
        cleaned = super().clean()
        added = list(cleaned.get("add_members") or [])
        twice = posted_twice(self, "add_members", added)
        if twice is not None:
            self.add_error("add_members", services.duplicate_message(twice))
            return cleaned
        if added and self.recipient_formset.is_valid():
            removed = {form.instance.pk for form in self.recipient_formset.deleted_forms}
            on_list = {
                recipient.member_id: recipient.member
                for recipient in self.recipient_formset.get_queryset()
                if recipient.pk not in removed
            }
            for member in added:
                if member.pk in on_list:
                    self.add_error("add_members", services.duplicate_message(member))
                    break
        return cleaned

    def posted_amounts(self):
        return {
            form.instance.pk: form.cleaned_data["amount"]
            for form in self.recipient_formset.forms
            if form.instance.pk and form.has_changed() and form not in self.recipient_formset.deleted_forms
        }

    def save(self, commit=True):
        return services.update_greeting_batch(
            self.instance,
            self.old_amount_each,
            amounts=self.posted_amounts(),
            removed={form.instance.pk for form in self.recipient_formset.deleted_forms},
            added=self.cleaned_data.get("add_members") or [],
            user=self.user,
        )


# ---------------------------------------------------------------------------------------
# Hardship cases and mutual aid
# ---------------------------------------------------------------------------------------


class HardshipCaseForm(MemberFieldsMixin, VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = HardshipCase
        field_classes = {"member": MemberChoiceField}
        fields = ["member", "hardship", "status", "opened_on", "closed_on"]
        widgets = {
            "hardship": forms.Textarea(attrs={"rows": 4}),
            "opened_on": DateInput(),
            "closed_on": DateInput(),
        }
        help_texts = {"closed_on": gettext_lazy("Only for a case no longer in hardship.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_member_fields()
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("opened_on", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == HardshipStatus.OPEN and cleaned.get("closed_on"):
            self.add_error(
                "closed_on", _("A case still being helped has no closing date: change the status or clear the date.")
            )
        return cleaned


class HardshipAidForm(BoundedInputMixin, forms.ModelForm):
    class Meta:
        model = HardshipAid
        fields = ["given_on", "description", "amount", "funding_source"]
        widgets = {"given_on": DateInput(), "amount": money_input()}

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        if not self.is_bound:
            self.initial.setdefault("given_on", timezone.localdate())

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if self.case is not None and given_on and given_on < self.case.opened_on:
            raise ValidationError(
                _("The help cannot be given before the case was opened (%(date)s).")
                % {"date": self.case.opened_on.isoformat()},
                code="before_opening",
            )
        return given_on


class MutualAidGrantForm(MemberFieldsMixin, VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = MutualAidGrant
        field_classes = {"member": MemberChoiceField}
        fields = ["member", "amount", "granted_on", "reason"]
        widgets = {"granted_on": DateInput(), "amount": money_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_member_fields()
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("granted_on", timezone.localdate())

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount == Decimal("0"):  # a negative one: see validate_amount
            raise ValidationError(_("A grant must be more than 0 yuan."), code="not_positive")
        return amount
