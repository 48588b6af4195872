"""The provider's demo users and the portal's registration as its client, made on each start.

The usernames match the portal's demo staff (``make run``'s demo data) plus one stranger the
portal has never heard of, so a refused sign-in can be tried too.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

DEMO_PASSWORD = "idp-demo-pass"  # noqa: S105 - a published development default, never real
# username -> whether the provider asserts a second factor (amr "mfa") for them
DEMO_USERS = {
    "demo-officer": False,
    "demo-supervisor": True,
    "demo-caseworker": False,
    "demo-admin": True,
    "demo-stranger": True,
}


@dataclass(frozen=True)
class Client:
    client_id: str
    client_secret: str
    redirect_uris: tuple[str, ...]


def _sign_in_page(callback: str) -> str:
    """Where the portal sends a person after signing out here: its own sign-in page, on the
    origin of the sign-in callback it registered."""
    parts = urlsplit(callback)
    return f"{parts.scheme}://{parts.netloc}/portal/login/"


def seed(client: Client) -> None:
    # Imported here: the constants above are read by tests running the service's own Django.
    from django.contrib.auth.models import Group, User
    from oauth2_provider.models import Application

    from emulators.oidc_provider.claims import MFA_GROUP

    mfa, _ = Group.objects.get_or_create(name=MFA_GROUP)
    for username, with_mfa in DEMO_USERS.items():
        user, _ = User.objects.get_or_create(username=username)
        user.email = f"{username}@idp.example"
        user.set_password(DEMO_PASSWORD)
        user.save()
        if with_mfa:
            user.groups.add(mfa)
    Application.objects.filter(client_id=client.client_id).delete()
    Application.objects.create(
        name="Signpost portal", client_id=client.client_id, client_secret=client.client_secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(client.redirect_uris), algorithm=Application.RS256_ALGORITHM,
        post_logout_redirect_uris=" ".join(_sign_in_page(uri) for uri in client.redirect_uris),
        skip_authorization=True,  # staff are not asked to consent to their own employer's app
    )
