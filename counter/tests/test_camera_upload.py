"""The reception's webcam pictures pass the same upload check as every file (core.files),
by content alone, before any decoder sees them."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

pytestmark = pytest.mark.django_db

CAMERA = "/can-bo/ho-so/tiep-nhan/camera/"


def test_a_webcam_picture_carrying_web_page_code_is_refused_before_decoding(client, office):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG")
    picture = buffer.getvalue()
    # A comment chunk right after the header: still a valid PNG, which a browser could sniff
    # as HTML.
    text = b"Comment\x00<html><script>alert(1)</script>"
    chunk = struct.pack(">I", len(text)) + b"tEXt" + text
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + text))
    polyglot = picture[:33] + chunk + picture[33:]
    Image.open(io.BytesIO(polyglot)).verify()  # a picture Pillow would decode
    client.force_login(office.alice)
    frame = SimpleUploadedFile("frame.jpg", polyglot, content_type="image/jpeg")
    response = client.post(CAMERA, {"frame": frame})
    assert response.status_code == 400
    assert response.json()["text"] == ""
    assert "camera" in response.json()["error"].lower()
