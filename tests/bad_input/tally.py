"""How many requests the bad-input tests made in this run (the terminal summary prints it)."""

import collections

from django.test import Client

REQUESTS = collections.Counter()


class CountingClient(Client):
    """The Django test client, counting each request it makes."""

    def request(self, **request):
        REQUESTS["requests"] += 1
        return super().request(**request)
