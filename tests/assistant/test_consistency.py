"""Seams between the domain, the actions, the catalogs and the referrals app."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

from actions.stop import STOPPED_ALL
from assistant.catalog_build import domain_responses, extract
from i18n.languages import LOCALES_DIR
from leaflets.catalog_check import read_template
from referrals.consent import CURRENT_VERSION, wording
from referrals.needs import QUESTIONS

REPO = Path(__file__).resolve().parents[2]
RESPONSES = {name: text for name, (text, _) in domain_responses().items()}


def _domain() -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {"actions": [], "forms": []}
    for path in (REPO / "bot" / "domain").glob("*.yml"):
        data = yaml.safe_load(path.read_text()) or {}
        merged["actions"] += data.get("actions") or []
        merged["forms"] += list((data.get("forms") or {}).keys())
    return merged


def _action_names() -> set[str]:
    names = set()
    for path in (REPO / "actions").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and node.name == "name":
                for ret in ast.walk(node):
                    if isinstance(ret, ast.Return) and isinstance(ret.value, ast.Constant):
                        names.add(str(ret.value.value))
    return names


def test_every_domain_action_has_a_class_and_every_class_is_in_the_domain() -> None:
    assert set(_domain()["actions"]) == _action_names()


def test_every_response_an_action_names_exists() -> None:
    named = set()
    for path in (REPO / "actions").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.keyword) and node.arg == "response" and isinstance(
                    node.value, ast.Constant):
                named.add(str(node.value.value))
    assert named <= set(RESPONSES)
    for question in QUESTIONS:
        assert f"utter_ask_{question.slot}" in RESPONSES
        assert f"utter_why_{question.slot}" in RESPONSES
    assert {f"utter_right_{n}" for n in range(1, 13)} <= set(RESPONSES)


def test_needs_form_asks_the_question_set_in_order() -> None:
    domain = yaml.safe_load((REPO / "bot/domain/needs.yml").read_text())
    assert domain["forms"]["needs_form"]["required_slots"] == [q.slot for q in QUESTIONS]


def test_consent_wording_is_the_text_the_victim_sees() -> None:
    current = wording(CURRENT_VERSION)
    assert RESPONSES["utter_ask_consent_decision"] == current.statement
    assert RESPONSES["utter_ask_consent_confirmed_given"] == current.confirm_given
    assert RESPONSES["utter_ask_consent_confirmed_refused"] == current.confirm_refused
    assert RESPONSES["utter_stopped_all"] == STOPPED_ALL


def test_template_is_up_to_date() -> None:
    """locales/assistant.pot matches the domain: run `make assistant-catalogs-extract`."""
    template = read_template(LOCALES_DIR / "assistant.pot", domain="assistant")
    assert {m.id for m in extract() if m.id} == {m.id for m in template if m.id}


def test_sms_replies_stay_short() -> None:
    """Most languages need UCS-2 (70 characters a segment): the English stays within 3."""
    long = {name: len(text) for name, text in RESPONSES.items() if len(text) > 230}
    assert not long
