"""The congress (教代会): terms, sessions and votes; proposals and suggestions; evaluations."""

from .evaluations import DemocraticEvaluation
from .proposals import Proposal, Seconding, Suggestion, SuggestionDrive
from .sessions import (
    AgendaItem,
    Attendance,
    CongressSettings,
    CongressTerm,
    Delegate,
    Motion,
    MotionClause,
    Session,
    SessionDocument,
    Vote,
)

__all__ = [
    "AgendaItem",
    "Attendance",
    "CongressSettings",
    "CongressTerm",
    "Delegate",
    "DemocraticEvaluation",
    "Motion",
    "MotionClause",
    "Proposal",
    "Seconding",
    "Session",
    "SessionDocument",
    "Suggestion",
    "SuggestionDrive",
    "Vote",
]
