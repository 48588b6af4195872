"""Authorisation on every object: changing an id in a URL never reaches another's data.

The URL list comes from the resolver. Every URL that takes a parameter must be in OWNERSHIP (a
user of another unit, support service or organisation, or an API key of another organisation or
without the scope, gets 403 or 404, sees none of the owner's data and changes nothing, while the
owner gets in) or in NOT_OBJECTS (its parameter names no stored object, with the reason). A new
URL with a parameter fails ``test_every_url_with_a_parameter_has_an_ownership_case`` until it is
added to one of them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import get_resolver, resolve
from django.utils import timezone

from api.keys import create_key
from api.scopes import Scope
from leaflets.statuses import IssueChannel
from organisations.models import Organisation, OrganisationKind, Unit
from organisations.roles import Role
from referrals.models import Referral
from tests.hardening.hostile import twilio_signature
from tests.hardening.stored import changed_tables, stored_state
from tests.messaging.support import queue_sms
from tests.portal.conftest import FAST_HASHERS
from tests.portal.factories import World, make_issue, make_referral, make_user, make_world
from tests.portal.test_roles_by_url import CONVERTER, _walk
from tests.second_factor import verified_login

pytestmark = pytest.mark.django_db
CRIME_REFERENCE = "01/234567/26"
PHONE = "+447700900123"

# URL names whose parameter is not the id of a stored object, and why.
NOT_OBJECTS: dict[str, str] = {
    "portal:sso_start": "a force's slug choosing its identity provider, before anyone is signed "
                        "in; another force's staff are refused (test_sso: other-force)",
    "portal:sso_callback": "as portal:sso_start; the sign-in it completes is bound to the "
                           "browser's own session (test_sso: state, replay)",
    "portal:dashboard_csv": "the key names a dashboard table; the units a supervisor may see "
                            "are checked in test_a_supervisor_cannot_widen_the_dashboard",
    "leaflets:generic_qr": "the file format of the service's generic QR code",
    "leaflets:leaflet": "a language code of the public leaflet",
    "leaflets:large_print": "a language code of the public leaflet",
    "leaflets:text": "a language code of the public leaflet",
    "leaflets:safety": "a language code of the public leaflet",
    "leaflets:link": "the unguessable link token is the capability itself (tested in "
                     "test_public_pages_hostile: unknown, expired and guessed tokens)",
    "leaflets:link_languages": "as leaflets:link",
    "leaflets:beacon": "as leaflets:link; a forged view id records nothing",
    "leaflets:code": "the code typed from under a QR is the capability itself, counted by the "
                     "same per-client limit as link tokens; its page leaves out the crime "
                     "reference and the officer (tests/leaflets: code pages)",
    "leaflets:code_beacon": "as leaflets:code; a forged view id records nothing",
    "chat:chat": "a language code; the conversation is the visitor's own session "
                 "(test_a_chat_transcript_belongs_to_its_own_session)",
    "admin:*": "Django's admin: staff only (tests/portal/test_roles_by_url.py)",
}


@dataclass
class Cast:
    """The owners (world) and the strangers who try their objects."""

    world: World
    other_service: Organisation
    other_force: Organisation
    stranger_caseworker: User
    foreign_officer: User
    foreign_supervisor: User
    foreign_key: str
    unscoped_key: str
    own_key: str


@dataclass(frozen=True)
class Attempt:
    stranger: str  # who tries, for the failure message
    method: str
    path: str
    data: dict[str, str]
    login: User | None = None
    authorization: str = ""
    allowed: tuple[int, ...] = (403, 404)


@dataclass(frozen=True)
class Case:
    attempts: list[Attempt]
    owner: Attempt  # the same request by the owner: gets in (proves the id was real)
    secrets: tuple[str, ...]  # the owner's data: never in a stranger's answer


CaseMaker = Callable[[Cast], Case]


def _referral_case(suffix: str, method: str, data: dict[str, str]) -> CaseMaker:
    def make(cast: Cast) -> Case:
        referral = make_referral(cast.world, phone=PHONE)
        path = f"/portal/referrals/{referral.reference}/{suffix}"
        tries = [Attempt("caseworker of another service", method, path, data,
                         login=cast.stranger_caseworker),
                 Attempt("officer of the referring force", method, path, data,
                         login=cast.world.officer)]
        return Case(tries, Attempt("owner", method, path, data, login=cast.world.caseworker,
                                   allowed=(200, 302)),
                    (referral.reference, PHONE, "07700 900123"))

    return make


def _issue_case(suffix: str, method: str, data: dict[str, str]) -> CaseMaker:
    def make(cast: Cast) -> Case:
        issue = make_issue(cast.world, crime_reference=CRIME_REFERENCE,
                           channels=[IssueChannel.QR])
        path = f"/portal/leaflets/{issue.pk}/{suffix}"
        tries = [Attempt("officer of another unit", method, path, data,
                         login=cast.world.other_officer),
                 Attempt("officer of another force", method, path, data,
                         login=cast.foreign_officer)]
        return Case(tries, Attempt("owner", method, path, data, login=cast.world.officer,
                                   allowed=(200, 302)), (CRIME_REFERENCE,))

    return make


def _delivery_log_case(route: Callable[[str, str], str]) -> CaseMaker:
    def make(cast: Cast) -> Case:
        message = queue_sms(PHONE, key=f"log-{uuid.uuid4()}",
                            about=("leaflet-issue", str(make_issue(cast.world).pk)))
        path = route(str(message.pk), str(message.about_id))
        tries = [Attempt(who, "GET", path, {}, login=user) for who, user in (
            ("caseworker of another service", cast.stranger_caseworker),
            ("supervisor of another force", cast.foreign_supervisor),
            ("officer who sent it", cast.world.officer))]
        return Case(tries, Attempt("admin", "GET", path, {}, login=cast.world.admin,
                                   allowed=(200,)), (PHONE, "900123"))

    return make


def _api_issue(cast: Cast) -> Case:
    issue = make_issue(cast.world, crime_reference=CRIME_REFERENCE)
    path = f"/api/v1/leaflet-issues/{issue.pk}"
    tries = [Attempt("key of another force", "GET", path, {},
                     authorization=f"Bearer {cast.foreign_key}"),
             Attempt("key without leaflets:read", "GET", path, {},
                     authorization=f"Bearer {cast.unscoped_key}")]
    return Case(tries, Attempt("owner's key", "GET", path, {},
                               authorization=f"Bearer {cast.own_key}", allowed=(200,)),
                (CRIME_REFERENCE,))


def _status_callback(cast: Cast) -> Case:
    """A provider callback signed for one message, replayed onto another message's URL."""
    mine = queue_sms(PHONE, key=f"cb-{uuid.uuid4()}")
    other = queue_sms("+447700900456", key=f"cb-{uuid.uuid4()}")
    params = {"MessageSid": "SM" + "c" * 32, "MessageStatus": "delivered"}
    path = f"/webhooks/twilio/status/{mine.pk}"
    forged = twilio_signature(f"/webhooks/twilio/status/{other.pk}", params)
    return Case([Attempt("signature of another message", "POST", path, params,
                         authorization=forged)],
                Attempt("provider", "POST", path, params,
                        authorization=twilio_signature(path, params), allowed=(204, 400)), ())


