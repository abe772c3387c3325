"""The catalogue's public template files go through the same upload check as dossier files: a
real form is saved, a program renamed .docx is refused by name and nothing is written."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import RequiredDocument
from catalog.tests.builders import published
from catalog.tests.test_pages import _form_values, _formset_values
from conftest import login_verified

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(46) + b"PE\x00\x00" + bytes(200)


def word_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _post_template(client, cast, upload):
    version = published(agencies=[cast.committee_a])
    login_verified(client, cast.ada)
    client.post(reverse("catalog:staff-draft", args=[version.procedure_id]))
    edit_url = reverse("catalog:staff-edit", args=[version.procedure_id])
    page = client.get(edit_url)
    data = {
        **{f"version-{k}": v for k, v in _form_values(page.context["form"]).items()},
        **_formset_values(page.context["formsets"]),
        "documents-0-template": upload,
    }
    return client.post(edit_url, data)


def _stored(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def test_a_real_word_template_is_saved(client, cast, media):
    response = _post_template(client, cast, SimpleUploadedFile("to-khai.docx", word_document()))
    assert response.status_code == 302
    assert RequiredDocument.objects.exclude(template="").count() == 1
    assert len(_stored(media)) == 1


@pytest.mark.parametrize("name", ["to-khai.docx", "to-khai.pdf", "to-khai.doc"])
def test_a_program_renamed_as_a_template_is_refused_and_nothing_is_saved(client, cast, media, name):
    response = _post_template(client, cast, SimpleUploadedFile(name, EXE))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"“{name}”" in body and "thật" in body
    assert not RequiredDocument.objects.exclude(template="").exists()
    assert _stored(media) == []
