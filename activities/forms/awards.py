"""Forms of awards, promotions in professional title and mentor pairs (青蓝工程)."""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from members.choices import ProfessionalTitle
from members.models import Member
from members.pickers import MemberPickerField, member_choices
from unionhub.forms import BoundedInputMixin, DateInput, VersionedModelForm
from unionhub.years import validate_record_date

from ..choices import AwardKind, AwardRecipientKind, AwardStatus
from ..models import Award, MentorMeeting, MentorPair, Promotion, school_year_label
from ..periods import school_year_choices, school_year_of
from ..selectors.awards import PENDING, school_year_range
from ..selectors.log import programme_names
from ..validators import validate_not_in_future
from .log import ProgrammeFieldMixin, ProgrammeInput

# Professional titles from the lowest to the highest: a member's promotions climb this ladder.
TITLE_RANKS = {
    ProfessionalTitle.THIRD: 1,
    ProfessionalTitle.SECOND: 2,
    ProfessionalTitle.FIRST: 3,
    ProfessionalTitle.SENIOR: 4,
    ProfessionalTitle.PROFESSOR: 5,
}


def _date(value):
    return formats.date_format(value)


def _member_choices(field):
    member_choices(field)
    field.queryset = field.queryset.only("pk", "name", "name_pinyin", "status", "department__name")


