"""Who is asking: the proxy's header believed only as documented, never a 500, and counters that
see keyed hashes of networks, never addresses."""

import ipaddress

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from screening.clients import client_address, counted_as, pseudonym

PROXY = "10.0.0.5"


@pytest.fixture
def behind_a_proxy(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/8")]


def request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        (PROXY, "203.0.113.7", "203.0.113.7"),
        (PROXY, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the right-most: what our proxy saw
        (PROXY, "203.0.113.7, 10.0.0.9", "203.0.113.7"),  # a second trusted proxy is skipped
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # reached directly: the header is ignored
        (PROXY, None, PROXY),  # missing
        (PROXY, "", PROXY),
        (PROXY, "not an address", PROXY),  # malformed: fall back to the socket
        (PROXY, "203.0.113.7, junk", PROXY),
        (PROXY, "2001:db8::1", "2001:db8::1"),
        (PROXY, "203.0.113.7:5678", "203.0.113.7"),  # with a port, as some balancers write it
        (PROXY, "[2001:db8::1]:443", "2001:db8::1"),
        (PROXY, "::ffff:203.0.113.7", "203.0.113.7"),  # an IPv4 client on a dual-stack socket
        ("::ffff:10.0.0.5", "203.0.113.7", "203.0.113.7"),  # ...and a proxy the same way
        ("junk", "203.0.113.7", None),
    ],
)
def test_the_client_address_is_read_only_as_documented(behind_a_proxy, remote, forwarded, client):
    found = client_address(request(remote, forwarded))
    assert (str(found) if found else None) == client


def test_without_a_configured_header_only_the_socket_counts(settings):
    settings.CLIENT_IP_HEADER = None
    assert str(client_address(request(PROXY, "203.0.113.7"))) == PROXY


def test_ipv6_clients_are_counted_by_their_48():
    assert counted_as(ipaddress.ip_address("2001:db8:1:2::1")) == "2001:db8:1::/48"
    assert counted_as(ipaddress.ip_address("2001:db8:2::1")) == "2001:db8:2::/48"  # another site
    assert counted_as(ipaddress.ip_address("2001:db8:1:ffff::9")) == "2001:db8:1::/48"
    assert counted_as(ipaddress.ip_address("203.0.113.7")) == "203.0.113.7"


def test_a_pseudonym_is_keyed_with_the_secret_key_and_hides_the_address(settings):
    import hashlib

    first = pseudonym("rate-limit", request("203.0.113.7"))
    assert "203.0.113.7" not in first
    assert first not in {hashlib.md5(b"203.0.113.7").hexdigest(), hashlib.sha256(b"203.0.113.7").hexdigest()}
    assert pseudonym("lockout", request("203.0.113.7")) != first  # one pseudonym per purpose
    settings.SECRET_KEY = "another-secret-key-after-a-rotation"
    assert pseudonym("rate-limit", request("203.0.113.7")) != first


def test_a_header_sent_straight_to_the_app_does_not_get_past_the_limit(behind_a_proxy, settings, published):
    """40 of 40 forged requests got past the limit when the header was believed from anyone."""
    settings.RATELIMIT_ENABLE = True
    cache.clear()
    client = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [
        client.post(reverse("screening:begin"), HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(40)
    ]
    assert statuses.count(302) == 30 and statuses.count(429) == 10


@pytest.mark.parametrize("forwarded", [None, "", "garbage", "1.2.3.4.5", "::::", "\x00", "a" * 5000])
def test_a_missing_or_malformed_header_is_never_a_server_error(
    behind_a_proxy, settings, published, forwarded
):
    settings.RATELIMIT_ENABLE = True
    client = Client(REMOTE_ADDR=PROXY, raise_request_exception=False)
    extra = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    assert client.post(reverse("screening:begin"), **extra).status_code in (302, 429)
    assert client.post(reverse("screening:resume"), {"code": "ABCD-2345"}, **extra).status_code in (200, 429)


def test_the_settings_refuse_a_header_without_trusted_proxies():
    from tests.test_project import settings_in_subprocess

    header = {"DJANGO_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR", "DJANGO_DEBUG": "true"}
    result = settings_in_subprocess(header, "settings.TRUSTED_PROXIES")
    assert result.returncode != 0 and "DJANGO_TRUSTED_PROXIES" in result.stderr
    ok = settings_in_subprocess(
        {**header, "DJANGO_TRUSTED_PROXIES": "10.0.0.0/8, ::1"}, "settings.TRUSTED_PROXIES"
    )
    assert ok.returncode == 0 and "10.0.0.0/8" in ok.stdout, ok.stderr
    bad = settings_in_subprocess({**header, "DJANGO_TRUSTED_PROXIES": "the proxy"}, "1")
    assert bad.returncode != 0 and "is not an address or a network" in bad.stderr


def test_a_header_from_an_unlisted_address_is_reported_once_without_the_address(behind_a_proxy, caplog):
    import logging

    from screening import clients

    clients._warned_untrusted = False
    caplog.set_level(logging.WARNING, logger="screening.clients")
    for _ in range(3):
        client_address(request("172.17.0.1", "203.0.113.7"))
    said = [r.getMessage() for r in caplog.records if r.name == "screening.clients"]
    assert said == ["The client-address header came from an address DJANGO_TRUSTED_PROXIES does not list."]
