"""The production shape, end to end through nginx (run by scripts/smoke_production.sh, which
starts nginx, gunicorn, the RQ worker, PostgreSQL, Redis and an S3-compatible server and sets
SMOKE_URL; skipped otherwise): a reception with a scan at the counter, the applicant's SMS sent
by the worker, the citizen's lookup, and the scan read back from the bucket."""

import json
import os
import re
import time
from pathlib import Path

import pytest

from tests.browser.conftest import login

URL = os.environ.get("SMOKE_URL", "")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not URL, reason="needs the running stack of scripts/smoke_production.sh"),
]

SCAN = (
    b"%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
) * 4


def _sms_for(code: str, *, wait: float = 60) -> dict:
    """The applicant's SMS, once the RQ worker has sent it (the file provider writes one JSON
    file per message)."""
    folder = Path(os.environ["SMOKE_SMS_PATH"])
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        for path in sorted(folder.glob("*.json")) if folder.exists() else []:
            message = json.loads(path.read_text("utf-8"))
            if code in message["text"]:
                return message
        time.sleep(0.5)
    raise AssertionError(f"no SMS about {code} within {wait} s: is the worker running?")


def _bucket_objects() -> dict[str, bytes]:
    import boto3

    s3 = boto3.client(
        "s3",
        endpoint_url=os.environ["SMOKE_S3_URL"],
        aws_access_key_id="smoke",
        aws_secret_access_key="smoke-secret",
        region_name="us-east-1",
    )
    bucket = os.environ["SMOKE_S3_BUCKET"]
    listing = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {o["Key"]: s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read() for o in listing}


def test_a_reception_with_a_scan_through_nginx_reaches_citizen_worker_and_bucket(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, ignore_https_errors=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    login(page, URL, "hoankiem.tiepnhan")
    page.goto(f"{URL}/can-bo/ho-so/tiep-nhan/?q=ban sao trich luc")
    with page.expect_navigation():
        page.locator(".pick-list a").first.click()
    page.fill("#id_id_number", "001090012345")
    page.fill("#id_full_name", "Nguyễn Văn Bình")
    page.fill("#id_phone", "0912345678")
    page.fill("#id_address", "12 Hàng Bạc, Phường Hoàn Kiếm, Hà Nội")
    page.locator("#id_address").dispatch_event("change")
    for field in page.locator("fieldset textarea[required], fieldset input[required]").all():
        if field.input_value() or field.get_attribute("type") == "file":
            continue
        if field.get_attribute("inputmode") == "decimal":
            field.fill("2")
        else:
            field.fill("Giấy khai sinh của Nguyễn Văn Bình")
    scan = tmp_path / "to-khai.pdf"
    scan.write_bytes(SCAN)
    page.locator("input[type=file]").first.set_input_files(str(scan))
    page.locator("[data-tick-all]").click()
    with page.expect_navigation():
        page.locator("button[name=decision][value=accept]").click()
    heading = page.locator("main h1").inner_text()
    code = re.search(r"\S+-\d{6}-\d{4}", heading)  # agency-yymmdd-number (dossiers.codes)
    assert code, f"no dossier code on the page after receiving: {heading!r}"
    code = code.group(0)

    # The scan went to the bucket, and the dossier page streams it back unchanged.
    in_bucket = _bucket_objects()
    assert SCAN in in_bucket.values(), f"the scan is not in the bucket: {list(in_bucket)}"
    link = page.locator("a[href*='/tep/']").first.get_attribute("href")
    downloaded = context.request.get(f"{URL}{link}")
    assert downloaded.status == 200
    assert downloaded.body() == SCAN

    # The worker on Redis sent the applicant's SMS, with the lookup link and its check value.
    sms = _sms_for(code)
    assert sms["to"].endswith("912345678")
    lookup = re.search(r"/tra-cuu/\?ma=[^&\s]+&kt=\w+", sms["text"]).group(0)

    citizen = browser.new_context(viewport={"width": 390, "height": 844}, ignore_https_errors=True)
    public = citizen.new_page()
    response = public.goto(f"{URL}{lookup}")
    assert response.status == 200
    text = public.locator("main").inner_text()
    assert code in text and "Nguyễn V** B" in text
    assert "001090012345" not in public.content()
    context.close()
    citizen.close()