def _erasure_case(suffix: str, method: str, data: dict[str, str]) -> CaseMaker:
    def make(cast: Cast) -> Case:
        referral = make_referral(cast.world, phone=PHONE)
        path = f"/portal/erasure/victims/{referral.recipient_id}/{suffix}"
        tries = [Attempt("caseworker of another service", method, path, data,
                         login=cast.stranger_caseworker),
                 Attempt("officer", method, path, data, login=cast.world.officer)]
        # the owner posts no confirmation: refused by the form (400), so nothing is erased
        owner = Attempt("owner", method, path, {}, login=cast.world.caseworker,
                        allowed=(200, 400, 503))
        return Case(tries, owner, (referral.reference, PHONE))

    return make


def _case_update_case(route: Callable[[int, int], str], method: str,
                      data: dict[str, str]) -> CaseMaker:
    def make(cast: Cast) -> Case:
        from caseupdates.events import EventSource, record_event
        from caseupdates.models import VictimCase

        issue = make_issue(cast.world, crime_reference=CRIME_REFERENCE,
                           channels=[IssueChannel.QR])
        update = record_event(organisation=cast.world.force, crime_reference=CRIME_REFERENCE,
                              kind="charged", source=EventSource.PORTAL,
                              decided_at=timezone.now()).updates[0]
        path = route(update.pk, VictimCase.objects.get(leaflet_issue=issue).pk)
        tries = [Attempt("officer of another unit", method, path, data,
                         login=cast.world.other_officer),
                 Attempt("officer of another force", method, path, data,
                         login=cast.foreign_officer)]
        return Case(tries, Attempt("owner", method, path, data, login=cast.world.officer,
                                   allowed=(200, 302)), (CRIME_REFERENCE,))

    return make


