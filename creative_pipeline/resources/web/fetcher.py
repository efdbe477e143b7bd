"""SafeFetcher: GET one public HTML page, with every SSRF and resource-exhaustion door shut.

Why each rule exists:
- http/https only and no `user:pass@`: other schemes reach files and odd services; credentials
  in URLs leak and are a classic parser-confusion trick.
- The address is vetted before connecting and again on every redirect hop (redirects are
  followed by hand), because an open redirect on a public site can point at 169.254.169.254.
- The connection is pinned to the vetted IP (the URL's host is replaced by the IP; the Host
  header and, for https, SNI + certificate checks keep the real name), so a DNS answer that
  changes between check and connect (DNS rebinding) cannot redirect us inside.
- One deadline covers DNS, every hop and the whole body, so a slow-drip server cannot hold a run.
- Bodies are read raw and decompressed by us with a bound, so a gzip bomb cannot expand past
  `max_bytes`. Oversize rule: **truncate and flag** (`FetchedPage.truncated=True`), because an
  HTML page's useful context (title, meta, headings) is at the top; the cut is never silent.
- Only HTML is accepted (text/html, application/xhtml+xml; no Content-Type: sniff for `<html`).
"""

from __future__ import annotations

import codecs
import re
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from pydantic import BaseModel, ConfigDict, Field, field_validator

from creative_pipeline.resources.web.address_policy import (
    AddressRefused,
    AllowList,
    HostUnresolvable,
    IPAddress,
    parse_ip_literal,
    vet_destination,
)

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
HTML_TYPES = {"text/html", "application/xhtml+xml"}
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]{1,40})""", re.IGNORECASE)


class FetchError(Exception):
    """Any reason we have no page; `reason` is a sentence a marketer can read."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FetchRefused(FetchError):
    """We chose not to fetch (policy): bad scheme, private address, too many redirects, not HTML."""


class FetchFailed(FetchError):
    """We tried and the network or server failed: DNS, connect, timeout, HTTP error status."""


class FetchedPage(BaseModel):
    """One fetched page: `url` as asked, `final_url` after redirects, `text` decoded HTML."""

    url: str
    final_url: str
    status: int
    content_type: str
    text: str
    redirects: list[str] = Field(default_factory=list)
    truncated: bool = False
    bytes_read: int = 0


def parse_target(url: str) -> httpx.URL:
    """Parse and refuse anything that is not a plain http(s) URL with a host and no credentials."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchRefused(f"refused: {url!r} is not a valid URL ({exc})") from exc
    if parsed.scheme not in {"http", "https"}:
        raise FetchRefused(f"refused: only http and https URLs are fetched, not {parsed.scheme or 'no'}:")
    if parsed.userinfo:
        raise FetchRefused("refused: URLs with credentials (user:pass@) are not fetched")
    if not parsed.host:
        raise FetchRefused(f"refused: {url!r} has no host")
    return parsed


def build_pinned_request(target: httpx.URL, ip: IPAddress, headers: dict[str, str], timeout_s: float) -> httpx.Request:
    """A GET for `target` that connects to `ip`: Host header and TLS name stay the real host."""
    extensions: dict[str, object] = {"timeout": httpx.Timeout(timeout_s).as_dict()}
    if target.scheme == "https" and parse_ip_literal(target.host) is None:
        extensions["sni_hostname"] = target.raw_host.decode("ascii")
    pinned = target.copy_with(host=str(ip), fragment=None)
    return httpx.Request("GET", pinned, headers={**headers, "Host": target.netloc.decode("ascii")}, extensions=extensions)


def decode_html(body: bytes, content_type: str) -> str:
    """BOM, then the header charset, then <meta charset>, then utf-8; undecodable bytes replaced."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, errors="replace")
    declared = _HEADER_CHARSET.search(content_type)
    meta = _CHARSET.search(body[:4096])
    for charset in (declared.group(1) if declared else None, meta.group(1).decode() if meta else None):
        if charset:
            try:
                return body.decode(charset, errors="replace")
            except LookupError:  # unknown name, or a bytes-to-bytes codec such as "zlib"
                continue
    return body.decode("utf-8", errors="replace")


# Fetch limits no setting feeds; `WebResource` shows the same numbers in the UI.
FETCH_TIMEOUT_S = 10.0
FETCH_MAX_BYTES = 2_000_000
FETCH_MAX_REDIRECTS = 5
USER_AGENT = "creative-pipeline/0.1 (+site-context)"


