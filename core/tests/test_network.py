"""One client address for audit rows, rate limits and the login lockout (core.network)."""

import pytest
from django.test import override_settings

from core import ratelimit
from core.models import AuditEvent
from core.network import client_ip

LOGIN = "/dang-nhap/"


def _request(rf, remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **meta)


def test_without_a_declared_proxy_a_spoofed_forwarded_header_is_ignored(rf):
    assert client_ip(_request(rf, "203.0.113.5", "1.1.1.1")) == "203.0.113.5"
    assert client_ip(_request(rf, "203.0.113.5", "1.1.1.1, 8.8.8.8")) == "203.0.113.5"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_right_most_address_the_client_did_not_write_is_used(rf):
    assert client_ip(_request(rf, "127.0.0.1", "203.0.113.5")) == "203.0.113.5"
    # Whatever the client wrote before the proxy's own entry is ignored.
    assert client_ip(_request(rf, "127.0.0.1", "9.9.9.9, 203.0.113.5")) == "203.0.113.5"
    # A request that reached the app without passing the proxy keeps its own address.
    assert client_ip(_request(rf, "127.0.0.1")) == "127.0.0.1"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client(rf):
    assert client_ip(_request(rf, "10.0.0.2", "9.9.9.9, 203.0.113.5, 10.0.0.1")) == "203.0.113.5"


def test_an_address_that_is_not_one_is_no_address(rf):
    assert client_ip(_request(rf, "not an address")) is None
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_ip(_request(rf, "127.0.0.1", "<script>")) is None
    assert client_ip(None) is None


# Moved from portal/tests/test_lookup.py with the function it tests (it was
# ratelimit.client_ip, reading the lockout's proxy count).
def test_behind_a_proxy_the_client_is_the_address_the_proxy_saw(rf):
    def ip(remote, forwarded=None):
        return ratelimit.client_key(_request(rf, remote, forwarded))

    assert ip("203.0.113.5", "1.1.1.1") == "203.0.113.5"  # no proxy declared: header ignored
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert ip("127.0.0.1", "203.0.113.5") == "203.0.113.5"
        # Whatever a client writes before the proxy's entry does not change its bucket.
        assert ip("127.0.0.1", "9.9.9.9, 203.0.113.5") == "203.0.113.5"
        assert ip("127.0.0.1") == "127.0.0.1"
    assert ip("2001:db8:1:2:3:4:5:6") == ip("2001:db8:1:2:ffff::1") == "2001:db8:1:2::"
    assert ip("not an address") == "unknown"


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_lockout_and_the_audit_row_see_the_real_client(client, cast):
    def attempt(address):
        return client.post(
            LOGIN,
            {"username": "alice", "password": "wrong-password"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=address,
        )

    # The attacker writes a new address before the proxy's entry on every try: still locked.
    for n in range(10):
        attempt(f"198.51.100.{n}, 203.0.113.7")
    assert attempt("203.0.113.7").status_code == 429
    # Another citizen behind the same proxy is not locked out with them.
    assert attempt("198.51.100.20").status_code == 200
    assert set(AuditEvent.objects.values_list("ip_address", flat=True)) == {
        "203.0.113.7",
        "198.51.100.20",
    }
