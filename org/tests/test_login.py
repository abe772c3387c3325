"""R7 lockout, R8 session lifetime, R9 TOTP for administrators."""

import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, login_verified
from core.models import AuditEvent
from org.tests.factories import confirmed_totp

LOGIN = "/dang-nhap/"


def _attempt(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_ten_wrong_passwords_lock_the_account_from_that_address_for_an_hour(client, cast):
    for _ in range(9):
        assert _attempt(client, "alice", "wrong-password").status_code == 200
    assert _attempt(client, "alice", "wrong-password").status_code == 429  # the 10th locks
    locked = _attempt(client, "alice", PASSWORD)
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 3600
    assert "Quá nhiều lần thử" in locked.content.decode()


def test_the_owner_can_still_log_in_from_another_address_during_a_lockout(client, cast):
    for _ in range(11):
        _attempt(client, "alice", "wrong-password", ip="203.0.113.7")
    response = _attempt(client, "alice", PASSWORD, ip="198.51.100.20")
    assert response.status_code == 302


def test_150_attempts_from_many_addresses_never_lock_the_owner_out_everywhere(client, cast):
    for n in range(150):
        _attempt(client, "alice", "wrong-password", ip=f"192.0.2.{n % 15 + 1}")
    assert _attempt(client, "alice", PASSWORD, ip="198.51.100.99").status_code == 302


def test_the_lock_lifts_after_one_hour(client, cast):
    with time_machine.travel("2026-03-02 08:00 +0700", tick=False) as clock:
        for _ in range(10):
            _attempt(client, "alice", "wrong-password")
        assert _attempt(client, "alice", PASSWORD).status_code == 429
        clock.shift(3601)
        assert _attempt(client, "alice", PASSWORD).status_code == 302


def test_failed_attempts_are_recorded_in_the_audit_log(client, cast):
    _attempt(client, "alice", "wrong-password")
    event = AuditEvent.objects.get(action="login_failed")
    assert event.object_repr == "alice"
    assert event.ip_address == "203.0.113.7"


def test_a_wrong_password_is_explained_in_vietnamese(client, cast):
    body = _attempt(client, "alice", "wrong-password").content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in body


def test_login_gives_a_new_session_key_and_logout_ends_the_session(client, cast):
    client.get(LOGIN)
    before = client.cookies.get("sessionid")
    _attempt(client, "alice", PASSWORD)
    after = client.cookies["sessionid"].value
    assert before is None or before.value != after
    assert client.get(reverse("org:staff-home")).status_code == 200
    client.post(reverse("core:logout"))
    assert client.get(reverse("org:staff-home")).status_code == 302
    # The old session key no longer logs anyone in.
    client.cookies["sessionid"] = after
    assert client.get(reverse("org:staff-home")).status_code == 302


def test_a_session_idle_for_30_minutes_must_log_in_again(client, cast):
    with time_machine.travel("2026-03-02 08:00 +0700", tick=False) as clock:
        _attempt(client, "alice", PASSWORD)
        clock.shift(29 * 60)
        assert client.get(reverse("org:staff-home")).status_code == 200
        clock.shift(29 * 60)
        assert client.get(reverse("org:staff-home")).status_code == 200
        clock.shift(31 * 60)
        response = client.get(reverse("org:staff-home"))
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


def test_an_active_session_still_ends_12_hours_after_login(client, cast):
    with time_machine.travel("2026-03-02 07:00 +0700", tick=False) as clock:
        _attempt(client, "alice", PASSWORD)
        for _ in range(24):  # a request every 25 minutes for 10 hours
            clock.shift(25 * 60)
            assert client.get(reverse("org:staff-home")).status_code == 200
        for _ in range(5):
            clock.shift(25 * 60)
            response = client.get(reverse("org:staff-home"))
        assert response.status_code == 302


def test_an_administrator_without_a_device_is_sent_to_set_one_up(client, cast):
    _attempt(client, "ada", PASSWORD)
    for url in (reverse("org:staff-home"), reverse("org:audit-log"), reverse("org:calendar")):
        response = client.get(url, follow=True)
        assert response.request["PATH_INFO"] == reverse("org:mfa-setup"), url


def test_setting_up_totp_with_a_correct_code_opens_the_staff_pages(client, cast):
    with time_machine.travel("2026-03-02 08:00 +0700", tick=False) as clock:
        _attempt(client, "ada", PASSWORD)
        client.get(reverse("org:mfa-setup"))
        device = TOTPDevice.objects.get(user=cast.ada)
        wrong = client.post(
            reverse("org:mfa-setup"), {"token": f"{(totp(device.bin_key) + 1) % 10**6:06d}"}
        )
        assert "không đúng" in wrong.content.decode()
        assert client.get(reverse("org:audit-log")).status_code == 302
        clock.shift(5)  # django-otp slows down guessing after a wrong code
        response = client.post(reverse("org:mfa-setup"), {"token": f"{totp(device.bin_key):06d}"})
        assert response.status_code == 302
        assert client.get(reverse("org:audit-log")).status_code == 200


def test_an_administrator_with_a_device_must_enter_a_code_after_each_login(client, cast):
    device = confirmed_totp(cast.sam)
    _attempt(client, "sam", PASSWORD)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.request["PATH_INFO"] == reverse("org:mfa-verify")
    client.post(reverse("org:mfa-verify"), {"token": f"{totp(device.bin_key):06d}"})
    assert client.get(reverse("admin:index")).status_code == 200


def test_officers_are_not_asked_for_a_code(client, cast):
    _attempt(client, "alice", PASSWORD)
    assert client.get(reverse("org:staff-home")).status_code == 200


def test_an_admin_edit_is_audited_with_old_and_new_values(client, cast):
    login_verified(client, cast.sam)
    url = reverse("admin:org_agency_change", args=[cast.centre_a.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        unit=cast.centre_a.unit_id,
        parent=cast.committee_a.pk,
        opens_at="07:30",
        closes_at="16:30",
        same_day_cutoff="15:00",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="admin_change")
    assert event.agency_code == cast.centre_a.code
    assert event.old_values == {"closes_at": "17:00:00"}
    assert event.new_values == {"closes_at": "16:30:00"}
    assert event.actor_label == "sam"
