"""Contact details and the texts victims send are encrypted at rest, contact details found again
through the keyed index, all re-encrypted by the key rotation command; the migrations encrypt
rows stored before encryption existed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from messaging.crypto import UndecryptableContact, new_key
from messaging.models import InboundMessage, Recipient
from messaging.recipients import recipient_for_email, recipient_for_phone

PHONE = "+447700900123"
EMAIL = "amara.okafor@example.org"


def raw_rows() -> list[tuple[str, str, str, str]]:
    with connection.cursor() as cursor:
        # In id order: PostgreSQL returns rows in no set order, and updated rows move.
        cursor.execute("SELECT phone, email, phone_index, email_index FROM messaging_recipient "
                       "ORDER BY id")
        return list(cursor.fetchall())


@pytest.mark.django_db
def test_phone_and_email_are_stored_encrypted_and_read_back_plain():
    recipient_for_phone(phone=PHONE)
    recipient_for_email(email=EMAIL)
    stored = " ".join(" ".join(row) for row in raw_rows())
    assert "7700900123" not in stored
    assert "okafor" not in stored.lower()
    assert {r.phone for r in Recipient.objects.all()} == {PHONE, ""}
    assert {r.email for r in Recipient.objects.all()} == {EMAIL, ""}


@pytest.mark.django_db
def test_the_same_number_finds_the_same_recipient_through_the_index():
    first = recipient_for_phone(phone=PHONE, language="pl")
    again = recipient_for_phone(phone=PHONE)
    assert again.pk == first.pk
    assert Recipient.objects.count() == 1
    assert recipient_for_email(email=EMAIL).pk == recipient_for_email(email=EMAIL).pk
    # The same value never encrypts to the same text twice (no equality leak in the column).
    other = recipient_for_phone(phone="+447700900124")
    phones = [row[0] for row in raw_rows() if row[0]]
    assert len(set(phones)) == 2
    assert other.pk != first.pk


@pytest.mark.django_db
def test_matching_an_encrypted_column_by_value_is_refused():
    with pytest.raises(TypeError, match="index column"):
        list(Recipient.objects.filter(phone=PHONE))
    assert list(Recipient.objects.filter(phone="")) == []


@pytest.mark.django_db
def test_rotation_re_encrypts_under_the_new_key_so_the_old_one_can_go(settings):
    old, new = new_key(), new_key()
    settings.SIGNPOST_CONTACT_KEYS = [old]
    recipient_for_phone(phone=PHONE)
    recipient_for_email(email=EMAIL)
    before = raw_rows()

    settings.SIGNPOST_CONTACT_KEYS = [new, old]  # step 1: new key first, old one still decrypts
    out = StringIO()
    call_command("rotate_contact_key", stdout=out)
    assert "2 recipients: 2 contact details re-encrypted" in out.getvalue()
    assert "0 look-up indexes recomputed" in out.getvalue()
    after = raw_rows()
    assert [row[0] for row in after] != [row[0] for row in before]
    assert [row[2:] for row in after] == [row[2:] for row in before]  # indexes unchanged

    settings.SIGNPOST_CONTACT_KEYS = [new]  # step 2: the old key is dropped
    assert {r.phone for r in Recipient.objects.all()} == {PHONE, ""}
    settings.SIGNPOST_CONTACT_KEYS = [old]  # the old key alone no longer reads anything
    with pytest.raises(UndecryptableContact):
        list(Recipient.objects.exclude(phone=""))


@pytest.mark.django_db
def test_a_new_index_key_is_applied_by_the_rotation_command(settings):
    recipient = recipient_for_phone(phone=PHONE)
    settings.SIGNPOST_CONTACT_INDEX_KEY = "a-new-index-key"
    out = StringIO()
    call_command("rotate_contact_key", stdout=out)
    assert "1 look-up indexes recomputed" in out.getvalue()
    assert recipient_for_phone(phone=PHONE).pk == recipient.pk


def test_new_key_prints_a_usable_key():
    out = StringIO()
    call_command("rotate_contact_key", "--new-key", stdout=out)
    from cryptography.fernet import Fernet

    Fernet(out.getvalue().strip().encode())


@pytest.mark.django_db
def test_missing_or_malformed_keys_fail_loudly(settings):
    settings.SIGNPOST_CONTACT_KEYS = []
    with pytest.raises(ImproperlyConfigured, match="SIGNPOST_CONTACT_KEYS is missing"):
        recipient_for_phone(phone=PHONE)
    settings.SIGNPOST_CONTACT_KEYS = ["not-a-key"]
    with pytest.raises(ImproperlyConfigured, match="Fernet keys"):
        recipient_for_phone(phone=PHONE)


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_rows_stored_in_plain_text():
    executor = MigrationExecutor(connection)
    executor.migrate([("messaging", "0001_initial")])
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO messaging_recipient (phone, email, language, conversation_id, created_at)"
            " VALUES (%s, '', 'en', 'c1', CURRENT_TIMESTAMP),"
            " ('', %s, 'en', 'c2', CURRENT_TIMESTAMP)", [PHONE, EMAIL])
        cursor.execute(
            "INSERT INTO messaging_inboundmessage (channel, provider_id, body, status,"
            " relay_attempts, received_at) VALUES ('sms', 'SM1', %s, 'relayed', 1,"
            " CURRENT_TIMESTAMP)", [f"my safe number is {PHONE}"])
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    stored = " ".join(" ".join(row) for row in raw_rows())
    assert "7700900123" not in stored
    assert "okafor" not in stored
    assert recipient_for_phone(phone=PHONE).conversation_id == "c1"
    assert recipient_for_email(email=EMAIL).conversation_id == "c2"
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM messaging_inboundmessage")
        assert "7700900123" not in cursor.fetchone()[0]
    assert InboundMessage.objects.get().body == f"my safe number is {PHONE}"


ROTATED = {("messaging.Recipient", "phone"), ("messaging.Recipient", "email"),
           ("transfers.ServiceDestination", "webhook_secret"),
           ("caseupdates.CaseEvent", "officer_note"), ("caseupdates.CaseEvent", "court_place"),
           ("caseupdates.OfficerReply", "body"),
           ("referrals.NeedsAssessment", "victim_name"),
           ("referrals.NeedsAssessment", "called_name"), ("messaging.InboundMessage", "body"),
           ("leaflets.ReviewedCatalog", "reviewer_name")}


@pytest.mark.django_db
def test_the_rotation_command_rotates_every_encrypted_field(settings):
    """Consistency: a new EncryptedTextField fails here until the command rotates it too."""
    from django.apps import apps

    from messaging.fields import EncryptedTextField
    from organisations.models import Organisation, OrganisationKind
    from transfers.models import ServiceDestination

    encrypted = {(model._meta.label, field.name) for model in apps.get_models()
                 for field in model._meta.concrete_fields
                 if isinstance(field, EncryptedTextField)}
    assert encrypted == ROTATED

    old, new = new_key(), new_key()
    settings.SIGNPOST_CONTACT_KEYS = [old]
    recipient_for_phone(phone=PHONE)
    recipient_for_email(email=EMAIL)
    service = Organisation.objects.create(slug="care", name="Care",
                                          kind=OrganisationKind.SUPPORT_SERVICE)
    ServiceDestination.objects.create(organisation=service, webhook_secret="s3cret")
    from caseupdates.models import CaseEvent

    force = Organisation.objects.create(slug="force", name="Force", kind=OrganisationKind.FORCE)
    CaseEvent.objects.create(organisation=force, crime_reference="1", kind="charged",
                             decided_at=timezone.now(), source="api", officer_note="s3cret",
                             court_place="s3cret")
    from caseupdates.models import OfficerReply, VictimCase
    from leaflets.models import LeafletIssue

    issue = LeafletIssue.objects.create(
        token_hash="0" * 64, language="en", content_version="t", organisation=force,
        crime_reference="1", channels=["sms"], expires_at=timezone.now())
    OfficerReply.objects.create(case=VictimCase.objects.get(leaflet_issue=issue), body="s3cret")
    from referrals.models import NeedsAssessment

    NeedsAssessment.objects.create(question_set_version="v", via="officer",
                                   victim_name="s3cret", called_name="s3cret")
    InboundMessage.objects.create(channel="sms", provider_id="SM1", body="s3cret")
    from leaflets.models import ReviewedCatalog

    ReviewedCatalog.objects.create(language="pl", domain="signpost", po_text="",
                                   reviewer_name="s3cret", reviewed_on=timezone.localdate(),
                                   organisation=force)
    settings.SIGNPOST_CONTACT_KEYS = [new, old]
    call_command("rotate_contact_key", stdout=StringIO())
    settings.SIGNPOST_CONTACT_KEYS = [new]
    for label, name in sorted(encrypted):
        values = set(apps.get_model(label).objects.exclude(**{name: ""})
                     .values_list(name, flat=True))
        assert values <= {PHONE, EMAIL, "s3cret"}
        assert len(values) == 1, (label, name)


@pytest.mark.django_db
def test_rotation_re_encrypts_the_texts_victims_sent(settings):
    old, new = new_key(), new_key()
    settings.SIGNPOST_CONTACT_KEYS = [old]
    InboundMessage.objects.create(channel="sms", provider_id="SM-rotate", body="call 07700 900123")
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM messaging_inboundmessage")
        (before,) = cursor.fetchone()
    settings.SIGNPOST_CONTACT_KEYS = [new, old]
    out = StringIO()
    call_command("rotate_contact_key", stdout=out)
    assert "1 inbound texts and mails re-encrypted under the newest key" in out.getvalue()
    settings.SIGNPOST_CONTACT_KEYS = [new]
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM messaging_inboundmessage")
        (after,) = cursor.fetchone()
    assert after != before
    assert InboundMessage.objects.get().body == "call 07700 900123"
