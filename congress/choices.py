"""Choices of the congress (教代会): kinds of session, proposal states, evaluation grades."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TermKind(models.TextChoices):
    CONGRESS = "congress", _("Staff representative congress")
    STAFF_ASSEMBLY = "staff_assembly", _("All-staff assembly")
    MEMBER_ASSEMBLY = "member_assembly", _("Members' assembly")


class SessionKind(models.TextChoices):
    REGULAR = "regular", _("Regular")
    EXTRAORDINARY = "extraordinary", _("Extraordinary")


class ProposalState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted as a proposal")
    OPINION = "opinion", _("Turned into an opinion")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    ASSIGNED = "assigned", _("Assigned to a department")
    REPLIED = "replied", _("Replied")
    SATISFIED = "satisfied", _("Proposer satisfied")
    UNSATISFIED = "unsatisfied", _("Proposer unsatisfied")


# Where each state may go next; any other step is refused.
PROPOSAL_TRANSITIONS = {
    ProposalState.SUBMITTED: {ProposalState.ACCEPTED, ProposalState.OPINION, ProposalState.NOT_ACCEPTED},
    ProposalState.ACCEPTED: {ProposalState.ASSIGNED},
    ProposalState.ASSIGNED: {ProposalState.REPLIED},
    ProposalState.REPLIED: {ProposalState.SATISFIED, ProposalState.UNSATISFIED},
    ProposalState.OPINION: set(),
    ProposalState.NOT_ACCEPTED: set(),
    ProposalState.SATISFIED: set(),
    ProposalState.UNSATISFIED: set(),
}
