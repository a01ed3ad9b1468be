"""Failed logins: a client address is locked out for an hour; an account only waits a while.

Behind the reverse proxy every request comes from the proxy's address, so the client's
address is read from X-Forwarded-For, but only when the peer is a trusted proxy.
"""

import time
from unittest import mock

import axes.utils
import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from tests.factories import PASSWORD
from tests.unionhub.test_accounts import LOGIN, fresh_axes, logged_in_as  # noqa: F401  (fresh_axes: autouse)
from unionhub import login_delay
from unionhub.client_address import client_address
from unionhub.settings import env_networks

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

PROXY = "127.0.0.1"
CHAIR_HOME = "203.0.113.10"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.0.0.0/8"]


class Clock:
    """The wall clock, frozen, moved on only by ``advance``."""

    def __init__(self):
        self.now = time.time()

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock():
    frozen = Clock()
    with mock.patch("time.time", side_effect=lambda: frozen.now):
        yield frozen


def log_in(client, username, password, address, peer=PROXY):
    """A login posted through the proxy at ``peer`` for the client at ``address``."""
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=address
    )


def fail_from(client, address, times):
    """``times`` failures from ``address``, each on another username, so that no account waits."""
    for attempt in range(times):
        log_in(client, "nobody-{}".format(attempt), "wrong", address)
    assert not logged_in_as(client)


# --- the client's address ----------------------------------------------------------------------


def request_from(peer, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=peer, **extra)


@pytest.mark.parametrize(
    "peer, forwarded, expected",
    [
        # No proxy is trusted: the peer, whatever the header says.
        ("198.51.100.7", "203.0.113.1", "198.51.100.7"),
        # A trusted proxy: the address it was reached from.
        (PROXY, "203.0.113.1", "203.0.113.1"),
        # What the client itself put in front is not believed.
        (PROXY, "192.0.2.99, 203.0.113.1", "203.0.113.1"),
        # Through two trusted proxies (the office's and the app server's nginx).
        (PROXY, "203.0.113.1, 10.1.2.3", "203.0.113.1"),
        # A trusted proxy in a network, addressed over IPv6 as a mapped IPv4 address.
        ("::ffff:10.0.0.5", "203.0.113.1", "203.0.113.1"),
        # A trusted proxy without the header, or with garbage in it: the proxy.
        (PROXY, None, PROXY),
        (PROXY, "not-an-address", PROXY),
        (PROXY, "", PROXY),
        # An untrusted peer behind a trusted one: the untrusted peer.
        (PROXY, "203.0.113.1, 198.51.100.7", "198.51.100.7"),
    ],
)
def test_the_client_address_is_forwarded_only_by_trusted_proxies(behind_proxy, peer, forwarded, expected):
    assert client_address(request_from(peer, forwarded)) == expected


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from(PROXY, "203.0.113.1")) == PROXY


def test_a_mistyped_trusted_proxy_stops_the_start(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/33")
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        env_networks("TRUSTED_PROXIES")
    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8, ::1")
    assert env_networks("TRUSTED_PROXIES") == ["127.0.0.1", "10.0.0.0/8", "::1"]


# --- the hard lock-out, per address ------------------------------------------------------------


def test_behind_a_trusted_proxy_two_client_addresses_are_counted_apart(behind_proxy, client, chair):
    fail_from(client, "198.51.100.7", settings.AXES_FAILURE_LIMIT)

    locked = log_in(client, "chair", PASSWORD, "198.51.100.7")  # even the right password
    assert locked.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in locked.templates]
    assert "多次登录失败" in locked.content.decode()
    assert not logged_in_as(client)

    assert log_in(client, "chair", PASSWORD, CHAIR_HOME).status_code == 302
    assert logged_in_as(client) == str(chair.pk)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_an_untrusted_peers_forwarded_for_is_ignored(behind_proxy, client, chair):
    # The attacker connects directly and names a new address in each request.
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "nobody-{}".format(attempt), "wrong", "203.0.113.{}".format(attempt), peer="198.51.100.7")

    response = log_in(client, "chair", PASSWORD, CHAIR_HOME, peer="198.51.100.7")

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_the_right_password_still_works_one_failure_before_the_limit(behind_proxy, client, chair):
    fail_from(client, "198.51.100.7", settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, "chair", PASSWORD, "198.51.100.7").status_code == 302


def test_an_address_unlocks_after_its_failures_are_reset(behind_proxy, client, chair):
    fail_from(client, "198.51.100.7", settings.AXES_FAILURE_LIMIT)
    assert log_in(client, "chair", PASSWORD, "198.51.100.7").status_code == 429

    axes.utils.reset(ip="198.51.100.7")

    assert log_in(client, "chair", PASSWORD, "198.51.100.7").status_code == 302


# --- the soft delay, per account ---------------------------------------------------------------


def test_the_wait_doubles_and_is_capped(settings):
    settings.LOGIN_DELAY_FREE_FAILURES = 3
    settings.LOGIN_DELAY_MAX_SECONDS = 60
    waits = [login_delay.delay_after(failures) for failures in range(1, 11)]
    assert waits == [0, 0, 2, 4, 8, 16, 32, 60, 60, 60]


