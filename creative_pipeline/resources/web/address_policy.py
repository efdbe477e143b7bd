"""Which hosts and IP addresses the site fetcher may contact (the SSRF guard).

Company URLs come from users, so a URL is an instruction to make a request from *our* network.
Without this guard, `http://169.254.169.254/` reads cloud credentials and `http://10.0.0.5/`
probes internal services. Policy: a destination is allowed only when every address it resolves
to is globally routable, unless the operator allow-listed it exactly ("host" or "host:port").

Numbers are checked, not names: hostnames are resolved here (``socket.getaddrinfo``) and the
caller connects to one of the returned addresses, so DNS cannot change the answer between the
check and the connection. Legacy IPv4 spellings (``2130706433``, ``0x7f000001``, ``127.1``) are
decoded here with inet_aton rules, so they never reach a resolver and cannot hide loopback.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from urllib.parse import unquote

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_net = ipaddress.ip_network
_METADATA_IPS = {
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "fd00:ec2::254", "169.254.170.2", "100.100.100.200")
}
# Names refused before any resolution (cloud metadata endpoints and the loopback name).
_BLOCKED_NAMES = {"localhost", "metadata.google.internal", "metadata.goog", "metadata", "instance-data"}
# First match names the problem; anything else that is not globally routable is refused too.
_NAMED_RANGES: list[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str]] = [
    (_net("0.0.0.0/8"), "unspecified ('this network')"),
    (_net("127.0.0.0/8"), "loopback"),
    (_net("10.0.0.0/8"), "private"),
    (_net("172.16.0.0/12"), "private"),
    (_net("192.168.0.0/16"), "private"),
    (_net("169.254.0.0/16"), "link-local/metadata"),
    (_net("100.64.0.0/10"), "carrier-grade NAT (shared)"),
    (_net("224.0.0.0/4"), "multicast"),
    (_net("255.255.255.255/32"), "broadcast"),
    (_net("240.0.0.0/4"), "reserved"),
    (_net("::/128"), "unspecified"),
    (_net("::1/128"), "loopback"),
    (_net("fe80::/10"), "link-local"),
    (_net("fec0::/10"), "site-local"),
    (_net("fc00::/7"), "private (unique-local)"),
    (_net("ff00::/8"), "multicast"),
]
_NAT64 = (_net("64:ff9b::/96"), _net("64:ff9b:1::/48"))
_IPV4_COMPAT = _net("::/96")
_LEGACY_PART = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)
_resolver_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="web-dns")


class AddressRefused(Exception):
    """The destination is not one we may contact; the message names the reason."""


class HostUnresolvable(Exception):
    """The name did not resolve (or not in time): a network failure, not a policy decision."""


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 transition form carries (mapped, compatible, 6to4, Teredo, NAT64)."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _IPV4_COMPAT or any(ip in net for net in _NAT64):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _kind(ip: IPAddress) -> str | None:
    """What kind of non-public address `ip` is ("a loopback address"), or None if public."""
    if ip.version == 6 and ip.scope_id:
        ip = ipaddress.IPv6Address(str(ip).split("%", 1)[0])
    if ip in _METADATA_IPS:
        return "a link-local/metadata address"
    for net, kind in _NAMED_RANGES:
        if ip in net:
            return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} address"
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None and (inner_kind := _kind(inner)) is not None:
            return f"an IPv6 form of {inner}, {inner_kind}"
    if not ip.is_global:
        return "not a globally routable address"
    return None


def ip_refusal(ip: IPAddress) -> str | None:
    """Why `ip` may not be contacted (e.g. "127.0.0.1 is a loopback address"), or None if it may."""
    kind = _kind(ip)
    return None if kind is None else f"{ip} is {kind}"


def parse_legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """Decode inet_aton spellings: 1-4 dotted parts, each decimal, octal (0..) or hex (0x..)."""
    parts = host.removesuffix(".").split(".")
    if not 1 <= len(parts) <= 4 or not all(_LEGACY_PART.match(p) for p in parts):
        return None
    try:
        values = [
            int(p[2:] or "0", 16) if p.lower().startswith("0x") else int(p, 8 if len(p) > 1 and p[0] == "0" else 10)
            for p in parts
        ]
    except ValueError:  # e.g. "089": octal with a non-octal digit
        return None
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    number = last
    for index, value in enumerate(head):
        number |= value << (8 * (3 - index))
    return ipaddress.IPv4Address(number)


def normalise_host(host: str) -> str:
    """Lower-case, no trailing dot, no brackets; IP literals in their canonical compressed form."""
    host = unquote(host).strip().strip("[]").lower().removesuffix(".")
    literal = parse_ip_literal(host)
    return str(literal) if literal is not None else host


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address a host string spells directly (standard or legacy notation), else None."""
    try:
        return ipaddress.ip_address(unquote(host).strip("[]"))
    except ValueError:
        return parse_legacy_ipv4(host)