class SafeFetcher(BaseModel):
    """Fetch settings plus the fetch itself; immutable so one instance can be shared."""

    model_config = ConfigDict(frozen=True)

    timeout_s: float = Field(default=FETCH_TIMEOUT_S, gt=0)
    max_bytes: int = Field(default=FETCH_MAX_BYTES, gt=0)
    max_redirects: int = Field(default=FETCH_MAX_REDIRECTS, ge=0)
    allow_hosts: list[str] = Field(default_factory=list)
    user_agent: str = USER_AGENT

    @field_validator("allow_hosts")
    @classmethod
    def _valid_allow_hosts(cls, entries: list[str]) -> list[str]:
        AllowList(entries)  # a typo in the allow-list is a configuration error: fail at startup
        return entries

    def fetch(self, url: str) -> FetchedPage:
        """GET `url`, following at most `max_redirects` vetted redirects; FetchError otherwise."""
        deadline = time.monotonic() + self.timeout_s
        with self.follow(url, deadline, HTML_ACCEPT) as (target, response, redirects):
            status = response.status_code
            content_type = response.headers.get("content-type", "").strip()
            mime = content_type.split(";", 1)[0].strip().lower()
            if mime and mime not in HTML_TYPES:
                raise FetchRefused(f"refused: {target} is {mime}, not an HTML page")
            body, truncated = self.read_body(response, deadline, self.max_bytes)
        if not mime and not re.search(rb"<html|<!doctype\s+html", body[:1024], re.IGNORECASE):
            raise FetchRefused(f"refused: {target} sent no Content-Type and does not look like HTML")
        return FetchedPage(
            url=url, final_url=str(target), status=status, content_type=content_type or "text/html (sniffed)",
            text=decode_html(body, content_type), redirects=redirects, truncated=truncated, bytes_read=len(body),
        )

    @contextmanager
    def follow(self, url: str, deadline: float, accept: str) -> Iterator[tuple[httpx.URL, httpx.Response, list[str]]]:
        """The final 2xx response for `url` after vetted redirects (each hop re-checked against
        the address policy), streaming; every mode (HTML pages, images) goes through here."""
        allow = AllowList(self.allow_hosts)
        target = parse_target(url)
        redirects: list[str] = []
        while True:
            with self._open(target, allow, deadline, accept) as response:
                status = response.status_code
                if status in REDIRECT_STATUSES:
                    location = response.headers.get("location", "").strip()
                    if not location:
                        raise FetchFailed(f"{target} answered HTTP {status} without a Location")
                    if len(redirects) >= self.max_redirects:
                        raise FetchRefused(f"refused: more than {self.max_redirects} redirects (next: {location[:200]})")
                    try:
                        next_url = str(target.join(location))
                    except (httpx.InvalidURL, ValueError) as exc:
                        raise FetchRefused(f"refused: invalid redirect Location {location[:200]!r}") from exc
                    target = parse_target(next_url)
                    redirects.append(str(target))
                    continue
                if not 200 <= status < 300:
                    raise FetchFailed(f"{target} answered HTTP {status}")
                yield target, response, redirects
                return

    def _remaining(self, deadline: float) -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchFailed(f"timed out after {self.timeout_s:g}s")
        return remaining

    @contextmanager
    def _open(self, target: httpx.URL, allow: AllowList, deadline: float, accept: str) -> Iterator[httpx.Response]:
        """Vet, then connect to the first vetted address that answers; stream the response."""
        port = target.port or (443 if target.scheme == "https" else 80)
        try:
            addresses = vet_destination(target.host, port, allow, self._remaining(deadline))
        except AddressRefused as exc:
            raise FetchRefused(f"refused: {exc}") from exc
        except HostUnresolvable as exc:
            raise FetchFailed(str(exc)) from exc
        headers = {
            "User-Agent": self.user_agent,
            "Accept": accept,
            "Accept-Encoding": "gzip",
        }
        last_error: Exception | None = None
        for ip in addresses:
            request = build_pinned_request(target, ip, headers, self._remaining(deadline))
            with httpx.Client(trust_env=False, follow_redirects=False, verify=True) as client:
                try:
                    response = client.send(request, stream=True)
                except httpx.ConnectError as exc:  # try the next address (e.g. no IPv6 route)
                    last_error = exc
                    continue
                except httpx.TimeoutException as exc:
                    raise FetchFailed(f"timed out after {self.timeout_s:g}s contacting {target.host}") from exc
                except httpx.HTTPError as exc:
                    raise FetchFailed(f"could not fetch {target}: {exc}") from exc
                try:
                    yield response
                finally:
                    response.close()
                return
        raise FetchFailed(f"could not connect to {target.host}: {last_error}")

    def read_body(self, response: httpx.Response, deadline: float, limit: int) -> tuple[bytes, bool]:
        """Up to `limit` bytes of decoded body and whether there was more (the caller truncates
        or refuses); reading stops there, and decompression is bounded too (gzip bombs)."""
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in {"identity", "", "gzip", "x-gzip", "deflate"}:
            raise FetchFailed(f"unsupported Content-Encoding {encoding!r}")
        inflater = zlib.decompressobj(47) if encoding not in {"identity", ""} else None  # gzip or zlib
        chunks: list[bytes] = []
        size = 0
        try:
            for raw in response.iter_raw():
                self._remaining(deadline)
                room = limit - size
                data = inflater.decompress(raw, room + 1) if inflater else raw
                chunks.append(data[:room])
                size += min(len(data), room)
                if len(data) > room:
                    return b"".join(chunks), True
                if inflater is not None and inflater.eof:  # bytes after the gzip end are ignored
                    break
        except httpx.TimeoutException as exc:
            raise FetchFailed(f"timed out after {self.timeout_s:g}s reading the page") from exc
        except (httpx.HTTPError, zlib.error) as exc:
            raise FetchFailed(f"could not read the body: {exc}") from exc
        return b"".join(chunks), False
