"""The web mailbox: a list of kept mail and a page per mail, rendered safely.

HTML parts are shown in a sandboxed ``iframe srcdoc`` (no scripts, nothing loaded from outside,
under the page's Content-Security-Policy) and as escaped source.
"""

from __future__ import annotations

from aiohttp import web

from emulators.common.html import CSP, e, html_response
from emulators.smtp_sink.parsing import Part, parse_mail
from emulators.smtp_sink.state import sink_of
from emulators.smtp_sink.store import StoredMail


def add_routes(app: web.Application) -> None:
    app.router.add_get("/", mailbox)
    app.router.add_get("/messages/{id:\\d+}", message_page)
    app.router.add_get("/messages/{id:\\d+}/raw", raw_page)


def _row(mail: StoredMail) -> str:
    return (
        f'<tr><td><a href="/messages/{mail.id}">{mail.id}</a></td>'
        f"<td>{e(mail.received.strftime('%Y-%m-%d %H:%M:%S'))}</td><td>{e(mail.kind)}</td>"
        f"<td>{e(mail.mail_from or '<>')}</td><td>{e(', '.join(mail.rcpt_tos))}</td>"
        f"<td>{e(mail.subject or '')}</td><td>{mail.size}</td></tr>"
    )


async def mailbox(request: web.Request) -> web.Response:
    sink = sink_of(request)
    mails = sink.store.find(limit=500)
    outage = (
        f'<p class="banner">SMTP outage in progress: {e(sink.listener.outage)}.</p>'
        if sink.listener.outage
        else ""
    )
    rows = "".join(_row(mail) for mail in mails)
    body = f"{outage}<p>SMTP on {e(sink.listener.host)}:{sink.listener.port}. Newest first.</p>" + (
        "<table><thead><tr><th>#</th><th>Received (UTC)</th><th>Kind</th>"
        "<th>Envelope from</th><th>Envelope to</th><th>Subject</th><th>Bytes</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
        if mails
        else "<p>No mail yet.</p>"
    )
    return html_response("SMTP sink: mailbox", body)


def _part(part: Part) -> str:
    title = f"{part.content_type}" + (f" ({part.filename})" if part.filename else "")
    title += f", {part.size} bytes"
    if part.content_type == "text/html" and part.text is not None:
        content = (
            f'<iframe sandbox="" referrerpolicy="no-referrer" title="HTML part" '
            f'srcdoc="{e(part.text)}"></iframe>'
            f"<details><summary>HTML source</summary><pre>{e(part.text)}</pre></details>"
        )
    elif part.text is not None and not part.filename:
        content = f"<pre>{e(part.text)}</pre>"
    else:
        content = "<p>Not shown.</p>"
    return f"<section><h3>{e(title)}</h3>{content}</section>"


async def message_page(request: web.Request) -> web.Response:
    store = sink_of(request).store
    mail = store.get(int(request.match_info["id"]))
    if mail is None:
        raise web.HTTPNotFound(text="No such message.")
    parsed = parse_mail(store.raw(mail.id) or b"")
    envelope = [
        ("Envelope from", mail.mail_from or "<>"),
        ("Envelope to", ", ".join(mail.rcpt_tos)),
    ]
    headers = "".join(
        f"<tr><th>{e(name)}</th><td>{e(value)}</td></tr>"
        for name, value in envelope + parsed.headers
    )
    relays = "".join(
        f"<li>{e(r['at'])}: HTTP {e(r['http_status'])} after {e(r['attempts'])} attempt(s)"
        f"{' (' + e(r['error']) + ')' if r['error'] else ''}</li>"
        for r in store.relays(mail.id)
    )
    body = (
        f'<p><a href="/">Mailbox</a> · <a href="/messages/{mail.id}/raw">Raw message</a></p>'
        f"<table>{headers}</table>"
        + (f"<h2>Handed to Signpost</h2><ul>{relays}</ul>" if relays else "")
        + "<h2>Parts</h2>"
        + "".join(_part(part) for part in parsed.parts)
    )
    return html_response(f"Mail {mail.id}", body, heading=mail.subject or f"Mail {mail.id}")


async def raw_page(request: web.Request) -> web.Response:
    store = sink_of(request).store
    raw = store.raw(int(request.match_info["id"]))
    if raw is None:
        raise web.HTTPNotFound(text="No such message.")
    response = web.Response(
        text=raw.decode("utf-8", errors="replace"), content_type="text/plain", charset="utf-8"
    )
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
