"""Demo data from the apps built on ``members``.

``members`` cannot import the apps built on it, so each registers a seeder here (in its
``AppConfig.ready``): a function ``(school, members, rng, today) -> None`` that
``manage.py demo`` calls for every demo school once its members and logins exist.
``members`` is the school's members in the order they were made (logins attached),
``rng`` a ``random.Random`` to draw from (so that the demo is the same every time), and
``today`` the date the demo is loaded on: a seeder writes nothing dated after it.
"""

_seeders = []


def register(seeder):
    if seeder not in _seeders:
        _seeders.append(seeder)
    return seeder


def seeders():
    return list(_seeders)


def seed_school(school, members, rng, today):
    """Run every registered seeder for ``school``."""
    for seeder in _seeders:
        seeder(school, members, rng, today)
