"""Finding or creating the one ``Recipient`` row for validated contact details."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from messaging.models import Recipient


def recipient_for_phone(*, phone: str, language: str | None = None) -> Recipient:
    """The recipient with this E.164 number (created if new); the language is updated if given."""
    recipient = Recipient.objects.filter(phone=phone).first()
    if recipient is None:
        try:
            with transaction.atomic():
                recipient = Recipient.objects.create(phone=phone, language=language or "en")
        except IntegrityError:  # created meanwhile by another request
            recipient = Recipient.objects.get(phone=phone)
    elif language and recipient.language != language:
        recipient.language = language
        recipient.save(update_fields=["language"])
    return recipient


def recipient_for_email(*, email: str, language: str | None = None) -> Recipient:
    recipient = Recipient.objects.filter(email=email, phone="").first()
    if recipient is None:
        recipient = Recipient.objects.create(email=email, language=language or "en")
    elif language and recipient.language != language:
        recipient.language = language
        recipient.save(update_fields=["language"])
    return recipient
