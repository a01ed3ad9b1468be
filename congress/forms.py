"""Forms of the congress: terms and delegates, sessions, agenda and votes, proposals."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Department, Member
from members.pickers import MemberPickerField
from unionhub.forms import BoundedInputMixin, SchoolScopedModelForm, VersionedModelForm
from unionhub.uploads import check_document

from . import services
from .choices import ProposalState, TermKind
from .models import CongressSettings, CongressTerm, DemocraticEvaluation, Proposal, Session, Suggestion, SuggestionDrive

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TermForm(VersionedModelForm):
    delegates = MemberPickerField(label=_("delegates"), required=False)
    group = forms.CharField(label=_("delegation group"), max_length=40, required=False)

    class Meta(VersionedModelForm.Meta):
        model = CongressTerm
        fields = ["number", "start_year", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegates"].queryset = Member.objects.filter(school=self.school)
        if self.instance.pk:
            self.fields["delegates"].initial = list(self.instance.delegates.values_list("member_id", flat=True))


class SessionForm(VersionedModelForm):
    document = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("A PDF, Word or Excel file, e.g. the school's report or a draft put to the vote."),
    )

    class Meta(VersionedModelForm.Meta):
        model = Session
        fields = ["term", "number", "body", "kind", "held_on", "place", "theme", "report", "report_topics"]
        widgets = {
            "held_on": DATE,
            "report": forms.Textarea(attrs={"rows": 6}),
            "report_topics": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", _("As the term"))] + list(TermKind.choices)

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        extension, content_type = check_document(upload)
        return {
            "file": upload,
            "name": upload.name,
            "extension": extension,
            "content_type": content_type,
            "size": upload.size,
        }


class AgendaItemForm(BoundedInputMixin, forms.Form):
    title = forms.CharField(label=_("agenda item"), max_length=200)
    motion = forms.CharField(label=_("motion put to the vote"), max_length=200, required=False)
    clauses = forms.CharField(
        label=_("clauses, one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Leave empty to vote on the motion as a whole."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("clauses", "").strip() and not cleaned.get("motion", "").strip():
            raise ValidationError(_("Name the motion the clauses belong to."), code="clauses_without_motion")
        return cleaned


class VoteForm(BoundedInputMixin, forms.Form):
    votes_for = forms.IntegerField(label=_("for"), min_value=0)
    votes_against = forms.IntegerField(label=_("against"), min_value=0)
    abstentions = forms.IntegerField(label=_("abstaining"), min_value=0)
    clause = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ProposalForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = Proposal
        fields = ["title", "reasons", "measures"]
        widgets = {"reasons": forms.Textarea(attrs={"rows": 4}), "measures": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            services.check_proposal_window(self.school.pk, timezone.localdate())
        return cleaned


class StaffProposalForm(ProposalForm):
    """Staff enter paper proposals for a member, and correct them until they are decided."""

    class Meta(ProposalForm.Meta):
        fields = ["title", "reasons", "measures", "proposer"]

    def clean(self):
        cleaned = super().clean()
        proposal = self.instance
        if proposal.pk is None:
            return cleaned
        if proposal.state != ProposalState.SUBMITTED:
            raise ValidationError(
                _("This proposal has been decided (%(state)s) and can no longer be changed.")
                % {"state": proposal.get_state_display()},
                code="decided",
            )
        proposer = cleaned.get("proposer")
        if proposer is not None and proposal.secondings.filter(member=proposer).exists():
            self.add_error(
                "proposer",
                ValidationError(
                    _("%(name)s seconded this proposal and cannot also be its proposer.") % {"name": proposer},
                    code="proposer_seconded",
                ),
            )
        return cleaned


class TransitionForm(SchoolScopedModelForm):
    state = forms.ChoiceField(label=_("state"), choices=ProposalState.choices)
    on = forms.DateField(label=_("date"), widget=DATE)
    reason = forms.CharField(
        label=_("reason of the decision"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    department = forms.ModelChoiceField(
        label=_("department in charge"), queryset=Department.objects.none(), required=False
    )
    reply = forms.CharField(label=_("reply"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    class Meta(SchoolScopedModelForm.Meta):
        model = Proposal
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(school=self.school)
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("class", "form-select" if name in ("state", "department") else "form-control")


class EvaluationForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = DemocraticEvaluation
        fields = ["subject", "evaluated_on", "excellent", "competent", "basically_competent", "incompetent", "result"]
        widgets = {"evaluated_on": DATE, "result": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        grades = ["excellent", "competent", "basically_competent", "incompetent"]
        if all(name in cleaned for name in grades) and not sum(cleaned[name] for name in grades):
            raise ValidationError(_("Enter the counts of the paper ballots."), code="no_ballots")
        return cleaned


class SuggestionDriveForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = SuggestionDrive
        fields = ["title", "opens_on", "closes_on", "description"]
        widgets = {"opens_on": DATE, "closes_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}
        labels = {"description": pgettext_lazy("suggestion drive", "description")}


class SuggestionForm(SchoolScopedModelForm):
    class Meta(SchoolScopedModelForm.Meta):
        model = Suggestion
        fields = ["member", "text", "received_on", "evaluation", "adopted"]
        widgets = {
            "received_on": DATE,
            "text": forms.Textarea(attrs={"rows": 2}),
            "evaluation": forms.Textarea(attrs={"rows": 2}),
        }


class CongressSettingsForm(SchoolScopedModelForm):
    class Meta(SchoolScopedModelForm.Meta):
        model = CongressSettings
        fields = ["min_seconders", "proposals_open_from", "proposals_open_until"]
        widgets = {"proposals_open_from": DATE, "proposals_open_until": DATE}
