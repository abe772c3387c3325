"""Dossier files: malicious uploads (R13), guarded downloads, and receptions that store their
files all or nothing (R4)."""

import hashlib
import io
import re
import struct
import traceback
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse

from config.settings import base as configured
from core.models import AuditEvent
from dossiers.files import display_name, dossier_file_store
from dossiers.models import Dossier, DossierFile
from dossiers.services import ChecklistItem, dossier_receive
from dossiers.tests.conftest import reception_for

PDF = b"%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(*extra_chunks: bytes) -> bytes:
    """A real 1×1 grey PNG, with any extra chunks before the image data."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    pixels = png_chunk(b"IDAT", zlib.compress(b"\x00\x80"))
    return b"\x89PNG\r\n\x1a\n" + header + b"".join(extra_chunks) + pixels + png_chunk(b"IEND", b"")


def office_zip(main_part: str | None = "word/document.xml", *, padding_mb=0, entries=0) -> bytes:
    """An office-like ZIP built in memory; `padding_mb` per padding entry of zeros compresses
    about a thousand to one, which is what a zip bomb is made of."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if main_part:
            archive.writestr(main_part, "<document/>")
        block = bytes(2**20)
        for number in range(3 if padding_mb else 0):
            with archive.open(f"word/media/image{number}.bin", "w") as entry:
                for _ in range(padding_mb):
                    entry.write(block)
        for number in range(entries):
            archive.writestr(f"word/parts/part{number}.xml", "<p/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def files_on_disk(media: Path) -> list[Path]:
    return sorted(path for path in media.rglob("*") if path.is_file())


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def document(office):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    return dossier.documents.get()


def receive_with(office, *uploads_per_item):
    checklist = [
        ChecklistItem(name=f"Giấy tờ {number}", originals=1, uploads=list(uploads))
        for number, uploads in enumerate(uploads_per_item, start=1)
    ]
    return dossier_receive(reception=reception_for(office, checklist=checklist), actor=office.alice)


# --- R13: what is refused ---------------------------------------------------------------------

POLYGLOT_PNG = png(png_chunk(b"tEXt", b"Comment\x00<html><script>alert(document.cookie)</script>"))
HTML_PDF = b"%PDF-1.4\n<html><body>x</body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
REFUSED = {
    "an exe renamed pdf": ("hoa-don.pdf", lambda: b"MZ\x90\x00\x03" + bytes(200), None),
    "an html/png polyglot": ("anh-the.png", lambda: POLYGLOT_PNG, "polyglot"),
    "an html/pdf polyglot": (
        "don.pdf",
        lambda: b"%PDF-1.4\n<html><body>x</body></html>",
        "polyglot",
    ),
    "an svg with a script": ("logo.svg", lambda: SVG, None),
    "an svg named png": ("logo.png", lambda: SVG, None),
    "a zip bomb named docx": ("bao-cao.docx", lambda: office_zip(padding_mb=70), "zip_bomb"),
    "a zip of too many entries": (
        "bang.xlsx",
        lambda: office_zip("xl/workbook.xml", entries=1500),
        "zip_bomb",
    ),
    "a plain zip named docx": ("tai-lieu.docx", lambda: office_zip(None), "not_office"),
    "a nul in the name": ("giay-to\x00.pdf", lambda: PDF, "bad_name"),
    "an exe hidden behind a nul": ("virus.exe\x00.pdf", lambda: b"MZ\x90\x00", "bad_name"),
}


@pytest.mark.parametrize("case", REFUSED, ids=str)
def test_a_malicious_upload_is_refused_and_nothing_is_stored(document, media, case):
    name, content, code = REFUSED[case]
    with pytest.raises(ValidationError) as refused:
        dossier_file_store(document=document, upload=upload(name, content()), actor=None)

    if code:
        assert refused.value.code == code
    assert DossierFile.objects.count() == 0
    assert files_on_disk(media) == []


def test_a_zip_bomb_is_measured_without_being_unpacked(document, media):
    bomb = office_zip(padding_mb=70)

    with pytest.raises(ValidationError):
        dossier_file_store(document=document, upload=upload("x.docx", bomb), actor=None)

    assert len(bomb) < 2**20  # 210 MB declared, well under 1 MB sent


def test_an_oversize_file_is_refused(document, media, settings):
    settings.DOSSIER_FILE_MAX_BYTES = 2048

    with pytest.raises(ValidationError):
        dossier_file_store(document=document, upload=upload("scan.pdf", PDF * 60), actor=None)

    assert files_on_disk(media) == []


def test_the_bytes_received_not_the_declared_size_are_held_to_the_limit(document, media, settings):
    settings.DOSSIER_FILE_MAX_BYTES = 2048
    lying = upload("scan.pdf", PDF * 60)
    lying.size = 100

    with pytest.raises(ValidationError) as refused:
        dossier_file_store(document=document, upload=lying, actor=None)

    assert refused.value.code == "too_large"
    assert files_on_disk(media) == []


# --- R13: what is stored, and how ---------------------------------------------------------------

GENERATED = re.compile(r"^dossiers/\d{4}/\d{2}/[0-9a-f]{32}\.(pdf|png|docx|xlsx|jpg|jpeg)$")


@pytest.mark.parametrize(
    ("client_name", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\System32\\passwd.pdf", "passwd.pdf"),
        ("Đơn đề nghị.pdf", "Đơn đề nghị.pdf"),
    ],
)
def test_a_file_is_stored_under_a_generated_name_never_the_clients(
    document, media, office, client_name, shown
):
    content = PDF + b"% Nguyen Van An\n"
    stored = dossier_file_store(
        document=document,
        upload=upload(client_name, content, content_type="text/html"),
        actor=office.alice,
    )

    assert GENERATED.match(stored.file.name)
    assert "passwd" not in stored.file.name and ".." not in stored.file.name
    assert stored.original_name == shown
    assert stored.content_type == "application/pdf"  # from the checked kind, not the client
    assert stored.size == len(content)
    assert stored.sha256 == sha256(content)
    assert stored.uploaded_by == office.alice
    [on_disk] = files_on_disk(media)
    assert on_disk.is_relative_to(media.resolve()) or on_disk.is_relative_to(media)
    assert sha256(on_disk.read_bytes()) == stored.sha256


def test_real_office_documents_and_images_are_accepted(document, media):
    for name, content in [
        ("to-khai.docx", office_zip()),
        ("bang-ke.xlsx", office_zip("xl/workbook.xml")),
        ("anh.png", png()),
        ("anh.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64)),
    ]:
        stored = dossier_file_store(document=document, upload=upload(name, content), actor=None)
        assert stored.sha256 == sha256(content)

    assert len(files_on_disk(media)) == 4


@pytest.mark.parametrize(
    ("client_name", "shown"),
    [
        ("bao\r\ncao.pdf", "baocao.pdf"),
        ("\u202efdp.exe", "fdp.exe"),  # a right-to-left override that would display "exe.pdf"
        ("/", "file"),
        ("a" * 300 + ".pdf", "a" * 251 + ".pdf"),
    ],
)
def test_the_display_name_loses_folders_control_characters_and_excess_length(client_name, shown):
    assert display_name(client_name) == shown


def test_stored_files_are_outside_the_web_root_and_no_url_but_the_guarded_view_serves_them(
    document, media, client, office
):
    stored = dossier_file_store(document=document, upload=upload("a.pdf", PDF), actor=None)
    configured_media = Path(configured.MEDIA_ROOT).resolve()
    configured_static = Path(configured.STATIC_ROOT).resolve()
    assert not configured_media.is_relative_to(configured_static)
    assert not configured_static.is_relative_to(configured_media)
    client.force_login(office.alice)

    for prefix in ("/", "/media/", configured.MEDIA_URL, configured.STATIC_URL):
        assert client.get(prefix + stored.file.name).status_code == 404, prefix


# --- Downloads ------------------------------------------------------------------------------------


@pytest.fixture
def received(office):
    """A dossier received at commune A's counter with a PDF and a DOCX."""
    dossier = receive_with(office, [upload("Tờ khai.pdf", PDF)], [upload("CV.docx", office_zip())])
    return dossier, list(DossierFile.objects.order_by("id"))


def download_url(dossier, dossier_file) -> str:
    return reverse("dossiers:file", args=[dossier.pk, dossier_file.pk])


def test_a_permitted_officer_gets_the_file_as_an_attachment(client, office, received):
    dossier, (pdf, _docx) = received
    client.force_login(office.alice)

    response = client.get(download_url(dossier, pdf))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''T%E1%BB%9D%20khai.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action="dossier_file_download")
    assert (event.actor, event.object_id) == (office.alice, str(pdf.pk))


def test_an_office_document_is_sent_as_plain_bytes(client, office, received):
    dossier, (_pdf, docx) = received
    client.force_login(office.sophie)  # the handling agency's specialist

    response = client.get(download_url(dossier, docx))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith('attachment; filename="CV.docx"')


def test_another_communes_officer_gets_404_and_nothing_is_audited(client, office, received):
    dossier, (pdf, _docx) = received
    client.force_login(office.bob)

    response = client.get(download_url(dossier, pdf))

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="dossier_file_download").exists()


