"""Public leaflet pages, the short link, its beacon and the generic QR code. Thin: each view
parses its input, calls one function, and answers."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from i18n.catalogs import catalog
from i18n.languages import from_accept_language, is_known
from leaflets import pages, ratelimit, services
from leaflets.contacts import contact_values, issue_details
from leaflets.models import LeafletIssue
from leaflets.publishing import offered_languages
from leaflets.qr import qr_png, qr_svg
from leaflets.rendering import plain_text, render_leaflet, ui_texts
from organisations.services import default_force

PUBLIC_CACHE = cache_control(public=True, max_age=300)
TOO_MANY = ('<!doctype html><html lang="en"><title>Too many attempts</title>'
            '<p>Too many link attempts from this connection. Try again later, or '
            '<a href="/leaflet/">read the leaflet</a>.</p></html>')


def _too_many() -> HttpResponse:
    response = HttpResponse(TOO_MANY, status=429)
    response["Retry-After"] = str(settings.LEAFLET_LINK_FAILURE_WINDOW_S)
    return _unlogged(response)


def _unlogged(response: HttpResponse) -> HttpResponse:
    """Keep Django's request log from writing this 4xx with its path, which holds a token
    (leaflets.ratelimit logs counts instead)."""
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def _known(code: str) -> str:
    if not is_known(code):
        raise Http404("unknown language")
    return code


def _browser_language(request: HttpRequest) -> str:
    return from_accept_language(request.headers.get("Accept-Language", ""))


@require_safe
@gzip_page
@PUBLIC_CACHE
@vary_on_headers("Accept-Language")
def picker(request: HttpRequest) -> HttpResponse:
    force = default_force()
    context = pages.picker_context(contacts=contact_values(force),
                                   code=_browser_language(request),
                                   languages=offered_languages(force))
    return render(request, "leaflets/picker.html", context)


@require_safe
@gzip_page
@PUBLIC_CACHE
def leaflet(request: HttpRequest, code: str, variant: str = "standard") -> HttpResponse:
    if not is_known(code):
        return redirect("leaflets:picker")
    context = pages.leaflet_context(code=code, contacts=contact_values(default_force()),
                                    variant=pages.Variant(variant))
    return render(request, "leaflets/leaflet.html", context)


@require_safe
@gzip_page
@PUBLIC_CACHE
def leaflet_text(request: HttpRequest, code: str) -> HttpResponse:
    cat = catalog(_known(code))
    contacts = contact_values(default_force())
    body = plain_text(render_leaflet(cat, contacts), ui_texts(cat, contacts)["leaflet_title"])
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@require_safe
@gzip_page
@PUBLIC_CACHE
def safety(request: HttpRequest, code: str) -> HttpResponse:
    context = pages.safety_context(code=_known(code), contacts=contact_values(default_force()))
    return render(request, "leaflets/safety.html", context)


@require_safe
@PUBLIC_CACHE
def generic_qr(request: HttpRequest, fmt: str) -> HttpResponse:
    """The QR printed on hard-copy leaflets: the picker's address, identifying nobody."""
    if fmt not in {"svg", "png"}:
        raise Http404("no such format")
    url = request.build_absolute_uri(reverse("leaflets:picker"))
    if fmt == "svg":
        return HttpResponse(qr_svg(url), content_type="image/svg+xml")
    return HttpResponse(qr_png(url), content_type="image/png")


def _issue_page(request: HttpRequest, issue: LeafletIssue, *, languages_url: str,
                beacon_url: str, personal: bool = True) -> HttpResponse:
    code = request.GET.get("lang", "")
    code = code if is_known(code) else issue.language
    return HttpResponse(pages.issue_page(
        code=code, contacts=contact_values(issue.organisation or default_force()),
        languages_url=languages_url, beacon_url=beacon_url,
        view_id=services.new_view_id(issue=issue),
        details=issue_details(issue) if personal else None))


def _not_found(request: HttpRequest) -> HttpResponse:
    context = pages.picker_context(contacts=contact_values(default_force()),
                                   code=_browser_language(request), invalid_link=True)
    return _unlogged(render(request, "leaflets/picker.html", context, status=404))


@require_safe
@gzip_page
@never_cache
def link(request: HttpRequest, token: str) -> HttpResponse:
    """The short link. Shows the issue's leaflet; records nothing (the page's beacon does)."""
    client = ratelimit.client_key(request)
    if ratelimit.is_blocked(client=client):
        return _too_many()
    issue = services.find_issue(token=token)
    if issue is None:
        ratelimit.record_failure(client=client)
        return _not_found(request)
    return _issue_page(request, issue,
                       languages_url=reverse("leaflets:link_languages", args=[token]),
                       beacon_url=reverse("leaflets:beacon", args=[token]))


@require_safe
@gzip_page
@never_cache
def code_link(request: HttpRequest, code: str) -> HttpResponse:
    """The code typed from under a QR: the issue's leaflet (language, force), under the same
    rate limit as links. Without the crime reference and officer: a code is far easier to guess
    than a link's token, so a lucky guess must not show anyone's report."""
    client = ratelimit.client_key(request)
    if ratelimit.is_blocked(client=client):
        return _too_many()
    issue = services.find_issue(code=code)
    if issue is None:
        ratelimit.record_failure(client=client)
        return _not_found(request)
    return _issue_page(request, issue, languages_url=reverse("leaflets:picker"),
                       beacon_url=reverse("leaflets:code_beacon", args=[code]), personal=False)


@require_GET
@gzip_page
@never_cache
def link_languages(request: HttpRequest, token: str) -> HttpResponse:
    client = ratelimit.client_key(request)
    if ratelimit.is_blocked(client=client):
        return _too_many()
    issue = services.find_issue(token=token)
    if issue is None:
        ratelimit.record_failure(client=client)
    force = issue.organisation if issue and issue.organisation else default_force()
    context = pages.picker_context(
        contacts=contact_values(force),
        code=issue.language if issue else _browser_language(request),
        token=token if issue else "", invalid_link=issue is None,
        languages=offered_languages(force))
    return _unlogged(render(request, "leaflets/picker.html", context,
                            status=200 if issue else 404))


@csrf_exempt  # a cookie-less beacon; it can only add an "opened" record to a token's own issue
@require_POST
@never_cache
def beacon(request: HttpRequest, token: str) -> HttpResponse:
    """The page's "opened" beacon. Always 204, so it reveals nothing about tokens."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") == "same-origin":
        services.record_open(token=token, view_id=request.POST.get("v", ""),
                             user_agent=request.headers.get("User-Agent", ""),
                             language=request.POST.get("lang", ""))
    return HttpResponse(status=204)


@csrf_exempt  # as the link's beacon
@require_POST
@never_cache
def code_beacon(request: HttpRequest, code: str) -> HttpResponse:
    if request.headers.get("Sec-Fetch-Site", "same-origin") == "same-origin":
        services.record_open(code=code, view_id=request.POST.get("v", ""),
                             user_agent=request.headers.get("User-Agent", ""),
                             language=request.POST.get("lang", ""))
    return HttpResponse(status=204)
