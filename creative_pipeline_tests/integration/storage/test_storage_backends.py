"""One behaviour, two backends: every test here runs against the local folder and Supabase."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from creative_pipeline.resources.supabase.storage import ObjectNotFound, ObjectStorage, safe_object_path
from creative_pipeline.resources.supabase.storage_factory import make_storage
from creative_pipeline.resources.supabase.storage_local import LocalFolderStorage
from creative_pipeline.resources.supabase.storage_supabase import SupabaseStorage

NAME = "20261124_HOME_SOLO_DEMO_RELIEF_UGC_brightbrew-coffee_W03"
BINARY = b"\x89PNG\r\n\x1a\n" + os.urandom(3000) + b"\r\n--boundary\r\n"  # multipart-hostile bytes


def test_put_get_round_trip(storage: ObjectStorage) -> None:
    path = f"brightbrew-coffee/{NAME}/image_v1.png"
    stored = storage.put(path, BINARY, "image/png")
    assert (stored.bucket, stored.path, stored.size, stored.content_type) == ("creatives", path, len(BINARY), "image/png")
    assert stored.sha256 == hashlib.sha256(BINARY).hexdigest()
    assert storage.get(path) == BINARY
    assert storage.exists(path)


def test_put_overwrites_same_path(storage: ObjectStorage) -> None:
    storage.put("acme/a.txt", b"first", "text/plain")
    storage.put("acme/a.txt", b"second, longer", "text/plain")
    assert storage.get("acme/a.txt") == b"second, longer"
    assert storage.list("acme") == ["acme/a.txt"]


def test_list_is_recursive_and_scoped(storage: ObjectStorage) -> None:
    paths = ["acme/x/image_v1.png", "acme/x/image_v2.png", "acme/x/thumbs/v1.jpg", "acme/y/video.mp4",
             "acme/z.json", "acme-2/x/image_v1.png", "other/deep/er/file.txt"]
    for p in paths:
        storage.put(p, b"1", "application/octet-stream")
    assert storage.list("") == sorted(paths)
    assert storage.list("acme") == sorted(p for p in paths if p.startswith("acme/"))
    assert storage.list("acme/") == storage.list("acme")
    assert storage.list("acme/x") == ["acme/x/image_v1.png", "acme/x/image_v2.png", "acme/x/thumbs/v1.jpg"]
    assert storage.list("nothing/here") == []


def test_delete_and_exists(storage: ObjectStorage) -> None:
    storage.put("acme/x/a.png", b"a", "image/png")
    storage.put("acme/x/b.png", b"b", "image/png")
    storage.delete(["acme/x/a.png", "acme/x/missing.png"])  # a missing path is not an error
    assert not storage.exists("acme/x/a.png")
    assert storage.exists("acme/x/b.png")
    assert storage.list("acme") == ["acme/x/b.png"]
    storage.delete(["acme/x/b.png"])
    assert storage.list("") == []
    storage.delete([])


def test_get_missing_raises_not_found(storage: ObjectStorage) -> None:
    with pytest.raises(ObjectNotFound, match="creatives/acme/nope.png"):
        storage.get("acme/nope.png")
    with pytest.raises(ObjectNotFound):
        storage.signed_url("acme/nope.png")


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("../escape.png", r"'\.\.'"),
        ("acme/../../etc/passwd", r"'\.\.'"),
        ("/etc/passwd", "absolute"),
        ("C:/windows/x.png", "absolute"),
        ("acme\\x.png", "backslash"),
        ("acme/x\x00.png", "NUL"),
        ("acme//x.png", "empty segment"),
        ("", "empty"),
        ("acme/ünïcode.png", "Supabase Storage rejects"),
    ],
)
def test_unsafe_paths_are_rejected(storage: ObjectStorage, path: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        storage.put(path, b"x", "text/plain")
    with pytest.raises(ValueError, match=problem):
        storage.get(path)
    with pytest.raises(ValueError):
        storage.delete([path])


def test_safe_object_path_slugifies_segments(storage: ObjectStorage) -> None:
    path = safe_object_path("brightbrew-coffee", "../../etc/Crème Brûlée / 50% off!", "image_v1.png")
    assert path == "brightbrew-coffee/etc-Creme-Brulee-50-off/image_v1.png"
    assert safe_object_path("acme", NAME, "image_v1.png") == f"acme/{NAME}/image_v1.png"  # case kept
    storage.put(path, b"ok", "text/plain")
    assert storage.list("brightbrew-coffee") == [path]
    with pytest.raises(ValueError):
        safe_object_path("acme", "..")


def test_signed_url(storage: ObjectStorage) -> None:
    storage.put("acme/x/image_v1.png", BINARY, "image/png")
    url = storage.signed_url("acme/x/image_v1.png", expires_in_s=600)
    if storage.backend == "local":
        assert url.startswith("file://") and url.endswith("/creatives/acme/x/image_v1.png")
    else:
        assert url.startswith("http://127.0.0.1:") and "/storage/v1/object/sign/creatives/acme/x/image_v1.png?token=" in url


def test_local_layout_and_atomic_writes(tmp_path: Path) -> None:
    storage = LocalFolderStorage(tmp_path, bucket="creatives")
    storage.put("acme/x/image_v1.png", b"png", "image/png")
    assert (tmp_path / "creatives" / "acme" / "x" / "image_v1.png").read_bytes() == b"png"
    assert not list(tmp_path.rglob("*.cp-tmp"))  # the temp file was renamed into place
    leftover = tmp_path / "creatives" / "acme" / "x" / ".image_v2.png.abc.cp-tmp"  # a crashed write
    leftover.write_bytes(b"half")
    assert storage.list("acme") == ["acme/x/image_v1.png"]
    storage.delete(["acme/x/image_v1.png"])
    assert not (tmp_path / "creatives" / "acme" / "x" / "image_v1.png").exists()


def test_local_rejects_symlink_escape(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "creatives").mkdir()
    (tmp_path / "creatives" / "link").symlink_to(outside)
    storage = LocalFolderStorage(tmp_path, bucket="creatives")
    with pytest.raises(ValueError, match="outside the bucket"):
        storage.put("link/x.png", b"x", "image/png")
    assert not list(outside.iterdir())


def test_factory_chooses_backend(tmp_path: Path) -> None:
    local = make_storage(None, None, tmp_path, "creatives")
    assert isinstance(local, LocalFolderStorage) and local.backend == "local" and local.bucket == "creatives"
    remote = make_storage("http://127.0.0.1:9", "fake-key", tmp_path, "media")
    assert isinstance(remote, SupabaseStorage) and remote.backend == "supabase" and remote.bucket == "media"
    with pytest.raises(ValueError, match="SUPABASE_SERVICE_ROLE_KEY"):
        make_storage("http://127.0.0.1:9", "", tmp_path, "creatives")
    with pytest.raises(ValueError, match="SUPABASE_URL"):
        make_storage(None, "fake-key", tmp_path, "creatives")
    with pytest.raises(ValueError, match="bucket"):
        make_storage(None, None, tmp_path, "../up")