def _force_setup_case(suffix: str, method: str, data: dict[str, str]) -> CaseMaker:
    def make(cast: Cast) -> Case:
        path = f"/portal/forces/{cast.world.force.slug}/setup/{suffix}"
        tries = [Attempt(who, method, path, data, login=user) for who, user in (
            ("admin of another force", make_user("foreign-admin", Role.ADMIN, cast.other_force)),
            ("admin of a support service", make_user("service-admin", Role.ADMIN,
                                                     cast.other_service)),
            ("officer of the force", cast.world.officer),
            ("supervisor of the force", cast.world.supervisor))]
        return Case(tries, Attempt("owner", method, path, data, login=cast.world.admin,
                                   allowed=(200, 302, 400)), ("0808 157 0000", CRIME_REFERENCE))
    return make


OWNERSHIP: dict[str, CaseMaker] = {
    "portal:force_setup": _force_setup_case("", "GET", {}),
    "portal:force_settings": _force_setup_case("settings/", "POST", {
        "name": "Taken over", "sms_sender_id": "TAKENOVER"}),
    "portal:force_crime_reference": _force_setup_case("crime-reference/", "POST", {
        "pattern": "", "action": "save"}),
    "portal:force_officers": _force_setup_case("officers/", "GET", {}),
    "portal:force_officers_preview": _force_setup_case("officers/preview/", "POST", {
        "file": "username,role,units\ntaken-over,officer,North borough\n"}),
    "portal:force_officers_apply": _force_setup_case("officers/apply/", "POST", {
        "payload": "username,role,units\ntaken-over,officer,North borough\n"}),
    "portal:force_translations": _force_setup_case("translations/", "GET", {}),
    "portal:force_translations_export": _force_setup_case("translations/pl/export/", "GET",
                                                          {"catalog": "all"}),
    "portal:force_translations_import": _force_setup_case("translations/import/", "POST", {
        "language": "pl", "catalog": "signpost", "reviewer": "Taken over",
        "reviewed_on": "2026-12-01"}),
    "portal:force_translations_publishing": _force_setup_case("translations/publishing/",
                                                              "POST", {"reviewed_only": "on"}),
    "portal:update_by_phone": _case_update_case(
        lambda update, _case: f"/portal/updates/{update}/by-phone/", "POST", {}),
    "portal:case_choices": _case_update_case(
        lambda _update, case: f"/portal/updates/cases/{case}/", "GET", {}),
    "portal:case_messages": _case_update_case(
        lambda _update, case: f"/portal/updates/cases/{case}/messages/", "POST",
        {"text": "taken over"}),
    "portal:resend": _issue_case("resend/", "POST", {"channel": "sms"}),
    "portal:scene": _issue_case("scene/", "GET", {}),
    "portal:referral": _referral_case("", "GET", {}),
    "portal:referral_contact": _referral_case("contact/", "POST", {"reason": "to call them"}),
    "portal:referral_status": _referral_case("status/", "POST", {"to": "in-progress",
                                                                  "reason": ""}),
    "portal:referral_note": _referral_case("note/", "POST", {"text": "a note"}),
    "portal:referral_assign": _referral_case("assign/", "POST", {"to": ""}),
    "portal:erasure_victim": _erasure_case("", "GET", {}),
    "portal:erasure_erase": _erasure_case("erase/", "POST", {"confirm": "on"}),
    "messaging:message_log": _delivery_log_case(lambda m, _a: f"/messaging/log/message/{m}/"),
    "messaging:message_log_csv": _delivery_log_case(
        lambda m, _a: f"/messaging/log/message/{m}.csv"),
    "messaging:subject_log": _delivery_log_case(
        lambda _m, a: f"/messaging/log/leaflet-issue/{a}/"),
    "messaging:subject_log_csv": _delivery_log_case(
        lambda _m, a: f"/messaging/log/leaflet-issue/{a}.csv"),
    "api:issue": _api_issue,
    "twilio-status": _status_callback,
}