def test_a_file_cannot_be_fetched_through_another_dossiers_address(client, office, received):
    dossier, (pdf, _docx) = received
    other = receive_with(office, [])
    client.force_login(office.alice)

    assert client.get(download_url(other, pdf)).status_code == 404
    assert client.get(download_url(dossier, pdf)).status_code == 200


def test_an_anonymous_visitor_is_sent_to_log_in(client, received):
    dossier, (pdf, _docx) = received

    response = client.get(download_url(dossier, pdf))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


@pytest.mark.parametrize("damage", ["tampered", "missing"])
def test_a_damaged_file_is_refused_and_the_refusal_is_audited(client, office, received, damage):
    dossier, (pdf, _docx) = received
    path = Path(default_storage.path(pdf.file.name))
    if damage == "tampered":
        path.write_bytes(PDF.replace(b"Catalog", b"Catalox"))
    else:
        path.unlink()
    client.force_login(office.alice)

    response = client.get(download_url(dossier, pdf))

    assert response.status_code == 409
    assert "Content-Disposition" not in response
    assert "dossiers/file_integrity_failed.html" in [t.name for t in response.templates]
    assert pdf.sha256[:16] in response.content.decode()
    assert AuditEvent.objects.filter(
        action="dossier_file_integrity_failed", object_id=str(pdf.pk)
    ).exists()
    assert not AuditEvent.objects.filter(action="dossier_file_download").exists()


