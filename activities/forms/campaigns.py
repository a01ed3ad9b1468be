"""Forms for categories, campaigns and clubs: each refuses what makes no sense, in Chinese."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import Member
from members.pickers import MemberPickerField, member_choices
from unionhub.forms import DateInput, SchoolScopedModelForm, VersionedModelForm

from ..choices import Weekday
from ..models import Campaign, Category, Club
from ..services import campaigns as services


class CategoryForm(SchoolScopedModelForm):
    """A category is never deleted (its activities keep it): it is taken out of use."""

    class Meta(SchoolScopedModelForm.Meta):
        model = Category
        fields = ["name", "section", "position", "is_active"]
        help_texts = {
            "section": _("The section of the annual summary its activities are reported under."),
            "position": _("Smaller numbers come first in lists."),
            "is_active": _(
                "A category is never deleted, so that its activities keep it: untick to stop offering it "
                "for new records."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].validators.append(MaxValueValidator(999))
        self.fields["position"].widget.attrs["max"] = 999

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Category.objects.filter(school=self.school, name=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("The school already has a category named “%(name)s”."), params={"name": name}, code="duplicate"
            )
        return name


class CategoryChoiceMixin:
    """The category field offers categories in use, and the record's own even if it is not."""

    def limit_categories(self):
        field = self.fields["category"]
        current = self.instance.category_id if self.instance.pk else None
        field.queryset = field.queryset.filter(Q(is_active=True) | Q(pk=current)).order_by("position", "pk")
        field.error_messages["invalid_choice"] = _("Choose one of the school's categories in use.")


class CampaignForm(CategoryChoiceMixin, VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = Campaign
        fields = ["title", "number", "theme", "category", "launched_on", "ends_on", "description"]
        widgets = {
            "launched_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_categories()
        number = self.fields["number"]
        number.validators += [
            MinValueValidator(1, _("The edition counts from 1 (第一个).")),
            MaxValueValidator(99, _("The edition cannot be more than 99.")),
        ]
        number.widget.attrs.update({"min": 1, "max": 99})

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if title.startswith("第") and "个" in title[:6]:
            raise forms.ValidationError(
                _("Write the title without its number (师德建设月) and put the number under edition."),
                code="numbered_title",
            )
        return title

    def clean(self):
        cleaned = super().clean()
        launched_on, ends_on = cleaned.get("launched_on"), cleaned.get("ends_on")
        if launched_on and ends_on and ends_on < launched_on:
            self.add_error(
                "ends_on", forms.ValidationError(_("The end date is before the launch date."), code="end_before_start")
            )
        title, number = cleaned.get("title"), cleaned.get("number")
        if title and (number is not None or launched_on):
            clash = Campaign.objects.filter(school=self.school, title=title, number=number).exclude(pk=self.instance.pk)
            if number is None and launched_on:
                # Unnumbered drives may recur; the same one twice in a year is a slip.
                clash = clash.filter(launched_on__year=launched_on.year)
            if clash.exists():
                self.add_error(
                    "title" if number is None else "number",
                    forms.ValidationError(
                        _("The school already has the campaign “%(title)s”."),
                        params={"title": clash.first().full_title},
                        code="duplicate",
                    ),
                )
        return cleaned


class ClubForm(VersionedModelForm):
    """A club with its members and weekly schedule (every Wednesday 15:30—17:00 at the gym)."""

    weekdays = forms.TypedMultipleChoiceField(
        label=_("meets on"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-inline"}),
        error_messages={"invalid_choice": _("Choose weekdays from Monday to Sunday.")},
    )
    starts_at = forms.TimeField(
        label=_("from"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    ends_at = forms.TimeField(
        label=_("until"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(label=_("place"), max_length=80, required=False)
    members = MemberPickerField(
        queryset=Member.objects.none(),
        required=False,
        label=_("members"),
        help_text=_("The leader is added to the members by itself."),
        error_messages={"invalid_choice": _("%(value)s is not a member of this school.")},
    )

    class Meta(VersionedModelForm.Meta):
        model = Club
        fields = ["name", "leader", "schedule", "members", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"schedule": _("schedule notes")}
        help_texts = {"schedule": _("Anything else about when it meets, for example 单周 or 寒暑假停.")}
        error_messages = {"leader": {"invalid_choice": _("The leader must be a member of this school.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        member_choices(self.fields["leader"])
        weekly = services.schedule_of(self.instance)
        if weekly is not None and not self.is_bound:
            self.initial.update(
                weekdays=weekly.day_list, starts_at=weekly.starts_at, ends_at=weekly.ends_at, place=weekly.place
            )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Club.objects.filter(school=self.school, name=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("The school already has a club or team named “%(name)s”."), params={"name": name}, code="duplicate"
            )
        return name

    def clean_members(self):
        return list(self.cleaned_data.get("members") or [])

    def clean(self):
        cleaned = super().clean()
        leader = cleaned.get("leader")
        members = cleaned.get("members")
        if leader is not None and members is not None and leader not in members:
            cleaned["members"] = [*members, leader]
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The club cannot stop before it starts."))
        no_days = not cleaned.get("weekdays") and "weekdays" not in self.errors
        if no_days and (starts_at or ends_at or cleaned.get("place")):
            self.add_error("weekdays", _("Choose the weekdays the club meets on."))
        return cleaned

    def save(self, commit=True):
        club = super().save(commit)
        services.save_club_schedule(
            club,
            self.cleaned_data.get("weekdays") or [],
            starts_at=self.cleaned_data.get("starts_at"),
            ends_at=self.cleaned_data.get("ends_at"),
            place=self.cleaned_data.get("place", "").strip(),
        )
        return club