def _routes_with_parameters() -> dict[str, str]:
    found: dict[str, str] = {}
    for route, name in _walk(get_resolver().url_patterns):
        if name == "admin:*" or CONVERTER.search(route):
            found.setdefault(name, route)
    return found


def test_every_url_with_a_parameter_has_an_ownership_case() -> None:
    missing = [f"/{route} ({name})" for name, route in _routes_with_parameters().items()
               if name not in OWNERSHIP and name not in NOT_OBJECTS]
    assert not missing, (
        f"these URLs take an id, reference or token but have no ownership case: {missing}. Add "
        "each to OWNERSHIP in tests/hardening/test_object_access.py (another unit's, service's "
        "or organisation's user or API key must get 403/404), or to NOT_OBJECTS with the reason "
        "its parameter names no stored object.")
    stale = sorted((set(OWNERSHIP) | set(NOT_OBJECTS)) - set(_routes_with_parameters()))
    assert not stale, f"no such URL any more: {stale}"


@pytest.fixture
def cast(db: None, settings, fake_queue) -> Cast:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.TWILIO_AUTH_TOKEN = "dev-auth-token"
    settings.SIGNPOST_ALLOW_DRAMA_NUMBERS = True
    world = make_world()
    other_service = Organisation.objects.create(slug="elsewhere-care", name="Elsewhere Care",
                                                kind=OrganisationKind.SUPPORT_SERVICE)
    other_force = Organisation.objects.create(slug="othershire", name="Othershire Police",
                                              kind=OrganisationKind.FORCE)
    far = Unit.objects.create(organisation=other_force, name="Far borough")
    return Cast(
        world=world, other_service=other_service, other_force=other_force,
        stranger_caseworker=make_user("stranger-cw", Role.CASEWORKER, other_service),
        foreign_officer=make_user("foreign-officer", Role.OFFICER, other_force, [far]),
        foreign_supervisor=make_user("foreign-supervisor", Role.SUPERVISOR, other_force, [far]),
        foreign_key=create_key(organisation=other_force, name="Theirs", scopes=list(Scope)).key,
        unscoped_key=create_key(organisation=world.force, name="Loader",
                                scopes=[Scope.CRIMES_LOAD]).key,
        own_key=create_key(organisation=world.force, name="Ours", scopes=list(Scope)).key,
    )


def _client(attempt: Attempt) -> Client:
    client = Client()
    if attempt.login is not None:
        verified_login(client, attempt.login)  # audited: done before the stored state is read
    return client


