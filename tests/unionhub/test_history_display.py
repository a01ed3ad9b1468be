"""History shows times on the school's clock (Asia/Shanghai), not the UTC they are stored in."""

import datetime

from django.db import models
from django.utils import translation

from unionhub.history import _display


def test_a_stored_utc_time_is_shown_in_beijing_time():
    field = models.DateTimeField()
    stored = datetime.datetime(2025, 9, 30, 0, 30, tzinfo=datetime.UTC)
    with translation.override("zh-hans"):
        shown = _display(field, stored, {})
    assert "8:30" in shown or "08:30" in shown
    assert "2025年9月30日" in shown
