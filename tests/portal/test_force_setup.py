"""The force administrator's setup page: the checklist, editing the force's details (validated,
audited), the crime-reference tester, and who gets in."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from api.models import ApiKey
from audit.models import AuditEvent
from organisations.models import Organisation, OrganisationKind
from organisations.roles import Role
from portal.force_setup import checklist
from tests.portal.factories import World, make_user
from tests.second_factor import verified_login

SETTINGS = {
    "name": "Testshire Police", "name_translations": "cy: Heddlu Testshire",
    "sms_sender_id": "TESTSHIRE", "email_from_name": "Testshire Police",
    "email_from_address": "victims@testshire.example", "logo_url": "https://testshire.example/l.png",
    "support_line_name": "Testshire Care", "support_line_phone": "0808 157 0000",
    "support_line_opening_hours": "mon-fri 08:00-20:00\nsat 09:00-17:00",
    "sms_provider": "", "email_provider": "",
}


def _url(world: World, tail: str = "") -> str:
    return f"/portal/forces/{world.force.slug}/setup/{tail}"


@pytest.fixture
def admin(client: Client, world: World) -> Client:
    verified_login(client, world.admin)
    return client


def _checks(world: World) -> dict[str, bool]:
    world.force.refresh_from_db()
    return {check.key: check.done for check in checklist(force=world.force).checks}


def test_a_new_force_is_not_ready_and_says_what_is_missing(admin: Client, world: World) -> None:
    page = admin.get(_url(world)).content.decode()
    assert "Not ready to give leaflets" in page
    done = _checks(world)
    assert done["name"]
    assert done["units"]
    assert done["officers"]
    assert done["crime_reference"]
    assert not done["sms_sender_id"]
    assert not done["logo"]
    assert not done["support_service"]
    assert not done["support_line"]  # a number but no opening hours
    assert 'href="#id_sms_sender_id"' in page
    assert 'href="/admin/api/apikey/' in page


def test_a_complete_force_is_ready(admin: Client, world: World, settings: Any) -> None:
    settings.SMTP_HOST, settings.EMAIL_FROM = "relay.example", "signpost@example.org"
    assert admin.post(_url(world, "settings/"), SETTINGS).status_code == 302
    ApiKey.objects.create(organisation=world.service, name="Case system", prefix="p1",
                          secret_hash="0" * 64)
    assert all(_checks(world).values()), _checks(world)
    assert "Ready to give leaflets" in admin.get(_url(world)).content.decode()


def test_missing_provider_credentials_are_named_never_shown(world: World, settings: Any) -> None:
    settings.SIGNPOST_SMS_PROVIDER, settings.TWILIO_AUTH_TOKEN = "twilio", ""
    settings.TWILIO_ACCOUNT_SID = "AC-secret-value"
    sms = next(c for c in checklist(force=world.force).checks if c.key == "sms_provider")
    assert not sms.done
    assert "TWILIO_AUTH_TOKEN" in sms.detail
    assert "AC-secret-value" not in sms.detail


def test_saving_the_details_stores_json_and_is_audited(admin: Client, world: World) -> None:
    before = AuditEvent.objects.count()
    response = admin.post(_url(world, "settings/"), SETTINGS)
    assert response.status_code == 302
    world.force.refresh_from_db()
    assert world.force.name_translations == {"cy": "Heddlu Testshire"}
    assert world.force.support_line_opening_hours[1] == {"days": "sat", "opens": "09:00",
                                                        "closes": "17:00"}
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.object_type, event.actor_id) == (
        "change", "organisations.organisation", world.admin.pk)
    assert "sms_sender_id" in event.detail["fields"]
    assert "TESTSHIRE" not in str(event.detail)  # field names only, never values
    # The same values again change nothing and write nothing.
    admin.post(_url(world, "settings/"), SETTINGS)
    assert AuditEvent.objects.count() == before + 1


@pytest.mark.parametrize(("field", "value", "error"), [
    ("sms_sender_id", "TOO-LONG-SENDER", "at least one letter (UK alphanumeric"),
    ("sms_sender_id", "12345", "at least one letter (UK alphanumeric"),
    ("email_from_address", "not-an-address", "valid email"),
    ("logo_url", "http://testshire.example/l.png", "must start with https://"),
    ("name_translations", "xx: Nowhere", "Not a leaflet language code"),
    ("name_translations", "Heddlu Testshire", "language code, a colon"),
    ("support_line_opening_hours", "mon-fri 20:00-08:00", "is not after"),
    ("support_line_opening_hours", "weekdays", "days and times"),
])
def test_bad_details_are_refused_with_a_clear_error(admin: Client, world: World, field: str,
                                                    value: str, error: str) -> None:
    before = AuditEvent.objects.count()
    response = admin.post(_url(world, "settings/"), {**SETTINGS, field: value})
    assert response.status_code == 400
    errors = str(response.context["settings_form"].errors[field])
    assert error in errors
    assert "The details were not saved" in response.content.decode()
    world.force.refresh_from_db()
    assert world.force.sms_sender_id == ""  # nothing of the form was stored
    assert AuditEvent.objects.count() == before


def test_the_tester_shows_which_references_match(admin: Client, world: World) -> None:
    response = admin.post(_url(world, "crime-reference/"), {
        "pattern": r"[A-Z]{2}/\d{5}/\d{2}", "example": "ab/12345/26",
        "samples": "ab/12345/26\n01/234567/26\n", "action": "test"})
    assert response.status_code == 200
    trials = [(t.normalised, t.matches) for t in response.context["trials"]]
    assert trials == [("AB/12345/26", True), ("01/234567/26", False)]
    world.force.refresh_from_db()
    assert world.force.crime_reference_pattern == r"\d{2}/\d{6}/\d{2}"  # testing saves nothing


def test_a_valid_format_is_saved_and_used_when_giving(admin: Client, world: World) -> None:
    response = admin.post(_url(world, "crime-reference/"), {
        "pattern": r"[A-Z]{2}/\d{5}/\d{2}", "example": "ab/12345/26", "action": "save"})
    assert response.status_code == 302
    world.force.refresh_from_db()
    assert world.force.crime_reference_pattern == r"[A-Z]{2}/\d{5}/\d{2}"
    assert world.force.crime_reference_example == "AB/12345/26"
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert sorted(event.detail["fields"]) == ["crime_reference_example",
                                                             "crime_reference_pattern"]
    from crimes.references import normalise_for_force

    assert normalise_for_force(organisation=world.force, reference="zz/00001/01")


@pytest.mark.parametrize(("pattern", "error"), [
    (r"(\d{2}/", "not a valid pattern"),
    (r"(\d+)+/", "too long to check"),
    (r"(\w+\s?)+$", "too long to check"),
    (r"(a|aa)+$", "too long to check"),
    ("A" * 101, "the most is 100"),
])
def test_an_invalid_or_catastrophic_format_is_refused_and_not_saved(
        admin: Client, world: World, pattern: str, error: str) -> None:
    for action in ("test", "save"):
        response = admin.post(_url(world, "crime-reference/"), {
            "pattern": pattern, "samples": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
            "action": action})
        assert response.status_code == 400
        assert error in response.content.decode()
    world.force.refresh_from_db()
    assert world.force.crime_reference_pattern == r"\d{2}/\d{6}/\d{2}"


def test_an_example_the_format_refuses_is_not_saved(admin: Client, world: World) -> None:
    response = admin.post(_url(world, "crime-reference/"), {
        "pattern": r"\d{2}/\d{6}/\d{2}", "example": "AB-1", "action": "save"})
    assert response.status_code == 400
    assert "The example does not match the format" in response.content.decode()


@pytest.mark.parametrize("who", ["officer", "supervisor", "caseworker"])
def test_other_roles_get_403(client: Client, world: World, who: str) -> None:
    verified_login(client, getattr(world, who))
    for tail in ("", "settings/", "crime-reference/"):
        assert client.get(_url(world, tail)).status_code in (403, 405)
        assert client.post(_url(world, tail), SETTINGS).status_code in (403, 405)
    assert client.get("/portal/setup/").status_code == 403


def test_another_forces_admin_gets_403(client: Client, world: World) -> None:
    elsewhere = Organisation.objects.create(slug="elsewhere", name="Elsewhere Police",
                                            kind=OrganisationKind.FORCE)
    verified_login(client, make_user("other-admin", Role.ADMIN, elsewhere))
    assert client.get(_url(world)).status_code == 403
    assert client.post(_url(world, "settings/"), SETTINGS).status_code == 403
    assert client.post(_url(world, "crime-reference/"), {
        "pattern": "", "action": "save"}).status_code == 403
    world.force.refresh_from_db()
    assert world.force.sms_sender_id == ""
    assert world.force.crime_reference_pattern
    # Their own setup page is theirs.
    assert client.get("/portal/setup/")["Location"] == "/portal/forces/elsewhere/setup/"


def test_a_support_services_admin_has_no_setup_page(client: Client, world: World) -> None:
    verified_login(client, make_user("service-admin", Role.ADMIN, world.service))
    assert client.get("/portal/setup/").status_code == 403
    assert client.get("/portal/forces/testshire-care/setup/").status_code == 403


def test_a_force_admin_lands_on_the_setup_page(admin: Client, world: World) -> None:
    assert admin.get("/portal/")["Location"] == "/portal/setup/"
    assert 'href="/portal/setup/">Force setup' in admin.get(_url(world)).content.decode()


def test_a_new_format_can_be_tested_before_its_example_is_changed(admin: Client,
                                                                  world: World) -> None:
    response = admin.post(_url(world, "crime-reference/"), {
        "pattern": r"[A-Z]{2}/\d{5}/\d{2}", "example": "01/234567/26",
        "samples": "ab/12345/26", "action": "test"})
    assert response.status_code == 200
    assert [t.matches for t in response.context["trials"]] == [True]


def test_every_provider_has_a_name_on_the_page() -> None:
    from portal.force_setup import PROVIDER_NAMES
    from signpost.production import PROVIDER_SETTINGS

    assert set(PROVIDER_NAMES) == set(PROVIDER_SETTINGS)


def test_a_pattern_only_re_backtracks_on_is_refused_by_the_time_out() -> None:
    """(a|a)* has no repeat inside a repeat, but re tries 2**64 ways on 64 a's."""
    from portal.reference_patterns import PatternRefused, check_pattern

    with pytest.raises(PatternRefused, match="takes too long"):
        check_pattern("(a|a)*b")
