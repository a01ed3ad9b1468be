"""The union's year of work, by concern: the activity log, clubs' schedules, pledges and ethics
assessment, awards and mentoring, the 168 care action, welfare, partnerships, and the places
and standing rules the union keeps for the staff."""

from .awards import Award, MentorMeeting, MentorPair, Promotion, school_year_label
from .campaigns import ClubSchedule
from .care import TALKS_TARGET, TUTORING_TARGET, CareLog, CarePair, month_start, school_year_months
from .log import DEFAULT_CATEGORIES, Activity, ActivityAttachment, ActivityPhoto, Campaign, Category, Club
from .partnerships import Partnership
from .pledges import EthicsAssessment, EthicsPeriod, PledgeDrive, PledgeSignature
from .provisions import Facility, StandingRule
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
    "ClubSchedule",
    "EthicsAssessment",
    "EthicsPeriod",
    "Facility",
    "GreetingBatch",
    "GreetingRecipient",
    "HardshipAid",
    "HardshipCase",
    "MentorMeeting",
    "MentorPair",
    "MutualAidGrant",
    "Partnership",
    "PledgeDrive",
    "PledgeSignature",
    "Promotion",
    "StandingRule",
    "Visit",
    "month_start",
    "school_year_label",
    "school_year_months",
]
