"""What a file is, read from its bytes: never from its name or the type it claims.

A renamed program ("factura.pdf") claims to be a PDF in both its name and its MIME type, so
only the content can tell. PDF, JPEG and PNG announce themselves in their first bytes. The
office formats are ZIP archives: Office Open XML (docx, xlsx, pptx) names its main part's
content type in [Content_Types].xml, and OpenDocument (odt, ods, odp) starts with a
``mimetype`` entry holding its type. Macro-enabled variants (docm, xlsm, …) are none of these.
"""

import io
import zipfile
import zlib
from enum import StrEnum

__all__ = ["FileType", "sniff"]


class FileType(StrEnum):
    """A kind of file recognised by its content."""

    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    DOCX = "docx"
    XLSX = "xlsx"
    PPTX = "pptx"
    ODT = "odt"
    ODS = "ods"
    ODP = "odp"
    # Word, Excel and PowerPoint before 2007 (.doc, .xls, .ppt): OLE2 compound files, still
    # what many public bodies send. Their signature cannot tell the three apart.
    OLE_OFFICE = "ole_office"


_SIGNATURES: tuple[tuple[bytes, FileType], ...] = (
    (b"%PDF-", FileType.PDF),
    (b"\xff\xd8\xff", FileType.JPEG),
    (b"\x89PNG\r\n\x1a\n", FileType.PNG),
    (bytes.fromhex("d0cf11e0a1b11ae1"), FileType.OLE_OFFICE),
)
_ZIP = b"PK\x03\x04"
_OOXML = "application/vnd.openxmlformats-officedocument."
# The main part each Office Open XML type must have, and the content type it must declare.
_OOXML_MAIN: tuple[tuple[str, str, FileType], ...] = (
    ("word/document.xml", "wordprocessingml.document.main+xml", FileType.DOCX),
    ("xl/workbook.xml", "spreadsheetml.sheet.main+xml", FileType.XLSX),
    ("ppt/presentation.xml", "presentationml.presentation.main+xml", FileType.PPTX),
)
_ODF = {
    b"application/vnd.oasis.opendocument.text": FileType.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": FileType.ODS,
    b"application/vnd.oasis.opendocument.presentation": FileType.ODP,
}
# Read at most this much of an archive's small description entries: a zip bomb stays shut.
_ENTRY_MAX = 256 * 1024


def sniff(content: bytes) -> FileType | None:
    """The type content is, or None when it is none of FileType (or a broken archive)."""
    for signature, kind in _SIGNATURES:
        if content.startswith(signature):
            return kind
    if content.startswith(_ZIP):
        return _office(content)
    return None


def _office(content: bytes) -> FileType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            if entries and entries[0].filename == "mimetype":
                with archive.open(entries[0]) as entry:
                    return _ODF.get(entry.read(_ENTRY_MAX).strip())
            names = {entry.filename for entry in entries}
            if "[Content_Types].xml" not in names:
                return None
            with archive.open("[Content_Types].xml") as entry:
                types = entry.read(_ENTRY_MAX).decode("utf-8", "replace")
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,  # a compression method zipfile does not know
        RuntimeError,  # an encrypted entry
    ):
        return None
    for part, content_type, kind in _OOXML_MAIN:
        if part in names and f"{_OOXML}{content_type}" in types:
            return kind
    return None
