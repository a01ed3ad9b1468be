from .holidays import HolidayCalendarDay
from .notices import Notice, NoticeAttachment, NoticeCategory, NoticeRead, Objection
from .suggestions import Suggestion

__all__ = [
    "HolidayCalendarDay",
    "Notice",
    "NoticeAttachment",
    "NoticeCategory",
    "NoticeRead",
    "Objection",
    "Suggestion",
]
