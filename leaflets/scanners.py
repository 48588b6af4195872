"""User agents that fetch links without a person reading them: link previews, mail scanners.

A beacon from one of these never counts as "opened". Matching is by case-insensitive substring;
the table is plain data so it is easy to extend when a new scanner shows up.
"""

from __future__ import annotations

SCANNER_AGENT_MARKERS: tuple[str, ...] = (
    # generic robots and HTTP tools
    "bot", "crawler", "spider", "python-requests", "python-urllib", "curl/", "wget/", "go-http",
    "okhttp", "java/", "libwww", "httpclient", "axios",
    # link previews in chat and social apps
    "facebookexternalhit", "whatsapp", "telegram", "slack", "discord", "skypeuripreview",
    "twitter", "linkedin", "embedly", "preview", "iframely", "vkshare", "pinterest",
    # mail security scanners and safe-links rewriters
    "proofpoint", "mimecast", "barracuda", "symantec", "messagelabs", "trendmicro", "fortiguard",
    "zscaler", "sophos", "forcepoint", "ironport", "cisco", "safelinks", "microsoft office",
    "ms-office", "googleimageproxy", "google-safety", "yahoo! slurp", "appengine",
)


def is_scanner(user_agent: str) -> bool:
    """Whether a User-Agent belongs to a scanner or previewer (an empty one counts as one).

    >>> is_scanner("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile")
    False
    >>> is_scanner("Mozilla/5.0 (compatible; Proofpoint URL Defense)"), is_scanner("")
    (True, True)
    """
    agent = user_agent.lower().strip()
    return not agent or any(marker in agent for marker in SCANNER_AGENT_MARKERS)
