"""A file's type from its bytes (issue 9 item 16): what it is, never what it is called."""

import io
import zipfile

import pytest

from bot.domain.files import FileType, sniff
from bot.domain.posts import FILE_MAX_BYTES, InvalidInput, check_document
from tests.fakes.driver import SAMPLE_PDF, SAMPLE_PNG

_CT = "application/vnd.openxmlformats-officedocument."


def archive(*entries: tuple[str, bytes], stored_first: bool = False) -> bytes:
    """A ZIP with these entries in order (the first stored uncompressed if stored_first)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for index, (name, data) in enumerate(entries):
            method = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            out.writestr(name, data, compress_type=method)
    return buffer.getvalue()


def ooxml(main: str, content_type: str) -> bytes:
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Override PartName="/{main}" ContentType="{content_type}"/></Types>'
    )
    return archive(
        ("[Content_Types].xml", types.encode()), ("_rels/.rels", b"<x/>"), (main, b"<x/>")
    )


def odf(mimetype: str) -> bytes:
    return archive(("mimetype", mimetype.encode()), ("content.xml", b"<x/>"), stored_first=True)


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 40


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        pytest.param(SAMPLE_PDF, FileType.PDF, id="pdf"),
        pytest.param(JPEG, FileType.JPEG, id="jpeg"),
        pytest.param(SAMPLE_PNG, FileType.PNG, id="png"),
        pytest.param(
            ooxml("word/document.xml", f"{_CT}wordprocessingml.document.main+xml"),
            FileType.DOCX,
            id="docx",
        ),
        pytest.param(
            ooxml("xl/workbook.xml", f"{_CT}spreadsheetml.sheet.main+xml"),
            FileType.XLSX,
            id="xlsx",
        ),
        pytest.param(
            ooxml("ppt/presentation.xml", f"{_CT}presentationml.presentation.main+xml"),
            FileType.PPTX,
            id="pptx",
        ),
        pytest.param(odf("application/vnd.oasis.opendocument.text"), FileType.ODT, id="odt"),
        pytest.param(odf("application/vnd.oasis.opendocument.spreadsheet"), FileType.ODS, id="ods"),
        pytest.param(
            odf("application/vnd.oasis.opendocument.presentation"), FileType.ODP, id="odp"
        ),
    ],
)
def test_each_type_is_known_by_its_bytes(content: bytes, kind: FileType) -> None:
    assert sniff(content) is kind


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(EXE, id="windows-program"),
        pytest.param(ELF, id="linux-program"),
        pytest.param(b"#!/bin/sh\nrm -rf ~\n", id="script"),
        pytest.param(b"<html><script>alert(1)</script>", id="html"),
        pytest.param(b"", id="empty"),
        pytest.param(b"%PD", id="cut-pdf-header"),
        pytest.param(b" %PDF-1.4", id="pdf-header-not-first"),
        pytest.param(b"\xff\xd8", id="cut-jpeg-header"),
        pytest.param(b"PK\x03\x04" + b"\x00" * 40, id="broken-zip"),
        pytest.param(archive(("readme.txt", b"hola")), id="plain-zip"),
        pytest.param(archive(("word/document.xml", b"<x/>")), id="zip-without-content-types"),
        pytest.param(
            ooxml("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
            id="docm-with-macros",
        ),
        pytest.param(
            ooxml("other.xml", f"{_CT}wordprocessingml.document.main+xml"),
            id="docx-type-without-its-part",
        ),
        pytest.param(odf("application/x-msdownload"), id="odf-with-another-mimetype"),
        pytest.param(
            archive(
                ("content.xml", b"<x/>"), ("mimetype", b"application/vnd.oasis.opendocument.text")
            ),
            id="odf-mimetype-not-first",
        ),
    ],
)
def test_anything_else_is_nothing_known(content: bytes) -> None:
    assert sniff(content) is None


def test_an_archive_entry_is_read_only_so_far() -> None:
    # A zip bomb stays shut: what a description entry holds past its first 256 KB is not read
    # (real [Content_Types].xml files are a few KB).
    padding = b" " * (4 * 1024 * 1024)
    content_type = f"{_CT}wordprocessingml.document.main+xml"
    override = f'<Override PartName="/word/document.xml" ContentType="{content_type}"/>'
    types = b"<Types>" + padding + override.encode() + b"</Types>"
    bomb = archive(("[Content_Types].xml", types), ("word/document.xml", b"<x/>"))
    assert len(bomb) < 50_000
    assert sniff(bomb) is None


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(EXE, id="windows-program"),
        pytest.param(SAMPLE_PNG, id="image-as-a-file"),
        pytest.param(
            ooxml("word/document.xml", f"{_CT}wordprocessingml.document.main+xml"), id="docx"
        ),
    ],
)
def test_a_post_takes_only_a_pdf_as_its_file(content: bytes) -> None:
    assert check_document(SAMPLE_PDF) is FileType.PDF
    with pytest.raises(InvalidInput) as caught:
        check_document(content)
    assert caught.value.key == "posts.error.file_content"


def test_a_post_file_over_the_limit_is_refused_whatever_it_is() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_document(SAMPLE_PDF + b"\x00" * FILE_MAX_BYTES)
    assert caught.value.key == "posts.error.file_size"


def test_old_office_files_are_known_by_their_compound_file_signature() -> None:
    ole = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
    assert sniff(ole) is FileType.OLE_OFFICE
    assert sniff(b"MZ" + ole) is None  # a program that merely contains one is not
