"""Figures cached per school and period, never stale.

The dashboard's tiles and charts and the summary's assembly are computed from a school's
records. They are cached (Django's cache: local memory by default, Redis with REDIS_URL)
under a key that carries the school's *stamp*, a random token that changes whenever a
statement writes to a table of the school's records. Writes are seen at the database
(an execute wrapper on every connection), not through model signals, so bulk creates,
queryset updates and deletes and raw SQL change the stamp too.

- The school written is the active django-scopes scope (every request runs in one). A
  write outside a scope (a management command, the admin, a migration) changes the stamp
  of every school at once.
- In autocommit the stamp changes after the statement. Inside a transaction it changes
  after the commit, when other processes can see the rows; until then the writing thread
  keys its own reads with a token of its own, so a request reads its own writes.
- Tables that no figure reads (sessions, log-in attempts, accounts, notice reads, the
  chair's drafts…) are ``settings.FIGURES_IGNORED_TABLES``; a test checks that no figure
  reads them.
"""

import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from django_scopes.state import get_scope

STAMP_KEY = "records-stamp:{}"
EVERY_SCHOOL = "all"
WRITTEN_TABLE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)', re.IGNORECASE)


def written_table(sql):
    """The table an INSERT, UPDATE or DELETE statement writes, or None for a read."""
    match = WRITTEN_TABLE.match(sql) if isinstance(sql, str) else None
    return match.group(1).lower() if match else None


def ignored(table):
    return table.startswith(tuple(settings.FIGURES_IGNORED_TABLES))


def scoped_schools():
    """The schools of the active scope, or ``[EVERY_SCHOOL]`` when none is active."""
    state = get_scope()
    schools = state.get("school") if state.get("_enabled", True) else None
    if not schools:
        return [EVERY_SCHOOL]
    schools = schools if isinstance(schools, list | tuple | set) else [schools]
    # Scopes name schools by id; a School itself is taken by its id too.
    return [getattr(school, "pk", school) for school in schools]


def change_stamps(schools):
    cache.set_many({STAMP_KEY.format(school): uuid.uuid4().hex for school in schools}, None)


class WriteWatcher:
    """An execute wrapper that changes the stamps of the schools a statement writes."""

    def __init__(self, connection):
        self.connection = connection
        self.pending = set()
        self.token = ""

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        table = written_table(sql)
        if table and not ignored(table):
            self.written(scoped_schools())
        return result

    def written(self, schools):
        self.pending.update(schools)
        if self.connection.in_atomic_block:
            self.token = uuid.uuid4().hex
            transaction.on_commit(self.flush, using=self.connection.alias)
        else:
            self.flush()

    def flush(self):
        # Several callbacks of one commit share one flush: the later ones find nothing.
        if self.pending:
            schools, self.pending = self.pending, set()
            change_stamps(schools)
        if not self.connection.in_atomic_block:
            self.token = ""


def watch_writes(sender, connection, **kwargs):
    """``connection_created``: put the watcher on the connection once."""
    if not any(isinstance(wrapper, WriteWatcher) for wrapper in connection.execute_wrappers):
        connection.execute_wrappers.append(WriteWatcher(connection))


def own_token():
    """The writing thread's token while its transaction holds uncommitted writes."""
    from django.db import connection

    if not connection.in_atomic_block:
        return ""
    return next((w.token for w in connection.execute_wrappers if isinstance(w, WriteWatcher)), "")


def stamps(school_id):
    """The school's stamp and every school's, made when missing."""
    keys = [STAMP_KEY.format(school_id), STAMP_KEY.format(EVERY_SCHOOL)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            token = uuid.uuid4().hex
            # Another process may make it at the same moment: keep whichever came first.
            found[key] = token if cache.add(key, token, None) else cache.get(key, token)
    return [found[key] for key in keys]


def cached_figures(school_id, name, parts, compute):
    """``compute()``, cached for ``school_id`` under ``name`` and ``parts`` (the period, the
    day…) until a write to the school's records. Keyed by language too: figures carry labels."""
    parts = [*stamps(school_id), own_token(), translation.get_language() or "", *map(str, parts)]
    key = ":".join(["figures", name, str(school_id), *parts])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.FIGURES_CACHE_SECONDS)
    return value
