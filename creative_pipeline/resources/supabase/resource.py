"""The `supabase` Dagster resource: the app database and object storage.

Database: DATABASE_URL (a Supabase project's Postgres connection string) or the embedded
PostgreSQL. Storage: Supabase Storage with the service-role key when SUPABASE_URL is set, else a
local folder with the same bucket/path layout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from dagster import ConfigurableResource

from creative_pipeline.resources.supabase.database import Database, get_database
from creative_pipeline.resources.supabase.storage import ObjectStorage
from creative_pipeline.resources.supabase.storage_factory import make_storage
from creative_pipeline.settings import setting


class SupabaseResource(ConfigurableResource):
    database_url: Optional[str] = setting("database_url", secret=True)
    data_dir: str = setting("data_dir", required=True)
    supabase_dir: str = setting("supabase_dir", required=True)
    supabase_url: Optional[str] = setting("supabase_url")
    service_role_key: Optional[str] = setting("supabase_service_role_key", secret=True)
    bucket: str = setting("storage_bucket")
    signed_url_ttl_s: int = setting("signed_url_ttl_s")

    def db(self) -> Database:
        return get_database(self.database_url, Path(self.data_dir), Path(self.supabase_dir))

    def storage(self, bucket: str | None = None) -> ObjectStorage:
        return make_storage(
            self.supabase_url, self.service_role_key, Path(self.data_dir) / "storage", bucket or self.bucket
        )
