"""What the checks share: the company of the partition and one read of its facts or rows.

Each check lives in the module named after the stage it guards (`checks/<stage>.py`)."""

from collections.abc import Callable
from typing import NamedTuple, TypeVar
from uuid import UUID

import psycopg
from dagster import AssetCheckExecutionContext
from pydantic import BaseModel

from creative_pipeline.domain.brief import StoredBrief
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.companies import get_company
from creative_pipeline.resources.supabase.repositories.media import MediaKind, StoredMedia, load_media
from creative_pipeline.resources.supabase.repositories.reviews import approved_names
from creative_pipeline.resources.supabase.resource import SupabaseResource

F = TypeVar("F", bound=BaseModel)


def read_facts(context: AssetCheckExecutionContext, supabase: SupabaseResource,
               read: Callable[[psycopg.Connection, UUID], F]) -> F:
    """The partition's company's facts, read by `read` (a `stage_facts` reader)."""
    with supabase.db().transaction() as conn:
        company = get_company(conn, context.partition_key)
        return read(conn, company.id)


class MediaRows(NamedTuple):
    slug: str
    briefs: list[StoredBrief]
    rows: list[StoredMedia]
    approved: set[str]


def media_rows(context: AssetCheckExecutionContext, supabase: SupabaseResource, kinds: tuple[MediaKind, ...]) -> MediaRows:
    with supabase.db().transaction() as conn:
        company = get_company(conn, context.partition_key)
        briefs = load_briefs(conn, company.id)
        return MediaRows(company.slug, briefs, load_media(conn, company.id, kinds), approved_names(conn, company.id, briefs))


def missing_objects(supabase: SupabaseResource, slug: str, rows: list[StoredMedia]) -> list[str]:
    """One listing of the company's folder rather than a request per object (about 60 on Supabase).
    An ok row without a path is missing too, named so the metadata says which."""
    present = set(supabase.storage().list(slug))
    return [r.storage_path or f"{r.creative_name} {r.kind} v{r.variant} (no path)"
            for r in rows if r.ok and r.storage_path not in present]
