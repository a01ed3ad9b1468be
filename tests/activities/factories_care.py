"""Test data of the 168 care action: many pairs with their months in a handful of queries."""

import datetime
import itertools

from django.utils import timezone
from django_scopes import scopes_disabled

from activities.models import CareLog, CarePair, month_start, school_year_months
from members.models import Member, pinyin_keys

from ..activity_factories import CareLogFactory, CarePairFactory
from ..factories import DepartmentFactory, MemberFactory

FAMILY = "张王李赵陈刘杨黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平"

_serial = itertools.count(1)
_batches = itertools.count(0)

__all__ = ["CareLogFactory", "CarePairFactory", "add_pairs", "next_month", "this_month", "pair_for"]


def this_month():
    return month_start(timezone.localdate())


def next_month():
    return month_start(this_month() + datetime.timedelta(days=32))


def pair_for(school, name, year=2025, **kwargs):
    """A pair whose teacher is a new member called ``name``."""
    with scopes_disabled():
        teacher = MemberFactory(school=school, name=name, **kwargs.pop("member", {}))
        return CarePairFactory(school=school, teacher=teacher, school_year=year, **kwargs)


def add_pairs(school, count, year=2025, months=12, talks=6, tutoring=8):
    """``count`` teachers over five departments, each paired for ``year`` with ``months``
    logged months (the first ones of the school year), in a few bulk queries."""
    with scopes_disabled():
        departments = [DepartmentFactory(school=school, name="第{}组".format(next(_serial))) for _n in range(5)]
        start = next(_batches) * 200 % 7000  # each call its own names (8,000 in all)
        names = ("".join(parts) for parts in itertools.islice(itertools.product(FAMILY, GIVEN, GIVEN), start, None))
        members = []
        for n, name in enumerate(itertools.islice(names, count)):
            full, initials = pinyin_keys(name)
            members.append(
                Member(
                    school=school,
                    name=name,
                    name_pinyin=full,
                    name_initials=initials,
                    gender="F" if n % 2 else "M",
                    employee_number="C{:06d}".format(start + n),
                    department=departments[n % 5],
                )
            )
        members = Member.objects.bulk_create(members)
        pairs = CarePair.objects.bulk_create(
            [
                CarePair(
                    school=school,
                    teacher=member,
                    student_name="学生{}".format(n),
                    student_class="初二（{}）班".format(n % 9 + 1),
                    reason="学习困难",
                    school_year=year,
                )
                for n, member in enumerate(members)
            ]
        )
        logs = [
            CareLog(pair=pair, month=month, talks=talks + n % 3 - 1, tutoring=tutoring + n % 4 - 2)
            for n, pair in enumerate(pairs)
            for month in school_year_months(year)[:months]
        ]
        CareLog.objects.bulk_create(logs)
    return pairs
