"""The forms of the places the union keeps for the staff and of its standing rules and
disclosure channels."""

from django import forms

from unionhub.forms import DateInput, VersionedModelForm

from ..models import Facility, StandingRule


class FacilityForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = Facility
        fields = ["name", "kind", "place", "opened_on", "equipment", "description"]
        widgets = {
            "opened_on": DateInput(past_only=True),
            "equipment": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class StandingRuleForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = StandingRule
        fields = ["title", "kind", "adopted_on", "revised_on", "what_it_does"]
        widgets = {
            "adopted_on": DateInput(past_only=True),
            "revised_on": DateInput(past_only=True),
            "what_it_does": forms.Textarea(attrs={"rows": 4}),
        }