def test_an_account_waits_after_failures_and_says_so_in_chinese(behind_proxy, clock, client, chair):
    for attempt in range(settings.LOGIN_DELAY_FREE_FAILURES):
        log_in(client, "chair", "wrong", "198.51.100.{}".format(attempt))

    response = log_in(client, "chair", PASSWORD, CHAIR_HOME)  # the right password, too early

    assert response.status_code == 200
    assert not logged_in_as(client)
    assert "请 2 秒后再试" in response.content.decode()

    clock.advance(2)
    assert log_in(client, "chair", PASSWORD, CHAIR_HOME).status_code == 302


def test_guessing_the_chairs_password_from_many_addresses_only_delays_her(behind_proxy, clock, client, chair):
    # Two hundred guesses from a hundred addresses over five minutes: every address stays
    # below its limit, and most guesses are refused unchecked while the account waits.
    checked = 0
    for attempt in range(200):
        response = log_in(client, "chair", "guess-{}".format(attempt), "198.51.100.{}".format(attempt % 100))
        assert response.status_code == 200
        checked += "秒后再试" not in response.content.decode()
        clock.advance(1.5)
    assert checked < 20

    waiting = log_in(client, "chair", PASSWORD, CHAIR_HOME)
    assert waiting.status_code == 200
    seconds = login_delay.seconds_to_wait("chair")
    assert 0 < seconds <= settings.LOGIN_DELAY_MAX_SECONDS
    assert "请 {} 秒后再试".format(seconds) in waiting.content.decode()

    clock.advance(seconds)
    response = log_in(client, "chair", PASSWORD, CHAIR_HOME)
    assert response.status_code == 302
    assert logged_in_as(client) == str(chair.pk)


def test_refused_attempts_do_not_stretch_the_wait(behind_proxy, clock, client, chair):
    for _attempt in range(settings.LOGIN_DELAY_FREE_FAILURES + 2):
        clock.advance(60)
        log_in(client, "chair", "wrong", "198.51.100.1")
    assert login_delay.seconds_to_wait("chair") == 8
    for _attempt in range(7):
        clock.advance(1)
        log_in(client, "chair", "wrong", "198.51.100.2")
    assert login_delay.seconds_to_wait("chair") == 1


def test_a_login_forgets_the_accounts_failures(behind_proxy, clock, client, chair):
    for _attempt in range(settings.LOGIN_DELAY_FREE_FAILURES - 1):
        log_in(client, "chair", "wrong", "198.51.100.1")
    assert log_in(client, "chair", PASSWORD, CHAIR_HOME).status_code == 302
    client.post("/accounts/logout/")

    log_in(client, "chair", "wrong", "198.51.100.1")

    assert login_delay.seconds_to_wait("chair") == 0


def test_failures_are_forgotten_a_while_after_the_last(behind_proxy, clock, client, chair):
    for _attempt in range(settings.LOGIN_DELAY_FREE_FAILURES + 3):
        log_in(client, "chair", "wrong", "198.51.100.1")
        clock.advance(60)
    clock.advance(settings.LOGIN_DELAY_MEMORY_SECONDS)
    log_in(client, "chair", "wrong", "198.51.100.1")
    assert login_delay.seconds_to_wait("chair") == 0


def test_an_address_already_locked_out_does_not_count_against_the_account(behind_proxy, clock, client, chair):
    fail_from(client, "198.51.100.7", settings.AXES_FAILURE_LIMIT)
    for _attempt in range(settings.LOGIN_DELAY_FREE_FAILURES + 2):
        assert log_in(client, "chair", "wrong", "198.51.100.7").status_code == 429
    assert login_delay.seconds_to_wait("chair") == 0


def test_the_admin_login_waits_too(behind_proxy, clock, client, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", "root@example.com", PASSWORD)
    for _attempt in range(settings.LOGIN_DELAY_FREE_FAILURES):
        client.post(
            "/admin/login/",
            {"username": superuser.username, "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    response = client.post(
        "/admin/login/", {"username": superuser.username, "password": PASSWORD}, HTTP_X_FORWARDED_FOR=CHAIR_HOME
    )
    assert response.status_code == 200
    assert "请 2 秒后再试" in response.content.decode()


@pytest.fixture
def shared_redis_cache(settings):
    """The cache every app server shares when REDIS_URL is set (a database of its own here)."""
    redis = pytest.importorskip("redis")
    location = "redis://127.0.0.1:6379/7"
    try:
        redis.Redis.from_url(location).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}}
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_the_wait_is_kept_in_the_shared_cache(behind_proxy, shared_redis_cache, clock, client, chair):
    import redis

    for attempt in range(settings.LOGIN_DELAY_FREE_FAILURES):
        log_in(client, "chair", "wrong", "198.51.100.{}".format(attempt))

    # Another app server reads the same Redis database.
    assert any(b"login-delay:" in key for key in redis.Redis.from_url("redis://127.0.0.1:6379/7").keys())
    assert "请 2 秒后再试" in log_in(client, "chair", PASSWORD, CHAIR_HOME).content.decode()
