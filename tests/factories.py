"""Factories for every model the tests touch."""

import datetime

import factory
from factory.django import DjangoModelFactory

from members.choices import Gender, MemberStatus
from members.forms import MemberForm
from members.models import Department, Member
from members.validators import id_check_digit
from unionhub.models import District, School, User
from unionhub.roles import Role

PASSWORD = "test-pass-123"


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: "第{}区教育工会".format(n))


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: "第{}实验小学".format(n))


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: "user{}".format(n))
    school = factory.SubFactory(SchoolFactory)
    role = Role.TEACHER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class DistrictUserFactory(UserFactory):
    school = None
    district = factory.SubFactory(DistrictFactory)
    role = Role.DISTRICT


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: "第{}教研组".format(n))


def valid_id_number(birth, sequence=123):
    first17 = "320412{:%Y%m%d}{:03d}".format(birth, sequence)
    return first17 + id_check_digit(first17)


class MemberFactory(DjangoModelFactory):
    class Meta:
        model = Member

    school = factory.SubFactory(SchoolFactory)
    name = factory.Iterator(["张三", "李四", "王五", "赵六", "陈静", "刘洋", "周敏", "吴强"])
    gender = factory.Iterator([Gender.MALE, Gender.FEMALE])
    birth_date = datetime.date(1985, 3, 12)
    phone = "13812345678"
    employee_number = factory.Sequence(lambda n: "E{:05d}".format(n))
    department = factory.LazyAttribute(lambda o: DepartmentFactory(school=o.school))
    status = MemberStatus.ACTIVE


MEMBER_FORM_FIELDS = list(MemberForm.Meta.fields)


def member_form_data(member=None, **changes):
    """What the member form posts: ``member``'s current values (or a new member's), then ``changes``.

    Pass a ``Department`` or a pk for ``department``; dates as ``date`` objects or strings.
    """
    if member is None:
        data = {
            "name": "孙丽",
            "gender": Gender.FEMALE,
            "ethnic_group": "汉族",
            "phone": "13912345678",
            "title": "first",
            "status": MemberStatus.ACTIVE,
            "party_membership": "masses",
        }
    else:
        data = {name: getattr(member, "department_id" if name == "department" else name) for name in MEMBER_FORM_FIELDS}
        data["loaded_version"] = member.version
    data.update(changes)
    for name, value in list(data.items()):
        if value is None:
            data[name] = ""
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        elif isinstance(value, (Department, Member)):
            data[name] = value.pk
    return data
