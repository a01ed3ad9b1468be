"""The union's year of work, by concern: the activity log, pledges and ethics assessment,
awards and mentoring, the 168 care action, and welfare."""

from .awards import Award, MentorMeeting, MentorPair, Promotion, school_year_label
from .care import TALKS_TARGET, TUTORING_TARGET, CareLog, CarePair, month_start, school_year_months
from .log import DEFAULT_CATEGORIES, Activity, ActivityAttachment, ActivityPhoto, Campaign, Category, Club
from .pledges import EthicsAssessment, EthicsPeriod, PledgeDrive, PledgeSignature
from .welfare import GreetingBatch, GreetingRecipient, HardshipAid, HardshipCase, MutualAidGrant, Visit

__all__ = [
    "DEFAULT_CATEGORIES",
    "TALKS_TARGET",
    "TUTORING_TARGET",
    "Activity",
    "ActivityAttachment",
    "ActivityPhoto",
    "Award",
    "Campaign",
    "CareLog",
    "CarePair",
    "Category",
    "Club",
    "EthicsAssessment",
    "EthicsPeriod",
    "GreetingBatch",
    "GreetingRecipient",
    "HardshipAid",
    "HardshipCase",
    "MentorMeeting",
    "MentorPair",
    "MutualAidGrant",
    "PledgeDrive",
    "PledgeSignature",
    "Promotion",
    "Visit",
    "month_start",
    "school_year_label",
    "school_year_months",
]
