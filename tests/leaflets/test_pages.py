"""The public pages: every language renders with lang/dir, its review notice, quick exit, size."""

from __future__ import annotations

import gzip
import re

import pytest
from django.test import Client
from django.utils.html import escape

from i18n.catalogs import catalog
from i18n.languages import all_languages
from organisations.models import Organisation

CODES = [lang.code for lang in all_languages()]
PAGE_BUDGET_BYTES = 30 * 1024


def _css() -> bytes:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    return (root / "leaflets/static/leaflets/leaflet.css").read_bytes()


@pytest.mark.django_db
@pytest.mark.parametrize("code", CODES)
def test_every_language_page_renders_with_lang_and_dir(client: Client, force: Organisation,
                                                       code: str) -> None:
    lang = next(lang for lang in all_languages() if lang.code == code)
    response = client.get(f"/leaflet/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang.html_lang}" dir="{lang.direction}">' in html
    assert html.count("data-exit") == 2  # the button and the hidden skip link
    assert "<script>" not in html
    assert "style=" not in html
    assert "<style" not in html
    assert ("role=\"note\"" in html) == catalog(code).unreviewed
    assert "Northbridge Victim Care (demo)" in html  # force details come from the organisation


@pytest.mark.django_db
@pytest.mark.parametrize("code", CODES)
def test_every_page_fits_the_compressed_budget(client: Client, force: Organisation,
                                               code: str) -> None:
    for path in (f"/leaflet/{code}/", f"/leaflet/{code}/large-print/", f"/leaflet/{code}/safety/"):
        html = client.get(path).content
        size = len(gzip.compress(html, 9)) + len(gzip.compress(_css(), 9))
        assert size < PAGE_BUDGET_BYTES, (path, size)


@pytest.mark.django_db
def test_picker_lists_every_language_by_native_and_english_name(client: Client,
                                                                force: Organisation) -> None:
    html = client.get("/leaflet/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    for lang in all_languages():
        assert f'href="/leaflet/{lang.code}/"' in html
        assert f'<span lang="{lang.html_lang}" dir="{lang.direction}">{lang.native_name}</span>' \
            in html
    assert "Cymraeg</span> <span class=\"en\">Welsh</span>" in html


@pytest.mark.django_db
def test_english_page_is_complete_and_has_no_draft_notice(client: Client,
                                                          force: Organisation) -> None:
    html = client.get("/leaflet/en/").content.decode()
    assert 'role="note"' not in html
    for heading in ("What happens next", "Your 12 rights", "Extra help for some victims",
                    "Support for you", "How and when we will update you",
                    "Victim Personal Statement", "Compensation", "Right to Review", "Complaints",
                    "Staying safe online", "Contacts"):
        assert f">{heading}</h2>" in html
    assert len(re.findall(r"<li><h3>", html)) == 12
    assert 'href="tel:08081570123"' in html
    assert 'href="https://care.northbridge.example/refer"' in html


@pytest.mark.django_db
def test_unreviewed_translation_says_so_in_english_too(client: Client, force: Organisation) -> None:
    assert catalog("fr").unreviewed
    html = client.get("/leaflet/fr/").content.decode()
    assert 'lang="en" dir="ltr">This translation was made by a computer' in html or \
        "This translation was made by a computer" in html
    assert 'href="/leaflet/en/" hreflang="en"' in html


@pytest.mark.django_db
def test_rtl_language_page_is_right_to_left(client: Client, force: Organisation) -> None:
    html = client.get("/leaflet/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "padding-inline-start" in _css().decode()  # lists indent on the reading side


@pytest.mark.django_db
def test_missing_force_detail_leaves_its_sentence_out(client: Client, force: Organisation) -> None:
    sentence = "Complain to the police ("
    assert force.complaints_web_address
    shown = client.get("/leaflet/en/").content.decode()
    assert sentence in shown
    assert force.complaints_web_address in shown
    force.complaints_web_address = ""
    force.save()
    html = client.get("/leaflet/en/").content.decode()
    assert sentence not in html
    assert "first complain to the organisation" in html


@pytest.mark.django_db
def test_variants_safety_page_and_plain_text(client: Client, force: Organisation) -> None:
    large = client.get("/leaflet/en/large-print/").content.decode()
    assert 'class="large-print"' in large
    safety = client.get("/leaflet/en/safety/").content.decode()
    assert "does not delete your browsing history" in safety
    assert "private browsing" in safety
    text = client.get("/leaflet/en/text/")
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    body = text.content.decode()
    assert "1. To understand and be understood:" in body
    assert "<" not in body
    easy = client.get("/leaflet/en-easy/").content.decode()
    assert 'class="easy-read"' in easy


@pytest.mark.django_db
def test_unknown_language_goes_to_the_picker(client: Client, force: Organisation) -> None:
    response = client.get("/leaflet/xx/")
    assert response.status_code == 302
    assert response["Location"] == "/leaflet/"
    assert client.get("/leaflet/xx/text/").status_code == 404


@pytest.mark.django_db
def test_quick_exit_without_javascript_is_a_plain_link(client: Client, force: Organisation) -> None:
    html = client.get("/leaflet/en/").content.decode()
    assert '<a class="exit" href="https://www.bbc.co.uk/weather" rel="nofollow noreferrer" ' \
        'data-exit>Exit this page</a>' in html
    assert '<script src="/static/leaflets/leaflet.js" defer></script>' in html


@pytest.mark.django_db
def test_rtl_pages_isolate_left_to_right_values(client: Client, force: Organisation) -> None:
    rtl = client.get("/leaflet/ar/").content.decode()
    assert "\u2068Northbridge Police (demo)\u2069" in rtl
    ltr = client.get("/leaflet/en/").content.decode()
    assert "\u2068" not in ltr


@pytest.mark.django_db
def test_a_cached_page_follows_a_change_of_the_forces_details(client: Client,
                                                              force: Organisation) -> None:
    """Leaflet bodies are rendered once per language and contact details (leaflets/pages.py)."""
    assert force.support_line_phone in client.get("/leaflet/pl/").content.decode()
    force.support_line_phone = "0808 157 0777"
    force.save()
    assert "0808 157 0777" in client.get("/leaflet/pl/").content.decode()


@pytest.mark.django_db
def test_a_cached_page_follows_a_reloaded_catalog(client: Client, force: Organisation,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from i18n import catalogs

    title = catalog("pl").text("Your rights as a victim of crime")
    assert title in client.get("/leaflet/pl/").content.decode()
    catalogs.clear_cache()
    reloaded = catalog("pl")
    monkeypatch.setattr(reloaded.translations, "gettext", lambda message: f"[{message}]")
    html = client.get("/leaflet/pl/").content.decode()
    assert "[Your rights as a victim of crime]" in html
    assert title not in html


@pytest.mark.django_db
@pytest.mark.parametrize("code", CODES)
def test_help_comes_first_in_the_readers_language(client: Client, force: Organisation,
                                                  code: str) -> None:
    """999, the support line and the chat are tap-able before the contents; 101 too."""
    html = client.get(f"/leaflet/{code}/").content.decode()
    help_box = html[html.index('<div class="help">'):html.index('class="toc"')]
    cat = catalog(code)
    assert f'href="tel:999">{escape(cat.text("If you are in danger, call 999."))}</a>' in help_box
    assert 'href="tel:08081570123"' in help_box
    assert f'href="/chat/{code}/"' in help_box
    assert (f'href="tel:101">{escape(cat.text("If it is not an emergency, call 101."))}</a>'
            in help_box)
    assert html.index('<div class="help">') < html.index('class="toc"')


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["en-easy", "cy"])
def test_easy_read_and_welsh_show_the_notice_once(client: Client, force: Organisation,
                                                  code: str) -> None:
    html = client.get(f"/leaflet/{code}/").content.decode()
    english = catalog("en").text(
        "This translation was made by a computer and has not been checked yet. "
        "The English version is the official text.")
    assert ("role=\"note\"" in html) == catalog(code).unreviewed
    assert english not in html


@pytest.mark.django_db
def test_easy_read_has_its_pictures_and_other_pages_none(client: Client,
                                                         force: Organisation) -> None:
    from pathlib import Path

    static = Path(__file__).resolve().parents[2] / "leaflets/static"
    easy = client.get("/leaflet/en-easy/").content.decode()
    pictures = re.findall(r'<img class="pic" src="/static/([^"]+)" alt="" width="48"', easy)
    assert {Path(p).name for p in pictures} >= {"danger.svg", "support.svg", "chat.svg",
                                                 "police.svg", "phone.svg"}
    assert all((static / p).read_text().startswith("<svg") for p in pictures)
    assert 'class="pic"' not in client.get("/leaflet/en/").content.decode()
