"""Server-rendered emulator pages: escaped text, no scripts, nothing loaded from outside."""

from __future__ import annotations

from html import escape

from aiohttp import web

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; frame-src 'self'; base-uri 'none'"
)

STYLE = """
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#0b0c0c}
a{color:#1d70b8}a:focus{outline:3px solid #fd0;background:#fd0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem;
border-bottom:1px solid #b1b4b6;vertical-align:top}
.msg{max-width:70%;margin:.4rem 0;padding:.5rem .7rem;border-radius:.6rem;white-space:pre-wrap;
overflow-wrap:anywhere}
.in{background:#e8f1f8;margin-left:auto}.out{background:#f3f2f1}
.meta{font-size:.8rem;color:#505a5f}
textarea{width:100%;font:inherit}pre{white-space:pre-wrap;overflow-wrap:anywhere;
background:#f3f2f1;padding:.5rem}
iframe{width:100%;height:30rem;border:1px solid #b1b4b6}
.banner{background:#fff7bf;padding:.5rem;border-left:5px solid #fd0}
"""


def e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return escape("" if value is None else str(value), quote=True)


def render_page(title: str, body: str, *, heading: str | None = None) -> str:
    """A whole HTML document around ``body`` (already-escaped HTML)."""
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title><style>{STYLE}</style></head><body>"
        '<p class="banner">Development emulator: nothing here reaches a real person.</p>'
        f"<h1>{e(heading or title)}</h1>{body}</body></html>"
    )


def html_response(title: str, body: str, *, heading: str | None = None) -> web.Response:
    response = web.Response(
        text=render_page(title, body, heading=heading), content_type="text/html", charset="utf-8"
    )
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response
