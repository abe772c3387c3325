"""Official documents in the Vietnamese administrative layout (Decree 30/2020): the signature
block, and HTML printed to a tagged PDF/UA with the shipped Tinos fonts. Used by every app that
issues a form, a letter, a slip or a receipt."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

SIGN_NOTE = "(Ký, ghi rõ họ tên)"
SEAL_NOTE = "(Ký, ghi rõ họ tên và đóng dấu)"


@dataclass(frozen=True)
class Signer:
    title: str
    note: str = SIGN_NOTE
    name: str = ""


_FONT_FILES = {
    ("Tinos Latin", 400, "normal"): "core/fonts/tinos-latin-400-normal.woff2",
    ("Tinos Latin", 700, "normal"): "core/fonts/tinos-latin-700-normal.woff2",
    ("Tinos Latin", 400, "italic"): "core/fonts/tinos-latin-400-italic.woff2",
    ("Tinos Latin", 700, "italic"): "core/fonts/tinos-latin-700-italic.woff2",
    ("Tinos Vietnamese", 400, "normal"): "core/fonts/tinos-vietnamese-400-normal.woff2",
    ("Tinos Vietnamese", 700, "normal"): "core/fonts/tinos-vietnamese-700-normal.woff2",
    ("Tinos Vietnamese", 400, "italic"): "core/fonts/tinos-vietnamese-400-italic.woff2",
    ("Tinos Vietnamese", 700, "italic"): "core/fonts/tinos-vietnamese-700-italic.woff2",
}


@cache
def _pdf_fonts() -> str:
    faces = [
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{Path(finders.find(path)).as_uri()}"); }}'
        for (family, weight, style), path in _FONT_FILES.items()
    ]
    # The PDF embeds the shipped font, so it looks the same wherever it is opened.
    stack = '"Tinos Latin", "Tinos Vietnamese", serif'
    rules = [
        f".official {{ font-family: {stack}; }}",
        f"@page {{ @top-center {{ font-family: {stack}; }} }}",
    ]
    return "\n".join([*faces, *rules])


def render_pdf(html: str) -> bytes:
    """A tagged PDF/UA-1 of `html`, which must carry lang="vi" and a <title>. Only local files
    are fetched: nothing in a form may make the server open a URL."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    fonts = FontConfiguration()
    fetcher = URLFetcher(allowed_protocols=("file",))
    stylesheets = [
        CSS(
            filename=finders.find("core/css/official.css"),
            font_config=fonts,
            url_fetcher=fetcher,
        ),
        CSS(string=_pdf_fonts(), font_config=fonts, url_fetcher=fetcher),
    ]
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher)
    return document.write_pdf(stylesheets=stylesheets, font_config=fonts, pdf_variant="pdf/ua-1")
