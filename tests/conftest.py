"""The same cast everywhere: chair, staff and teacher of school one; chair of school two;
a district user; and anonymous visitors (the plain ``client``)."""

import os

import pytest
from django.core.cache import cache
from django_scopes import scope
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from unionhub.roles import Role

from .factories import DistrictFactory, DistrictUserFactory, MemberFactory, SchoolFactory, UserFactory

# Property-based tests: a modest, repeatable run in CI (each suite runs twice, on SQLite and
# on PostgreSQL); HYPOTHESIS_PROFILE=thorough tries twenty times as many inputs, freshly drawn.
hypothesis_settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.register_profile(
    "thorough", parent=hypothesis_settings.get_profile("ci"), max_examples=500, derandomize=False
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def eager_background_tasks(settings):
    """Background work runs inside the request, so a test sees its outcome at once; the
    tests of the runners themselves choose the thread or the queue."""
    settings.BACKGROUND_TASKS = "eager"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached: ids come back when a test's rows roll back."""
    cache.clear()


@pytest.fixture
def district(db):
    return DistrictFactory(name="清溪区教育工会")


@pytest.fixture
def school(district):
    return SchoolFactory(district=district, name="清溪区实验初级中学")


@pytest.fixture
def other_school(district):
    return SchoolFactory(district=district, name="清溪区阳光小学")


@pytest.fixture
def chair(school):
    return UserFactory(username="chair", school=school, role=Role.CHAIR, last_name="刘梅兰")


@pytest.fixture
def staff(school):
    return UserFactory(username="staff", school=school, role=Role.STAFF, last_name="陈静")


@pytest.fixture
def teacher(school):
    return UserFactory(username="teacher", school=school, role=Role.TEACHER, last_name="王伟")


@pytest.fixture
def other_chair(other_school):
    return UserFactory(username="chair2", school=other_school, role=Role.CHAIR)


@pytest.fixture
def district_user(district):
    return DistrictUserFactory(username="district", district=district)


def _client_for(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def chair_client(client, chair):
    return _client_for(client, chair)


@pytest.fixture
def staff_client(client, staff):
    return _client_for(client, staff)


@pytest.fixture
def teacher_client(client, teacher):
    return _client_for(client, teacher)


@pytest.fixture
def member(school):
    return MemberFactory(school=school, name="张三", employee_number="T0001")


@pytest.fixture
def other_member(other_school):
    return MemberFactory(school=other_school, name="李四", employee_number="T0001")


@pytest.fixture
def in_school(school):
    """Query as code running inside a request of school one does."""
    with scope(school=[school.pk]):
        yield school


@pytest.fixture
def fast_password_hasher(settings):
    """MD5 instead of PBKDF2: a test that makes several logins need not spend seconds hashing.

    Use it with ``pytestmark = pytest.mark.usefixtures("fast_password_hasher")`` so it is set
    before the user fixtures hash their passwords.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
