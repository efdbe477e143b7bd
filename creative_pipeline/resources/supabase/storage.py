"""Object storage: one interface, two backends (a local folder, Supabase Storage).

Assets never know which backend they write to: the embedded default keeps objects in
`<data_dir>/storage/<bucket>/<path>` and production keeps them in a Supabase bucket, with the
same bucket/path layout, e.g. bucket `creatives`, object `<company>/<creative-name>/image_v1.png`.

Both backends validate object paths through `ObjectStorage` with the same rules, so a path that
works locally also works on Supabase (whose key charset is narrower than a filesystem's) and no
path can climb out of the local root.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from abc import ABC, abstractmethod
from typing import Literal

from pydantic import BaseModel, Field

# Supabase Storage's key check (storage-api `isValidKey`): ASCII word characters and these.
_SUPABASE_KEY_CHARS = re.compile(r"^[A-Za-z0-9_/!\-.*'() &$@=;:+,?]*$")
_SEGMENT_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_PATH_CHARS = 1024


class StorageError(RuntimeError):
    """A storage operation failed; the message names the backend, bucket and path."""

    def __init__(self, message: str, *, bucket: str, path: str | None = None, status: int | str | None = None) -> None:
        super().__init__(message)
        self.bucket = bucket
        self.path = path
        self.status = status


class ObjectNotFound(StorageError):
    """The object does not exist (get / signed_url of a missing path)."""


class StoredObject(BaseModel):
    """What `put` wrote: enough to record in the `assets` table and to verify later."""

    bucket: str
    path: str
    size: int = Field(ge=0)
    content_type: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def validate_object_path(path: str, *, allow_folder: bool = False) -> str:
    """Return `path` if it is a safe relative object path, else raise ValueError saying why.

    Rejects: empty, NUL/control characters, backslashes, absolute paths, `.`/`..` and empty
    segments, characters Supabase Storage rejects, over-long paths. With `allow_folder` (list
    prefixes) the empty string and one trailing slash are accepted.
    """
    if not isinstance(path, str):
        raise ValueError(f"object path must be a str, got {type(path).__name__}")
    if allow_folder:
        if path == "":
            return ""
        path = path[:-1] if path.endswith("/") else path
    if not path:
        raise ValueError("object path is empty")
    if "\x00" in path:
        raise ValueError(f"object path contains a NUL byte: {path!r}")
    if any(ord(c) < 32 or ord(c) == 127 for c in path):
        raise ValueError(f"object path contains a control character: {path!r}")
    if "\\" in path:
        raise ValueError(f"object path contains a backslash (use '/'): {path!r}")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        raise ValueError(f"object path must be relative, not absolute: {path!r}")
    segments = path.split("/")
    if any(s in (".", "..") for s in segments):
        raise ValueError(f"object path contains a '.' or '..' segment: {path!r}")
    if any(s == "" for s in segments):
        raise ValueError(f"object path contains an empty segment ('//' or trailing '/'): {path!r}")
    if not _SUPABASE_KEY_CHARS.match(path):
        bad = sorted({c for c in path if not _SUPABASE_KEY_CHARS.match(c)})
        raise ValueError(f"object path contains characters Supabase Storage rejects {bad}: {path!r}")
    if len(path) > MAX_PATH_CHARS:
        raise ValueError(f"object path is {len(path)} characters; the limit is {MAX_PATH_CHARS}")
    return path


def safe_segment(part: str) -> str:
    """One path segment made safe: ASCII-folded, unsafe runs → '-', case and `_ . -` kept.

    Case is kept on purpose: creative names (`20261124_HOME_SOLO_..._W03`) are matched back
    from ad-platform exports and must survive unchanged.
    """
    ascii_part = unicodedata.normalize("NFKD", str(part)).encode("ascii", "ignore").decode()
    segment = _SEGMENT_UNSAFE.sub("-", ascii_part).strip("-.")
    segment = re.sub(r"-{2,}", "-", segment)
    if not segment:
        raise ValueError(f"path segment {part!r} has no usable characters")
    return segment


def safe_object_path(*parts: str) -> str:
    """Join slugified segments into an object path: `safe_object_path(slug, name, "image_v1.png")`.

    Each part is one segment (a '/' inside a part is replaced, never followed), so callers can
    pass user-derived names without opening a path-traversal hole.
    """
    if not parts:
        raise ValueError("safe_object_path needs at least one part")
    return validate_object_path("/".join(safe_segment(p) for p in parts))


class ObjectStorage(ABC):
    """A bucket of objects addressed by relative paths. Same behaviour on every backend:

    `put` upserts (same path → overwritten), `get` of a missing path raises ObjectNotFound,
    `delete` of a missing path is a no-op, `list(prefix)` returns every object path under the
    folder `prefix` (recursively, sorted, bucket-relative), `signed_url` gives a time-limited
    link (a `file://` URI on the local backend, which has no HTTP server).
    """

    bucket: str
    backend: Literal["local", "supabase"]

    def put(self, path: str, data: bytes, content_type: str) -> StoredObject:
        path = validate_object_path(path)
        self._put(path, bytes(data), content_type)
        return StoredObject(bucket=self.bucket, path=path, size=len(data), content_type=content_type, sha256=sha256_hex(data))

    def get(self, path: str) -> bytes:
        return self._get(validate_object_path(path))

    def exists(self, path: str) -> bool:
        return self._exists(validate_object_path(path))

    def delete(self, paths: list[str]) -> None:
        if isinstance(paths, str):
            raise TypeError("delete() takes a list of paths, not a single str")
        checked = [validate_object_path(p) for p in paths]
        if checked:
            self._delete(checked)

    def list(self, prefix: str = "") -> list[str]:
        return sorted(self._list(validate_object_path(prefix, allow_folder=True)))

    def signed_url(self, path: str, expires_in_s: int = 3600) -> str:
        if expires_in_s <= 0:
            raise ValueError(f"expires_in_s must be positive, got {expires_in_s}")
        return self._signed_url(validate_object_path(path), expires_in_s)

    @abstractmethod
    def _put(self, path: str, data: bytes, content_type: str) -> None: ...

    @abstractmethod
    def _get(self, path: str) -> bytes: ...

    @abstractmethod
    def _exists(self, path: str) -> bool: ...

    @abstractmethod
    def _delete(self, paths: list[str]) -> None: ...

    @abstractmethod
    def _list(self, folder: str) -> list[str]: ...

    @abstractmethod
    def _signed_url(self, path: str, expires_in_s: int) -> str: ...

    def __repr__(self) -> str:
        return f"{type(self).__name__}(backend={self.backend!r}, bucket={self.bucket!r})"
