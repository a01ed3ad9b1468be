from .notices import Notice, NoticeAttachment, NoticeCategory, NoticeRead, Objection
from .suggestions import Suggestion

__all__ = ["Notice", "NoticeAttachment", "NoticeCategory", "NoticeRead", "Objection", "Suggestion"]
