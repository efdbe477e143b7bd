"""SQL for `companies`: ingest, look-up, context and the per-stage status."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb
from pydantic import BaseModel

from creative_pipeline.domain.company import SLUG_MAX_CHARS, Company, CompanyContext, CompanyIn, slugify


SLUG_ATTEMPTS = 5


class StoredContext(BaseModel):
    """The context JSON as stored and who produced it (`web` or `uvp_only`); both None before
    `company_context` ran. Raw on purpose: `show` and `export` print exactly what was stored."""

    context: dict[str, Any] | None = None
    context_provider: str | None = None


class CompanyStatus(BaseModel):
    """One line of `companies`: the company, its money, and how far each stage got (row counts)."""

    partition_key: str
    name: str
    url: str
    created_at: datetime
    user_id: UUID | None = None
    budget_usd: float | None = None
    spent_usd: float
    has_context: bool
    personas: int
    scripts: int
    scores: int
    winners: int
    briefs: int
    images: int
    videos: int


class UnknownUser(ValueError):
    pass


class UnknownCompany(LookupError):
    pass


def insert_company(conn: psycopg.Connection, company: CompanyIn) -> Company:
    """Insert with a unique slug (`acme`, `acme-2`, ...); the slug is the partition key, fixed for life."""
    if company.user_id is not None:
        found = conn.execute("select 1 from auth.users where id = %s", (company.user_id,)).fetchone()
        if not found:
            raise UnknownUser(f"no user with id {company.user_id} in auth.users")
    name = company.display_name()
    for _ in range(SLUG_ATTEMPTS):  # a concurrent insert may take the same slug first: pick again
        try:
            with conn.transaction():  # a savepoint: a lost race does not abort the caller's transaction
                row = conn.execute(
                    "insert into companies (slug, name, url, uvp, user_id, budget_usd) values (%s, %s, %s, %s, %s, %s) "
                    "returning *",
                    (_free_slug(conn, slugify(name)), name, company.url, company.uvp, company.user_id, company.budget_usd),
                ).fetchone()
            return Company.model_validate(row)
        except psycopg.errors.UniqueViolation:
            continue
    raise RuntimeError(f"could not find a free slug for {name!r} after {SLUG_ATTEMPTS} attempts")


def _free_slug(conn: psycopg.Connection, base: str) -> str:
    """`base`, else `base-2`, `base-3`, ... A long base is cut to make room for its suffix, so look
    up every slug sharing the shortest stem a candidate can have, not only `base-%`."""
    stem = base[: SLUG_MAX_CHARS - 6]
    taken = {r["slug"] for r in conn.execute("select slug from companies where slug like %s", (stem + "%",))}
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug, n = base[: SLUG_MAX_CHARS - len(suffix)] + suffix, n + 1
    return slug


def get_company(conn: psycopg.Connection, key: str) -> Company:
    """By slug (the partition key) or by id. A slug may itself parse as a UUID (a name of 32 hex
    digits), so a UUID-shaped key is tried as both; an id match wins."""
    try:
        company_id = UUID(key)
    except ValueError:
        row = conn.execute("select * from companies where slug = %s", (key,)).fetchone()
    else:
        row = conn.execute(
            "select * from companies where id = %s or slug = %s order by id = %s desc limit 1",
            (company_id, key, company_id),
        ).fetchone()
    if row is None:
        raise UnknownCompany(f"no company with partition key or id {key!r}")
    return Company.model_validate(row)


def update_url(conn: psycopg.Connection, company_id: UUID, url: str) -> None:
    conn.execute("update companies set url = %s, updated_at = now() where id = %s", (url, company_id))


def companies_after(conn: psycopg.Connection, created_at: datetime | None, company_id: str | None, limit: int) -> list[Company]:
    """Rows strictly after the (created_at, id) cursor: the sensor's ordering, stable under ties."""
    if created_at is None:
        rows = conn.execute("select * from companies order by created_at, id limit %s", (limit,))
    else:
        rows = conn.execute(
            "select * from companies where (created_at, id) > (%s, %s) order by created_at, id limit %s",
            (created_at, company_id, limit),
        )
    return [Company.model_validate(r) for r in rows]


def mark_launched(conn: psycopg.Connection, company_id: UUID) -> bool:
    """Record that the company's pipeline has been launched (first launch wins); True if this was it."""
    return conn.execute(
        "update companies set pipeline_launched_at = now() where id = %s and pipeline_launched_at is null",
        (company_id,),
    ).rowcount == 1


def archive_company(conn: psycopg.Connection, company_id: UUID) -> None:
    """Companies are archived, never deleted: their reviews and cost ledger stay (and a hard
    delete is refused by the foreign keys while either exists)."""
    conn.execute("update companies set archived_at = coalesce(archived_at, now()), updated_at = now() where id = %s",
                 (company_id,))


def save_context(conn: psycopg.Connection, company_id: UUID, context: CompanyContext, provider: str) -> None:
    conn.execute(
        "update companies set context = %s, context_provider = %s, context_updated_at = now(), updated_at = now() "
        "where id = %s",
        (Jsonb(context.model_dump(mode="json")), provider, company_id),
    )


def load_context(conn: psycopg.Connection, company_id: UUID) -> CompanyContext:
    row = conn.execute("select context from companies where id = %s", (company_id,)).fetchone()
    if not row or row["context"] is None:
        raise LookupError("company_context has not been materialized for this company yet")
    return CompanyContext.model_validate(row["context"])


def stored_context(conn: psycopg.Connection, company_id: UUID) -> StoredContext:
    row = conn.execute("select context, context_provider from companies where id = %s", (company_id,)).fetchone()
    return StoredContext.model_validate(row) if row else StoredContext()


def list_with_status(conn: psycopg.Connection) -> list[CompanyStatus]:
    rows = conn.execute(
        """
        select c.slug as partition_key, c.name, c.url, c.created_at, c.user_id, c.budget_usd::float as budget_usd,
               public.company_spent_usd(c.id)::float as spent_usd,
               (c.context is not null) as has_context,
               (select count(*) from personas p where p.company_id = c.id) as personas,
               (select count(*) from scripts s where s.company_id = c.id) as scripts,
               (select count(*) from scores s where s.company_id = c.id) as scores,
               (select count(*) from scripts s where s.company_id = c.id and s.is_winner) as winners,
               (select count(*) from assets a where a.company_id = c.id and a.kind = 'image_brief') as briefs,
               (select count(*) from assets a where a.company_id = c.id and a.kind = 'image' and a.status = 'ok') as images,
               (select count(*) from assets a where a.company_id = c.id and a.kind = 'video' and a.status = 'ok') as videos
        from companies c order by c.created_at, c.id
        """
    )
    return [CompanyStatus.model_validate(r) for r in rows]
