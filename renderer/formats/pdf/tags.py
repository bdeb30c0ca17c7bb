"""The PDF's logical structure: what a screen reader, a records check or a text extractor
that follows tags reads, in the Document's order (PDF/UA-1, ISO 14289-1).

reportlab has no tagging API, but the backend draws every line itself, so it marks what it
draws: each flowable draws its text inside a marked-content sequence (`BDC … EMC`) whose MCID
the structure tree points to, and decoration (rules under headings, page numbers) is drawn as
/Artifact. The tree itself is planned from the Document before layout (`plan`) and written
into the PDF once the pages exist (`Structure.write`):

    Document
      H1 (the name)  P (headline)  P (contact line)
      Sect: H2 (section heading)
            Div: H3 (an entry's head, its dates)  P (sub-line)  L: LI: Lbl (•) LBody (text)
      P (a letter's paragraphs and lines)

Links are /Link elements holding the annotation (/OBJR) beside the text of their paragraph,
each annotation pointing back through /StructParent; every page has /StructParents, and the
ParentTree maps both back to the elements.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from reportlab.pdfbase.pdfdoc import (
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFPage,
    PDFString,
)

from renderer.compose.document import Document, Role


# Tuples, not dataclasses: a resume marks a few hundred of them, and every object made here is
# one more for the garbage collector, which showed in the time of a render.
class Content(NamedTuple):
    """A marked-content sequence on a page (1-based), by its MCID."""

    page: int
    mcid: int


class Annotation(NamedTuple):
    """A link annotation on a page, and the number it carries as /StructParent."""

    page: int
    key: LaterNumber


@dataclass(eq=False, slots=True)
class Element:
    """A structure element: a standard type (P, H2, LI…), its parent and its kids in
    reading order (elements, marked content, annotations)."""

    kind: str
    parent: Element | None = None
    kids: list[Element | Content | Annotation] = field(default_factory=list)

    def add(self, kind: str) -> Element:
        kid = Element(kind, self)
        self.kids.append(kid)
        return kid


class LaterNumber(PDFObject):
    """A link annotation's /StructParent, written into the PDF once every page is laid out
    (links come after the pages' own keys), and the annotation's name in the document."""

    def __init__(self) -> None:
        self.value = -1
        self.annotation = ""  # reportlab's internal name, known once it is added

    def format(self, document: Any) -> bytes:
        return str(self.value).encode()


@dataclass(frozen=True, slots=True)
class Marks:
    """What one block's flowables mark: the element their text belongs to, and for a bullet
    its label and body."""

    element: Element
    label: Element | None = None  # a bullet's Lbl
    body: Element | None = None  # a bullet's LBody
    aside: Element | None = None  # the contact details set beside a name: not the heading


def plan(document: Document) -> tuple[Element, list[Marks]]:
    """The structure tree of a Document, and what each of its blocks marks (by index)."""
    root = Element("Document")
    named = any(block.role is Role.NAME for block in document.blocks)
    # Headings never skip a level (PDF/UA): with no name, sections are the top level.
    levels = {Role.NAME: "H1", Role.HEADING: "H2" if named else "H1"}
    levels[Role.ENTRY] = "H3" if named else "H2"
    section: Element | None = None  # the Sect of the current heading
    entry: Element | None = None  # the Div of the current entry
    items: Element | None = None  # the L of the current run of bullets
    marks: list[Marks] = []
    for block in document.blocks:
        role = block.role
        if role is Role.HEADING:
            section, entry, items = root.add("Sect"), None, None
            marks.append(Marks(section.add(levels[role])))
            continue
        if role is Role.ENTRY and section is not None:
            entry, items = section.add("Div"), None
            marks.append(Marks(entry.add(levels[role])))
            continue
        parent = entry or section or root
        if role is Role.BULLET:
            if items is None:
                items = parent.add("L")
            item = items.add("LI")
            marks.append(Marks(item, item.add("Lbl"), item.add("LBody")))
            continue
        items = None
        element = parent.add(levels.get(role, "P"))
        # Contact details set flush right beside the name are a paragraph of their own: a
        # screen reader's list of headings gives the name, not the e-mail and phone.
        aside = parent.add("P") if block.aside and role in (Role.NAME, Role.HEADLINE) else None
        marks.append(Marks(element, aside=aside))
    return root, marks


class Structure:
    """The tree being drawn: hands out MCIDs page by page as flowables draw, and writes the
    tree, the parent tree and the links into the PDF at the end. One per render."""

    def __init__(self, root: Element) -> None:
        self.root = root
        self.counts: dict[int, int] = {}  # MCIDs used on each page
        self.drawing: Element | None = None  # whose marked content is open
        self.links: list[tuple[Element, Annotation]] = []

    def begin(self, canvas: Any, element: Element) -> bool:
        """Open a marked-content sequence of `element` for what is drawn next, unless one is
        open (the text then joins it: a line's aside, a centred line's filler spaces); say
        whether it did, for `end`."""
        if self.drawing is not None:
            return False
        page = canvas.getPageNumber()
        mcid = self.counts.get(page, 0)
        self.counts[page] = mcid + 1
        element.kids.append(Content(page, mcid))
        canvas.addLiteral(f"/{element.kind} <</MCID {mcid}>> BDC")
        self.drawing = element
        return True

    def end(self, canvas: Any, began: bool) -> None:
        if began:
            self.drawing = None
            canvas.addLiteral("EMC")

    @staticmethod
    @contextmanager
    def artifact(canvas: Any, kind: str = "Layout", subtype: str = "") -> Iterator[None]:
        """Draw decoration that is not content (a rule, a page number, a page's header)."""
        if kind == "Pagination":
            subtype = subtype or "Footer"
        extra = f" /Subtype /{subtype}" if subtype else ""
        canvas.addLiteral(f"/Artifact <</Type /{kind}{extra}>> BDC")
        yield
        canvas.addLiteral("EMC")

    def link(self, canvas: Any) -> LaterNumber:
        """A link annotation drawn now, inside the open element: a /Link beside its text."""
        key = LaterNumber()
        owner = self.drawing or self.root
        link = owner.add("Link")
        annotation = Annotation(canvas.getPageNumber(), key)
        link.kids.append(annotation)
        self.links.append((link, annotation))
        return key

    def write(self, doc: Any, pages: int) -> None:
        """The tree as PDF objects, hung from the catalog (the pages carry /StructParents
        0…pages-1 from `page_keys`; links follow them).

        The elements are registered first, so that their object numbers are known and each
        is written straight to bytes: reportlab's general formatting of a few hundred small
        dictionaries took longer than drawing the text they describe."""
        elements: list[Element] = []  # parents before their kids

        def gather(element: Element) -> None:
            elements.append(element)
            for kid in element.kids:
                if isinstance(kid, Element):
                    gather(kid)

        gather(self.root)
        objects = [Raw() for _ in elements]
        tree = Raw()
        doc.Reference(tree, "StructTreeRoot")
        for number, raw in enumerate(objects, 1):
            doc.Reference(raw, f"StructElem{number}")
        numbers = doc.idToObjectNumberAndVersion

        def ref(name: str) -> bytes:
            return b"%d 0 R" % numbers[name][0]

        refs = {id(e): ref(f"StructElem{n}") for n, e in enumerate(elements, 1)}
        for number, (_, annotation) in enumerate(self.links):
            annotation.key.value = pages + number
        page_refs = {page: ref(f"Page{page}") for page in range(1, pages + 1)}
        on_page: dict[int, dict[int, bytes]] = {}  # page -> MCID -> its element
        for element, raw in zip(elements, objects, strict=True):
            own = refs[id(element)]
            home = next((k.page for k in element.kids if isinstance(k, Content)), None)
            kids: list[bytes] = []
            for kid in element.kids:
                if isinstance(kid, Element):
                    kids.append(refs[id(kid)])
                elif isinstance(kid, Content):
                    on_page.setdefault(kid.page, {})[kid.mcid] = own
                    if kid.page == home:
                        kids.append(b"%d" % kid.mcid)
                    else:
                        kids.append(
                            b"<</Type/MCR/Pg %s/MCID %d>>" % (page_refs[kid.page], kid.mcid)
                        )
                else:
                    kids.append(
                        b"<</Type/OBJR/Pg %s/Obj %s>>"
                        % (page_refs[kid.page], ref(kid.key.annotation))
                    )
            up = refs[id(element.parent)] if element.parent else ref("StructTreeRoot")
            where = b"/Pg " + page_refs[home] if home is not None else b""
            raw.data = b"<</Type/StructElem/S/%s/P %s%s/K[%s]>>" % (
                element.kind.encode(),
                up,
                where,
                b" ".join(kids),
            )
        nums = [
            b"%d[%s]" % (page - 1, b" ".join(mcids[m] for m in sorted(mcids)))
            for page in range(1, pages + 1)
            for mcids in [on_page.get(page, {})]
        ]
        nums += [b"%d %s" % (a.key.value, refs[id(link)]) for link, a in self.links]
        tree.data = (
            b"<</Type/StructTreeRoot/K %s/ParentTree<</Nums[%s]>>/ParentTreeNextKey %d>>"
            % (refs[id(self.root)], b" ".join(nums), pages + len(self.links))
        )
        doc.Catalog.StructTreeRoot = PDFObjectReference("StructTreeRoot")
        doc.Catalog.MarkInfo = PDFDictionary({"Marked": "true"})


class Raw(PDFObject):
    """A PDF object whose bytes are made by hand (references already resolved)."""

    def __init__(self) -> None:
        self.data = b""

    def format(self, document: Any) -> bytes:
        return self.data


def page_keys(page: PDFPage, number: int) -> None:
    """A page's entries for the tree: its key in the parent tree, and tab order by
    structure (PDF/UA, for pages with links)."""
    page.__NoDefault__ = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]
    page.StructParents = number - 1
    page.Tabs = PDFName("S")


def link_entries(url: str, key: LaterNumber) -> dict[str, Any]:
    """What a link annotation carries for the tree and for PDF/A: its key, a description
    (PDF/UA), and the Print flag."""
    return {"StructParent": key, "Contents": PDFString(url), "F": 4}
