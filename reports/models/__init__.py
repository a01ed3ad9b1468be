"""The chair's annual summary (drafts and frozen versions), the school's Word template for
it, and the annual plan."""

from .plan import AnnualPlan, PlanItem, PlanSection
from .summary import PERIOD_KINDS, SummaryDraft, SummaryVersion
from .template import SummaryTemplate

__all__ = ["PERIOD_KINDS", "AnnualPlan", "PlanItem", "PlanSection", "SummaryDraft", "SummaryTemplate", "SummaryVersion"]
