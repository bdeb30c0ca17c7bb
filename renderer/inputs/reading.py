"""Read YAML or JSON (profiles, themes, applications), keeping where every value stood.

One place turns a file into plain values with their positions, and pydantic's complaints into
problems that name the file, the line, the column and the field, with a did-you-mean for a
misspelt key: profiles and themes alike.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import re
import types
import typing
from bisect import bisect_right
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from renderer.errors import FieldPath, InputError, Problem
from renderer.files import read_bytes
from renderer.profile.sourced import Mark, Positions

MAX_BYTES = 1024 * 1024  # a resume is a few KiB; anything near this is a mistake or an attack
MAX_NODES = 100_000  # caps alias expansion ("billion laughs") long before memory suffers
MAX_DEPTH = 64  # a profile nests a handful of levels; libyaml's composer recurses in C

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

M = TypeVar("M", bound=BaseModel)


_BOMS = (  # longest first: UTF-32's little-endian mark starts like UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def read_text(path: Path, *, what: str = "profile") -> str:
    """The file's text, or an InputError that says why it cannot be one."""
    data = read_bytes(path, MAX_BYTES, what)
    codec = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    if codec in ("utf-16", "utf-32"):  # Windows "Unicode": decoded, since the BOM says how
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise InputError(
                f"is not valid {codec.upper()}; save the file as UTF-8", path
            ) from None
    else:
        if b"\x00" in data:
            hint = ""
            odd, even = data[1::2].count(0), data[0::2].count(0)
            half = len(data) // 2
            if (odd > half * 0.6) != (even > half * 0.6):  # one byte of two NUL: UTF-16
                hint = " (it looks like UTF-16 without a byte-order mark: save it as UTF-8)"
            raise InputError(f"is a binary file, not a {what} in YAML or JSON{hint}", path)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
            raise InputError(
                Problem(
                    str(path),
                    f"byte 0x{data[error.start]:02X} is not UTF-8; save the file as UTF-8 "
                    "(it looks like Latin-1 or Windows-1252)",
                    line,
                    column,
                )
            ) from None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise InputError(f"file is empty: a {what} needs at least a name or a section", path)
    return text


def parse_document(text: str, path: Path, what: str = "profile") -> tuple[Any, Positions]:
    """YAML or JSON to plain Python values, with the position of every value."""
    from_json = None
    forgiven: list[tuple[Mark, str]] = []
    if path.suffix.lower() == ".json":
        try:
            from_json = json.loads(text, parse_constant=_no_constant)  # strict: YAML takes more
        except json.JSONDecodeError:
            # Trailing commas and // comments, which editors and other tools let through: read
            # as if they were not there, each said at its line; any other fault is an error.
            text, forgiven = _forgive_json(text)
            with contextlib.suppress(ValueError, RecursionError):  # said below, as written
                text, from_json = _mended_json(text, path, forgiven)
        except ValueError as error:  # NaN, Infinity, a number of more than 4,300 digits
            raise InputError(f"not valid JSON: {error}", path) from None
        except RecursionError:
            raise InputError(
                f"nested too deeply: a {what} nests at most {MAX_DEPTH} levels", path
            ) from None
        text = _surrogate_pairs(text, path)
    node, loader, text = _compose(text, path, what, from_json is None, forgiven)
    if node is None and from_json is not None:  # JSON that YAML 1.1 reads otherwise
        return from_json, Positions()
    if node is None:
        raise InputError(f"file is empty: a {what} needs at least a name or a section", path)
    lines = text.splitlines()
    try:
        anchored = _scan_events(text, path, what)
        positions = Positions()
        positions.dropped += [((), mark, message) for mark, message in forgiven]
        builder = _Builder(loader, path, positions, lines, anchored)
        return builder.build(node, ()), positions
    finally:
        loader.dispose()


MAX_REPAIRS = 50  # values starting with * mended in one file; more is not a resume


