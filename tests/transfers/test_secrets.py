"""Webhook secrets are stored encrypted (under SIGNPOST_CONTACT_KEYS), read back plain, re-encrypted
by ``manage.py rotate_contact_key``, and encrypted by the migration where they were plain."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from messaging.crypto import UndecryptableContact, new_key
from organisations.models import Organisation, OrganisationKind
from tests.transfers.conftest import SECRET
from transfers.models import ServiceDestination


def stored_secrets() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT webhook_secret FROM transfers_servicedestination ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def test_the_secret_is_stored_encrypted_and_read_back_plain(destination):
    [stored] = stored_secrets()
    assert SECRET not in stored
    assert ServiceDestination.objects.get().webhook_secret == SECRET
    assert destination.has_webhook


@pytest.mark.django_db
def test_no_secret_stays_empty_and_means_no_webhook(service):
    ServiceDestination.objects.create(organisation=service, webhook_url="https://care.example/")
    assert stored_secrets() == [""]
    assert not ServiceDestination.objects.get().has_webhook


def test_the_rotation_command_re_encrypts_the_secret_under_the_new_key(destination, settings):
    old, new = new_key(), new_key()
    settings.SIGNPOST_CONTACT_KEYS = [old]
    destination.save()  # written under the old key
    before = stored_secrets()

    settings.SIGNPOST_CONTACT_KEYS = [new, old]
    out = StringIO()
    call_command("rotate_contact_key", stdout=out)
    assert "1 webhook secrets re-encrypted under the newest key" in out.getvalue()
    assert stored_secrets() != before

    settings.SIGNPOST_CONTACT_KEYS = [new]
    assert ServiceDestination.objects.get().webhook_secret == SECRET
    settings.SIGNPOST_CONTACT_KEYS = [old]
    with pytest.raises(UndecryptableContact):
        ServiceDestination.objects.get()


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_plain_secrets_and_its_reverse_decrypts_them():
    organisation = Organisation.objects.create(slug="care", name="Care Service",
                                               kind=OrganisationKind.SUPPORT_SERVICE)
    other = Organisation.objects.create(slug="care-2", name="Care Two",
                                        kind=OrganisationKind.SUPPORT_SERVICE)
    executor = MigrationExecutor(connection)
    executor.migrate([("transfers", "0001_initial")])
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO transfers_servicedestination"
            " (organisation_id, webhook_url, webhook_secret, batch_folder, active)"
            " VALUES (%s, 'https://care.example/', %s, '', %s), (%s, '', '', '/drop', %s)",
            [organisation.pk, SECRET, True, other.pk, True])
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("transfers", "0002_encrypt_webhook_secrets")])
    encrypted, empty = stored_secrets()
    assert (SECRET in encrypted, empty) == (False, "")
    assert ServiceDestination.objects.get(organisation=organisation).webhook_secret == SECRET

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("transfers", "0001_initial")])
    assert stored_secrets() == [SECRET, ""]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert ServiceDestination.objects.get(organisation=organisation).webhook_secret == SECRET


def test_an_admin_sets_the_secret_in_a_one_line_field_and_it_is_stored_encrypted(
        destination, admin_client):
    url = f"/admin/transfers/servicedestination/{destination.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert '<input type="text" name="webhook_secret"' in page
    answer = admin_client.post(url, {"organisation": destination.organisation_id,
                                     "webhook_url": destination.webhook_url,
                                     "webhook_secret": "a-new-secret",
                                     "batch_folder": destination.batch_folder, "active": "on"})
    assert answer.status_code == 302
    assert ServiceDestination.objects.get().webhook_secret == "a-new-secret"
    assert "a-new-secret" not in stored_secrets()[0]
