"""What the PDF says it is: XMP metadata that matches the document information dictionary,
identifying it as PDF/UA-1 (ISO 14289-1) and as PDF/A-2b (ISO 19005-2), with an sRGB output
intent, for the portals that ask for an archival file. Every PDF is both: the output intent
and the packet cost about 700 bytes and no measurable time (docs/performance.md).

PDF/A allows only the XMP properties of its predefined schemas; the PDF/UA identification
schema is not one of them, so it is described in the packet (an extension schema), as
PDF/A requires.
"""

from __future__ import annotations

import zlib
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFCatalog,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFStream,
    PDFString,
)

from renderer.compose.document import Document

PRODUCER = "resume-renderer"
# The writer builds every PDF invariant (reportlab's fixed timestamp, the same bytes on every
# machine); XMP must give the same dates as the document information dictionary.
INVARIANT_DATE = "2000-01-01T00:00:00+00:00"
SRGB = Path(__file__).parent / "data" / "srgb.icc"

_UA_SCHEMA = """
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>"""


def keywords(document: Document) -> str:
    """The keywords as one string, joined as reportlab joins them in the info dictionary."""
    return ", ".join(document.keywords)


def xmp(document: Document) -> bytes:
    """The XMP packet: title, author, description, language, keywords, tools, dates and
    trapping (as the info dictionary has them), PDF/UA part 1 and PDF/A-2B."""

    def text(value: str) -> str:
        return escape(value, {'"': "&quot;"})

    def alt(value: str) -> str:  # a text in the language of the document, for any reader
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{text(value)}</rdf:li></rdf:Alt>'

    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <dc:format>application/pdf</dc:format>
   <dc:title>{alt(document.title)}</dc:title>
   <dc:creator><rdf:Seq><rdf:li>{text(document.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description>{alt(document.subject)}</dc:description>
   <dc:language><rdf:Bag><rdf:li>{text(document.language)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{text(keywords(document))}</pdf:Keywords>
   <pdf:Producer>{PRODUCER}</pdf:Producer>
   <xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>
   <xmp:CreateDate>{INVARIANT_DATE}</xmp:CreateDate>
   <xmp:ModifyDate>{INVARIANT_DATE}</xmp:ModifyDate>
   <pdf:Trapped>False</pdf:Trapped>
   <pdfuaid:part>1</pdfuaid:part>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>{_UA_SCHEMA}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return packet.encode("utf-8")


@cache
def _srgb() -> bytes:
    """The profile, compressed once: every PDF carries the same bytes."""
    return zlib.compress(SRGB.read_bytes())


def identify(doc: Any, document: Document) -> None:
    """Hang the XMP metadata and the sRGB output intent on the catalog of reportlab's
    document `doc`, before it is written."""
    catalog = doc.Catalog
    metadata = PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")})
    # Uncompressed: archival checkers and search tools read the packet as plain text.
    catalog.Metadata = PDFStream(metadata, xmp(document))
    compressed = PDFDictionary({"N": 3, "Filter": PDFName("FlateDecode")})
    profile = PDFStream(compressed, _srgb())
    doc.Reference(profile, "OutputProfile")
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString("sRGB IEC61966-2.1"),
            "Info": PDFString("sRGB IEC61966-2.1"),
            "DestOutputProfile": PDFObjectReference("OutputProfile"),
        }
    )
    # reportlab's catalog writes only the keys it lists: this one lists OutputIntents too.
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = PDFArray([intent])