def _compose(
    text: str, path: Path, what: str, repair: bool, forgiven: list[tuple[Mark, str]]
) -> tuple[Any, Any, str]:
    """(node, loader, text): the YAML composed, its values that start with `*` (RenderCV
    writes `area: *Signal Processing*`, which YAML reads as an alias) read as text with a
    warning each; any other fault is an error at its line. The node is None for JSON that
    YAML cannot read (its values then come from the JSON reader, without lines)."""
    stars: list[Mark] = []  # values read as text, said once for all
    for _ in range(MAX_REPAIRS + 1):
        loader = _Loader(text)
        try:
            _scan_events(text, path, what)
            node = loader.get_single_node()
            if stars:
                more = f" (and on lines {', '.join(str(m[0]) for m in stars[1:])})"
                forgiven.append(
                    (
                        stars[0],
                        "YAML reads a value that starts with * as an alias: read as text"
                        + (more if len(stars) > 1 else "")
                        + "; quote such values to say so",
                    )
                )
            return node, loader, text
        except yaml.MarkedYAMLError as error:
            loader.dispose()
            mended = _star_as_text(text, error) if repair else None
            if mended is None:
                if not repair:
                    return None, None, text
                raise _yaml_error(error, text, path, what) from None
            text, mark = mended
            stars.append(mark)
        except yaml.YAMLError as error:
            loader.dispose()
            raise InputError(f"not valid YAML: {error}", path) from None
    raise InputError(f"more than {MAX_REPAIRS} values start with *: quote them", path)


_STAR_VALUE = re.compile(r"^(\s*(?:-\s+)*(?:[^\s\"'#:][^:#]*:\s+)?)(\*[^\n]*?)\s*$")


def _star_as_text(text: str, error: yaml.MarkedYAMLError) -> tuple[str, Mark] | None:
    """The text with the value that starts with * on the error's line quoted, or None."""
    lines = text.split("\n")
    for mark in (error.problem_mark, error.context_mark):
        if mark is None or mark.line >= len(lines):
            continue
        found = _STAR_VALUE.match(lines[mark.line])
        if found and " #" not in found.group(2):
            quoted = "'" + found.group(2).replace("'", "''") + "'"
            lines[mark.line] = found.group(1) + quoted
            return "\n".join(lines), (mark.line + 1, len(found.group(1)) + 1)
    return None


def _yaml_error(error: yaml.MarkedYAMLError, text: str, path: Path, what: str) -> InputError:
    """A YAML fault as a problem at its line, with a hint where a quote would mend it."""
    lines = text.splitlines()
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or "not valid YAML").strip()
    if "nesting depth" in problem:  # PyYAML 6.0.4 and later stop deep flows themselves
        message = f"nested too deeply: a {what} nests at most {MAX_DEPTH} levels"
        where = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return InputError(Problem(str(path), message, *where))
    context = f" ({error.context.strip()})" if error.context else ""
    line = lines[mark.line] if mark and mark.line < len(lines) else ""
    return InputError(
        Problem(
            str(path),
            f"not valid YAML: {problem}{context}{_quote_hint(line)}",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        )
    )


_JSON_FIXES = {
    "Expecting ',' delimiter": "a comma is missing before this value, or a quote before it is "
    "not closed",
    "Invalid control character at": "a line break or tab inside a string: is its closing quote "
    "missing? (a line break inside a string is written \\n)",
    "Expecting property name enclosed in double quotes": "a key must be in double quotes",
    "Unterminated string starting at": "this string's closing quote is missing",
}
MAX_COMMAS = 20  # commas put back in one file; more is not a slip of the hand


