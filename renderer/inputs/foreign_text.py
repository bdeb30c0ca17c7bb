"""Text written for other tools, made the profile's own: HTML and bullet lines.

Resume files from web builders and JSON Resume themes carry HTML (`<strong>`, `<a href>`,
`<br>`, `<ul><li>`, `&amp;`) and lists written as `- ` lines inside a summary. Importers pass
such text through here: emphasis and links become the profile's inline markup, lists and
paragraphs become `- ` lines and blank lines, and `split_bullets` turns the lines into the
bullets they are. Tags that mean nothing on a resume (`<span>`, `<font>`) are removed and
named, so the importer can say so. The scan is one regular expression over the text, linear
in its length whatever it holds (Python's html.parser is not, on unclosed constructs).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from renderer.profile.values import REFUSED_SCHEMES, scheme_of

# A tag (with attributes on one or more lines), a comment, or a character reference.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)|<(/?)([a-zA-Z][a-zA-Z0-9]{0,15})((?:\s[^<>]*)?)/?>|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});",
    re.DOTALL,
)
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_KNOWN = {"b", "strong", "i", "em", "a", "br", "p", "div", "ul", "ol", "li", "h1", "h2", "h3"}
_KNOWN |= {"h4", "h5", "h6"}
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"}
MAX_OPEN = 32  # emphasis and links open at once: more is not a document, and costs time
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣●○–]|\d{1,2}[.)])\s+(?=\S)")


def has_html(text: str) -> bool:
    """Whether the text holds a tag or a character reference (`&amp;`, `&#8217;`)."""
    return (
        any(
            match.group(2) is not None or match.group(0).startswith("&")
            for match in _TOKEN.finditer(text)
        )
        or "<!--" in text
    )


@dataclass
class Converted:
    text: str
    removed: list[str] = field(default_factory=list)  # tags removed, as written: <span>


def html_to_markup(text: str, *, plain: bool = False) -> Converted:
    """HTML as the profile's text: **bold**, *italic*, [label](url), paragraphs as blank
    lines, list items as `- ` lines (`plain`: a single-line field, no markup, no lists)."""
    out: list[str] = []
    removed: dict[str, None] = {}
    open_marks: list[tuple[str, int, str | None]] = []  # (tag, where in out, an <a>'s href)
    position = 0
    in_item = False  # inside <li>: a <br> is a space, the item stays one bullet
    for match in _TOKEN.finditer(text):
        out.append(_literal(text[position : match.start()], plain))
        position = match.end()
        token = match.group(0)
        if token.startswith("&"):
            out.append(_literal(html.unescape(token), plain))
            continue
        if token.startswith("<!--"):
            continue
        closing, name = match.group(1) == "/", match.group(2).lower()
        name = {"strong": "b", "em": "i"}.get(name, name)
        if name not in _KNOWN:
            removed.setdefault(f"<{match.group(2).lower()}>")
        elif name in ("b", "i", "a"):
            if plain:
                continue
            if not closing and len(open_marks) < MAX_OPEN:
                href = _href(match.group(3) or "") if name == "a" else None
                open_marks.append((name, len(out), href))
            elif any(tag == name for tag, _, _ in open_marks):
                while open_marks:
                    tag, start, href = open_marks.pop()
                    _close(out, tag, start, href)
                    if tag == name:
                        break
        elif plain:
            out.append(" ")
        elif name == "br":
            out.append(" " if in_item else "\n")
        elif name in _BLOCKS:
            out.append("\n\n")
        elif name == "li":
            in_item = not closing
            out.append("\n" if closing else "\n- ")
    out.append(_literal(text[position:], plain))
    while open_marks:  # never closed: the emphasis (or link) runs to the end
        tag, start, href = open_marks.pop()
        _close(out, tag, start, href)
    made = "".join(out)
    if plain:
        made = " ".join(made.split())
    else:
        made = re.sub(r"(?m)^([ \t]*)\\\*(\s)", r"\1*\2", made)  # a `* ` list line stays one
        made = re.sub(r"[ \t]+", " ", made)
        made = re.sub(r" ?\n ?", "\n", made)
        made = re.sub(r"\n{3,}", "\n\n", made).strip()
    return Converted(made, list(removed))


def _close(out: list[str], tag: str, start: int, href: str | None) -> None:
    """Wrap what was written since `start` in the tag's markup, with its outer spaces kept
    outside (HTML allows `<b> bold </b>`; the markup's stars must touch the words)."""
    inner = "".join(out[start:])
    del out[start:]
    core = inner.strip()
    lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
    if not core:
        out.append(inner)
    elif tag == "a":
        out.append(f"{lead}[{core}]({href}){trail}" if href else inner)
    elif "\n" in core:  # emphasis over paragraphs or list items: the markup is one line
        out.append(inner)
    else:
        mark = "**" if tag == "b" else "*"
        out.append(f"{lead}{mark}{core}{mark}{trail}")


def _literal(text: str, plain: bool) -> str:
    """Text between tags: markup characters escaped, so they print as written."""
    # A line break written into the text is the author's (JSON strings hold few by accident).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if plain else re.sub(r"([\\*\[\]])", r"\\\1", text)


def _href(attributes: str) -> str | None:
    found = _HREF.search(attributes)
    if not found:
        return None
    address = html.unescape(next(g for g in found.groups() if g is not None)).strip()
    scheme = scheme_of(address)
    if not scheme or scheme in REFUSED_SCHEMES or re.search(r"\s", address):
        return None
    return address.replace(")", "%29").replace("(", "%28")


def split_bullets(text: str) -> tuple[str, list[str]]:
    """(prose, bullets): lines that start with `- `, `* `, `• ` or `1. ` are bullets (a line
    after one that is indented and unmarked goes on with it); the rest is prose."""
    prose: list[str] = []
    bullets: list[str] = []
    last_was_bullet = False
    for line in text.split("\n"):
        marker = _BULLET.match(line)
        if marker:
            bullets.append(line[marker.end() :].strip())
            last_was_bullet = True
        elif last_was_bullet and line.strip() and line[:1].isspace():
            bullets[-1] += " " + line.strip()
        else:
            prose.append(line)
            last_was_bullet = False
    return re.sub(r"\n{3,}", "\n\n", "\n".join(prose)).strip(), [b for b in bullets if b]
