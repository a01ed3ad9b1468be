"""What the chair's browser posts to freeze a version (定稿): the ticked confirmation and a
fresh one-time token, as the confirmation page renders them."""

from django.urls import reverse

from unionhub.submissions import FIELD_NAME, new_token


def freeze_url(year=2018, query=""):
    return reverse("reports:summary_freeze", kwargs={"year": year}) + query


def freeze(client, year=2018, query="", token=None, confirm=True):
    data = {FIELD_NAME: token or new_token()}
    if confirm:
        data["confirm"] = "on"
    return client.post(freeze_url(year, query), data)