def _mended_json(text: str, path: Path, forgiven: list[tuple[Mark, str]]) -> tuple[str, Any]:
    """The values of JSON that tools let through: a stray line after the document left out, a
    comma missing between two values (at the end of a line) put back, each said at its line;
    any other fault is an error at its line, with what to do."""
    for _ in range(MAX_COMMAS + 1):
        try:
            return text, json.loads(text, parse_constant=_no_constant)
        except json.JSONDecodeError as error:
            if error.msg == "Extra data":  # a whole document, then something after it
                return _document_only(text, error, forgiven)
            before = text[: error.pos].rstrip(" \t")
            gap = len(text[: error.pos]) - len(before)
            if error.msg == "Expecting ',' delimiter" and before.endswith("\n") and gap:
                at = len(before)  # the line's indentation holds the comma, columns kept
                text = text[:at] + "," + text[at + 1 :]
                message = "a comma is missing before this value: read as if it were there"
                forgiven.append(((error.lineno, error.colno), message))
                continue
            message = f"not valid JSON: {_JSON_FIXES.get(error.msg, error.msg)}"
            raise InputError(Problem(str(path), message, error.lineno, error.colno)) from None
    raise InputError(f"not valid JSON: more than {MAX_COMMAS} commas are missing", path)


def _document_only(
    text: str, error: json.JSONDecodeError, forgiven: list[tuple[Mark, str]]
) -> tuple[str, Any]:
    """A JSON document followed by something else (a stray line pasted after it): the
    document, read with a warning at what follows; the rest is blanked for YAML's reading."""
    value = json.loads(text[: error.pos], parse_constant=_no_constant)
    extra = text[error.pos :]
    shown = " ".join(extra.split())[:40]
    forgiven.append(
        ((error.lineno, error.colno), f"left out: {shown!r} follows the end of the document")
    )
    blanked = text[: error.pos] + "".join(c if c == "\n" else " " for c in extra)
    return blanked, value


def _forgive_json(text: str) -> tuple[str, list[tuple[Mark, str]]]:
    """The text with trailing commas (`[1, 2,]`) and comments (`//`, `/* */`) outside strings
    blanked out (so every line and column stays where it was), and where each was."""
    chars = list(text)
    found: list[tuple[int, str]] = []
    i, n = 0, len(text)
    last_comma = -1  # a comma with nothing but space or comments after it yet
    while i < n:
        c = text[i]
        if c == '"':
            last_comma = -1
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif text.startswith(("//", "/*"), i):
            closer = "\n" if text[i + 1] == "/" else "*/"
            end = text.find(closer, i + 2)
            end = n if end < 0 else end + (0 if closer == "\n" else 2)
            found.append((i, "a comment, which JSON does not allow: read as if it were not there"))
            for k in range(i, end):
                if text[k] != "\n":
                    chars[k] = " "
            i = end
            continue
        elif c == ",":
            last_comma = i
        elif c in "]}" and last_comma >= 0:
            chars[last_comma] = " "
            message = (
                f"a comma before {c!r}, which JSON does not allow: read as if it were not there"
            )
            found.append((last_comma, message))
            last_comma = -1
        elif not c.isspace():
            last_comma = -1
        i += 1
    starts = [0] + [k + 1 for k, char in enumerate(text) if char == "\n"]
    marks = []
    for offset, message in found:
        line = bisect_right(starts, offset)
        marks.append(((line, offset - starts[line - 1] + 1), message))
    return "".join(chars), marks


# A \uXXXX escape not itself escaped (an even number of backslashes before it).
_ESCAPE = r"(?<!\\)((?:\\\\)*)\\u"
_PAIR = re.compile(_ESCAPE + r"(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.I)
_LONE = re.compile(_ESCAPE + r"(d[89a-f][0-9a-f]{2})", re.I)


def _surrogate_pairs(text: str, path: Path) -> str:
    """JSON writes a character beyond U+FFFF as two escapes (an emoji is \\ud83d\\ude00, as
    Python's json.dumps writes it); YAML reads each half alone and fails. The pairs become
    the characters; half of one is an error at its line."""

    def joined(match: re.Match[str]) -> str:
        high, low = int(match.group(2), 16), int(match.group(3), 16)
        return match.group(1) + chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))

    text = _PAIR.sub(joined, text)
    lone = _LONE.search(text)
    if lone:
        start = lone.start() + len(lone.group(1))
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        raise InputError(
            Problem(
                str(path),
                f"\\u{lone.group(2)} is half of a character (a lone UTF-16 surrogate); "
                "write the character itself, or both halves of its escape",
                line,
                column,
            )
        )
    return text


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


