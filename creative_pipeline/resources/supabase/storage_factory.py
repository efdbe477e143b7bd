"""Choose the storage backend from configuration.

Both SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY → Supabase Storage; neither → the local folder
(embedded default). Exactly one of them is a misconfiguration, and we refuse it rather than
silently writing production images to a local disk that nobody will look at.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from creative_pipeline.resources.supabase.storage import ObjectStorage
from creative_pipeline.resources.supabase.storage_local import LocalFolderStorage


@lru_cache(maxsize=32)
def make_storage(supabase_url: str | None, service_role_key: str | None, local_root: Path, bucket: str) -> ObjectStorage:
    """The configured `ObjectStorage` for `bucket`, one per configuration and process: a Supabase
    client holds an HTTP connection pool, so every asset, check and command reuses it."""
    url = (supabase_url or "").strip()
    key = (service_role_key or "").strip()
    if url and key:
        from creative_pipeline.resources.supabase.storage_supabase import SupabaseStorage  # supabase-py is slow to import

        return SupabaseStorage(url, key, bucket=bucket)
    if url or key:
        missing = "SUPABASE_SERVICE_ROLE_KEY" if url else "SUPABASE_URL"
        raise ValueError(f"Supabase Storage is half-configured: {missing} is not set (set both, or neither for local storage)")
    return LocalFolderStorage(Path(local_root), bucket=bucket)
