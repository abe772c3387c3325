"""The one check for every upload (core.files): real small files of each kind pass; a file whose
content is not what its name says, an executable or a web page renamed, is refused with a
Vietnamese message naming the file and what was expected."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook
from PIL import Image

from core.files import CAMERA_FRAME, CATALOGUE_TEMPLATE, DOSSIER_SCAN, check_upload


def picture(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, kind)
    return buffer.getvalue()


def workbook() -> bytes:
    book = Workbook()
    book.active["A1"] = "Số hồ sơ"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def word_document() -> bytes:
    """The smallest DOCX Word opens: content types, the package relation and the body."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
            '-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package'
            '/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Tờ khai</w:t></w:r></w:p>'
            "</w:body></w:document>",
        )
    return buffer.getvalue()


def open_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


# An OLE compound file header (Word 97–2003): the signature, then the header's fixed fields.
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff" + bytes(482)
# The DOS header of a Windows program and the start of its PE header.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(46) + b"PE\x00\x00" + bytes(200)
HTML = b"<!DOCTYPE html><html><body><script>fetch('/can-bo/')</script></body></html>"

REAL = {
    "don.pdf": lambda: picture("PDF"),
    "anh.jpg": lambda: picture("JPEG"),
    "ANH.JPEG": lambda: picture("JPEG"),
    "the.png": lambda: picture("PNG"),
    "to-khai.docx": word_document,
    "bang.xlsx": workbook,
}


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    # The browser's Content-Type is whatever the client says: never looked at.
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize("name", REAL)
def test_a_real_file_of_each_kind_a_dossier_takes_passes(name):
    kind = check_upload(upload(name, REAL[name]()), kinds=DOSSIER_SCAN, max_bytes=2**20)
    assert kind == {"pdf": "pdf", "jpg": "jpeg", "jpeg": "jpeg", "png": "png"}.get(
        name.rsplit(".", 1)[-1].lower(), name.rsplit(".", 1)[-1]
    )


@pytest.mark.parametrize(
    "name, content",
    [
        ("mau.doc", OLE),
        ("mau.docx", word_document()),
        ("mau.odt", open_document()),
        ("mau.pdf", picture("PDF")),
        ("mau.xlsx", workbook()),
    ],
)
def test_the_catalogue_takes_templates_in_the_office_formats(name, content):
    assert check_upload(upload(name, content), kinds=CATALOGUE_TEMPLATE, max_bytes=2**20)


@pytest.mark.parametrize(
    "name, content, code, expected",
    [
        ("hoa-don.pdf", EXE, "wrong_content", "PDF"),
        ("to-khai.docx", EXE, "wrong_content", "Word (DOCX)"),
        ("anh.jpg", HTML, "wrong_content", "JPEG"),
        ("mau.doc", HTML, "wrong_content", "Word 97–2003 (DOC)"),
        ("to-khai.docx", picture("PNG"), "wrong_content", "Word (DOCX)"),
        ("bang.xlsx", word_document(), "not_office", "Excel (XLSX)"),
    ],
)
def test_a_renamed_program_or_page_is_refused_naming_the_file_and_the_kind_expected(
    name, content, code, expected
):
    kinds = ("pdf", "jpeg", "doc", "docx", "xlsx")
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content), kinds=kinds, max_bytes=2**20)
    assert refused.value.code == code
    message = refused.value.messages[0]
    assert f"“{name}”" in message
    assert f"không phải là tệp {expected} thật" in message


@pytest.mark.parametrize("name", ["cai-dat.exe", "trang.html", "logo.svg", "khong-duoi"])
def test_a_kind_not_accepted_is_refused_saying_what_is(name):
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        check_upload(upload(name, EXE), kinds=DOSSIER_SCAN, max_bytes=2**20)
    assert refused.value.code == "kind_not_allowed"
    message = refused.value.messages[0]
    assert f"“{name}”" in message
    assert "PDF, JPEG, PNG, Word (DOCX), Excel (XLSX)" in message


def test_an_oversize_file_is_refused_before_its_content_is_read():
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        check_upload(upload("scan.pdf", picture("PDF")), kinds=DOSSIER_SCAN, max_bytes=100)
    assert refused.value.code == "too_large"
    assert "“scan.pdf”" in refused.value.messages[0]


def test_a_camera_picture_is_judged_by_its_content_alone():
    frame = SimpleUploadedFile("blob", picture("WEBP"), content_type="image/webp")
    assert check_upload(frame, kinds=CAMERA_FRAME, max_bytes=2**20, content_only=True) == "webp"
    with pytest.raises(ValidationError):
        check_upload(
            SimpleUploadedFile("frame.jpg", HTML),
            kinds=CAMERA_FRAME,
            max_bytes=2**20,
            content_only=True,
        )


def test_a_name_cannot_smuggle_folders_or_direction_marks_into_the_message():
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        check_upload(upload("../../\u202efdp.exe", EXE), kinds=DOSSIER_SCAN, max_bytes=2**20)
    assert "“fdp.exe”" in refused.value.messages[0]