class AwardForm(ProgrammeFieldMixin, VersionedModelForm):
    """Who won it decides which fields count: members, a group's name, or neither (the school)."""

    members = MemberPickerField(queryset=Member.objects.none(), required=False, label=_("members"))

    class Meta(VersionedModelForm.Meta):
        model = Award
        fields = [
            "title",
            "kind",
            "status",
            "level",
            "rank",
            "awarded_on",
            "programme",
            "journal",
            "issuer",
            "recipient_kind",
            "members",
            "group_name",
            "club",
        ]
        widgets = {
            "awarded_on": DateInput(past_only=True),
            "recipient_kind": forms.RadioSelect(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["club"].empty_label = _("None")
        self.fields["club"].help_text = _("When a club or team of the school won it, it shows on the club's page.")
        self.fields["title"].widget.attrs["placeholder"] = _("e.g. 区青年教师基本功比赛")
        self.fields["status"].help_text = _(
            "Applied for (申报) or nominated (推荐) until the outcome is known; a research project is "
            "approved (立项) and then concluded (结题); a published paper is published."
        )
        self.fields["status"].required = False

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean_journal(self):
        return self.cleaned_data["journal"].strip()

    def clean_group_name(self):
        return self.cleaned_data["group_name"].strip()

    def clean(self):
        cleaned = super().clean()
        # A published paper has one status, and an award without one was won: neither is asked twice.
        if cleaned.get("kind") == AwardKind.PAPER_PUBLISHED:
            cleaned["status"] = AwardStatus.PUBLISHED
        elif not cleaned.get("status"):
            cleaned["status"] = AwardStatus.AWARDED
        kind = cleaned.get("recipient_kind")
        members = cleaned.get("members")
        group_name = cleaned.get("group_name")
        if kind == AwardRecipientKind.MEMBERS:
            if not members and "members" not in self.errors:
                self.add_error("members", _("Members: choose at least one member who won it."))
            if group_name:
                self.add_error(
                    "group_name",
                    _("Group: an award to members names no group; clear it, or choose “a group” above."),
                )
        elif kind == AwardRecipientKind.GROUP:
            # A missing group name is the model's own rule (Award.clean), said once there.
            if members:
                self.add_error(
                    "members",
                    _("Members: an award to a group lists no members; clear them, or choose “members” above."),
                )
        elif kind == AwardRecipientKind.SCHOOL:
            if members:
                self.add_error(
                    "members",
                    _("Members: an award to the school lists no members; clear them, or choose “members” above."),
                )
            if group_name:
                self.add_error(
                    "group_name",
                    _("Group: an award to the school names no group; clear it, or choose “a group” above."),
                )
        return cleaned


class PromotionForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = Promotion
        fields = ["member", "title", "promoted_on", "note"]
        widgets = {"promoted_on": DateInput(past_only=True)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].choices = [("", "---------")] + [
            (value, label) for value, label in ProfessionalTitle.choices if value != ProfessionalTitle.NONE
        ]
        _member_choices(self.fields["member"])

    def clean(self):
        cleaned = super().clean()
        member, title, promoted_on = cleaned.get("member"), cleaned.get("title"), cleaned.get("promoted_on")
        if member is None or not title or promoted_on is None:
            return cleaned
        rank = TITLE_RANKS[title]
        others = Promotion.objects.filter(school=self.school, member=member).exclude(pk=self.instance.pk)
        for other in others.order_by("promoted_on", "pk"):
            other_rank = TITLE_RANKS.get(other.title, 0)
            out_of_order = (other.promoted_on <= promoted_on and other_rank >= rank) or (
                other.promoted_on >= promoted_on and other_rank <= rank
            )
            if out_of_order:
                self.add_error(
                    "title",
                    _(
                        "New professional title: %(name)s was already promoted to %(title)s on %(date)s; "
                        "promotions must rise over time."
                    )
                    % {"name": member.name, "title": other.get_title_display(), "date": _date(other.promoted_on)},
                )
                break
        return cleaned


class MentorPairForm(VersionedModelForm):
    school_year = forms.TypedChoiceField(label=_("school year"), coerce=int, choices=())

    class Meta(VersionedModelForm.Meta):
        model = MentorPair
        fields = ["mentor", "mentee", "subject", "school_year", "goals"]
        widgets = {"goals": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].choices = school_year_choices(self.instance.school_year)
        if self.instance.pk is None:
            self.fields["school_year"].initial = school_year_of()
        for name in ("mentor", "mentee"):
            _member_choices(self.fields[name])
        self.fields["subject"].widget.attrs["placeholder"] = _("e.g. 语文")

    def clean(self):
        cleaned = super().clean()
        mentor, mentee, school_year = cleaned.get("mentor"), cleaned.get("mentee"), cleaned.get("school_year")
        if mentor is not None and mentee is not None:
            if mentor.pk == mentee.pk:
                self.add_error("mentee", _("Mentee: a teacher cannot be their own mentor; choose another teacher."))
            elif school_year is not None:
                clash = MentorPair.objects.filter(
                    school=self.school, mentor=mentor, mentee=mentee, school_year=school_year
                ).exclude(pk=self.instance.pk)
                if clash.exists():
                    self.add_error(
                        "mentee",
                        _("Mentee: %(mentor)s and %(mentee)s are already paired in %(year)s.")
                        % {"mentor": mentor.name, "mentee": mentee.name, "year": school_year_label(school_year)},
                    )
        return cleaned


class MentorMeetingForm(BoundedInputMixin, forms.ModelForm):
    """A dated meeting of a pair, within the pair's school year and not in the future."""

    class Meta:
        model = MentorMeeting
        fields = ["met_on", "topic", "notes"]
        widgets = {"met_on": DateInput(past_only=True), "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, pair, **kwargs):
        super().__init__(*args, **kwargs)
        self.pair = pair
        self.instance.pair = pair
        start, end = school_year_range(pair.school_year)
        today = timezone.localdate()
        if self.instance.pk is None and start <= today <= end:
            self.fields["met_on"].initial = today
        self.fields["topic"].widget.attrs["placeholder"] = _("e.g. 听课评课")

    def clean_met_on(self):
        met_on = self.cleaned_data["met_on"]
        validate_record_date(met_on)
        validate_not_in_future(met_on)
        start, end = school_year_range(self.pair.school_year)
        if not start <= met_on <= end:
            raise forms.ValidationError(
                _("Date: the pair is for %(year)s, from %(start)s to %(end)s; %(date)s is outside it."),
                params={
                    "year": school_year_label(self.pair.school_year),
                    "start": _date(start),
                    "end": _date(end),
                    "date": _date(met_on),
                },
                code="outside_school_year",
            )
        return met_on


# ---------------------------------------------------------------------------------------
# Filters of the list pages (GET forms; an empty choice means "all")
# ---------------------------------------------------------------------------------------


def _year_choices(years, label):
    return [("", _("All years"))] + [(str(year), label(year)) for year in years]


class AwardFilterForm(forms.Form):
    year = forms.ChoiceField(label=_("year"), required=False)
    kind = forms.ChoiceField(label=_("kind"), required=False)
    status = forms.ChoiceField(label=_("status"), required=False)
    level = forms.TypedChoiceField(label=_("level"), required=False, coerce=int, empty_value=None)
    programme = forms.CharField(label=_("programme"), required=False, max_length=60)
    member = forms.ModelChoiceField(label=_("member"), queryset=Member.objects.none(), required=False)

    def __init__(self, *args, school, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices(years, lambda year: _("%(year)s") % {"year": year})
        self.fields["kind"].choices = [("", _("All"))] + list(Award._meta.get_field("kind").choices)
        self.fields["status"].choices = [("", _("All")), (PENDING, _("Applied for or nominated"))] + list(
            Award._meta.get_field("status").choices
        )
        self.fields["level"].choices = [("", _("All"))] + list(Award._meta.get_field("level").choices)
        self.fields["programme"].widget = ProgrammeInput(names=lambda: programme_names(school))
        self.fields["member"].queryset = Member.objects.filter(school=school).only("pk", "name", "name_pinyin")
        self.fields["member"].empty_label = _("All")


COMPACT_SELECT = forms.Select(attrs={"class": "form-select form-select-sm w-auto"})


class PromotionFilterForm(forms.Form):
    year = forms.ChoiceField(label=_("year"), required=False, widget=COMPACT_SELECT)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices(years, lambda year: _("%(year)s") % {"year": year})


class MentorFilterForm(forms.Form):
    school_year = forms.ChoiceField(label=_("school year"), required=False, widget=COMPACT_SELECT)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].choices = _year_choices(years, school_year_label)
