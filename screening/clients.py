"""Who is asking: the client's address, and keyed pseudonyms of it for the counters.

Behind a proxy, the client's address is in a header the proxy sets (``DJANGO_CLIENT_IP_HEADER``).
A client can send that header too, so it is believed only when the request comes from one of
``DJANGO_TRUSTED_PROXIES``, and only its right-most values, which those proxies appended: reading
from the right, the first address that is not a trusted proxy is the client. Anything missing or
malformed falls back to the socket's address; nothing here raises.

The counters (rate limits, the admin lockout) never see an address: they see an HMAC of it
keyed with the secret key, so a stolen cache gives no addresses back and rotating the secret
key rotates every pseudonym. An IPv6 client is counted by its /48, the block one site gets.
"""

from __future__ import annotations

import ipaddress
import logging

from django.conf import settings
from django.utils.crypto import salted_hmac

log = logging.getLogger(__name__)
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
IPV6_PREFIX = 48


def _address(text: str) -> Address | None:
    """An address as proxies and sockets write it: "203.0.113.7", "203.0.113.7:5678",
    "[2001:db8::1]:443", or an IPv4 address mapped into IPv6 (which is counted as the IPv4 one)."""
    text = text.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    return address.ipv4_mapped if address.version == 6 and address.ipv4_mapped else address


def _trusted(address: Address | None) -> bool:
    return address is not None and any(address in network for network in settings.TRUSTED_PROXIES)


_warned_untrusted = False


def client_address(request) -> Address | None:
    """The client's address as documented above, or None when even the socket's is unreadable."""
    global _warned_untrusted
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    header = settings.CLIENT_IP_HEADER
    if header and not _trusted(remote) and header in request.META and not _warned_untrusted:
        # Either a client sent the header itself, or the proxy reaches the app from an address
        # DJANGO_TRUSTED_PROXIES does not list, and every visitor is being counted as the proxy.
        _warned_untrusted = True
        log.warning("The client-address header came from an address DJANGO_TRUSTED_PROXIES does not list.")
    if header and _trusted(remote):
        for value in reversed(request.META.get(header, "").split(",")):
            address = _address(value)
            if address is None:
                break  # a malformed value: nothing to its left can be believed either
            if not _trusted(address):
                return address
    return remote


def counted_as(address: Address | None) -> str:
    """The network an address is counted in: itself for IPv4, its /48 for IPv6."""
    if address is None:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))
    return str(address)


def pseudonym(purpose: str, request) -> str:
    """A keyed hash of the client's network, different for each ``purpose``."""
    return salted_hmac(f"screening.clients.{purpose}", counted_as(client_address(request))).hexdigest()


def rate_limit_key(group: str, request) -> str:
    """django-ratelimit's key: what the rate limits count, per client."""
    return pseudonym("rate-limit", request)


def lockout_key(request) -> str:
    """django-axes' "IP address": what the admin lockout counts, with the account name."""
    return pseudonym("lockout", request)
