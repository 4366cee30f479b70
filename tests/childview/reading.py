"""Reading the child's pages as a child would: the fixed text, without what people wrote.

The child's own words and everything people typed about the child (actions, plans B, names, goals,
what they did) are marked in the templates with the classes below; the fixed text is everything
else a child reads on the page (docs/childs-plan.md, "Reading age").
"""

from __future__ import annotations

from html.parser import HTMLParser

# Marked as written by people, not by the service: left out of the measurement.
DATA_CLASSES = {"app-voice-words", "app-my-plan__data"}
SKIPPED_TAGS = {"script", "style", "title", "head", "template", "svg"}
VOID = {"br", "img", "input", "meta", "link", "hr", "col", "area", "base", "source", "wbr"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is it skipped?
        self.fixed: list[str] = []
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipped = tag in SKIPPED_TAGS or bool(classes & DATA_CLASSES)
        hidden = "govuk-visually-hidden" in classes
        self.stack.append(
            ("data" if skipped and tag not in SKIPPED_TAGS else None, skipped, hidden)
        )

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            return
        self.stack.pop()

    def handle_data(self, data):
        text = " ".join(data.split())
        if not text:
            return
        if any(entry[1] for entry in self.stack):
            if any(entry[0] == "data" for entry in self.stack):
                self.data.append(text)
            return
        self.fixed.append(text)


def parts(html: str) -> tuple[list[str], list[str]]:
    """(fixed text, marked data) of a page, as text nodes."""
    parser = _Text()
    parser.feed(html)
    return parser.fixed, parser.data


def fixed_text(html: str) -> str:
    """The fixed text as sentences: each piece of text ends a sentence unless it goes on."""
    sentences = []
    for piece in parts(html)[0]:
        if not any(ch.isalpha() for ch in piece):
            continue
        sentences.append(piece if piece.endswith((".", "!", "?", ":", ",")) else piece + ".")
    return " ".join(sentences).replace(":.", ".").replace(":", ".")
