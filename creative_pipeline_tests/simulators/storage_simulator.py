"""A local Supabase Storage REST server that the real supabase-py client talks to over HTTP.

It speaks the paths storage3 2.34 uses (see `creative_pipeline/resources/supabase/storage_supabase.py`),
keeps objects in memory, checks the `apikey` and `Authorization: Bearer` headers, records every
request for assertions and can answer the next request(s) with an injected error, so the
SupabaseStorage backend is tested against HTTP instead of mocks. Error bodies use the service's
shape `{"statusCode": "404", "error": "not_found", "message": ...}` (storage3 parses exactly that).
"""

from __future__ import annotations

import contextlib
import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any, Iterator
from urllib.parse import parse_qs, unquote, urlsplit

from .http_base import DispatchHandler

Reply = tuple[int, str, bytes]


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str  # decoded, without the query
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: bytes
    status: int
    json: Any = None
    parts: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # multipart name -> (content type, data)


@dataclass
class StoredBlob:
    data: bytes
    content_type: str
    cache_control: str
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    created_at: str = field(default_factory=lambda: time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()))


def _json(status: int, payload: Any) -> Reply:
    return status, "application/json", json.dumps(payload).encode()


def _error(http_status: int, status_code: str, error: str, message: str) -> Reply:
    return _json(http_status, {"statusCode": status_code, "error": error, "message": message})


def parse_multipart(content_type: str, body: bytes) -> dict[str, tuple[str, bytes]]:
    """Binary-safe multipart/form-data parser: name -> (part content type, bytes)."""
    boundary = content_type.split("boundary=", 1)[1].strip().strip('"').encode()
    parts: dict[str, tuple[str, bytes]] = {}
    for chunk in body.split(b"--" + boundary)[1:]:
        if chunk.startswith(b"--"):
            break
        head, _, data = chunk[2:].partition(b"\r\n\r\n")
        headers = dict(line.split(": ", 1) for line in head.decode("latin-1").split("\r\n") if ": " in line)
        headers = {k.lower(): v for k, v in headers.items()}
        disposition = headers.get("content-disposition", "")
        name = disposition.split('name="', 1)[1].split('"', 1)[0] if 'name="' in disposition else ""
        parts[name] = (headers.get("content-type", "text/plain"), data[:-2] if data.endswith(b"\r\n") else data)
    return parts


