"""The printable "My plan": a PDF made with WeasyPrint, for children in custody.

Nothing is fetched from the network while a PDF is made: the stylesheet is in the template, the
fonts are the machine's own (DejaVu and Liberation from Debian), and any other address the page
might name is refused.
"""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.urls import URLFetcher


class LocalOnlyFetcher(URLFetcher):
    """Refuse every address except data: URIs written into the page itself."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise ValueError(f"The printable plan fetches nothing from outside: {url[:60]}")


def render_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=None, url_fetcher=LocalOnlyFetcher()).write_pdf()
