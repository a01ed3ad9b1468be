"""The address a request comes from, as the login lock-out and the access log see it.

Behind a reverse proxy every request arrives from the proxy's own address, so the client's
address must come from ``X-Forwarded-For``; but anyone can send that header, so it is read
only when the connecting peer is one of ``settings.TRUSTED_PROXIES``.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(text):
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # An IPv4 client seen on an IPv6 socket (::ffff:10.0.0.1) is that IPv4 address.
    return getattr(address, "ipv4_mapped", None) or address


def _is_trusted(address):
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request):
    """The client's IP address as text, or None when the request carries none.

    The peer (``REMOTE_ADDR``) unless it is a trusted proxy; then ``X-Forwarded-For`` is
    walked from the right (each proxy appends the address it was reached from) past every
    trusted proxy, and the first address that is not one is the client's. An entry that is
    not an address ends the walk at the last trusted hop, which is then taken as the client.
    """
    address = _address(request.META.get("REMOTE_ADDR", ""))
    if address is None:
        return None
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        if not _is_trusted(address):
            break
        forwarded = _address(hop)
        if forwarded is None:
            break
        address = forwarded
    return str(address)
