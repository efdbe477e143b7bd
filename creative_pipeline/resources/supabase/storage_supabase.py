"""Supabase Storage through supabase-py (storage3 2.34), with the service-role key.

Facts taken from the installed storage3 source (`storage3/_sync/file_api.py`), not guessed:
- upload: `POST /storage/v1/object/{bucket}/{path}` multipart; `file_options["upsert"]` becomes the
  `x-upsert` header and must be the *string* "true"; the part's content type is
  `file_options["content-type"]` (default text/plain, so always pass it);
- download: `GET /storage/v1/object/{bucket}/{path}`; exists: `GET /object/info/{bucket}/{path}`
  (a 404 `not_found` → False, any other error raises);
- list: `POST /object/list/{bucket}` `{prefix, limit, offset, sortBy}` → one folder level,
  folders are entries with `id: null`; remove: `DELETE /object/{bucket}` `{"prefixes": [...]}`;
- sign: `POST /object/sign/{bucket}/{path}` `{"expiresIn": "N"}` (sent as a string) → `signedURL`
  relative to `/storage/v1`; storage3 already joins it to the base URL, we insist it is absolute.
Errors are `StorageApiError(message, code, status)` (status is the body's `statusCode`, often a
string) or raw httpx transport errors; both become `StorageError` naming bucket and path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar
from urllib.parse import urljoin

import httpx
from storage3.exceptions import StorageApiError
from supabase import Client, create_client

from creative_pipeline.resources.supabase.storage import ObjectNotFound, ObjectStorage, StorageError
from creative_pipeline.resources.supabase.storage_local import validate_bucket
from creative_pipeline.settings import DEFAULTS

T = TypeVar("T")
REMOVE_BATCH = 1000  # storage-api rejects larger `prefixes` arrays
PLACEHOLDER = ".emptyFolderPlaceholder"  # what the Supabase dashboard writes into "empty" folders


class SupabaseStorage(ObjectStorage):
    """A Supabase Storage bucket (private; access through the service role and signed URLs)."""

    backend: Literal["local", "supabase"] = "supabase"

    def __init__(self, url: str, service_role_key: str, bucket: str = DEFAULTS.storage_bucket,
                 list_page_size: int = 100) -> None:
        if not url or not service_role_key:
            raise ValueError("SupabaseStorage needs both SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY")
        self.bucket = validate_bucket(bucket)
        self.url = url.rstrip("/")
        self.list_page_size = list_page_size
        self._client: Client = create_client(self.url, service_role_key)

    def _files(self) -> Any:
        return self._client.storage.from_(self.bucket)

    def _call(self, op: str, path: str | None, fn: Callable[[], T]) -> T:
        """Run one storage3 call; translate its errors into StorageError with bucket/path."""
        where = f"{self.bucket}/{path}" if path is not None else self.bucket
        try:
            return fn()
        except StorageApiError as exc:
            status = exc.status
            message = f"Supabase Storage {op} failed for {where}: {status} {exc.code}: {exc.message}"
            if op in ("get", "sign") and str(status) == "404":
                raise ObjectNotFound(message, bucket=self.bucket, path=path, status=status) from exc
            raise StorageError(message, bucket=self.bucket, path=path, status=status) from exc
        except httpx.HTTPError as exc:
            message = f"Supabase Storage {op} failed for {where}: {type(exc).__name__}: {exc} (url {self.url})"
            raise StorageError(message, bucket=self.bucket, path=path) from exc

    def _put(self, path: str, data: bytes, content_type: str) -> None:
        options = {"content-type": content_type, "upsert": "true", "cache-control": "3600"}
        self._call("put", path, lambda: self._files().upload(path, data, file_options=options))

    def _get(self, path: str) -> bytes:
        return self._call("get", path, lambda: self._files().download(path))

    def _exists(self, path: str) -> bool:
        return self._call("exists", path, lambda: self._files().exists(path))

    def _delete(self, paths: list[str]) -> None:
        for i in range(0, len(paths), REMOVE_BATCH):
            batch = paths[i : i + REMOVE_BATCH]
            self._call("delete", ", ".join(batch[:3]) + (" ..." if len(batch) > 3 else ""), lambda: self._files().remove(batch))

    def _list_level(self, folder: str) -> list[dict[str, Any]]:
        """Every entry of one folder, following offset pagination to the end."""
        entries: list[dict[str, Any]] = []
        offset = 0
        while True:
            options = {"limit": self.list_page_size, "offset": offset, "sortBy": {"column": "name", "order": "asc"}}
            page = self._call("list", folder or "", lambda: self._files().list(folder, options))
            entries.extend(page)
            if len(page) < self.list_page_size:
                return entries
            offset += len(page)

    def _list(self, folder: str) -> list[str]:
        """Walk the folder tree (folders come back as entries with `id: null`)."""
        found: list[str] = []
        pending = [folder]
        while pending:
            current = pending.pop()
            for entry in self._list_level(current):
                name = entry.get("name") or ""
                full = f"{current}/{name}" if current else name
                if entry.get("id") is None:
                    pending.append(full)
                elif name != PLACEHOLDER:
                    found.append(full)
        return found

    def _signed_url(self, path: str, expires_in_s: int) -> str:
        response = self._call("sign", path, lambda: self._files().create_signed_url(path, expires_in_s))
        signed = response.get("signedURL") or response.get("signedUrl")
        if not signed:
            raise StorageError(f"Supabase Storage sign returned no URL for {self.bucket}/{path}: {response}", bucket=self.bucket, path=path)
        if not signed.startswith(("http://", "https://")):  # older storage3 returned the path only
            signed = urljoin(f"{self.url}/storage/v1/", signed.lstrip("/"))
        return signed
