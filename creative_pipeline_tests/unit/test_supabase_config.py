"""supabase/config.toml: the CLI's layout, the studio's site URL and redirect, Realtime on, and the
buckets the migrations create (same names, private)."""

from __future__ import annotations

import re
import tomllib

from creative_pipeline.settings import PROJECT_ROOT

SUPABASE = PROJECT_ROOT / "supabase"


def test_config_matches_the_studio_and_the_migrations() -> None:
    config = tomllib.loads((SUPABASE / "config.toml").read_text())
    assert {"api", "db", "realtime", "storage", "auth"} <= set(config)
    assert config["realtime"]["enabled"] is True
    assert config["auth"]["site_url"] == "http://127.0.0.1:8484"
    assert "http://127.0.0.1:8484/" in config["auth"]["additional_redirect_urls"]
    sql = (SUPABASE / "migrations" / "20261124000300_storage_bucket.sql").read_text()
    created = set(re.findall(r"values \('([a-z-]+)'", sql))
    assert set(config["storage"]["buckets"]) == created == {"creatives", "performance-exports"}
    assert all(b["public"] is False for b in config["storage"]["buckets"].values())
    assert config["db"]["seed"]["sql_paths"] == ["./seed.sql"] and (SUPABASE / "seed.sql").exists()
