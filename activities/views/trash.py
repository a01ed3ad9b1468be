"""The recycle bin of the union's records: deleted records of every kind, restorable by the chair."""

from django.views.generic import TemplateView

from unionhub.roles import Action
from unionhub.views import RoleRequiredMixin

from ..models import (
    Activity,
    Award,
    Campaign,
    CarePair,
    Club,
    EthicsPeriod,
    Facility,
    GreetingBatch,
    HardshipCase,
    MentorPair,
    MutualAidGrant,
    Partnership,
    PledgeDrive,
    Promotion,
    StandingRule,
    Visit,
)

# Each kind with the URL name of its restore view.
TRASHABLE = [
    (Activity, "activities:activity_restore"),
    (Campaign, "activities:campaign_restore"),
    (Club, "activities:club_restore"),
    (Partnership, "activities:partnership_restore"),
    (Facility, "activities:facility_restore"),
    (StandingRule, "activities:rule_restore"),
    (PledgeDrive, "activities:pledge_restore"),
    (EthicsPeriod, "activities:ethics_restore"),
    (Award, "activities:award_restore"),
    (Promotion, "activities:promotion_restore"),
    (MentorPair, "activities:mentor_restore"),
    (CarePair, "activities:care_pair_restore"),
    (Visit, "activities:visit_restore"),
    (GreetingBatch, "activities:greeting_restore"),
    (HardshipCase, "activities:hardship_restore"),
    (MutualAidGrant, "activities:mutual_aid_restore"),
]


class TrashView(RoleRequiredMixin, TemplateView):
    """One query per kind, at most 100 of each, newest deletion first."""

    required_action = Action.DELETE_RECORDS
    template_name = "activities/trash.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = []
        for model, restore_url_name in TRASHABLE:
            records = list(
                model.all_objects.filter(school=self.request.school, deleted_at__isnull=False).order_by("-deleted_at")[
                    :100
                ]
            )
            if records:
                groups.append(
                    {"label": model._meta.verbose_name_plural, "records": records, "restore_url_name": restore_url_name}
                )
        context["groups"] = groups
        return context