def test_a_name_with_quotes_and_line_breaks_makes_a_safe_header(client, office):
    dossier = receive_with(office, [upload('a"b;c\r\nSet-Cookie: x=1.pdf', PDF)])
    client.force_login(office.alice)

    response = client.get(download_url(dossier, DossierFile.objects.get()))

    assert response.status_code == 200
    assert "\n" not in response["Content-Disposition"]
    assert not response.cookies.get("x")


# --- R4: a reception stores its files all or nothing ----------------------------------------


def assert_nothing_was_kept(media: Path):
    assert Dossier.objects.count() == 0
    assert DossierFile.objects.count() == 0
    assert files_on_disk(media) == []


def test_a_reception_with_files_keeps_every_file_with_its_fingerprint(office, media):
    contents = [PDF, png(), office_zip()]
    dossier = receive_with(
        office,
        [upload("don.pdf", contents[0]), upload("anh.png", contents[1])],
        [upload("cv.docx", contents[2])],
    )

    first, second = dossier.documents.order_by("order")
    assert [f.original_name for f in first.files.order_by("id")] == ["don.pdf", "anh.png"]
    assert [f.original_name for f in second.files.all()] == ["cv.docx"]
    stored = DossierFile.objects.order_by("id")
    assert [f.sha256 for f in stored] == [sha256(content) for content in contents]
    for dossier_file in stored:
        assert sha256(Path(default_storage.path(dossier_file.file.name)).read_bytes()) == (
            dossier_file.sha256
        )
    assert len(files_on_disk(media)) == 3


def test_a_refused_second_file_leaves_no_dossier_and_no_first_file(office, media):
    with pytest.raises(ValidationError):
        receive_with(
            office,
            [upload("don.pdf", PDF), upload("virus.pdf", b"MZ\x90\x00")],
            [upload("cv.docx", office_zip())],
        )

    assert_nothing_was_kept(media)


def test_a_disk_failure_on_the_second_file_leaves_nothing(office, media, monkeypatch):
    real_save = FileSystemStorage._save
    saved = []

    def full_disk_on_second(storage, name, content):
        saved.append(name)
        if len(saved) == 2:
            raise OSError(28, "No space left on device")
        return real_save(storage, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", full_disk_on_second)

    with pytest.raises(OSError):
        receive_with(office, [upload("a.pdf", PDF), upload("b.pdf", PDF), upload("c.pdf", PDF)])

    assert len(saved) == 2
    assert_nothing_was_kept(media)


def fail(*args, **kwargs):
    raise DatabaseError("the database went away")


@pytest.mark.parametrize(
    "step",
    [
        "dossiers.files.DossierFile.objects.create",
        "dossiers.fees.DossierFee.objects.bulk_create",
        "dossiers.services_receive.StatusChange.objects.create",
        "dossiers.services_receive.audit_record",
    ],
    ids=["file row", "fees", "status change", "audit row"],
)
def test_a_database_failure_after_the_files_were_written_removes_them(
    office, media, monkeypatch, step
):
    monkeypatch.setattr(step, fail)

    with pytest.raises(DatabaseError):
        receive_with(office, [upload("a.pdf", PDF), upload("b.png", png())])

    assert_nothing_was_kept(media)


@pytest.mark.django_db(transaction=True)
def test_a_failed_commit_removes_the_files_written_before_it(office, media, monkeypatch):
    """The foreign keys are checked at COMMIT (deferred on both engines): a dangling one makes
    the commit itself fail, after every statement of the reception succeeded."""
    from django.db import IntegrityError

    import dossiers.services_receive

    real_audit = dossiers.services_receive.audit_record

    def audit_then_break_a_reference(**kwargs):
        DossierFile.objects.update(uploaded_by_id=987_654)
        return real_audit(**kwargs)

    monkeypatch.setattr("dossiers.services_receive.audit_record", audit_then_break_a_reference)

    with pytest.raises(IntegrityError) as failed:
        receive_with(office, [upload("a.pdf", PDF)])

    assert any("commit" in frame.name for frame in traceback.extract_tb(failed.tb))

    assert_nothing_was_kept(media)
