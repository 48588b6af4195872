"""Every form the portal shows, fuzzed: no 500, a refused form stores nothing, no CSRF without a
token, hostile text never comes back unescaped.

The forms are read from the pages each role really gets (``portal_crawl``), so a new form or
field is fuzzed without a change here.
"""

from __future__ import annotations

import doctest
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.actions import AuditAction
from audit.models import AuditEvent
from tests.hardening import pageforms
from tests.hardening.hostile import NASTY
from tests.hardening.pageforms import PageForm, forms_in
from tests.hardening.portal_crawl import Page, fill_values, page_forms
from tests.hardening.stored import changed_tables, stored_state
from tests.portal.conftest import FAST_HASHERS
from tests.portal.factories import World, make_world
from tests.second_factor import verified_login

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=15, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
# What a refused form may still record: that the page around it was viewed, a failed log-in, or
# that someone searched for a victim to erase (every look-up is audited, found or not).
AUDITED_ON_REFUSAL = frozenset({AuditAction.VIEW_REFERRAL.value, AuditAction.VIEW_RECORD.value,
                                AuditAction.LOGIN_FAILED.value,
                                AuditAction.LOGIN_THROTTLED.value, "erasure-lookup"})
ERROR_MARKS = ("field-error", "error-summary", "errorlist")
RAW = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


@pytest.fixture
def world(db: None, settings: Any, fake_queue: Any) -> World:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.SIGNPOST_ALLOW_DRAMA_NUMBERS = True
    settings.PORTAL_LOGIN_MAX_FAILURES_PER_USERNAME = 1_000_000
    settings.PORTAL_LOGIN_MAX_FAILURES_PER_IP = 1_000_000
    return make_world()


@pytest.fixture
def found(world: World) -> list[tuple[Page, PageForm]]:
    return page_forms(world, fill_values(world))


def _field_values(form: PageForm) -> st.SearchStrategy[dict[str, str]]:
    hostile = st.one_of(st.sampled_from(NASTY), st.text(max_size=80),
                        st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
    fields: dict[str, st.SearchStrategy[str]] = {}
    for name, spec in form.fields.items():
        if spec.kind == "fixed":
            fields[name] = st.just(spec.options[0] if spec.options else "")
        elif spec.kind == "choice" and spec.options:
            fields[name] = st.one_of(st.sampled_from(spec.options), hostile)
        else:
            fields[name] = hostile
    return st.fixed_dictionaries(fields)


def _audit_actions_since(last: int) -> set[str]:
    return set(AuditEvent.objects.filter(pk__gt=last).values_list("action", flat=True))


def _last_audit() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_the_crawl_finds_the_portals_forms(found: list[tuple[Page, PageForm]]) -> None:
    actions = {form.action.rstrip("/").rsplit("/", 1)[-1] for _page, form in found
               if form.method == "post"}
    # a floor, not the list: new forms are found without a change here
    assert {"give", "resend", "scene", "contact", "status", "note", "logout"} <= actions, actions
    assert doctest.testmod(pageforms).failed == 0


def test_every_post_form_carries_a_csrf_token(found: list[tuple[Page, PageForm]]) -> None:
    missing = [f"{page.path} -> {form.action}" for page, form in found
               if form.method == "post" and "csrfmiddlewaretoken" not in form.fields]
    assert not missing, missing


def _fuzz(page: Page, form: PageForm) -> None:
    @FUZZ
    @given(data=_field_values(form))
    def check(data: dict[str, str]) -> None:
        client = Client()
        verified_login(client, page.user)
        before, last = stored_state(skip={"audit.auditevent"}), _last_audit()
        send = client.post if form.method == "post" else client.get
        response = send(form.action, data)
        assert response.status_code < 500, (form.action, data)
        body = response.content.decode("utf-8", "replace")
        for raw in RAW:
            assert raw not in body, (form.action, "echoed unescaped", raw)
        refused = response.status_code >= 400 or any(mark in body for mark in ERROR_MARKS)
        if refused or form.method == "get":
            after = stored_state(skip={"audit.auditevent"})
            assert after == before, (form.action, data, changed_tables(before, after))
            assert _audit_actions_since(last) <= AUDITED_ON_REFUSAL, form.action

    check()


def test_every_form_under_hostile_input(found: list[tuple[Page, PageForm]]) -> None:
    failures: list[str] = []
    for page, form in found:
        try:
            _fuzz(page, form)
        except AssertionError as error:  # gather every form's failure, not only the first
            failures.append(f"{page.role} {form.method.upper()} {form.action}: {error}")
    assert not failures, "\n".join(failures)


def test_the_log_in_form_under_hostile_input(world: World) -> None:
    (form,) = forms_in(Client().get("/portal/login/").content.decode(), "/portal/login/")

    @FUZZ
    @given(data=_field_values(form))
    def check(data: dict[str, str]) -> None:
        before = stored_state(skip={"audit.auditevent"})
        response = Client().post(form.action, data)
        assert response.status_code in (200, 302, 400, 403, 429)
        body = response.content.decode()
        assert all(raw not in body for raw in RAW)
        if response.status_code != 302:
            assert stored_state(skip={"audit.auditevent"}) == before

    check()


def test_post_forms_without_a_csrf_token_are_refused(found: list[tuple[Page, PageForm]]
                                                     ) -> None:
    posts = [(page, form) for page, form in found if form.method == "post"]
    assert posts
    for page, form in posts:
        client = Client(enforce_csrf_checks=True)
        verified_login(client, page.user)
        data = {k: v for k, v in form.valid_data().items() if k != "csrfmiddlewaretoken"}
        before, last = stored_state(), _last_audit()
        response = client.post(form.action, data)
        assert response.status_code == 403, (form.action, response.status_code)
        assert stored_state() == before, (form.action, changed_tables(before, stored_state()))
        assert _audit_actions_since(last) == set()
        # and with a token from another session: refused too
        other = Client(enforce_csrf_checks=True)
        other.get("/portal/login/")
        token = other.cookies["csrftoken"].value
        response = client.post(form.action, {**data, "csrfmiddlewaretoken": token})
        assert response.status_code == 403, (form.action, "accepted another session's token")
