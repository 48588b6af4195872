"""QR codes for leaflet links, as SVG (screens and print) and PNG, with the qrcode library.

Pure functions: ``qr_matrix`` builds the code, ``qr_svg`` and ``qr_png`` render it. Error
correction M survives a crease or a scratch on a printed leaflet.
"""

from __future__ import annotations

import io

import qrcode
import qrcode.constants
from qrcode.image.pil import PilImage
from qrcode.image.svg import SvgPathImage

BORDER = 4  # the quiet zone the standard asks for, in modules


def _qr(url: str, box_size: int) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size,
                         border=BORDER)
    code.add_data(url)
    code.make(fit=True)
    return code


def qr_svg(url: str) -> str:
    """An SVG document of the QR code for url (one path; scales to any size)."""
    image = _qr(url, box_size=10).make_image(image_factory=SvgPathImage)
    svg: bytes = image.to_string()
    return svg.decode("utf-8")


def qr_png(url: str, *, box_size: int = 8) -> bytes:
    """A PNG of the QR code for url, box_size pixels per module."""
    image = _qr(url, box_size=box_size).make_image(image_factory=PilImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()
