"""The page that lists what was sent, newest first (development only: it shows recipients)."""

from __future__ import annotations

from aiohttp import web

from emulators.common.html import e, html_response
from emulators.notify.state import emulator
from emulators.notify.store import Notification


def add_routes(app: web.Application) -> None:
    app.router.add_get("/", index)


def _row(n: Notification) -> str:
    subject = f"<strong>{e(n.subject)}</strong><br>" if n.subject else ""
    return (f"<tr><td>{e(n.created_at[:19].replace('T', ' '))}</td><td>{e(n.type)}</td>"
            f"<td>{e(n.to)}</td><td>{e(n.status)}</td>"
            f'<td><div class="msg out">{subject}{e(n.body)}</div>'
            f'<span class="meta">reference {e(n.reference)}</span></td></tr>')


async def index(request: web.Request) -> web.Response:
    sent = emulator(request).store.all()
    table = (
        "<table><thead><tr><th>Created</th><th>Type</th><th>To</th><th>Status</th>"
        f"<th>Content</th></tr></thead><tbody>{''.join(_row(n) for n in sent)}</tbody></table>"
        if sent else "<p>Nothing sent yet.</p>"
    )
    return html_response("Notify emulator", f"<h2>Sent notifications</h2>{table}")
