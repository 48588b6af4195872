"""Finding or creating the one ``Recipient`` row for validated contact details.

Contact details are encrypted at rest, so recipients are found by the keyed index of the value.
``recipient_for_phone``/``recipient_for_email`` stand alone; ``find_or_add`` is the cheaper form
for a caller that already holds a transaction (the send path: one commit per send).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from messaging.crypto import contact_index
from messaging.models import Recipient


def _update(recipient: Recipient, *, language: str | None, phone: str = "",
            email: str = "") -> None:
    fields = []
    if language and recipient.language != language:
        recipient.language = language
        fields.append("language")
    # A recipient erased by retention keeps an opted-out phone's index: the number comes back.
    if phone and not recipient.phone:
        recipient.phone = phone
        fields.append("phone")
    if email and not recipient.email:
        recipient.email = email
        fields.append("email")
    if fields:
        if recipient.erased_at is not None:
            recipient.erased_at = None
            fields.append("erased_at")
        recipient.save(update_fields=fields)


def recipient_for_phone(*, phone: str, language: str | None = None) -> Recipient:
    """The recipient with this E.164 number (created if new); the language is updated if given."""
    index = contact_index(phone)
    recipient = Recipient.objects.filter(phone_index=index).first()
    if recipient is None:
        try:
            with transaction.atomic():
                recipient = Recipient.objects.create(phone=phone, language=language or "en")
        except IntegrityError:  # created meanwhile by another request
            recipient = Recipient.objects.get(phone_index=index)
    else:
        _update(recipient, language=language, phone=phone)
    return recipient


def recipient_for_email(*, email: str, language: str | None = None) -> Recipient:
    recipient = Recipient.objects.filter(email_index=contact_index(email), phone_index="").first()
    if recipient is None:
        recipient = Recipient.objects.create(email=email, language=language or "en")
    else:
        _update(recipient, language=language, email=email)
    return recipient


def find_or_add(*, phone: str = "", email: str = "", language: str) -> tuple[Recipient, bool]:
    """(recipient, created) for a validated phone number or, without one, an email address.

    For use inside the caller's transaction, without a savepoint of its own: a recipient with
    the same number inserted meanwhile by another transaction raises ``IntegrityError``, which
    rolls back the caller's whole transaction; the caller then tries again (it exists now).
    """
    if phone:
        recipient = Recipient.objects.filter(phone_index=contact_index(phone)).first()
    else:
        recipient = Recipient.objects.filter(email_index=contact_index(email),
                                             phone_index="").first()
    if recipient is None:
        return Recipient.objects.create(phone=phone, email=email, language=language), True
    _update(recipient, language=language, phone=phone, email=email)
    return recipient, False
