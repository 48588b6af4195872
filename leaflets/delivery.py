"""A leaflet issue's link on its way to the victim: the one place its SMS and email are built.

The portal (officer), the API (crime-recording systems) and the assistant all send a link
through these, so every such message has the same template name, the same idempotency key
for the same issue and channel, and the same "about" reference the delivery log and the
dashboard group by.
"""

from __future__ import annotations

from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth.models import User

from i18n.catalogs import catalog
from leaflets.contacts import contact_values, issue_details
from leaflets.models import LeafletIssue
from leaflets.services import IssuedLeaflet
from leaflets.texts import email_text, sms_text
from messaging.models import Message, Recipient
from messaging.outbound import Content, request_send, send_to_recipient
from messaging.statuses import Channel, Origin
from organisations.models import Organisation

ABOUT_TYPE = "leaflet-issue"
TEMPLATE = "leaflet-link"


def about(issue: LeafletIssue) -> tuple[str, str]:
    return (ABOUT_TYPE, str(issue.pk))


def sender_for(organisation: Organisation | None, channel: Channel, language: str = "en") -> str:
    """Who the victim sees the link from: the force's SMS sender ID (a link needs no reply;
    blank: the two-way number), or its email From name (its name in the victim's language
    when it has one) and address ("": EMAIL_FROM)."""
    if organisation is None:
        return ""
    if channel is Channel.SMS:
        return organisation.sms_sender_id
    if not organisation.email_from_name and not organisation.email_from_address:
        return ""
    address = organisation.email_from_address or parseaddr(settings.EMAIL_FROM)[1]
    translated = organisation.name_translations.get(language, "") \
        if isinstance(organisation.name_translations, dict) else ""
    # Unencoded ("Name <address>"): the mail composer encodes a non-ASCII name itself.
    return str(Address(display_name=translated or organisation.email_from_name
                       or organisation.name, addr_spec=address))


def link_content(issued: IssuedLeaflet, channel: Channel) -> Content:
    """The SMS or email that carries the issue's short link, in the issue's language."""
    issue = issued.issue
    texts = catalog(issue.language)
    contacts = contact_values(issue.organisation)
    details = issue_details(issue)
    if channel is Channel.SMS:
        sms = sms_text(catalog=texts, contacts=contacts, link=issued.short_url, details=details)
        return Content(template=TEMPLATE, language=issue.language, text=sms.text,
                       sender=sender_for(issue.organisation, channel, issue.language))
    mail = email_text(catalog=texts, contacts=contacts, link=issued.short_url,
                      expires_on=issue.expires_at.date(), details=details,
                      logo_url=issue.organisation.logo_url if issue.organisation else "")
    return Content(template=TEMPLATE, language=issue.language, text=mail.body,
                   subject=mail.subject, html=mail.html,
                   sender=sender_for(issue.organisation, channel, issue.language))


def send_link(*, issued: IssuedLeaflet, channel: Channel, origin: Origin, to: str = "",
              recipient: Recipient | None = None, triggered_by: User | None = None) -> Message:
    """Ask the gateway to send the link to a phone number or address as typed (validated
    there), or to a recipient it already knows."""
    content = link_content(issued, channel)
    key = f"{ABOUT_TYPE}:{issued.issue.pk}:{channel.value}"
    if recipient is not None:
        return send_to_recipient(channel=channel, recipient=recipient, content=content,
                                 idempotency_key=key, origin=origin, triggered_by=triggered_by,
                                 about=about(issued.issue))
    return request_send(channel=channel, to=to, content=content, idempotency_key=key,
                        origin=origin, triggered_by=triggered_by, about=about(issued.issue))
