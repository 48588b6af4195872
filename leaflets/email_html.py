"""The HTML part of the leaflet email: the force's name (and logo), the same lines as the plain
text, and the link as a real link and a button. No Django dependency.

Inline styles and a single-column table: what mail apps render reliably.
"""

from __future__ import annotations

from html import escape

from i18n.languages import is_known, language

_BODY = ("margin:0;padding:0;background:#f3f2f1;color:#0b0c0c;"
         "font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.45")
_CARD = "max-width:600px;margin:0 auto;background:#ffffff;padding:24px"
_BANNER = "background:#0b0c0c;color:#ffffff;padding:16px 24px;font-size:22px;font-weight:bold"
_BUTTON = ("display:inline-block;background:#00703c;color:#ffffff;font-weight:bold;"
           "padding:12px 18px;border-radius:4px;text-decoration:none")


def email_html(*, lines: list[str], link: str, code: str, title: str, force_name: str,
               button: str, logo_url: str = "") -> str:
    """The email as HTML. ``lines`` are the plain text's paragraphs; the one equal to ``link``
    becomes a button and the link written out (so it can be checked before it is opened)."""
    lang = language(code) if is_known(code) else None
    html_lang = lang.html_lang if lang else "en"
    direction = lang.direction if lang else "ltr"
    logo = (f'<img src="{escape(logo_url)}" alt="" height="48" '
            f'style="display:block;margin-bottom:8px">' if logo_url else "")
    paragraphs = []
    for line in lines:
        if line == link:
            paragraphs.append(
                f'<p style="margin:0 0 8px"><a href="{escape(link)}" style="{_BUTTON}">'
                f"{escape(button)}</a></p>"
                f'<p style="margin:0 0 20px;font-size:16px"><a href="{escape(link)}" dir="ltr" '
                f'style="color:#1d70b8">{escape(link)}</a></p>')
        else:
            paragraphs.append(f'<p style="margin:0 0 16px">{escape(line)}</p>')
    return (
        f'<!DOCTYPE html><html lang="{escape(html_lang)}" dir="{direction}"><head>'
        f'<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f"<title>{escape(title)}</title></head>"
        f'<body style="{_BODY}"><div style="max-width:600px;margin:0 auto">'
        f'<div style="{_BANNER}">{logo}{escape(force_name)}</div>'
        f'<div style="{_CARD}">{"".join(paragraphs)}</div></div></body></html>'
    )
