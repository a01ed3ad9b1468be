"""The chair's annual summary (drafts and frozen versions) and the annual plan."""

from .plan import AnnualPlan, PlanItem, PlanSection
from .summary import PERIOD_KINDS, SummaryDraft, SummaryVersion

__all__ = ["PERIOD_KINDS", "AnnualPlan", "PlanItem", "PlanSection", "SummaryDraft", "SummaryVersion"]