def _scan_events(text: str, path: Path, what: str) -> set[tuple[int, int]]:
    """Refuse deep nesting before composing: libyaml's composer recurses in C and would crash
    the interpreter on a file of a million `[`. The event parser does not recurse. Returns
    where plain text values carry an anchor (`- &co text`), which YAML drops from the text."""
    depth = 0
    anchored: set[tuple[int, int]] = set()
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.ScalarEvent) and event.anchor and not event.style:
            start = event.start_mark
            anchored.add((start.line, start.column) if start else (-1, -1))
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                message = f"nested too deeply: a {what} nests at most {MAX_DEPTH} levels"
                where = (mark.line + 1, mark.column + 1) if mark else (None, None)
                raise InputError(Problem(str(path), message, *where))
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return anchored


_TEXT_VALUE = re.compile(r"^\s*(?:-\s+)*(?:[^\s\"'#:][^:]*:\s+)?(?P<value>.*)$")


def _quote_hint(line: str) -> str:
    """Text that YAML took for syntax (`- *bold* text`, `- Note: this`) just needs quotes."""
    after_dash = line.lstrip(" -")
    if "\t" in line[: len(line) - len(line.lstrip())] or after_dash.startswith("\t"):
        return "; YAML indents with spaces, not tabs: replace the tab (or quote the text)"
    found = _TEXT_VALUE.match(line)
    text = found.group("value").strip() if found else ""
    if not text or text[0] in "\"'":
        return ""
    if text[0] in "*&!%@`|>{[?,]}" or ": " in text or " #" in text or text.endswith(":"):
        return '; if this line is text, put it in quotes: "…" (and write a " inside as \\")'
    return ""


