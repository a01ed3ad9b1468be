"""The period a summary covers: a calendar year (2018年) or a school year (2021—2022学年,
1 September to 31 August)."""

import dataclasses
import datetime

from django.utils.translation import gettext as _

CALENDAR_YEAR = "year"
SCHOOL_YEAR = "school_year"


@dataclasses.dataclass(frozen=True)
class Period:
    kind: str  # CALENDAR_YEAR or SCHOOL_YEAR
    year: int  # the calendar year, or the first calendar year of the school year

    @classmethod
    def calendar_year(cls, year):
        return cls(CALENDAR_YEAR, year)

    @classmethod
    def school_year(cls, year):
        return cls(SCHOOL_YEAR, year)

    @property
    def start(self):
        if self.kind == SCHOOL_YEAR:
            return datetime.date(self.year, 9, 1)
        return datetime.date(self.year, 1, 1)

    @property
    def end(self):
        """The last day of the period (included)."""
        if self.kind == SCHOOL_YEAR:
            return datetime.date(self.year + 1, 8, 31)
        return datetime.date(self.year, 12, 31)

    @property
    def label(self):
        """2018年, or 2021—2022学年."""
        if self.kind == SCHOOL_YEAR:
            return _("%(first)d—%(second)d school year") % {"first": self.year, "second": self.year + 1}
        return _("year %(year)d") % {"year": self.year}

    def previous(self):
        return dataclasses.replace(self, year=self.year - 1)

    def contains(self, day):
        return self.start <= day <= self.end
