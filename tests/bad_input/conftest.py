import pytest

from .tally import REQUESTS, CountingClient


@pytest.fixture(scope="session", autouse=True)
def request_tally(request):
    """Prints the number of requests the bad-input tests made (a thorough run's measure)."""
    yield REQUESTS
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and REQUESTS["requests"]:
        reporter.write_line("bad input: {} requests".format(REQUESTS["requests"]))


@pytest.fixture
def client():
    """Every client of these tests counts its requests."""
    return CountingClient()