class AllowList:
    """Exact operator exceptions: "host" (any port) or "host:port" (that port only)."""

    def __init__(self, entries: Iterable[str]) -> None:
        self._entries: set[tuple[str, int | None]] = {self._parse(e) for e in entries if e.strip()}

    @staticmethod
    def _parse(entry: str) -> tuple[str, int | None]:
        entry = entry.strip()
        match = re.fullmatch(r"\[([^\]]+)\](?::(\d+))?", entry)
        if match:  # [v6] or [v6]:port
            host, port = match.group(1), match.group(2)
        elif entry.count(":") == 1:
            host, port = entry.split(":")
        else:  # a bare name, IPv4, or unbracketed IPv6
            host, port = entry, None
        name = normalise_host(host) if host else ""
        valid_name = parse_ip_literal(name) is not None or re.fullmatch(r"[\w.-]+", name) is not None
        if not valid_name or (port is not None and not port.isdigit()):
            raise ValueError(f"allow_hosts entry {entry!r} is not 'host' or 'host:port'")
        return name, int(port) if port is not None else None

    def permits(self, host: str, port: int) -> bool:
        name = normalise_host(host)
        return (name, port) in self._entries or (name, None) in self._entries


def _resolve(host: str, port: int, timeout_s: float) -> list[IPAddress]:
    """All addresses for `host`, in resolver order; a deadline so DNS cannot stall the fetch."""
    future = _resolver_pool.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = future.result(timeout=max(timeout_s, 0.01))
    except FutureTimeout as exc:
        raise HostUnresolvable(f"DNS lookup for {host} timed out") from exc
    except (OSError, UnicodeError) as exc:
        raise HostUnresolvable(f"could not resolve {host}: {exc}") from exc
    addresses: list[IPAddress] = []
    for *_, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise HostUnresolvable(f"{host} resolved to no addresses")
    return addresses


def vet_destination(host: str, port: int, allow: AllowList, timeout_s: float = 10.0) -> list[IPAddress]:
    """The addresses we may connect to for host:port, or AddressRefused / HostUnresolvable.

    Allow-listed destinations skip the address rules (that is their purpose) but are still
    resolved once, so the caller can pin the connection like any other.
    """
    name = normalise_host(host)
    if not name:
        raise AddressRefused("the URL has no host")
    allowed = allow.permits(name, port)
    if not allowed and (name in _BLOCKED_NAMES or name.endswith((".localhost", ".internal"))):
        raise AddressRefused(f"{name} is a local or metadata host name")
    literal = parse_ip_literal(name)
    addresses = [literal] if literal is not None else _resolve(name, port, timeout_s)
    if not allowed:
        for ip in addresses:  # one bad answer is enough: the attacker controls the order
            reason = ip_refusal(ip)
            if reason is not None:
                spelled = unquote(host).strip("[]").lower()
                if literal is None:
                    reason = f"{name} resolves to {reason}"
                elif spelled != str(ip):
                    reason = f"{host} decodes to {reason}"
                raise AddressRefused(reason)
    return addresses
