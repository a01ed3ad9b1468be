import pytest

from .tally import REQUESTS, CountingClient


def pytest_terminal_summary(terminalreporter):
    """How many requests the bad-input tests made (the measure of a thorough run)."""
    if REQUESTS["requests"]:
        terminalreporter.write_line("bad input: {} requests".format(REQUESTS["requests"]))


@pytest.fixture
def client():
    """Every client of these tests counts its requests."""
    return CountingClient()
