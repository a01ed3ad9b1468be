"""Requests sent at the same moment, as two tabs or a double click do: each in its own
thread with its own client and database connection (so PostgreSQL only; an in-memory
SQLite database cannot be shared between threads)."""

import threading

from django.db import connection
from django.test import Client


def post_at_once(user, post, times=2):
    """Runs ``post(client)`` ``times`` times at once, each client logged in as ``user``;
    returns the responses in the order they came back."""
    responses = []

    def submit():
        try:
            client = Client()
            client.force_login(user)
            responses.append(post(client))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _each in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses
