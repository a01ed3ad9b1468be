"""Forms about a school itself: a new school with its chair, and the school's profile."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UsernameField
from django.utils.translation import gettext_lazy as _

from .forms import VersionedModelForm
from .models import School
from .services import chair_problems, school_name_problems


class ChairForm(forms.Form):
    """A chair's login for a school of the district administrator's district."""

    chair_username = UsernameField(
        label=_("chair's login name"),
        max_length=get_user_model()._meta.get_field("username").max_length,
        validators=[get_user_model().username_validator],
        help_text=_("Letters, digits and @ . + - _ only, e.g. qxsy_chair."),
    )
    chair_name = forms.CharField(
        label=_("chair's name"),
        max_length=get_user_model()._meta.get_field("last_name").max_length,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("chair_username"):
            for problem in chair_problems(cleaned["chair_username"]):
                self.add_error(None, problem)
        return cleaned


class SchoolWithChairForm(ChairForm):
    """A district administrator's new school of their district and its chair's login."""

    name = forms.CharField(label=_("school's full name"), max_length=School._meta.get_field("name").max_length)
    short_name = forms.CharField(
        label=_("short name"),
        max_length=School._meta.get_field("short_name").max_length,
        required=False,
        help_text=_("As the summary's title names the school, e.g. 实验初中."),
    )
    field_order = ["name", "short_name", "chair_username", "chair_name"]

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name"):
            for problem in school_name_problems(self.district, cleaned["name"]):
                self.add_error(None, problem)
        return cleaned


class SchoolProfileForm(VersionedModelForm):
    """What the school says about itself; the summary's title and signature read it."""

    class Meta(VersionedModelForm.Meta):
        model = School
        fields = ["name", "short_name", "union_name", "motto", "motto_meaning", "introduction"]
        widgets = {
            "motto_meaning": forms.Textarea(attrs={"rows": 3}),
            "introduction": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {"name": _("school's full name")}

    def clean_name(self):
        # The district is not a field here, so the model's unique (district, name) is not
        # checked by the form on its own.
        name = self.cleaned_data["name"]
        taken = School.objects.filter(district_id=self.instance.district_id, name=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This district already has a school of that name."))
        return name
