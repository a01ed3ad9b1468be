"""``manage.py createschool``: a new school and its chair from the shell, without the Django admin."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.test import Client

from unionhub.models import District, School
from unionhub.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hasher")]

User = get_user_model()


def createschool(*args, **options):
    out = StringIO()
    call_command("createschool", *args, stdout=out, **options)
    return out.getvalue()


def printed_password(output):
    lines = [line for line in output.splitlines() if "一次性密码" in line]
    assert len(lines) == 1, output
    return lines[0].split("：", 1)[1].split()[0]


def test_it_makes_the_district_the_school_and_its_chair_and_prints_the_password_once():
    output = createschool("清溪区教育工会", "清溪区新建小学", "新建小学", "xinjian", chair_name="周敏")

    school = School.objects.get(name="清溪区新建小学")
    assert (school.short_name, school.district.name) == ("新建小学", "清溪区教育工会")
    chair = User.objects.get(username="xinjian")
    assert (chair.school, chair.role, chair.district, chair.last_name) == (school, Role.CHAIR, None, "周敏")
    assert chair.must_change_password
    password = printed_password(output)
    assert len(password) == 10
    assert chair.check_password(password)
    assert output.count(password) == 1


def test_it_uses_a_district_that_exists(district):
    createschool(district.name, "清溪区新建小学", "新建小学", "xinjian")
    assert District.objects.count() == 1
    assert School.objects.get(name="清溪区新建小学").district == district


def test_the_chair_logs_in_and_must_change_the_password_first():
    password = printed_password(createschool("清溪区教育工会", "清溪区新建小学", "新建小学", "xinjian"))
    client = Client()
    response = client.post("/accounts/login/", {"username": "xinjian", "password": password})
    assert response.status_code == 302
    assert client.get("/members/")["Location"] == "/accounts/password_change/"
    response = client.post(
        "/accounts/password_change/",
        {"old_password": password, "new_password1": "Xinjian-union-2026!", "new_password2": "Xinjian-union-2026!"},
    )
    assert response.status_code == 302
    assert not User.objects.get(username="xinjian").must_change_password
    assert client.get("/members/").status_code == 200


def test_it_refuses_a_school_the_district_already_has_and_writes_nothing(school, district):
    with pytest.raises(CommandError, match="已有名为清溪区实验初级中学的学校"):
        createschool(district.name, school.name, "实验初中", "another")
    assert not User.objects.filter(username="another").exists()
    assert School.objects.filter(name=school.name).count() == 1


def test_it_refuses_a_login_name_that_is_taken_and_writes_nothing(chair):
    with pytest.raises(CommandError, match="登录名 CHAIR 已被使用"):
        createschool("新区教育工会", "新区第一小学", "新区一小", "CHAIR")
    assert not School.objects.filter(name="新区第一小学").exists()
    assert not District.objects.filter(name="新区教育工会").exists()


@pytest.mark.parametrize(
    "args,message",
    [
        (("清溪区教育工会", "清溪区新建小学", "新建小学", "有空格 的名字"), "登录名只能包含"),
        (("清溪区教育工会", " ", "新建小学", "xinjian"), "学校全称不能为空"),
        (("清溪区教育工会", "校" * 101, "新建小学", "xinjian"), "学校全称超过 100 个字符"),
    ],
)
def test_it_refuses_bad_arguments_in_chinese(args, message):
    with pytest.raises(CommandError, match=message):
        createschool(*args)
    assert not School.objects.exists()


def test_a_failure_while_writing_leaves_nothing_behind(monkeypatch):
    """One transaction: when the chair's login cannot be written (as when another session
    took the name between the check and the write), neither the district nor the school stays."""

    def taken_meanwhile(*args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed: unionhub_user.username")

    monkeypatch.setattr(User.objects, "create_user", taken_meanwhile)
    with pytest.raises(CommandError, match="未能保存学校及其工会主席，未做任何更改"):
        createschool("新区教育工会", "新区第一小学", "新区一小", "xinjian")
    assert not District.objects.filter(name="新区教育工会").exists()
    assert not School.objects.filter(name="新区第一小学").exists()