def _try(client: Client, attempt: Attempt) -> tuple[int, str]:
    headers = {}
    if attempt.authorization.startswith("Bearer"):
        headers["Authorization"] = attempt.authorization
    elif attempt.authorization:
        headers["X-Twilio-Signature"] = attempt.authorization
    if attempt.method == "GET":
        response = client.get(attempt.path, attempt.data, headers=headers)
    else:
        response = client.post(attempt.path, attempt.data, headers=headers)
    return response.status_code, response.content.decode("utf-8", "replace")


@pytest.mark.parametrize("name", sorted(OWNERSHIP))
def test_another_units_services_or_organisations_user_gets_nothing(cast: Cast,
                                                                    name: str) -> None:
    case = OWNERSHIP[name](cast)
    for attempt in [*case.attempts, case.owner]:
        assert resolve(attempt.path.split("?")[0]).view_name == name, attempt.path
    for attempt in case.attempts:
        client = _client(attempt)
        before = stored_state()
        status, body = _try(client, attempt)
        assert status in attempt.allowed, (attempt.stranger, attempt.path, status)
        leaked = [secret for secret in case.secrets if secret in body]
        assert not leaked, (attempt.stranger, attempt.path, "saw", leaked)
        after = stored_state()
        assert after == before, (attempt.stranger, changed_tables(before, after))
    status, _body = _try(_client(case.owner), case.owner)
    assert status in case.owner.allowed, ("the owner was refused", case.owner.path, status)


def test_a_supervisor_cannot_widen_the_dashboard(cast: Cast) -> None:
    make_issue(cast.world, unit=cast.world.south, officer=cast.world.other_officer)
    client = Client()
    verified_login(client, cast.world.supervisor)  # of North borough only
    for units in ([str(cast.world.south.pk)], [str(cast.world.south.pk), str(cast.world.north.pk)]):
        answer = client.get("/portal/dashboard/units.csv", {"units": units})
        assert answer.status_code == 200
        assert "South borough" not in answer.content.decode()
        page = client.get("/portal/dashboard/", {"units": units})
        assert page.status_code == 200
        assert "South borough" not in page.content.decode()
    verified_login(client, cast.foreign_supervisor)
    answer = client.get("/portal/dashboard/units.csv", {"units": [str(cast.world.north.pk)]})
    assert "North borough" not in answer.content.decode()


def test_a_chat_transcript_belongs_to_its_own_session(cast: Cast,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from chat import web
    from messaging.assistant import AssistantReply

    monkeypatch.setattr(web, "relay_to_assistant",
                        lambda **_kw: [AssistantReply("Reply about your burglary")])
    first, second = Client(), Client()
    first.post("/chat/en/", {"message": "my flat at 12 Acacia Avenue was burgled"})
    assert "Acacia Avenue" in first.get("/chat/en/").content.decode()
    other = second.get("/chat/en/").content.decode()
    assert "Acacia Avenue" not in other
    assert "burglary" not in other


def test_a_caseworker_never_lists_another_services_referrals(cast: Cast) -> None:
    mine = make_referral(cast.world)
    theirs = make_referral(cast.world, phone="+447700900456", target=cast.other_service)
    client = Client()
    verified_login(client, cast.world.caseworker)
    page = client.get("/portal/referrals/", {"status": "all"}).content.decode()
    assert mine.reference in page
    assert theirs.reference not in page
    assert Referral.objects.count() == 2


def test_an_officer_never_lists_another_officers_leaflets(cast: Cast) -> None:
    make_issue(cast.world, crime_reference=CRIME_REFERENCE)  # by the North borough officer
    pages = {}
    for user in (cast.world.officer, cast.world.other_officer, cast.foreign_officer):
        client = Client()
        verified_login(client, user)
        pages[user.username] = client.get("/portal/leaflets/").content.decode()
    assert CRIME_REFERENCE in pages[cast.world.officer.username]
    assert CRIME_REFERENCE not in pages[cast.world.other_officer.username]
    assert CRIME_REFERENCE not in pages[cast.foreign_officer.username]
