"""An agency administrator edits the agency's contact details and hours and runs its staff
accounts without Django admin, only within their own agency tree, every change audited."""

from datetime import time

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, login_verified
from core.models import AuditEvent
from org.models import Role, StaffRole, User
from org.tests.factories import UserFactory, confirmed_totp, give_role

CONTACT = {
    "address": "Số 1 phố Hàng Trống, Phường Hoàn Kiếm, Hà Nội",
    "phone": "024 3825 3536",
    "email": "motcua@hoankiem.hanoi.gov.vn",
    "opens_at": "07:30",
    "same_day_cutoff": "15:30",
    "closes_at": "17:00",
}


def _logs_in(client, username, password) -> bool:
    client.post(reverse("core:login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def _grant(agency, role):
    return f"{agency.pk}:{role}"


# --- The agency's contact details and hours ------------------------------------------------


def test_an_agency_admin_saves_address_phone_and_hours_of_an_agency_below_theirs(client, cast):
    login_verified(client, cast.ada)
    response = client.post(reverse("org:agency-edit", args=[cast.centre_a.code]), CONTACT)
    assert response.status_code == 302
    cast.centre_a.refresh_from_db()
    assert cast.centre_a.address == CONTACT["address"]
    assert cast.centre_a.phone == "02438253536"  # stored one way (core.phones)
    assert cast.centre_a.same_day_cutoff == time(15, 30)
    event = AuditEvent.objects.get(action="agency_contact_changed")
    assert event.actor == cast.ada
    assert event.agency_code == cast.centre_a.code
    assert event.old_values["address"] == ""
    assert event.new_values["address"] == CONTACT["address"]
    page = client.get(reverse("org:agency-detail", args=[cast.centre_a.code])).content.decode()
    assert "024 3825 3536" in page


def test_hours_out_of_order_are_refused_with_a_message_and_nothing_saved(client, cast):
    login_verified(client, cast.ada)
    response = client.post(
        reverse("org:agency-edit", args=[cast.centre_a.code]),
        {**CONTACT, "same_day_cutoff": "17:30"},
    )
    assert response.status_code == 200
    assert "phải theo thứ tự" in response.content.decode()
    cast.centre_a.refresh_from_db()
    assert cast.centre_a.address == ""
    assert not AuditEvent.objects.filter(action="agency_contact_changed").exists()


@pytest.mark.parametrize(
    ("field", "value"), [("phone", "gọi tôi"), ("phone", "12"), ("opens_at", "7 giờ")]
)
def test_bad_contact_input_gets_a_vietnamese_message(client, cast, field, value):
    login_verified(client, cast.ada)
    response = client.post(
        reverse("org:agency-edit", args=[cast.centre_a.code]), {**CONTACT, field: value}
    )
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    cast.centre_a.refresh_from_db()
    assert cast.centre_a.address == ""


def test_only_the_agency_admins_of_the_agency_or_above_may_edit_it(client, cast):
    url_a = reverse("org:agency-edit", args=[cast.centre_a.code])
    client.force_login(cast.alice)  # an officer of the centre: sees it, does not run it
    assert client.get(url_a).status_code == 403
    assert client.post(url_a, CONTACT).status_code == 403
    client.force_login(cast.ivy)  # an inspector of the committee above
    assert client.post(url_a, CONTACT).status_code == 403
    login_verified(client, cast.ada)
    assert client.get(reverse("org:agency-edit", args=[cast.centre_b.code])).status_code == 404
    assert (
        client.post(reverse("org:agency-edit", args=[cast.centre_b.code]), CONTACT).status_code
        == 404
    )
    cast.centre_b.refresh_from_db()
    assert cast.centre_b.address == ""


def test_an_admin_of_the_centre_cannot_edit_the_committee_above_it(client, cast):
    carol = UserFactory(username="carol")
    give_role(carol, cast.centre_a, Role.AGENCY_ADMIN)
    login_verified(client, carol)
    response = client.post(reverse("org:agency-edit", args=[cast.committee_a.code]), CONTACT)
    assert response.status_code in (403, 404)
    cast.committee_a.refresh_from_db()
    assert cast.committee_a.address == ""


# --- Staff accounts --------------------------------------------------------------------------


def test_an_agency_admin_creates_an_account_and_sees_its_password_once(client, cast):
    login_verified(client, cast.ada)
    response = client.post(
        reverse("org:staff-create"),
        {
            "username": "An.TiepNhan",
            "full_name": "Đặng Thị Ngọc Ánh",
            "position": "Công chức",
            "roles": [_grant(cast.centre_a, Role.RECEIVING_OFFICER)],
        },
    )
    assert response.status_code == 200
    password = response.context["password"]
    assert password in response.content.decode()
    member = User.objects.get(username="an.tiepnhan")
    assert member.check_password(password)
    assert list(member.roles.values_list("agency", "role")) == [
        (cast.centre_a.pk, Role.RECEIVING_OFFICER)
    ]
    event = AuditEvent.objects.get(action="staff_created")
    assert password not in str(event.new_values)
    assert event.agency_code == cast.centre_a.code
    # Never shown again: the account's page does not carry it.
    page = client.get(reverse("org:staff-detail", args=[member.pk])).content.decode()
    assert password not in page
    # The new officer logs in with it.
    client.logout()
    assert _logs_in(client, "an.tiepnhan", password)


def test_an_agency_admin_cannot_grant_a_role_outside_their_agency_tree(client, cast):
    login_verified(client, cast.ada)
    for grants in (
        [_grant(cast.centre_b, Role.RECEIVING_OFFICER)],
        [_grant(cast.committee_b, Role.AGENCY_ADMIN)],
    ):
        response = client.post(
            reverse("org:staff-create"),
            {"username": "ke.gian", "full_name": "Kẻ Gian", "roles": grants},
        )
        assert response.status_code == 200
        assert "Hãy chọn vai trò trong danh sách" in response.content.decode()
    assert not User.objects.filter(username="ke.gian").exists()


def test_an_admin_of_the_centre_cannot_grant_a_role_in_the_committee_above(client, cast):
    carol = UserFactory(username="carol")
    give_role(carol, cast.centre_a, Role.AGENCY_ADMIN)
    login_verified(client, carol)
    response = client.post(
        reverse("org:staff-create"),
        {
            "username": "ke.gian",
            "full_name": "Kẻ Gian",
            "roles": [_grant(cast.committee_a, Role.AGENCY_ADMIN)],
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="ke.gian").exists()
    assert (
        not StaffRole.objects.filter(agency=cast.committee_a, role=Role.AGENCY_ADMIN)
        .exclude(user=cast.ada)
        .exists()
    )


def test_a_taken_username_is_refused_with_a_message(client, cast):
    login_verified(client, cast.ada)
    response = client.post(
        reverse("org:staff-create"),
        {
            "username": "ALICE",
            "full_name": "Khác",
            "roles": [_grant(cast.centre_a, Role.SPECIALIST)],
        },
    )
    assert response.status_code == 200
    assert "Tên đăng nhập này đã có người dùng" in response.content.decode()
    assert User.objects.filter(username__iexact="alice").count() == 1


def test_the_staff_list_shows_the_own_tree_only_in_constant_queries(
    client, cast, django_assert_max_num_queries
):
    login_verified(client, cast.ada)
    for n in range(5):
        give_role(UserFactory(username=f"an{n}"), cast.centre_a, Role.SPECIALIST)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("org:staff-list")).content.decode()
    assert "alice" in page and "an4" in page
    assert "bob" not in page
    for n in range(5, 15):
        give_role(UserFactory(username=f"an{n}"), cast.centre_a, Role.SPECIALIST)
    with django_assert_max_num_queries(14):
        client.get(reverse("org:staff-list"))


def test_a_staff_member_of_another_commune_is_not_found(client, cast):
    login_verified(client, cast.ada)
    for name in ("staff-detail", "staff-reset-password", "staff-deactivate"):
        assert client.get(reverse(f"org:{name}", args=[cast.bob.pk])).status_code == 404
        response = client.post(reverse(f"org:{name}", args=[cast.bob.pk]), {"confirm": "1"})
        assert response.status_code == 404
    cast.bob.refresh_from_db()
    assert cast.bob.is_active and cast.bob.check_password(PASSWORD)


def test_officers_and_inspectors_cannot_open_the_staff_pages(client, cast):
    for user in (cast.alice, cast.ivy):
        client.force_login(user)
        assert client.get(reverse("org:staff-list")).status_code == 403
        response = client.post(
            reverse("org:staff-reset-password", args=[cast.alice.pk]), {"confirm": "1"}
        )
        assert response.status_code == 403


def test_changing_roles_replaces_them_and_is_audited(client, cast):
    login_verified(client, cast.ada)
    response = client.post(
        reverse("org:staff-detail", args=[cast.alice.pk]),
        {"roles": [_grant(cast.centre_a, Role.SPECIALIST), _grant(cast.committee_a, Role.LEADER)]},
    )
    assert response.status_code == 302
    assert set(cast.alice.roles.values_list("agency", "role")) == {
        (cast.centre_a.pk, Role.SPECIALIST),
        (cast.committee_a.pk, Role.LEADER),
    }
    event = AuditEvent.objects.get(action="staff_roles_changed")
    assert event.old_values == {"roles": [f"{cast.centre_a.code}:receiving_officer"]}


def test_no_role_left_is_refused(client, cast):
    login_verified(client, cast.ada)
    response = client.post(reverse("org:staff-detail", args=[cast.alice.pk]), {})
    assert response.status_code == 200
    assert "ít nhất một vai trò" in response.content.decode()
    assert cast.alice.roles.count() == 1


def test_someone_with_a_role_elsewhere_is_left_to_the_system_admin(client, cast):
    give_role(cast.alice, cast.centre_b, Role.SPECIALIST)
    login_verified(client, cast.ada)
    page = client.get(reverse("org:staff-detail", args=[cast.alice.pk])).content.decode()
    assert "quản trị hệ thống" in page
    response = client.post(
        reverse("org:staff-detail", args=[cast.alice.pk]),
        {"roles": [_grant(cast.centre_a, Role.AGENCY_ADMIN)]},
    )
    assert response.status_code == 403
    assert (
        client.post(
            reverse("org:staff-deactivate", args=[cast.alice.pk]), {"confirm": "1", "active": "0"}
        ).status_code
        == 403
    )
    cast.alice.refresh_from_db()
    assert cast.alice.is_active
    assert not cast.alice.roles.filter(role=Role.AGENCY_ADMIN).exists()


def test_an_admin_cannot_change_their_own_account_here(client, cast):
    login_verified(client, cast.ada)
    response = client.post(
        reverse("org:staff-deactivate", args=[cast.ada.pk]), {"confirm": "1", "active": "0"}
    )
    assert response.status_code == 302
    cast.ada.refresh_from_db()
    assert cast.ada.is_active


def test_deactivating_asks_once_then_stops_logins_and_is_audited(client, cast):
    login_verified(client, cast.ada)
    url = reverse("org:staff-deactivate", args=[cast.alice.pk])
    ask = client.get(url + "?active=0").content.decode()
    assert "không thể đăng nhập" in ask
    cast.alice.refresh_from_db()
    assert cast.alice.is_active
    assert client.post(url, {"confirm": "1", "active": "0"}).status_code == 302
    cast.alice.refresh_from_db()
    assert not cast.alice.is_active
    assert cast.alice.roles.count() == 1
    assert AuditEvent.objects.filter(action="staff_deactivated", object_id=str(cast.alice.pk))
    client.logout()
    assert not _logs_in(client, "alice", PASSWORD)


def test_resetting_a_password_shows_a_new_one_once_and_ends_the_old_one(client, cast):
    other = client.__class__()
    other.force_login(cast.alice)
    login_verified(client, cast.ada)
    response = client.post(
        reverse("org:staff-reset-password", args=[cast.alice.pk]), {"confirm": "1"}
    )
    assert response.status_code == 200
    password = response.context["password"]
    assert password in response.content.decode()
    cast.alice.refresh_from_db()
    assert cast.alice.check_password(password)
    assert not cast.alice.check_password(PASSWORD)
    event = AuditEvent.objects.get(action="staff_password_reset")
    assert password not in str(event.new_values) + str(event.old_values)
    # Alice's open session ended with her old password.
    assert other.get(reverse("org:staff-home")).status_code == 302


def test_resetting_the_authenticator_removes_it_and_asks_for_enrolment_at_next_login(client, cast):
    carol = UserFactory(username="carol")
    give_role(carol, cast.centre_a, Role.AGENCY_ADMIN)
    confirmed_totp(carol)
    login_verified(client, cast.ada)
    response = client.post(
        reverse("org:staff-reset-authenticator", args=[carol.pk]), {"confirm": "1"}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=carol).exists()
    assert AuditEvent.objects.get(action="staff_authenticator_reset").new_values == {
        "devices_removed": 1
    }
    carol_client = client.__class__()
    assert _logs_in(carol_client, "carol", PASSWORD)
    response = carol_client.get(reverse("org:staff-home"), follow=True)
    assert response.request["PATH_INFO"] == reverse("org:mfa-setup")
