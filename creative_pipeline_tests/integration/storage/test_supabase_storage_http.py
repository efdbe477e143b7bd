"""SupabaseStorage over real HTTP: the supabase-py client against the local Storage simulator.

Asserts the wire format the real service depends on (x-upsert "true", the part's content type,
auth headers, expiresIn), pagination and folder recursion, and that errors become StorageError.
"""

from __future__ import annotations

import socket

import httpx
import pytest

from creative_pipeline.resources.supabase.storage import ObjectNotFound, StorageError
from creative_pipeline.resources.supabase.storage_supabase import SupabaseStorage
from creative_pipeline_tests.simulators.storage_simulator import StorageSimulator, StoredBlob

from .conftest import FAKE_KEY


def test_upload_request_wire_format(storage_sim: StorageSimulator, supabase_storage: SupabaseStorage) -> None:
    supabase_storage.put("acme/W01/image_v1.png", b"\x89PNG-bytes", "image/png")
    supabase_storage.put("acme/W01/image_v1.png", b"\x89PNG-newer", "image/png")
    uploads = [r for r in storage_sim.requests if r.method == "POST" and r.path.startswith("/storage/v1/object/creatives/")]
    assert len(uploads) == 2 and all(r.status == 200 for r in uploads)
    for request in uploads:
        assert request.path == "/storage/v1/object/creatives/acme/W01/image_v1.png"
        assert request.headers["x-upsert"] == "true"
        assert request.headers["authorization"] == f"Bearer {FAKE_KEY}"
        assert request.headers["apikey"] == FAKE_KEY
        assert request.parts["file"][0] == "image/png"
    assert storage_sim.objects[("creatives", "acme/W01/image_v1.png")].data == b"\x89PNG-newer"
    assert storage_sim.objects[("creatives", "acme/W01/image_v1.png")].content_type == "image/png"


def test_paths_with_spaces_round_trip(storage_sim: StorageSimulator, supabase_storage: SupabaseStorage) -> None:
    supabase_storage.put("acme/My Folder/a (1).txt", b"x", "text/plain")
    assert ("creatives", "acme/My Folder/a (1).txt") in storage_sim.objects
    assert supabase_storage.list("acme") == ["acme/My Folder/a (1).txt"]
    assert supabase_storage.get("acme/My Folder/a (1).txt") == b"x"


def test_list_paginates_and_recurses(storage_sim: StorageSimulator, supabase_storage: SupabaseStorage) -> None:
    paths = [f"acme/W{i:02d}/image_v{v}.png" for i in range(1, 5) for v in (1, 2)] + ["acme/.emptyFolderPlaceholder"]
    for p in paths:
        storage_sim.objects[("creatives", p)] = StoredBlob(b"1", "image/png", "3600")
    assert supabase_storage.list("acme") == sorted(p for p in paths if not p.endswith("Placeholder"))
    lists = [r for r in storage_sim.requests if r.path == "/storage/v1/object/list/creatives"]
    top = [r.json for r in lists if r.json["prefix"] == "acme"]
    assert [body["offset"] for body in top] == [0, 3]  # 5 entries at page size 3 → two pages
    assert all(body["limit"] == 3 for body in top)
    assert {r.json["prefix"] for r in lists} == {"acme"} | {f"acme/W{i:02d}" for i in range(1, 5)}


def test_signed_url_is_absolute_and_works(storage_sim: StorageSimulator, supabase_storage: SupabaseStorage) -> None:
    supabase_storage.put("acme/W01/video.mp4", b"mp4-bytes", "video/mp4")
    url = supabase_storage.signed_url("acme/W01/video.mp4", expires_in_s=900)
    assert url.startswith(f"{storage_sim.url}/storage/v1/object/sign/creatives/acme/W01/video.mp4?token=")
    sign = [r for r in storage_sim.requests if r.path.startswith("/storage/v1/object/sign/")][0]
    assert sign.method == "POST" and int(sign.json["expiresIn"]) == 900  # storage3 sends it as a string
    assert httpx.get(url).content == b"mp4-bytes"  # the link works without the key


def test_remove_sends_prefixes(storage_sim: StorageSimulator, supabase_storage: SupabaseStorage) -> None:
    supabase_storage.put("acme/a.txt", b"a", "text/plain")
    supabase_storage.delete(["acme/a.txt", "acme/b.txt"])
    remove = [r for r in storage_sim.requests if r.method == "DELETE"][0]
    assert remove.path == "/storage/v1/object/creatives" and remove.json == {"prefixes": ["acme/a.txt", "acme/b.txt"]}


def test_exists_uses_info_endpoint(storage_sim: StorageSimulator, supabase_storage: SupabaseStorage) -> None:
    supabase_storage.put("acme/a.txt", b"a", "text/plain")
    assert supabase_storage.exists("acme/a.txt") and not supabase_storage.exists("acme/b.txt")
    assert [r.status for r in storage_sim.requests if r.path.startswith("/storage/v1/object/info/")] == [200, 404]


@pytest.mark.parametrize("http_status", [400, 403, 413, 500])
def test_server_errors_become_storage_error(storage_sim: StorageSimulator, supabase_storage: SupabaseStorage, http_status: int) -> None:
    storage_sim.fail_next(http_status, error="Unauthorized", message="new row violates row-level security policy")
    with pytest.raises(StorageError, match=r"put failed for creatives/acme/a\.txt: .*row-level security") as info:
        supabase_storage.put("acme/a.txt", b"a", "text/plain")
    assert not isinstance(info.value, ObjectNotFound)
    assert info.value.bucket == "creatives" and info.value.path == "acme/a.txt"
    assert str(info.value.status) == str(http_status)


def test_error_on_exists_is_not_false(storage_sim: StorageSimulator, supabase_storage: SupabaseStorage) -> None:
    """Only a 404 means 'absent'; an auth failure must not look like a missing object."""
    storage_sim.fail_next(400, error="Unauthorized", message="Invalid JWT", status_code="403")
    with pytest.raises(StorageError, match="exists failed"):
        supabase_storage.exists("acme/a.txt")


def test_wrong_key_and_unknown_bucket(storage_sim: StorageSimulator) -> None:
    with pytest.raises(StorageError, match="Unauthorized"):
        SupabaseStorage(storage_sim.url, "not-the-key").put("acme/a.txt", b"a", "text/plain")
    with pytest.raises(StorageError, match="Bucket not found") as info:
        SupabaseStorage(storage_sim.url, FAKE_KEY, bucket="missing").list("acme")
    assert info.value.bucket == "missing"


def test_unreachable_server_is_storage_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound but not listening: connection refused
        with pytest.raises(StorageError, match="ConnectError"):
            SupabaseStorage(f"http://127.0.0.1:{port}", FAKE_KEY).get("acme/a.txt")
