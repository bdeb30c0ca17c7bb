"""Read an HTML page back as a person (or a crawler) reads it: the text of each block
element on a line of its own, inline elements joined, nothing from <head>, <style> or
<script>; anything that would run or load from elsewhere is a problem."""

from __future__ import annotations

from html.parser import HTMLParser

from renderer.formats import ReadBack
from renderer.formats.plaintext import decode

_BLOCKS = {
    "address", "article", "div", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "li", "main", "p", "section", "ul", "ol", "br", "body",
}  # fmt: skip
_HIDDEN = {"head", "style", "script", "template", "noscript"}


class _Lines(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.hidden = 0
        self.problems: list[str] = []

    def break_line(self) -> None:
        text = "".join(self.current).strip()
        if text and text != "•":
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        if tag == "script" or any(name.startswith("on") for name, _ in attrs):
            self.problems.append(f"the page holds a script (<{tag}>), which a resume never needs")
        if tag in ("img", "iframe", "link", "object", "embed"):
            self.problems.append(f"the page loads <{tag}> from elsewhere: it is not self-contained")
        if tag in _BLOCKS:
            self.break_line()
        if tag == "li":
            self.current.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag in _BLOCKS:
            self.break_line()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.current.append(data)


def read_back(data: bytes) -> ReadBack:
    text = decode(data)
    if text is None:
        return ReadBack([], ["is not UTF-8: its characters cannot be trusted"])
    parser = _Lines()
    try:
        parser.feed(text)
        parser.close()
    except Exception as error:  # noqa: BLE001 (html.parser is lenient; this is a last resort)
        return ReadBack([], [f"cannot be read as HTML: {error}"])
    parser.break_line()
    return ReadBack(parser.lines, sorted(set(parser.problems)))
