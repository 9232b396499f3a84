"""What a file is, told by its first bytes instead of the name or type its sender claims.

A member's attachment may carry any name and MIME type; what it starts with is what a viewer
will open. ``sniff`` recognises the kinds the network accepts (PDF, JPEG, PNG and the office
formats: OOXML and OpenDocument zips, and the older OLE2 compound files) and returns None for
anything else, including any other zip.
"""

import struct
from enum import StrEnum

__all__ = ["SNIFF_BYTES", "FileKind", "sniff"]

# Enough to read a zip's first entry name (30 bytes of header and the name itself) and an
# OpenDocument's mimetype entry that follows it.
SNIFF_BYTES = 128


class FileKind(StrEnum):
    """A file kind the bot accepts; values are stored, so never rename them."""

    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    OFFICE_ZIP = "office_zip"  # .docx .xlsx .pptx (OOXML) and .odt .ods .odp (OpenDocument)
    OFFICE_OLE = "office_ole"  # .doc .xls .ppt (OLE2 compound documents)


_OLE = bytes.fromhex("d0cf11e0a1b11ae1")
_PNG = b"\x89PNG\r\n\x1a\n"
_ZIP = b"PK\x03\x04"
# A zip's first entry names what is inside: OOXML writers start with one of these.
_OOXML_FIRST = ("[Content_Types].xml", "_rels/", "docProps/", "word/", "xl/", "ppt/")
_ODF_MIMETYPE = b"application/vnd.oasis.opendocument."


def sniff(first_bytes: bytes) -> FileKind | None:
    """The kind of file that starts with first_bytes, or None when it is none the bot takes."""
    if first_bytes.startswith(b"%PDF-"):
        return FileKind.PDF
    if first_bytes.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if first_bytes.startswith(_PNG):
        return FileKind.PNG
    if first_bytes.startswith(_OLE):
        return FileKind.OFFICE_OLE
    if first_bytes.startswith(_ZIP) and _office_zip(first_bytes):
        return FileKind.OFFICE_ZIP
    return None


def _office_zip(head: bytes) -> bool:
    """Whether a zip's first local entry is an office document's."""
    if len(head) < 30:
        return False
    name_length, extra_length = struct.unpack_from("<HH", head, 26)
    name = head[30 : 30 + name_length]
    if name == b"mimetype":  # OpenDocument: stored first, uncompressed, then its content
        start = 30 + name_length + extra_length
        return head[start : start + len(_ODF_MIMETYPE)] == _ODF_MIMETYPE
    text = name.decode("utf-8", errors="replace")
    return any(text.startswith(prefix) for prefix in _OOXML_FIRST)
