"""The school's profile: the chair edits its names, motto and introduction, staff read it,
teachers are refused; every change is kept in its history; the summary reads it through
``school_profile``."""

import pytest
from django.urls import reverse

from unionhub.selectors import school_profile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hasher")]

PROFILE = reverse("schools:profile")


def profile_data(school, **changes):
    data = {
        "name": school.name,
        "short_name": school.short_name,
        "union_name": school.union_name,
        "motto": school.motto,
        "motto_meaning": school.motto_meaning,
        "introduction": school.introduction,
        "loaded_version": school.version,
    }
    data.update(changes)
    return data


def test_the_chair_edits_the_profile_and_its_history_is_kept(chair_client, school):
    response = chair_client.post(
        PROFILE,
        profile_data(
            school,
            short_name="实验初中",
            motto="明德 笃学 求实 创新",
            motto_meaning="明德，修身立德。",
            introduction="区属公办初级中学。",
        ),
    )
    assert response.status_code == 302
    school.refresh_from_db()
    assert (school.short_name, school.motto, school.motto_meaning, school.introduction) == (
        "实验初中",
        "明德 笃学 求实 创新",
        "明德，修身立德。",
        "区属公办初级中学。",
    )
    assert school.version == 2
    record = school.history.latest()
    assert record.history_user.username == "chair"
    html = chair_client.get(PROFILE).content.decode()
    assert "明德 笃学 求实 创新" in html and 'id="record-history"' in html


def test_a_stale_form_saves_nothing_and_says_so(chair_client, school):
    chair_client.post(PROFILE, profile_data(school, motto="第一版"))
    response = chair_client.post(PROFILE, profile_data(school, motto="第二版"))
    assert response.status_code == 200
    school.refresh_from_db()
    assert school.motto == "第一版"


def test_a_name_another_school_of_the_district_has_is_a_form_error(chair_client, school, other_school):
    response = chair_client.post(PROFILE, profile_data(school, name=other_school.name))
    assert response.status_code == 200
    assert "该区已有同名学校。" in response.context["form"].errors["name"]


def test_staff_read_the_profile_but_cannot_change_it(staff_client, school):
    school.motto = "明德 笃学"
    school.save()
    response = staff_client.get(PROFILE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "明德 笃学" in html and 'id="school-profile-form"' not in html
    assert staff_client.post(PROFILE, profile_data(school, motto="改")).status_code == 403
    school.refresh_from_db()
    assert school.motto == "明德 笃学"


def test_teachers_and_district_users_are_refused(teacher_client, client, district_user):
    assert teacher_client.get(PROFILE).status_code == 403
    client.force_login(district_user)
    assert client.get(PROFILE).status_code == 403


def test_each_chair_sees_and_edits_only_their_own_school(client, school, other_school, other_chair):
    school.motto = "明德 笃学"
    school.save()
    client.force_login(other_chair)
    html = client.get(PROFILE).content.decode()
    assert other_school.name in html and "明德 笃学" not in html
    client.post(PROFILE, profile_data(other_school, motto="阳光 向上"))
    school.refresh_from_db()
    other_school.refresh_from_db()
    assert (school.motto, other_school.motto) == ("明德 笃学", "阳光 向上")


def test_the_chair_is_offered_the_profile_in_the_navigation(client, chair, staff):
    client.force_login(chair)
    assert 'data-nav="school-profile"' in client.get("/").content.decode()
    client.force_login(staff)
    assert 'data-nav="school-profile"' not in client.get("/").content.decode()


def test_school_profile_names_the_union_after_the_school_when_left_blank(school):
    school.short_name = "实验初中"
    school.motto = "明德 笃学"
    profile = school_profile(school)
    assert profile.full_name == "清溪区实验初级中学"
    assert profile.short_name == "实验初中"
    assert profile.union_name == "清溪区实验初级中学工会"
    assert profile.motto == "明德 笃学"
    school.union_name = "清溪区实验初级中学教育工会"
    school.short_name = ""
    profile = school_profile(school)
    assert (profile.union_name, profile.short_name) == ("清溪区实验初级中学教育工会", "清溪区实验初级中学")
