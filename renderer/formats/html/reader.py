"""Read an HTML page back as a person (or a crawler) reads it: the text of each block
element on a line of its own, inline elements joined, nothing from <head>, <style> or
<script>; anything that would run or load from elsewhere is a problem."""

from __future__ import annotations

from renderer.formats import ReadBack
from renderer.formats.plaintext import decode

_BLOCKS = {
    "address", "article", "div", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "li", "main", "p", "section", "ul", "ol", "br", "body",
}  # fmt: skip
_HIDDEN = {"head", "style", "script", "template", "noscript"}


class _Lines:
    """A target for lxml's HTML parser (libxml2: linear in the page whatever it holds, where
    Python's html.parser took a minute over 200 KB of unclosed tags)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.hidden = 0
        self.problems: list[str] = []

    def break_line(self) -> None:
        text = "".join(self.current).strip()
        if text and text != "•":
            self.lines.append(text)
        self.current = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        tag = str(tag).lower()
        if tag in _HIDDEN:
            self.hidden += 1
        if tag == "script" or any(str(name).lower().startswith("on") for name in attrs):
            self.problems.append(f"the page holds a script (<{tag}>), which a resume never needs")
        if tag in ("img", "iframe", "link", "object", "embed"):
            self.problems.append(f"the page loads <{tag}> from elsewhere: it is not self-contained")
        if tag in _BLOCKS:
            self.break_line()
        if tag == "li":
            self.current.append("• ")

    def end(self, tag: str) -> None:
        tag = str(tag).lower()
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag in _BLOCKS:
            self.break_line()

    def data(self, data: str) -> None:
        if not self.hidden:
            self.current.append(data)

    def comment(self, text: str) -> None:
        pass

    def close(self) -> None:
        self.break_line()


def read_back(data: bytes) -> ReadBack:
    # lxml: imported when a file is read back, never for a render
    from lxml import etree

    text = decode(data)
    if text is None:
        return ReadBack([], ["is not UTF-8: its characters cannot be trusted"])
    lines = _Lines()
    parser = etree.HTMLParser(target=lines, recover=True, no_network=True, huge_tree=False)
    try:
        parser.feed(text)
        parser.close()
    except Exception as error:  # noqa: BLE001 (libxml2 recovers from most; this is a last resort)
        return ReadBack([], [f"cannot be read as HTML: {error}"])
    return ReadBack(lines.lines, sorted(set(lines.problems)))
