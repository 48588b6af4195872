"""API keys: only a hash stored, checked in constant time, revocable, scoped."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from api.keys import authenticate, create_key, has_scope, revoke_key
from api.models import ApiKey
from api.scopes import Scope, parse_scopes
from audit.models import AuditEvent
from tests.second_factor import verified_login


def test_only_the_hash_is_stored(force):
    created = create_key(organisation=force, name="CRS", scopes=[Scope.LEAFLETS_ISSUE])
    stored = ApiKey.objects.values().get()
    assert created.key not in str(stored)
    assert created.key.split("_", 2)[2] not in str(stored)  # the secret part
    assert authenticate(authorization=f"Bearer {created.key}") == created.api_key


def test_a_wrong_secret_or_scheme_is_refused(force):
    created = create_key(organisation=force, name="CRS", scopes=[Scope.LEAFLETS_ISSUE])
    tampered = created.key[:-1] + ("A" if created.key[-1] != "A" else "B")
    assert authenticate(authorization=f"Bearer {tampered}") is None
    assert authenticate(authorization=f"Basic {created.key}") is None
    assert authenticate(authorization="") is None


def test_a_revoked_key_stops_working_and_is_audited(force):
    created = create_key(organisation=force, name="CRS", scopes=[Scope.LEAFLETS_ISSUE])
    revoke_key(api_key=created.api_key)
    assert authenticate(authorization=f"Bearer {created.key}") is None
    actions = list(AuditEvent.objects.filter(object_type="api.apikey")
                   .values_list("action", flat=True))
    assert actions == ["api-key-created", "api-key-revoked"]


def test_scopes(force):
    created = create_key(organisation=force, name="CRS", scopes=[Scope.CRIMES_LOAD])
    assert has_scope(created.api_key, Scope.CRIMES_LOAD)
    assert not has_scope(created.api_key, Scope.LEAFLETS_ISSUE)
    with pytest.raises(ValueError, match="unknown scope"):
        parse_scopes(["leaflets:delete"])


def test_the_command_prints_the_key_once_and_lists_without_secrets(force):
    out = io.StringIO()
    call_command("api_key", "create", "test-force", "CRS", "--scope", "leaflets:issue",
                 stdout=out, stderr=io.StringIO())
    key = out.getvalue().strip()
    assert authenticate(authorization=f"Bearer {key}") is not None
    listing = io.StringIO()
    call_command("api_key", "list", stdout=listing)
    assert "leaflets:issue" in listing.getvalue()
    assert key not in listing.getvalue()
    prefix = ApiKey.objects.get().prefix
    call_command("api_key", "revoke", prefix, stdout=io.StringIO())
    assert authenticate(authorization=f"Bearer {key}") is None


def test_an_admin_revokes_keys_from_the_admin(force, client, django_user_model):
    created = create_key(organisation=force, name="CRS", scopes=[Scope.LEAFLETS_ISSUE])
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-x" * 4)
    verified_login(client, admin)
    response = client.post("/admin/api/apikey/", {"action": "revoke",
                                                  "_selected_action": [created.api_key.pk]})
    assert response.status_code == 302
    assert authenticate(authorization=f"Bearer {created.key}") is None
    event = AuditEvent.objects.get(action="api-key-revoked")
    assert event.actor_username == "root"


def test_an_admin_creates_a_key_and_sees_it_once(force, client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-x" * 4)
    verified_login(client, admin)
    assert client.get("/admin/api/apikey/add/").status_code == 200
    response = client.post("/admin/api/apikey/add/", {
        "organisation": force.pk, "name": "CRS", "scopes": ["leaflets:issue", "crimes:load"]})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = response.context["key"]
    assert key in response.content.decode()
    api_key = authenticate(authorization=f"Bearer {key}")
    assert api_key is not None
    assert api_key.scopes == ["leaflets:issue", "crimes:load"]
    assert api_key.created_by == admin
    listing = client.get("/admin/api/apikey/").content.decode()
    assert key not in listing
    assert AuditEvent.objects.get(action="api-key-created").actor_username == "root"
