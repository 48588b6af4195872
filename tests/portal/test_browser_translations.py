"""The force administrator's translations page in real headless Chromium on a 1280x800 laptop:
from the setup page to the review status, a refused catalog with its reasons, a reviewed one
imported, and "publish only reviewed languages" turned on; axe-core finds nothing on any of
these pages.

``SIGNPOST_SCREENSHOTS=<folder>`` saves the screenshot docs/portal.md shows.
"""

from __future__ import annotations

import json

import pytest
from pytest_django.live_server_helper import LiveServer

from i18n.catalogs import po_path
from leaflets.models import LanguagePublishing, ReviewedCatalog
from tests.leaflets.cdp import Browser
from tests.portal.browser_steps import axe_violations, log_in, screenshot, submit
from tests.portal.factories import World

POLISH = po_path("pl").read_text(encoding="utf-8")


def _text(browser: Browser, selector: str = "main") -> str:
    text: str = browser.evaluate(f"document.querySelector({json.dumps(selector)}).innerText")
    return text


def _import(browser: Browser, text: str) -> None:
    submit(browser, f"""
        const file = new File([{json.dumps(text)}], 'pl.po', {{type: 'text/x-gettext'}});
        const chosen = new DataTransfer(); chosen.items.add(file);
        document.getElementById('id_file').files = chosen.files;
        document.getElementById('id_language').value = 'pl';
        document.getElementById('id_catalog').value = 'signpost';
        document.getElementById('id_reviewer').value = 'A. Translator';
        document.getElementById('id_reviewed_on').value = '2026-12-01';
        document.querySelector("form[action$='import/'] button").click();""")


@pytest.mark.django_db(transaction=True)
def test_force_admin_reviews_translations_on_a_laptop(
        browser: Browser, live_server: LiveServer, world: World) -> None:
    base = live_server.url
    browser.viewport(1280, 800)
    try:
        log_in(browser, base, world.admin.username)
        submit(browser, "document.querySelector('#translations + p a').click();")
        assert browser.evaluate("location.pathname").endswith("/setup/translations/")
        assert "Machine draft" in _text(browser, "tr[data-language=pl]")
        assert axe_violations(browser) == []

        _import(browser, POLISH.replace("pochodzą od: %(force_name)s.", "pochodzą od: %(force)s."))
        refused = _text(browser, "[data-testid=catalog-refused]")
        assert "nothing was changed" in refused
        assert "placeholders" in refused
        assert not ReviewedCatalog.objects.exists()
        assert axe_violations(browser) == []

        _import(browser, POLISH)
        assert "Reviewed by A. Translator on 1 December 2026" in _text(
            browser, "tr[data-language=pl]")
        submit(browser, """document.getElementById('id_reviewed_only').checked = true;
            document.querySelector("form[action$='publishing/'] button").click();""")
        assert LanguagePublishing.objects.get(organisation=world.force).reviewed_only
        assert "Only reviewed languages: 2 of" in _text(browser, "[data-testid=offered]")
        assert axe_violations(browser) == []
        screenshot(browser, "admin-translations-laptop")
    finally:
        browser.page("Emulation.clearDeviceMetricsOverride")