class _Fail(Exception):
    """Raised inside a handler to answer with an error reply."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply[0])
        self.reply = reply


class _Server(ThreadingHTTPServer):
    request_queue_size = 256
    daemon_threads = True
    block_on_close = False
    sim: "StorageSimulator"




class StorageSimulator:
    """In-memory Supabase Storage on 127.0.0.1 (random port). Buckets must exist (`buckets=`)."""

    def __init__(self, api_key: str = "sim-service-role-key", buckets: tuple[str, ...] = ("creatives",)) -> None:
        self.api_key = api_key
        self.buckets = set(buckets)
        self.objects: dict[tuple[str, str], StoredBlob] = {}
        self._tokens: dict[str, tuple[str, str, float]] = {}
        self._faults: list[Reply] = []
        self._requests: list[RecordedRequest] = []
        self._lock = threading.RLock()
        self._server = _Server(("127.0.0.1", 0), DispatchHandler)
        self._server.sim = self
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def fail_next(self, http_status: int, error: str = "Unauthorized", message: str = "injected", status_code: str | None = None, times: int = 1) -> None:
        """Answer the next `times` requests with this error (after auth is checked)."""
        with self._lock:
            self._faults += [_error(http_status, status_code or str(http_status), error, message)] * times

    def reset(self) -> None:
        with self._lock:
            self.objects.clear()
            self._tokens.clear()
            self._faults.clear()
            self._requests.clear()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- request handling ---------------------------------------------------------------
    def _dispatch(self, method: str, raw_path: str, headers: dict[str, str], body: bytes) -> Reply:
        split = urlsplit(raw_path)
        path, query = unquote(split.path), parse_qs(split.query)
        ctype = headers.get("content-type", "")
        parts = parse_multipart(ctype, body) if ctype.startswith("multipart/form-data") else {}
        payload = json.loads(body) if ctype.startswith("application/json") and body else None
        with self._lock:
            try:
                reply = self._route(method, path, query, headers, body, parts, payload)
            except _Fail as fail:
                reply = fail.reply
            self._requests.append(RecordedRequest(method, path, query, headers, body, reply[0], payload, parts))
        return reply

    def _route(self, method: str, path: str, query: dict[str, list[str]], headers: dict[str, str], body: bytes,
               parts: dict[str, tuple[str, bytes]], payload: Any) -> Reply:
        prefix = "/storage/v1/object/"
        if not path.startswith(prefix):
            return _error(404, "404", "not_found", f"no route {method} {path}")
        rest = path[len(prefix):]
        if method == "GET" and rest.startswith("sign/"):  # public fetch of a signed URL: token instead of key
            return self._fetch_signed(rest[5:], query.get("token", [""])[0])
        if headers.get("apikey") != self.api_key or headers.get("authorization") != f"Bearer {self.api_key}":
            return _error(400, "403", "Unauthorized", "Invalid Compact JWS")
        if self._faults:
            return self._faults.pop(0)
        for verb, route, handler in (
            ("POST", "list/", self._list), ("POST", "sign/", self._sign), ("GET", "info/", self._info),
            ("GET", "authenticated/", self._download),
        ):
            if method == verb and rest.startswith(route):
                return handler(rest[len(route):], payload)
        if method == "DELETE":
            return self._remove(rest, payload)
        if method in ("POST", "PUT"):
            return self._upload(method, rest, headers, body, parts)
        if method == "GET":
            return self._download(rest, None)
        return _error(405, "405", "method_not_allowed", f"{method} {path}")

    def _bucket(self, bucket: str) -> str:
        if bucket not in self.buckets:
            raise _Fail(_error(400, "404", "Bucket not found", f"Bucket {bucket!r} not found"))
        return bucket

    def _blob(self, rest: str) -> tuple[str, str, StoredBlob]:
        bucket, _, key = rest.partition("/")
        blob = self.objects.get((self._bucket(bucket), key))
        if blob is None:
            raise _Fail(_error(400, "404", "not_found", "Object not found"))
        return bucket, key, blob

    def _upload(self, method: str, rest: str, headers: dict[str, str], body: bytes, parts: dict[str, tuple[str, bytes]]) -> Reply:
        bucket, _, key = rest.partition("/")
        self._bucket(bucket)
        content_type, data = parts.get("file", (headers.get("content-type", "application/octet-stream"), body))
        cache = parts.get("cacheControl", ("", b"no-cache"))[1].decode()
        exists = (bucket, key) in self.objects
        if method == "POST" and exists and headers.get("x-upsert") != "true":
            return _error(400, "409", "Duplicate", "The resource already exists")
        if method == "PUT" and not exists:
            return _error(400, "404", "not_found", "Object not found")
        self.objects[(bucket, key)] = StoredBlob(data, content_type, cache)
        return _json(200, {"Id": self.objects[(bucket, key)].id, "Key": f"{bucket}/{key}"})

    def _download(self, rest: str, _payload: Any) -> Reply:
        blob = self._blob(rest)[2]
        return 200, blob.content_type, blob.data

    def _info(self, rest: str, _payload: Any) -> Reply:
        try:
            bucket, key, blob = self._blob(rest)
        except _Fail as fail:
            return (404, *fail.reply[1:]) if b"not_found" in fail.reply[2] else fail.reply  # the service 404s info misses
        return _json(200, {"id": blob.id, "name": key, "bucket_id": bucket, "size": len(blob.data),
                           "content_type": blob.content_type, "cache_control": blob.cache_control, "created_at": blob.created_at})

    def _list(self, bucket: str, payload: Any) -> Reply:
        self._bucket(bucket)
        folder = (payload.get("prefix") or "").strip("/")
        lead = f"{folder}/" if folder else ""
        files: dict[str, StoredBlob] = {}
        folders: set[str] = set()
        for (b, key), blob in self.objects.items():
            if b == bucket and key.startswith(lead):
                head, sep, _ = key[len(lead):].partition("/")
                if sep:
                    folders.add(head)
                else:
                    files[head] = blob
        entries = [{"name": n, "id": None, "updated_at": None, "created_at": None, "last_accessed_at": None, "metadata": None} for n in folders]
        entries += [{"name": n, "id": b.id, "updated_at": b.created_at, "created_at": b.created_at, "last_accessed_at": b.created_at,
                     "metadata": {"size": len(b.data), "mimetype": b.content_type, "cacheControl": b.cache_control}} for n, b in files.items()]
        search = (payload.get("search") or "").lower()
        entries = sorted((e for e in entries if e["name"].lower().startswith(search)), key=lambda e: e["name"])
        offset, limit = int(payload.get("offset", 0)), int(payload.get("limit", 100))
        return _json(200, entries[offset: offset + limit])

    def _remove(self, bucket: str, payload: Any) -> Reply:
        self._bucket(bucket)
        removed = [{"name": key, "bucket_id": bucket} for key in payload.get("prefixes", []) if self.objects.pop((bucket, key), None)]
        return _json(200, removed)

    def _sign(self, rest: str, payload: Any) -> Reply:
        bucket, key, _ = self._blob(rest)
        token = secrets.token_urlsafe(16)
        self._tokens[token] = (bucket, key, time.time() + float(payload["expiresIn"]))
        return _json(200, {"signedURL": f"/object/sign/{bucket}/{key}?token={token}"})

    def _fetch_signed(self, rest: str, token: str) -> Reply:
        bucket, key, until = self._tokens.get(token, ("", "", 0.0))
        if f"{bucket}/{key}" != rest or time.time() > until:
            return _error(400, "400", "InvalidJWT", "invalid or expired signature")
        return self._download(rest, None)


@contextlib.contextmanager
def running_storage_simulator(**kwargs: Any) -> Iterator[StorageSimulator]:
    sim = StorageSimulator(**kwargs)
    try:
        yield sim
    finally:
        sim.stop()
