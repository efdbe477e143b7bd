"""The fault matrix's machinery: one generated company kept as a template database, a fresh copy
per case, and a content hash of every stage table, so "nothing changed" is checked byte for byte."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from creative_pipeline.resources.supabase import database as database_module

STAGE_TABLES = ["personas", "script_batches", "scripts", "scores", "script_compliance", "compliance_overrides", "assets",
                "creative_reviews"]
GEMINI_STAGES = ["personas", "ad_scripts", "script_scores", "script_compliance", "creative_briefs"]
# fault -> what it stands for in the note's table
FAULTS = {
    "permission_denied": "403 PERMISSION_DENIED (revoked key)",
    "unauthenticated": "401 UNAUTHENTICATED",
    "quota_exhausted": "429 without RetryInfo (billing/quota)",
    "rate_limited": "429 with RetryInfo",
    "server_error": "500 INTERNAL",
    "unavailable": "503 UNAVAILABLE",
    "invalid_json": "invalid JSON",
    "truncated": "MAX_TOKENS (truncated)",
    "prompt_blocked": "blocked prompt",
    "safety": "SAFETY finish",
    "short_list": "short list",
    "timeout": "timeout",
}
PERMANENT = {"permission_denied", "unauthenticated", "quota_exhausted"}


def stage_hash(url: str) -> dict[str, tuple[int, str]]:
    """(row count, md5 of every row's text in id order) per stage table."""
    with psycopg.connect(url) as conn:
        return {
            t: tuple(conn.execute(  # type: ignore[misc]
                f"select count(*), coalesce(md5(string_agg(x::text, '|' order by x.id)), '') from {t} x"
            ).fetchone())
            for t in STAGE_TABLES
        }


def server_url(url: str, dbname: str) -> str:
    return psycopg.conninfo.make_conninfo(url, dbname=dbname)


def drop_pool(url: str) -> None:
    """Close the process-wide pool of `url` (a template must have no connections to be copied)."""
    db = database_module._DATABASES.pop(url, None)
    if db is not None:
        db.close()


@contextmanager
def copy_of(template_url: str, template: str) -> Iterator[str]:
    """A new database copied from the template database (milliseconds for our size), dropped after."""
    name = f"cp_fault_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(template_url, autocommit=True) as conn:
        conn.execute(f'create database "{name}" template "{template}"')
    url = server_url(template_url, name)
    try:
        yield url
    finally:
        drop_pool(url)
        with psycopg.connect(template_url, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')


def record(stage: str, fault: str, variant: str, outcome: str) -> None:
    """Append an outcome to $CP_FAULT_MATRIX_OUT (the note's table is built from it)."""
    out = os.environ.get("CP_FAULT_MATRIX_OUT")
    if out:
        with Path(out).open("a") as f:
            f.write(json.dumps({"stage": stage, "fault": fault, "variant": variant, "outcome": outcome}) + "\n")
