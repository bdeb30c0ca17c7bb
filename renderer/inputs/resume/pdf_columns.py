"""The columns of a PDF resume's page, told from where its pieces of text stand.

A page may hold two flows of text side by side (a sidebar of contact details and skills
beside the main column): each is read whole, the main column first, or the rows would mix
the two. Or a narrow column whose text stands on the rows of the main one: dates at the left
(moderncv, friggeri), a table's section names, or dates and places at the right; those stay on
their rows. Which it is, is told by the gutter between them (a vertical band no text crosses)
and by whether the narrow side's text shares the main side's baselines.
"""

from __future__ import annotations

from collections import defaultdict

from renderer.inputs.resume.pdf_pieces import Piece, joined

MIN_PIECES = 3  # a column holds at least this many pieces of text
ALIGNED = 0.7  # the share of a narrow column's pieces on the other's baselines: one table
APART = 2.5  # pieces of a line further apart than this (in ems) stay apart (a date at the right)


def arrange(pieces: list[Piece]) -> list[Piece]:
    """The pieces, a sidebar's marked (column 1) and a left column's (lead), and those of a
    line that no column divides joined again."""
    _mark(pieces)
    found: list[Piece] = []
    for piece in pieces:
        last = found[-1] if found else None
        if (
            last is not None
            and last.line == piece.line
            and (last.column, last.lead) == (piece.column, piece.lead)
            and piece.x0 - last.x1 <= APART * max(piece.size, last.size)
        ):
            found[-1] = joined(last, piece)
        else:
            found.append(piece)
    return found


def _mark(pieces: list[Piece]) -> None:
    """Mark, page by page, a sidebar's pieces (column 1), then a left column's (lead) in the
    main text."""
    pages: dict[int, list[Piece]] = defaultdict(list)
    for piece in pieces:
        pages[piece.page].append(piece)
    for on_page in pages.values():
        found = _divided(on_page, aligned=False)
        if found:
            for piece in found[0]:
                piece.column = 1
        main = [p for p in on_page if p.column == 0]
        found = _divided(main, aligned=True)
        if found and found[0] is found[1]:  # a narrow column at the left, on the text's rows
            for piece in found[0]:
                piece.lead = any(c.isalnum() for c in piece.text)


def _divided(pieces: list[Piece], *, aligned: bool) -> tuple[list[Piece], list[Piece]] | None:
    """(the narrow side, the left side) of the best gutter that divides the pieces into
    columns that share their rows (aligned) or do not, or None."""
    best: tuple[int, list[Piece], list[Piece]] | None = None
    height = max(p.y for p in pieces) - min(p.y for p in pieces) if pieces else 0.0
    for score, left, right in _gutters(pieces):
        narrow, wide = sorted((left, right), key=_letters)
        if (_shared(narrow, wide) >= ALIGNED * len(narrow)) != aligned:
            continue
        if not aligned and max(p.y for p in narrow) - min(p.y for p in narrow) < height * 0.4:
            continue  # a block beside the name (contact details), not a column down the page
        if not aligned and score < MIN_PIECES:
            # a few short lines a line of text crosses the gap beside (an employer's name
            # alone on its line, a heading, a last word), not a sidebar
            continue
        if best is None or score > best[0]:
            best = (score, narrow, left)
    return (best[1], best[2]) if best else None


def _gutters(pieces: list[Piece]) -> list[tuple[int, list[Piece], list[Piece]]]:
    """Each vertical band that no piece (or hardly one) crosses, where it divides the page's
    text in two: (how well, the pieces left of it, those right of it)."""
    found = []
    for edge in sorted({round(p.x0, 1) for p in pieces}):
        left = [p for p in pieces if p.x1 <= edge - 1.5]
        right = [p for p in pieces if p.x0 >= edge - 0.5]
        if len(left) < MIN_PIECES or len(right) < MIN_PIECES:
            continue
        top = min(max(p.y for p in left), max(p.y for p in right))
        bottom = max(min(p.y for p in left), min(p.y for p in right))
        inside = [p for p in pieces if bottom - 1 <= p.y <= top + 1]
        crossing = [p for p in inside if p.x0 < edge - 0.5 and p.x1 > edge - 1.5]
        if len(crossing) <= max(1, len(inside) // 30):
            found.append((min(len(left), len(right)) - 3 * len(crossing), left, right))
    return found


def _letters(pieces: list[Piece]) -> int:
    return sum(len(p.text) for p in pieces)


def _shared(narrow: list[Piece], wide: list[Piece]) -> int:
    """How many of a column's pieces stand on the baseline of one of the other's."""
    return sum(
        any(abs(p.y - q.y) <= 0.5 * max(p.size, q.size) for q in wide if q.page == p.page)
        for p in narrow
    )
