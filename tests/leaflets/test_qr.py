"""QR codes decode back to the URL they were made for (PNG directly; SVG via its own paths)."""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from django.test import Client
from PIL import Image, ImageDraw

from leaflets import services
from leaflets.qr import qr_png, qr_svg
from leaflets.statuses import IssueChannel
from organisations.models import Organisation

_RECT_RE = re.compile(r"M(\d+),(\d+)H(\d+)V(\d+)H\d+z")


def decode_png(data: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))
    assert len(results) == 1
    return str(results[0].text)


def rasterise_svg(svg: str, scale: int = 8) -> Image.Image:
    """Draw the unit squares of qrcode's SvgPathImage (M x,y H x+1 V y+1 H x z) on white."""
    size = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    assert size
    image = Image.new("L", (int(size.group(1)) * scale, int(size.group(2)) * scale), 255)
    draw = ImageDraw.Draw(image)
    path = re.search(r' d="([^"]+)"', svg)
    assert path
    squares = _RECT_RE.findall(path.group(1))
    assert squares
    for x0, y0, x1, y1 in squares:
        draw.rectangle([int(x0) * scale, int(y0) * scale, int(x1) * scale - 1,
                        int(y1) * scale - 1], fill=0)
    return image


@pytest.mark.django_db
def test_qr_for_a_leaflet_issue_decodes_to_its_short_url(force: Organisation) -> None:
    issued = services.issue_leaflet(language="so", channels=[IssueChannel.QR],
                                     organisation=force)
    assert decode_png(qr_png(issued.short_url)) == issued.short_url
    results = zxingcpp.read_barcodes(rasterise_svg(qr_svg(issued.short_url)))
    assert [r.text for r in results] == [issued.short_url]


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/l/AbCdEfGhIjKlMnOpQrStUv",
    "https://victims.a-very-long-force-name.police.example/l/_-_-_-_-_-_-_-_-_-_-_-",
])
def test_qr_round_trip(url: str) -> None:
    assert decode_png(qr_png(url)) == url
    assert [r.text for r in zxingcpp.read_barcodes(rasterise_svg(qr_svg(url)))] == [url]


@pytest.mark.django_db
def test_generic_qr_encodes_the_picker(client: Client) -> None:
    png = client.get("/leaflet/qr.png")
    assert png["Content-Type"] == "image/png"
    assert decode_png(png.content) == "http://testserver/leaflet/"
    svg = client.get("/leaflet/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert client.get("/leaflet/qr.gif").status_code == 404
