"""Settings of the load test (``bench/load.py``): production's, plus the bare JSON views.

The bare views are mounted only here (``load_urls``), never in the app's own URLs. The
static files are collected by the harness into a temporary ``LOAD_STATIC_ROOT``, as a
deployment runs ``collectstatic`` for whitenoise's manifest.
"""

import os
from pathlib import Path

from unionhub.settings_production import *  # noqa: F403

ROOT_URLCONF = "load_urls"
STATIC_ROOT = Path(os.environ["LOAD_STATIC_ROOT"])
