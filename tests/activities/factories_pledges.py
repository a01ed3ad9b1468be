"""Helpers for the tests of pledge drives and the ethics assessment: many members at once,
drives with signatures, periods with assessments, and the grid's post data."""

import datetime
import itertools
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from activities.choices import EthicsGrade
from activities.models import EthicsAssessment, EthicsPeriod, PledgeDrive, PledgeSignature
from members.choices import Gender, MemberStatus
from members.models import Member, pinyin_keys
from tests.activity_factories import EthicsPeriodFactory, PledgeDriveFactory
from tests.factories import DepartmentFactory

FAMILY = "张王李赵陈刘杨黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平"


def zh(message, **params):
    """The Chinese the pages show for ``message``."""
    with translation.override("zh-hans"):
        text = gettext(message)
    return text % params if params else text


def add_members(school, count, departments=3, status=MemberStatus.ACTIVE, offset=0):
    """``count`` members over ``departments`` new departments, in a few queries; alternately men and women."""
    with scopes_disabled():
        groups = [
            DepartmentFactory(school=school, name="第{}组{}".format(n, offset), position=n) for n in range(departments)
        ]
        names = ("".join(parts) for parts in itertools.product(FAMILY, GIVEN, GIVEN))
        members = []
        for n, name in enumerate(itertools.islice(names, offset, offset + count)):
            full, initials = pinyin_keys(name)
            members.append(
                Member(
                    school=school,
                    name=name,
                    name_pinyin=full,
                    name_initials=initials,
                    gender=Gender.FEMALE if n % 2 else Gender.MALE,
                    status=status,
                    employee_number="P{:05d}".format(offset + n),
                    department=groups[n % departments],
                )
            )
        return Member.objects.bulk_create(members)


def drive_with(school, members, signed=0, signed_on=datetime.date(2025, 9, 15), **kwargs):
    """A drive binding ``members``; the first ``signed`` of them signed on ``signed_on``."""
    with scopes_disabled():
        drive = PledgeDriveFactory(school=school, **kwargs)
        PledgeSignature.objects.bulk_create(
            PledgeSignature(drive=drive, member=member, signed_on=signed_on if n < signed else None)
            for n, member in enumerate(members)
        )
    return drive


GRADES = [EthicsGrade.EXCELLENT, EthicsGrade.GOOD, EthicsGrade.PASS]


def period_with(school, members, **kwargs):
    """A past month with every member assessed: scores 95, 85, 75 in turn, graded to match."""
    with scopes_disabled():
        period = EthicsPeriodFactory(school=school, **kwargs)
        EthicsAssessment.objects.bulk_create(
            EthicsAssessment(
                period=period, member=member, score=Decimal(95 - 10 * (n % 3)), grade=GRADES[n % 3], vetoed=False
            )
            for n, member in enumerate(members)
        )
    return period


def grid_row(member, score="", grade="", vetoed=False, reason=""):
    """The grid's post data for one member's row."""
    data = {
        "m{}-row".format(member.pk): "1",
        "m{}-score".format(member.pk): score,
        "m{}-grade".format(member.pk): grade,
        "m{}-veto_reason".format(member.pk): reason,
    }
    if vetoed:
        data["m{}-vetoed".format(member.pk)] = "on"
    return data


def grid_data(period, rows):
    """Post data for the grid: ``rows`` is a list of ``grid_row`` dicts."""
    with scopes_disabled():
        version = EthicsPeriod.all_objects.get(pk=period.pk).version
    data = {"loaded_version": version}
    for row in rows:
        data.update(row)
    return data


def stored_drive(drive):
    with scopes_disabled():
        return PledgeDrive.all_objects.get(pk=drive.pk)


def signatures_of(drive):
    """``{member name: signed_on}`` of a drive."""
    with scopes_disabled():
        return dict(PledgeSignature.objects.filter(drive=drive).values_list("member__name", "signed_on"))


def assessments_of(period):
    """``{member name: (score, grade, vetoed, veto_reason)}`` of a period."""
    with scopes_disabled():
        return {
            a.member.name: (a.score, a.grade, a.vetoed, a.veto_reason)
            for a in EthicsAssessment.objects.filter(period=period).select_related("member")
        }


def errors_zh(form, field=None):
    """A form's errors for ``field`` (or its non-field errors) as the page shows them, in Chinese."""
    with translation.override("zh-hans"):
        if field is None:
            return [str(e) for e in form.non_field_errors()]
        return [str(e) for e in form.errors.get(field, [])]
