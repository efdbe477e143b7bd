"""The embedded default's storage: a folder laid out like a Supabase bucket (`root/bucket/path`).

Writes are atomic (temp file in the same directory + `os.replace`), so a crashed or concurrent
run never leaves a half-written image that an asset check would count as present. There is no
HTTP server in the embedded default, so `signed_url` returns a `file://` URI (and ignores the
expiry); Dagster metadata and the CLI can still open it on the same machine.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Literal

from creative_pipeline.resources.supabase.storage import ObjectNotFound, ObjectStorage, StorageError, validate_object_path
from creative_pipeline.settings import DEFAULTS

_TMP_SUFFIX = ".cp-tmp"
_BUCKET_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")


def validate_bucket(bucket: str) -> str:
    """Bucket names become directory names (locally) and URL segments (Supabase): keep them plain."""
    if not _BUCKET_NAME.match(bucket or "") or bucket in (".", ".."):
        raise ValueError(f"bucket name {bucket!r} must be 1-63 chars of letters, digits, '_', '.', '-'")
    return bucket


class LocalFolderStorage(ObjectStorage):
    """Objects as files under `root/bucket/`."""

    backend: Literal["local", "supabase"] = "local"

    def __init__(self, root: Path, bucket: str = DEFAULTS.storage_bucket) -> None:
        self.bucket = validate_bucket(bucket)
        self.root = Path(root)
        self.base = (self.root / self.bucket).resolve()

    def file_path(self, path: str) -> Path:
        """The file behind an object path (validated; never outside the bucket folder)."""
        target = (self.base / validate_object_path(path)).resolve()
        if not target.is_relative_to(self.base):  # e.g. a symlinked folder pointing elsewhere
            raise ValueError(f"object path {path!r} resolves outside the bucket folder {self.base}")
        return target

    def _put(self, path: str, data: bytes, content_type: str) -> None:
        target = self.file_path(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=_TMP_SUFFIX)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise StorageError(f"local storage: cannot write {self.bucket}/{path}: {exc}", bucket=self.bucket, path=path) from exc

    def _get(self, path: str) -> bytes:
        target = self.file_path(path)
        try:
            return target.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
            raise ObjectNotFound(f"local storage: object {self.bucket}/{path} not found", bucket=self.bucket, path=path, status=404) from exc
        except OSError as exc:
            raise StorageError(f"local storage: cannot read {self.bucket}/{path}: {exc}", bucket=self.bucket, path=path) from exc

    def _exists(self, path: str) -> bool:
        return self.file_path(path).is_file()

    def _delete(self, paths: list[str]) -> None:
        for path in paths:
            target = self.file_path(path)
            if target.is_dir():
                continue  # like Supabase: removing a folder name removes nothing
            target.unlink(missing_ok=True)
            self._prune_empty_dirs(target.parent)

    def _prune_empty_dirs(self, folder: Path) -> None:
        """Folders are virtual on Supabase; drop the ones a delete left empty so listings match."""
        while folder != self.base and folder.is_relative_to(self.base):
            try:
                folder.rmdir()
            except OSError:
                return
            folder = folder.parent

    def _list(self, folder: str) -> list[str]:
        start = self.base / folder if folder else self.base
        if not start.is_dir():
            return []
        found: list[str] = []
        for dirpath, _dirs, files in os.walk(start):
            for name in files:
                if name.endswith(_TMP_SUFFIX):
                    continue  # an in-flight (or crashed) atomic write
                found.append((Path(dirpath) / name).relative_to(self.base).as_posix())
        return found

    def _signed_url(self, path: str, expires_in_s: int) -> str:
        target = self.file_path(path)
        if not target.is_file():
            raise ObjectNotFound(f"local storage: cannot sign {self.bucket}/{path}: not found", bucket=self.bucket, path=path, status=404)
        return target.as_uri()
