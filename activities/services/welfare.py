"""Writes of the welfare records that span several rows, each in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..models import GreetingRecipient


def duplicate_message(member):
    return _("%(name)s is already on the list of this greeting: a member is greeted only once in one greeting.") % {
        "name": member.name
    }


def _refuse_duplicates(members, already=()):
    """``ValidationError`` naming the first member who is twice in ``members`` or in ``already``."""
    seen = {member.pk for member in already}
    for member in members:
        if member.pk in seen:
            raise ValidationError(duplicate_message(member), code="duplicate_member")
        seen.add(member.pk)


def _add_recipients(batch, members, amount, user):
    recipients = [GreetingRecipient(batch=batch, member=member, amount=amount) for member in members]
    bulk_create_with_history(recipients, GreetingRecipient, default_user=user)


@transaction.atomic
def create_greeting_batch(batch, members, user=None):
    """Saves ``batch`` and gives each of ``members`` the batch's amount each, in bulk.

    The same member twice is refused (``ValidationError`` naming the member) and nothing is
    written.
    """
    members = list(members)
    _refuse_duplicates(members)
    if not members:
        raise ValidationError(_("Nobody would receive this greeting: choose who it is given to."), code="empty")
    batch.save()
    _add_recipients(batch, members, batch.amount_each, user)
    return batch


@transaction.atomic
def update_greeting_batch(batch, old_amount_each, amounts, removed, added, user=None):
    """Saves ``batch`` and its recipients in one go.

    ``amounts``: ``{recipient pk: amount}`` as posted; ``removed``: pks of the recipients
    taken off; ``added``: members to add at the batch's amount each. When the amount each
    changed, the recipients who had the old amount each and whose amount was not changed by
    hand get the new one. A member added twice, or added while on the list, is refused.
    """
    batch.save()
    changed = []
    staying = []
    for recipient in GreetingRecipient.objects.filter(batch=batch).select_related("member"):
        if recipient.pk in removed:
            recipient.delete()
            continue
        staying.append(recipient.member)
        amount = amounts.get(recipient.pk, recipient.amount)
        if amount == recipient.amount == old_amount_each and batch.amount_each != old_amount_each:
            amount = batch.amount_each
        if amount != recipient.amount:
            recipient.amount = amount
            changed.append(recipient)
    if changed:
        bulk_update_with_history(changed, GreetingRecipient, ["amount"], default_user=user)
    added = list(added)
    if added:
        _refuse_duplicates(added, already=staying)
        _add_recipients(batch, added, batch.amount_each, user)
    if not staying and not added:
        raise ValidationError(_("Nobody would receive this greeting: choose who it is given to."), code="empty")
    return batch
