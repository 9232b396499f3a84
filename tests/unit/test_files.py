"""Files are told by their first bytes, whatever their name or claimed type says."""

import io
import zipfile

import pytest

from bot.domain.files import SNIFF_BYTES, FileKind, sniff
from tests.fakes.driver import SAMPLE_PDF, SAMPLE_PNG


def _zip(*entries: tuple[str, bytes], stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries):
            method = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return buffer.getvalue()


DOCX = _zip(("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>"))
XLSX_RELS_FIRST = _zip(("_rels/.rels", b"<Relationships/>"), ("xl/workbook.xml", b"<x/>"))
ODT = _zip(
    ("mimetype", b"application/vnd.oasis.opendocument.text"),
    ("content.xml", b"<office:document-content/>"),
    stored_first=True,
)
PLAIN_ZIP = _zip(("photos/holiday.jpg", b"\xff\xd8\xff"))
EPUB = _zip(("mimetype", b"application/epub+zip"), stored_first=True)
OLE_DOC = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(120)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(100)


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (SAMPLE_PDF, FileKind.PDF),
        (SAMPLE_PNG, FileKind.PNG),
        (JPEG, FileKind.JPEG),
        (DOCX, FileKind.OFFICE_ZIP),
        (XLSX_RELS_FIRST, FileKind.OFFICE_ZIP),
        (ODT, FileKind.OFFICE_ZIP),
        (OLE_DOC, FileKind.OFFICE_OLE),
    ],
)
def test_accepted_kinds_are_told_by_their_first_bytes(content: bytes, kind: FileKind) -> None:
    assert sniff(content[:SNIFF_BYTES]) is kind


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"MZ\x90\x00 an executable renamed plan.pdf",
        b"<html><body>not a pdf</body></html>",
        b"GIF89a" + bytes(20),
        PLAIN_ZIP,
        EPUB,
        b"PK\x03\x04",  # a zip cut short: no entry name to read
        b" %PDF-1.7 with a leading space",
    ],
)
def test_other_files_are_refused(content: bytes) -> None:
    assert sniff(content[:SNIFF_BYTES]) is None
