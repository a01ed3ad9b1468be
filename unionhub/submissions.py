"""One-time tokens for create forms: a second submission of the same rendered form
(double click, back and resubmit, two tabs, two identical POSTs at once) creates nothing
more and lands where the first one did.

Every create form carries ``{% submission_token %}``, a fresh random token per rendering.
A view with ``OneTimeSubmissionMixin`` writes a ``SubmissionToken`` row in the same
transaction as the record it creates. The token is unique, so of two concurrent
submissions the second waits on the first's row and then fails its insert; it is then
sent to the first one's page. A POST without a token is handled as before.
"""

import datetime
import re
import secrets

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import SubmissionToken

FIELD_NAME = "submission_token"
# Long enough to answer a resubmission from a tab left open over the holidays.
KEEP_FOR = datetime.timedelta(days=30)
TOKEN_PATTERN = re.compile(r"[0-9a-f]{32}")


def new_token():
    return secrets.token_hex(16)


def posted_token(request):
    """The token of a POST, or None (none posted, or not one this app made)."""
    token = request.POST.get(FIELD_NAME, "")
    return token if TOKEN_PATTERN.fullmatch(token) else None


def posted_checkbox(request, name):
    """What a checkbox field named ``name`` of this POST says, read as a form would."""
    return forms.CheckboxInput().value_from_datadict(request.POST, request.FILES, name)


class OneTimeSubmissionMixin:
    """Deduplicates the POSTs of one rendered create form by its token.

    ``submission_landing(response)`` says where a successful submission landed (None:
    nothing was created, so the token may be used again once the errors are corrected).
    ``submission_is_anonymous()`` keeps neither the user nor the time of day.
    """

    already_submitted_message = _("This form had already been submitted; the saved record is opened for you.")

    def dispatch(self, request, *args, **kwargs):
        token = posted_token(request) if request.method == "POST" else None
        if token is None or not self.may_submit(request):
            return super().dispatch(request, *args, **kwargs)
        earlier = self.earlier_submission(token)
        if earlier is not None:
            return self.land_on(earlier)
        claimed = False
        try:
            with transaction.atomic():
                # Claimed first: a concurrent submission of this token waits here until
                # this transaction ends, then fails on the unique token.
                claim = self.claim(token)
                claimed = True
                response = super().dispatch(request, *args, **kwargs)
                landing = self.submission_landing(response)
                if landing is None:
                    claim.delete()
                else:
                    claim.url = landing
                    claim.save(update_fields=["url"])
                    SubmissionToken.objects.filter(
                        school=request.school, created_at__lt=timezone.now() - KEEP_FOR
                    ).delete()
        except IntegrityError:
            if claimed:
                raise
            earlier = self.earlier_submission(token)
            if earlier is not None:
                return self.land_on(earlier)
            # Another user's token: not this user's submission to repeat.
            return super().dispatch(request, *args, **kwargs)
        return response

    def may_submit(self, request):
        if not request.user.is_authenticated or getattr(request, "school", None) is None:
            return False
        # A refused user is refused by the view itself, with no token spent.
        has_role_permission = getattr(self, "has_role_permission", None)
        return has_role_permission is None or has_role_permission()

    def submission_is_anonymous(self):
        return False

    def submission_landing(self, response):
        if response.status_code in (301, 302, 303):
            return response["Location"]
        return None

    def claim(self, token):
        if self.submission_is_anonymous():
            today = timezone.localdate()
            midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
            return SubmissionToken.objects.create(token=token, school=self.request.school, created_at=midnight)
        return SubmissionToken.objects.create(token=token, school=self.request.school, user=self.request.user)

    def earlier_submission(self, token):
        return (
            SubmissionToken.objects.filter(school=self.request.school, token=token)
            .filter(Q(user=self.request.user) | Q(user__isnull=True))
            .exclude(url="")
            .first()
        )

    def land_on(self, earlier):
        messages.info(self.request, self.already_submitted_message)
        return redirect(earlier.url)


class OneTimeSubmissionOnSaveMixin(OneTimeSubmissionMixin):
    """For a view that redirects after refused data too (its errors shown as messages): only
    a submission the view marks with ``submission_saved()`` spends its token."""

    saved = False

    def submission_saved(self):
        self.saved = True

    def submission_landing(self, response):
        return super().submission_landing(response) if self.saved else None
