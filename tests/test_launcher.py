"""The run command's parts: the model fingerprint, the process table, the demo data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from demo.seed import DEMO_PASSWORD, ROLES, seed_demo
from organisations.models import Organisation
from organisations.services import support_contact
from signpost.launcher import model
from signpost.launcher.stack import BOT, DEMO_SSO_FORCE, Ports, Stack


def test_fingerprint_changes_when_training_data_changes(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "bot"
    shutil.copytree(BOT, copy)
    monkeypatch.setattr(model, "BOT", copy)
    before = model.fingerprint()
    assert model.fingerprint() == before
    (copy / "tests" / "test_first_contact.yml").write_text("# tests are not training data\n")
    assert model.fingerprint() == before
    nlu = sorted((copy / "data" / "nlu").rglob("*.yml"))[0]
    nlu.write_text(nlu.read_text() + "\n# a change to the training data\n")
    assert model.fingerprint() != before
    assert model.model_path(tmp_path).name == f"signpost-{model.fingerprint()}.tar.gz"


def test_the_process_table_has_the_six_processes_and_both_stand_ins(tmp_path: Path) -> None:
    stack = Stack(var_dir=tmp_path, ports=Ports(web=1, rasa=2, actions=3, twilio_emulator=4,
                                                smtp=5, smtp_web=6))
    commands = stack.commands(tmp_path / "model.tar.gz")
    assert set(commands) == {"web", "worker", "rasa", "actions", "twilio-emulator", "smtp-sink"}
    env = stack.env()
    assert env["RASA_URL"] == "http://127.0.0.1:2"
    assert env["ACTION_SERVER_WEBHOOK_URL"] == "http://127.0.0.1:3/webhook"
    assert env["SANIC_HOST"] == "127.0.0.1"  # the action server listens on loopback only
    every_address = " ".join(" ".join(argv) for argv in commands.values()) + " ".join(env.values())
    assert "0.0.0.0" not in every_address  # noqa: S104


def test_the_notify_emulator_runs_when_the_default_provider_is_notify(tmp_path: Path) -> None:
    from signpost.launcher.stack import uses_notify

    assert uses_notify({"SIGNPOST_SMS_PROVIDER": "notify"})
    assert uses_notify({"SIGNPOST_EMAIL_PROVIDER": "notify"})
    assert not uses_notify({"SIGNPOST_SMS_PROVIDER": "twilio"})
    assert "notify-emulator" not in Stack(var_dir=tmp_path, notify=False).commands(tmp_path)
    stack = Stack(var_dir=tmp_path, ports=Ports(notify_emulator=9), notify=True)
    assert stack.commands(tmp_path)["notify-emulator"][-2:] == ["--port", "9"]
    assert stack.env()["NOTIFY_API_BASE_URL"] == "http://127.0.0.1:9"
    assert stack.env()["SIGNPOST_NOTIFY_RECEIPT_URL"].endswith("/webhooks/notify/status")


def test_the_identity_provider_runs_when_asked_and_the_demo_force_signs_in_through_it(
        tmp_path: Path) -> None:
    from emulators.oidc_provider.demo import DEMO_USERS
    from signpost.env import read_identity_providers
    from signpost.launcher.stack import uses_oidc_provider

    assert uses_oidc_provider({"SIGNPOST_OIDC_EMULATOR": "1"})
    assert not uses_oidc_provider({})
    assert "oidc-provider" not in Stack(var_dir=tmp_path, oidc=False).commands(tmp_path)
    assert "SIGNPOST_OIDC_FORCES" not in Stack(var_dir=tmp_path, oidc=False).env()
    stack = Stack(var_dir=tmp_path, ports=Ports(web=7, oidc_provider=9), oidc=True)
    argv = stack.commands(tmp_path)["oidc-provider"]
    assert argv[argv.index("--port") + 1] == "9"
    assert argv[argv.index("--redirect-uri") + 1] == \
        f"http://127.0.0.1:7/portal/login/sso/{DEMO_SSO_FORCE}/callback/"
    env = stack.env()
    provider = read_identity_providers(env["SIGNPOST_OIDC_FORCES"].split(","), env)
    assert provider[DEMO_SSO_FORCE]["issuer"] == "http://127.0.0.1:9/o"
    assert provider[DEMO_SSO_FORCE]["user_field"] == "username"
    # The provider's demo users are the portal's demo staff, by username.
    assert {f"demo-{role}" for role in ROLES} <= set(DEMO_USERS)


@pytest.mark.django_db
def test_demo_data_is_fictional_and_can_be_loaded_twice() -> None:
    first = seed_demo()
    second = seed_demo()
    assert [login.role for login in first] == list(ROLES)
    assert first == second
    assert Organisation.objects.count() == 2
    assert Organisation.objects.filter(slug=DEMO_SSO_FORCE).exists()  # single sign-on's demo
    contact = support_contact()
    assert contact is not None
    assert contact.phone.startswith("0808 157 0")  # Ofcom's range reserved for drama
    assert all(login.password == DEMO_PASSWORD for login in second)