class _Builder:
    """Plain values from a YAML node tree, recording positions and bounding alias expansion."""

    def __init__(
        self,
        loader: Any,
        file: Path,
        positions: Positions,
        lines: list[str],
        anchored: set[tuple[int, int]],
    ) -> None:
        self.loader, self.file, self.positions, self.lines = loader, file, positions, lines
        self.anchored = anchored
        self.budget = MAX_NODES

    def problem(self, message: str, node: yaml.Node, path: FieldPath = ()) -> InputError:
        return InputError(Problem(str(self.file), message, *_mark(node), path))

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise self.problem("too many values (is this an alias bomb?)", node)
        self.positions.values.setdefault(path, _mark(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # a date stays text: the model reads and checks it (2025-02-30)
        try:
            value = self.loader.construct_object(node)
            value = self.as_written(node, value, path)
        except (yaml.YAMLError, ValueError, OverflowError) as error:
            reason = getattr(error, "problem", None) or str(error)
            line = (
                self.lines[node.start_mark.line] if node.start_mark.line < len(self.lines) else ""
            )
            hint = _quote_hint(line)
            raise self.problem(f"cannot read value: {reason}{hint}", node, path) from None
        if (node.start_mark.line, node.start_mark.column) in self.anchored:
            self.positions.dropped.append(
                (
                    path,
                    _mark(node),
                    "YAML reads the '&…' at the start as an anchor name and drops "
                    "it from the text; quote the line if it belongs to the text",
                )
            )
        if isinstance(value, str) and not getattr(node, "style", None):  # plain: "" or None
            self.note_trailing_comment(node, path)
        return value

    def mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag == "tag:yaml.org,2002:merge"
            ):
                raise self.problem("keys must be plain words", key_node, path)
            try:
                key = str(self.loader.construct_object(key_node))
            except (yaml.YAMLError, ValueError, OverflowError) as error:
                reason = getattr(error, "problem", None) or str(error)
                raise self.problem(f"cannot read key: {reason}", key_node, path) from None
            if key in result:
                raise self.problem(
                    f"key {key!r} is given twice; the first would be silently lost", key_node, path
                )
            self.positions.keys[(*path, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result

    def as_written(self, node: yaml.Node, value: Any, path: FieldPath) -> Any:
        """A plain value YAML took for a number, as it was written when the number would
        print differently: `3.10` stays 3.10 (not 3.1), `0x1F`, `010` and `12:30` stay as
        typed (YAML 1.1 reads them as 31, 8 and 750). A value YAML took for true, false or
        nothing (`no`, `yes`, `null`, `~`) is remembered, so an error can say to quote it."""
        if getattr(node, "style", None) or isinstance(value, str):
            return value
        written = str(node.value)
        if isinstance(value, bool) or value is None:
            self.positions.taken_as[path] = written
            return value
        if isinstance(value, (int, float)) and written != str(value):
            return written
        return value

    def note_trailing_comment(self, node: yaml.Node, path: FieldPath) -> None:
        end = node.end_mark
        if end.line >= len(self.lines):
            return
        rest = self.lines[end.line][end.column :]
        # `text #tag` (one space) or `text #word` reads as text that lost its end; a comment
        # set off by two spaces and `# ` is how people write comments, and is left alone.
        found = re.match(r"^( +)#(.*)$", rest)
        if found and (len(found.group(1)) == 1 or found.group(2)[:1] not in ("", " ")):
            column = end.column + len(found.group(1)) + 1
            comment = "#" + found.group(2)
            self.positions.dropped.append(
                (
                    path,
                    (end.line + 1, column),
                    f"YAML reads {comment!r} here as a comment and drops it; "
                    f"quote the line if {comment!r} belongs to the text",
                )
            )


def _mark(node: yaml.Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def load_document(path: Path, what: str) -> tuple[dict[str, Any], Positions]:
    """A YAML or JSON file that must hold a mapping, with its positions."""
    data, positions = parse_document(read_text(path, what=what), path, what)
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
        raise InputError(
            Problem(
                str(path),
                f"a {what} is a mapping of fields (key: value lines), but this is {found}",
                *(positions.of(()) or (None, None)),
            )
        )
    return data, positions


def validate(model: type[M], data: dict[str, Any], path: Path, positions: Positions) -> M:
    """The model made from a file's values, or an InputError naming each bad value's place."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = problems_of(error, model, path, positions)
        raise InputError(_shape_hint(data, problems, path) + _alike_once(problems)) from None
    except RecursionError:  # pydantic validates nested values recursively
        raise InputError("nested too deeply", path) from None


def _alike_once(problems: list[Problem]) -> list[Problem]:
    """One mistake made in every entry (a startDate in each of twelve jobs) said once, at
    its first place, with how many other entries make it, rather than a screen of the same
    line."""
    shapes = [
        (tuple("*" if isinstance(part, int) else part for part in p.path), p.message)
        for p in problems
    ]
    counts = {shape: shapes.count(shape) for shape in shapes}
    kept: list[Problem] = []
    for problem, shape in zip(problems, shapes, strict=True):
        if counts.pop(shape, 0) > 1:
            others = shapes.count(shape) - 1
            kept.append(replace(problem, message=f"{problem.message} (and in {others} more)"))
        elif shape not in counts and shapes.count(shape) == 1:
            kept.append(problem)
    return kept


_CAMEL_CASE = re.compile(r"^[a-z]+[A-Z]\w*$")


def _shape_hint(data: object, problems: list[Problem], path: Path) -> list[Problem]:
    """When a file's fields are mostly unknown ones written as another tool writes them
    (startDate, firstName), one line saying how the file was read and what it could be."""
    unknown = [p for p in problems if p.message.startswith("unknown field")]
    camel = [p for p in unknown if p.path and _CAMEL_CASE.match(str(p.path[-1]))]
    if len(camel) < 2 or not isinstance(data, dict):
        return []
    return [
        Problem(
            str(path),
            "read as a profile of this tool (it has its own fields: "
            f"{', '.join(sorted(str(k) for k in data)[:6])}), but fields such as "
            f"{' and '.join(dict.fromkeys(str(p.path[-1]) for p in camel[:4]).keys())} are "
            "another tool's. If it is JSON Resume, name its parts as JSON Resume does "
            "(basics, work, education); else see docs/profile.md",
        )
    ]


def problems_of(
    error: ValidationError, model: type[BaseModel], path: Path, positions: Positions
) -> list[Problem]:
    problems = []
    suggested: set[FieldPath] = set()  # fields a did-you-mean already points the reader to
    items = error.errors(include_url=False)
    # `- Led the team: shipped X` is valid YAML for a one-key mapping, which is rarely what
    # was meant: one clear hint replaces the errors of every branch that tried to read it.
    json_file = path.suffix.lower() == ".json"  # JSON says what true and null are: no YAML hint
    text_as_mapping = {
        _clean_loc(item["loc"]): item["input"]
        for item in items
        if item["type"] == "string_type"
        and isinstance(item.get("input"), dict)
        and len(item["input"]) == 1
        and not json_file
    }
    for loc, value in text_as_mapping.items():
        key, rest = next(iter(value.items()))
        line, column = positions.of(loc) or (None, None)
        message = (
            f"YAML read this text as a field {str(key)!r} with the value {str(rest)!r}, "
            f'because of the ": " in it; if it is text, put it in quotes: "{key}: {rest}"'
        )
        problems.append(Problem(str(path), message, line, column, loc))
    # A bullet is text or {text, tags}: when text fails, pydantic also says it is not a
    # mapping, which a person who wrote text does not need to hear.
    at = [_clean_loc(item["loc"]) for item in items]
    for item in items:
        loc = _clean_loc(item["loc"])
        if any(loc[: len(t)] == t for t in text_as_mapping):
            continue
        if item["type"] in ("model_type", "dict_type") and at.count(loc) > 1:
            continue
        kind = item["type"]
        message = item["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if kind == "extra_forbidden":
            key = str(loc[-1])
            allowed = fields_at(model, loc[:-1])
            message = f"unknown field {key!r}" + did_you_mean(key, allowed)
            near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            suggested.update((*loc[:-1], n) for n in near)
        elif kind == "missing":
            message = f"required field {loc[-1]!r} is missing"
        elif loc in positions.taken_as and kind == "string_type" and not json_file:
            written = positions.taken_as[loc]
            message = (
                f"YAML reads {written!r} as {item['input']!r}, not as text; "
                f'if it is text, put it in quotes: "{written}"'
            )
        elif (
            kind == "list_type"
            and isinstance(item.get("input"), str)
            and (item["input"].lstrip().startswith("-"))
        ):  # `highlights:` then `  -Cut costs`: YAML reads one text, not a list
            message = (
                f"a list, but YAML read one text {_clip(repr(item['input']), 40)}: start each "
                'item with "- " (a dash and a space)'
            )
        elif "input" in item and kind not in ("value_error", "assertion_error"):
            message = f"{message} (found {_clip(repr(item['input']))})"
        mark = positions.of(loc, key=kind == "extra_forbidden")
        line, column = mark if mark else (None, None)
        problems.append(Problem(str(path), message, line, column, loc))
    # A misspelt required key shows up twice (unknown + missing): the hint says it all.
    return [p for p in problems if not (p.path in suggested and "is missing" in p.message)]


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    """'; did you mean 'company'?' for a near miss, else the allowed choices."""
    choices = list(choices)
    near = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if near:
        return f"; did you mean {near[0]!r}?"
    return f" (allowed here: {', '.join(choices)})" if choices else ""


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _clean_loc(loc: tuple[Any, ...]) -> FieldPath:
    return tuple(p for p in loc if isinstance(p, int) or not _is_branch(p))


def _is_branch(part: Any) -> bool:
    """pydantic names union branches in error locations; a person never wrote those."""
    return isinstance(part, str) and (
        part.startswith(("function-", "literal[", "union[", "lax-", "json-"))
        or part in ("PartialDate", "Highlight", "str", "int")
    )


def fields_at(root: type[BaseModel], loc: FieldPath) -> list[str]:
    """The field names allowed at a location of a document, for did-you-mean hints."""
    model: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        info = model.model_fields.get(part)
        if info is None:
            return []
        model = _model_in(info.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [name for name, info in model.model_fields.items() if not info.exclude]
    return []


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside list[X], X | None, Annotated[X, …]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
