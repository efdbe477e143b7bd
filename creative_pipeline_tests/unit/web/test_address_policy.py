"""The SSRF address policy: every non-public range refused, named, and no DNS for numerals."""

from __future__ import annotations

import ipaddress
import socket
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_pipeline.resources.web.address_policy import (
    AddressRefused,
    AllowList,
    HostUnresolvable,
    ip_refusal,
    normalise_host,
    parse_legacy_ipv4,
    vet_destination,
)


def _infos(*ips: str) -> list[tuple]:
    return [
        (socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, 80))
        for ip in ips
    ]


@pytest.fixture
def no_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any resolver call fails the test: proves a decision was made without DNS."""

    def forbidden(*args: object, **kwargs: object) -> list[tuple]:
        raise AssertionError(f"getaddrinfo called with {args}")

    monkeypatch.setattr(socket, "getaddrinfo", forbidden)


@pytest.mark.parametrize(
    ("ip", "words"),
    [
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("::1", "loopback"),
        ("169.254.169.254", "metadata"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("fd00:ec2::254", "metadata"),
        ("fd12:3456::1", "private"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "broadcast"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("100.127.255.254", "carrier-grade NAT"),
        ("192.0.2.10", "not a globally routable"),
        ("::ffff:127.0.0.1", "IPv6 form of 127.0.0.1, a loopback"),
        ("::ffff:169.254.169.254", "metadata"),
        ("::127.0.0.1", "loopback"),  # IPv4-compatible
        ("64:ff9b::10.0.0.1", "private"),  # NAT64
        ("2002:0a00:0001::", "private"),  # 6to4 of 10.0.0.1
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"),  # Teredo client 127.0.0.1
    ],
)
def test_non_public_addresses_are_refused_with_a_named_reason(ip: str, words: str) -> None:
    reason = ip_refusal(ipaddress.ip_address(ip))
    assert reason is not None and words in reason


@pytest.mark.parametrize("ip", ["8.8.8.8", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8", "100.128.0.1"])
def test_public_addresses_are_allowed(ip: str) -> None:
    assert ip_refusal(ipaddress.ip_address(ip)) is None


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [("2130706433", "127.0.0.1"), ("0x7f000001", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"),
     ("127.1", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("10.1", "10.0.0.1"), ("127.0.0.1.", "127.0.0.1")],
)
def test_legacy_ipv4_spellings_decode_like_inet_aton(spelling: str, expected: str) -> None:
    assert str(parse_legacy_ipv4(spelling)) == expected


@pytest.mark.parametrize("spelling", ["089.0.0.1", "1.2.3.4.5", "256.0.0.1", "4294967296", "shop.example", "1e3", ""])
def test_non_numeric_or_out_of_range_is_not_an_address(spelling: str) -> None:
    assert parse_legacy_ipv4(spelling) is None


@given(st.integers(min_value=0, max_value=2**32 - 1), st.sampled_from(["dec", "hex", "oct", "two", "three"]))
def test_legacy_parser_agrees_with_the_c_library(number: int, style: str) -> None:
    """Whatever spelling an attacker picks, we decode the same address the OS would connect to."""
    b = number.to_bytes(4, "big")
    spelling = {
        "dec": str(number),
        "hex": hex(number),
        "oct": "0" + format(number, "o"),
        "two": f"{b[0]}.{int.from_bytes(b[1:], 'big')}",
        "three": f"{b[0]}.{b[1]}.{int.from_bytes(b[2:], 'big')}",
    }[style]
    assert parse_legacy_ipv4(spelling) == ipaddress.IPv4Address(socket.inet_aton(spelling))


@given(st.ip_addresses(v=4))
def test_ipv4_mapped_form_gets_the_same_verdict(ip: ipaddress.IPv4Address) -> None:
    mapped = ipaddress.IPv6Address(f"::ffff:{ip}")
    assert (ip_refusal(mapped) is None) == (ip_refusal(ip) is None)


def test_allow_list_is_exact_on_host_and_port() -> None:
    allow = AllowList(["127.0.0.1:8765", "shop.test", "[::1]:9000"])
    assert allow.permits("127.0.0.1", 8765)
    assert not allow.permits("127.0.0.1", 8766)
    assert not allow.permits("127.0.0.2", 8765)
    assert allow.permits("SHOP.test.", 1234)  # a bare host allows any port
    assert not allow.permits("sub.shop.test", 80)
    assert allow.permits("[::1]", 9000) and not allow.permits("::1", 9001)


@pytest.mark.parametrize("entry", ["127.0.0.1:http", ":80", "[::1]:x"])
def test_malformed_allow_list_entries_fail_loudly(entry: str) -> None:
    with pytest.raises(ValueError, match="allow_hosts"):
        AllowList([entry])


def test_normalise_host_canonicalises_ip_spellings() -> None:
    assert normalise_host("0x7f000001") == "127.0.0.1"
    assert normalise_host("[0:0::1]") == "::1"
    assert normalise_host("Shop.Example.") == "shop.example"


@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "127.1", "10.0.0.1", "[::ffff:127.0.0.1]", "localhost",
                                  "metadata.google.internal", "app.localhost"])
def test_refusals_need_no_dns(host: str, no_dns: None) -> None:
    with pytest.raises(AddressRefused):
        vet_destination(host, 80, AllowList([]))


def test_any_refused_resolution_refuses_the_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: _infos("93.184.216.34", "127.0.0.1"))
    with pytest.raises(AddressRefused, match=r"mixed\.test resolves to 127\.0\.0\.1 is a loopback"):
        vet_destination("mixed.test", 80, AllowList([]))


def test_public_resolution_returns_every_address_for_pinning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: _infos("2606:4700::1", "93.184.216.34", "93.184.216.34"))
    addresses = vet_destination("public.test", 443, AllowList([]))
    assert [str(a) for a in addresses] == ["2606:4700::1", "93.184.216.34"]


def test_allow_listed_name_skips_the_rules_but_is_still_resolved(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: calls.append(host) or _infos("127.0.0.1"))
    assert [str(a) for a in vet_destination("shop.test", 8080, AllowList(["shop.test:8080"]))] == ["127.0.0.1"]
    assert calls == ["shop.test"]
    with pytest.raises(AddressRefused):
        vet_destination("shop.test", 8081, AllowList(["shop.test:8080"]))


def test_resolution_failure_is_unresolvable_not_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> list[tuple]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(HostUnresolvable, match="nowhere.test"):
        vet_destination("nowhere.test", 80, AllowList([]))


def test_slow_dns_is_bounded_by_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: time.sleep(1.0) or _infos("93.184.216.34"))
    started = time.monotonic()
    with pytest.raises(HostUnresolvable, match="timed out"):
        vet_destination("slow.test", 80, AllowList([]), timeout_s=0.2)
    assert time.monotonic() - started < 0.8
