"""Officers from a file: reading and checking the CSV, the preview that saves nothing, the
confirmation that applies the same rows (again: nothing changes), who gets in, the audit event."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from audit.models import AuditEvent
from organisations.models import Membership, Organisation, OrganisationKind, Unit
from organisations.roles import Role
from portal.officer_import import (
    MAX_BYTES,
    MAX_ROWS,
    FileRefused,
    Outcome,
    plan_import,
    read_file,
)
from portal.second_factor import required_for
from tests.portal.factories import World, make_user
from tests.second_factor import verified_login

HEADER = "username,full name,email,role,units,collar number\n"
GOOD = (HEADER
        + "pc.jones,Sam de Jones,sam@police.example,officer,North borough,PC 4821\n"
        + "sgt.khan,Aisha Khan,,Supervisor,North borough; south BOROUGH,\n")


def _url(world: World, tail: str = "") -> str:
    return f"/portal/forces/{world.force.slug}/setup/officers/{tail}"


def _file(text: str | bytes, name: str = "officers.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text,
                              content_type="text/csv")


@pytest.fixture
def admin(client: Client, world: World) -> Client:
    verified_login(client, world.admin)
    return client


def _outcomes(world: World, text: str) -> list[tuple[Outcome, tuple[str, ...]]]:
    plan = plan_import(force=world.force, rows=read_file(text.encode()))
    return [(planned.outcome, planned.reasons) for planned in plan.rows]


# Reading the file


def test_a_byte_order_mark_is_not_part_of_the_first_column() -> None:
    rows = read_file(b"\xef\xbb\xbf" + GOOD.encode())
    assert [row.username for row in rows] == ["pc.jones", "sgt.khan"]
    assert rows[1].role == "supervisor"
    assert rows[1].units == ("North borough", "south BOROUGH")
    assert rows[0].line == 2


@pytest.mark.parametrize(("data", "reason"), [
    ("username,role,units\n".encode("utf-16"), "not UTF-8"),
    ("Username,Rôle,units\n".encode("latin-1"), "not UTF-8"),
    (b"", "empty"),
    (b"username,role\npc,officer\n", "no units column"),
    (b"username,rank,role,units\n", "Unknown column: rank"),
    (b"username,role,units,unit\n", "twice"),
    (HEADER.encode(), "no officers"),
    (b"x" * (MAX_BYTES + 1), "larger than 2 MiB"),
    ((HEADER + "pc,,,officer,North borough,\n" * (MAX_ROWS + 1)).encode(), "the most in one"),
], ids=["utf-16", "latin-1", "empty", "no-units", "unknown-column", "repeated-column",
        "header-only", "too-big", "too-many-rows"])
def test_a_file_that_cannot_be_read_says_why(data: bytes, reason: str) -> None:
    with pytest.raises(FileRefused, match=reason):
        read_file(data)


def test_good_rows_will_be_created(world: World) -> None:
    assert _outcomes(world, GOOD) == [(Outcome.CREATE, ()), (Outcome.CREATE, ())]


@pytest.mark.parametrize(("line", "reason"), [
    ("pc.x,,,caseworker,North borough,", "A caseworker works for a support service"),
    ("pc.x,,,admin,North borough,", "Administrators are not added from a file"),
    ("pc.x,,,sergeant,North borough,", "The role must be officer or supervisor"),
    ("pc.x,,,officer,,", "No unit"),
    ("pc.x,,,officer,North borough;Nowhere,", "Not a unit of this force: Nowhere."),
    ("pc.x,,,officer,Far borough,", "Not a unit of this force: Far borough."),
    ("pc.x,,not-an-address,officer,North borough,", "Not an email address."),
    ("pc x,,,officer,North borough,", "letters, digits and @ . + - _ only"),
    (",Sam,,officer,North borough,", "No username."),
    ("pc.x,,,officer,North borough,,surplus", "More cells than columns"),
    ("officer-s,,,officer,North borough,", None),  # an account of this force: updated
    ("ADMIN,,,officer,North borough,", "in other capitals"),
    ("admin,,,officer,North borough,", "the force's administrator"),
    ("foreign-officer,,,officer,North borough,", "belongs to an account outside this force"),
    ("caseworker,,,officer,North borough,", "belongs to an account outside this force"),
])
def test_a_bad_line_is_an_error_with_a_plain_reason(world: World, line: str,
                                                    reason: str | None) -> None:
    elsewhere = Organisation.objects.create(slug="elsewhere", name="Elsewhere Police",
                                            kind=OrganisationKind.FORCE)
    far = Unit.objects.create(organisation=elsewhere, name="Far borough")
    make_user("foreign-officer", Role.OFFICER, elsewhere, [far])
    ((outcome, reasons),) = _outcomes(world, HEADER + line + "\n")
    if reason is None:
        assert outcome is Outcome.UPDATE, reasons
    else:
        assert outcome is Outcome.ERROR
        assert reason in " ".join(reasons), reasons


def test_a_username_twice_in_the_file_is_an_error_on_both_lines(world: World) -> None:
    text = HEADER + "pc.a,,,officer,North borough,\nPC.A,,,supervisor,North borough,\n"
    outcomes = _outcomes(world, text)
    assert [outcome for outcome, _ in outcomes] == [Outcome.ERROR, Outcome.ERROR]
    assert "also line 3" in outcomes[0][1][0]
    assert "also line 2" in outcomes[1][1][0]


def test_an_existing_officer_is_updated_only_where_the_file_differs(world: World) -> None:
    same = HEADER + "officer-s,,,officer,South borough,\n"
    assert _outcomes(world, same) == [(Outcome.UNCHANGED, ())]
    moved = HEADER + "officer-s,,,supervisor,North borough;South borough,PC 1\n"
    assert _outcomes(world, moved) == [(Outcome.UPDATE, ("role", "units", "collar number"))]


# The pages


def test_preview_saves_nothing_then_confirm_creates_and_updates(admin: Client,
                                                              world: World) -> None:
    text = GOOD + "officer-s,,,supervisor,North borough,\npc.bad,,,officer,Nowhere,\n"
    users, events = User.objects.count(), AuditEvent.objects.count()
    response = admin.post(_url(world, "preview/"), {"file": _file(text)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 account(s) will be created" in page
    assert "1 updated" in page
    assert "Not a unit of this force: Nowhere." in page
    assert (User.objects.count(), AuditEvent.objects.count()) == (users, events)

    applied = admin.post(_url(world, "apply/"), {"payload": response.context["payload"]})
    assert applied.status_code == 302
    assert User.objects.count() == users + 2
    jones = User.objects.get(username="pc.jones")
    assert not jones.has_usable_password()
    assert not jones.is_staff
    assert jones.get_full_name() == "Sam de Jones"
    assert (jones.membership.role, jones.membership.collar_number) == ("officer", "PC 4821")
    assert [u.name for u in jones.membership.units.all()] == ["North borough"]
    khan = Membership.objects.get(user__username="sgt.khan")
    assert sorted(u.name for u in khan.units.all()) == ["North borough", "South borough"]
    moved = Membership.objects.get(user=world.other_officer)
    assert moved.role == "supervisor"
    assert [u.name for u in moved.units.all()] == ["North borough"]
    assert not User.objects.filter(username="pc.bad").exists()
    # A supervisor from the file gives a second factor like any supervisor.
    assert required_for(khan.user)

    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert AuditEvent.objects.count() == events + 1
    assert (event.action, event.object_type, event.actor_id) == (
        "import", "organisations.organisation", world.admin.pk)
    assert event.detail == {"created": 2, "updated": 1, "unchanged": 0, "refused": 1}
    assert "jones" not in str(event.detail).lower()
    assert "police.example" not in str(event.detail)


def test_the_same_file_again_changes_nothing(admin: Client, world: World) -> None:
    payload = admin.post(_url(world, "preview/"), {"file": _file(GOOD)}).context["payload"]
    assert admin.post(_url(world, "apply/"), {"payload": payload}).status_code == 302
    state = sorted(Membership.objects.values_list("user__username", "role", "units__name"))
    events = AuditEvent.objects.count()
    again = admin.post(_url(world, "preview/"), {"file": _file(GOOD)})
    assert [p.outcome for p in again.context["plan"].rows] == [Outcome.UNCHANGED] * 2
    assert "Nothing to change" in again.content.decode()
    # Confirming an old preview twice changes nothing either.
    assert admin.post(_url(world, "apply/"), {"payload": payload}).status_code == 302
    assert sorted(Membership.objects.values_list("user__username", "role",
                                                 "units__name")) == state
    assert AuditEvent.objects.count() == events


def test_the_confirmation_is_checked_again(admin: Client, world: World) -> None:
    payload = admin.post(_url(world, "preview/"), {"file": _file(GOOD)}).context["payload"]
    world.north.delete()  # between preview and confirmation
    admin.post(_url(world, "apply/"), {"payload": payload})
    assert not User.objects.filter(username__in=["pc.jones", "sgt.khan"]).exists()


def test_a_changed_or_foreign_preview_is_refused(admin: Client, world: World) -> None:
    payload = admin.post(_url(world, "preview/"), {"file": _file(GOOD)}).context["payload"]
    for forged in (payload[:-2] + "xx", "", "username,role,units\nx,admin,North borough"):
        response = admin.post(_url(world, "apply/"), {"payload": forged})
        assert response.status_code == 400
        assert "upload the file again" in response.content.decode()
    other = Client()
    verified_login(other, make_user("admin-2", Role.ADMIN, world.force))
    assert other.post(_url(world, "apply/"), {"payload": payload}).status_code == 400
    assert not User.objects.filter(username="pc.jones").exists()


def test_a_refused_file_is_explained_on_the_page(admin: Client, world: World) -> None:
    response = admin.post(_url(world, "preview/"), {"file": _file("username;role;units\n")})
    assert response.status_code == 400
    assert "Unknown column" in response.content.decode()
    assert admin.post(_url(world, "preview/"), {}).status_code == 400


def test_the_checklist_links_to_the_import(admin: Client, world: World) -> None:
    page = admin.get(f"/portal/forces/{world.force.slug}/setup/").content.decode()
    assert f'href="{_url(world)}">Add officers from a file' in page
    upload = admin.get(_url(world)).content.decode()
    assert 'enctype="multipart/form-data"' in upload
    assert "no password" in upload


@pytest.mark.parametrize("who", ["officer", "supervisor", "caseworker"])
def test_other_roles_get_403(client: Client, world: World, who: str) -> None:
    verified_login(client, getattr(world, who))
    assert client.get(_url(world)).status_code == 403
    assert client.post(_url(world, "preview/"), {"file": _file(GOOD)}).status_code == 403
    assert client.post(_url(world, "apply/"), {"payload": "x"}).status_code == 403


def test_another_forces_admin_gets_403(client: Client, world: World) -> None:
    elsewhere = Organisation.objects.create(slug="elsewhere", name="Elsewhere Police",
                                            kind=OrganisationKind.FORCE)
    verified_login(client, make_user("other-admin", Role.ADMIN, elsewhere))
    assert client.get(_url(world)).status_code == 403
    assert client.post(_url(world, "preview/"), {"file": _file(GOOD)}).status_code == 403
    assert not User.objects.filter(username="pc.jones").exists()


def test_the_forms_need_a_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    verified_login(client, world.admin)
    assert client.post(_url(world, "preview/"), {"file": _file(GOOD)}).status_code == 403
