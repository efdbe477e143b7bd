"""SQL for writing one import's rows into `performance_data`: staging, matching join, one upsert.

Rows only: these functions read and write rows on the connection they are given and never parse
or decide anything (the parsing, the name parsing and the CSV are `creative_pipeline.performance`).
The caller owns the transaction, so staging, upsert and the import's report commit together or
not at all.

Shape of an import (all inside the caller's transaction):
1. `create_staging`: two UNLOGGED tables named after the import (no WAL for rows that live a few
   seconds; created and dropped inside the transaction, so no other session ever sees them);
2. `copy_rows`: the parsed rows, streamed batch by batch with `COPY ... FROM STDIN (format csv)`
   (sent by a writer thread while the next batch is parsed);
   `copy_names`: each distinct ad name with the canonical creative name it carries;
3. `upsert_staged`: the match to creatives (one UPDATE of the ad-name table, joined on the
   parsed name), the overlap rule, and one `INSERT ... SELECT ... GROUP BY ... ON CONFLICT DO
   UPDATE` in key order (duplicate keys inside a file — breakdown exports — are summed); a plain
   `INSERT` when nothing of the platform is stored yet (imports of a platform take turns: an
   advisory lock held to commit).

Idempotency: the key is (platform, ad_name, date_start, date_end). Periods of one ad never
overlap: a new row replaces any stored row of the same ad whose period overlaps but differs (a
weekly export after daily ones, or the reverse) — the latest import wins, never double counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

import psycopg
from psycopg import sql
from psycopg.copy import QueuedLibpqWriter
from pydantic import BaseModel

from creative_pipeline.performance.copy_format import STAGED_COLUMNS
from creative_pipeline.performance.matching import NAME_COLUMNS

UNMATCHED_NAMES_LISTED = 100
UPSERT_WORK_MEM = "128MB"


class Staging(BaseModel):
    """The names of one import's staging tables."""

    rows: str
    names: str

    def ident(self, which: str) -> sql.Identifier:
        return sql.Identifier(getattr(self, which))


class UpsertCounts(BaseModel):
    """What one upsert wrote: rows inserted or updated, and stored rows replaced because their
    period overlapped a new row's (a weekly export after daily ones, or the reverse); how many
    lines of the file matched a creative, and the file's duplicate keys that were summed."""

    upserted: int
    inserted: int
    updated: int
    replaced_overlapping: int
    matched_rows: int = 0
    unmatched_rows: int = 0
    duplicates_summed: int = 0
    unmatched_ad_names: list[str] = []


def create_staging(conn: psycopg.Connection, import_id: UUID) -> Staging:
    """Unlogged tables for this import's rows and ad names (dropped by `drop_staging`, or by the
    rollback of the transaction that created them)."""
    tag = import_id.hex
    staging = Staging(rows=f"performance_stage_{tag}", names=f"performance_stage_names_{tag}")
    conn.execute(sql.SQL(
        "create unlogged table {} (ad_name text not null, date_start date not null, date_end date not null, "
        "impressions bigint not null, clicks bigint not null, spend numeric not null, currency text, "
        "conversions numeric not null, revenue numeric) with (autovacuum_enabled = false)").format(staging.ident("rows")))
    conn.execute(sql.SQL(
        "create unlogged table {} (ad_name text primary key, creative_name text, variant int, "
        "matched boolean not null default false, company_id uuid, script_id uuid, persona text) "
        "with (autovacuum_enabled = false)").format(staging.ident("names")))
    return staging


def _copy(conn: psycopg.Connection, table: sql.Identifier, columns: Iterable[str], chunks: Iterable[bytes]) -> None:
    statement = sql.SQL("copy {} ({}) from stdin with (format csv)").format(
        table, sql.SQL(", ").join(map(sql.Identifier, columns)))
    cursor = conn.cursor()
    # a writer thread sends the rows while the next batch is parsed (the default writer blocks the
    # parser until PostgreSQL has read each batch); at most 128 MiB wait in its queue
    with cursor.copy(statement, writer=QueuedLibpqWriter(cursor)) as copy:
        for chunk in chunks:
            if chunk:
                copy.write(chunk)


def copy_rows(conn: psycopg.Connection, staging: Staging, chunks: Iterable[bytes]) -> None:
    """Stream CSV chunks (`copy_format.rows_csv`) into the staging table; the iterable may be a
    generator that parses the next batch while PostgreSQL ingests this one."""
    _copy(conn, staging.ident("rows"), STAGED_COLUMNS, chunks)


def copy_names(conn: psycopg.Connection, staging: Staging, names_csv: bytes) -> None:
    """The distinct ad names with their parsed creative name (`copy_format.names_csv`)."""
    _copy(conn, staging.ident("names"), NAME_COLUMNS, [names_csv])


_MATCH = """
update {names} n set matched = true, company_id = k.company_id, script_id = k.script_id, persona = k.persona
from (select distinct on (a.creative_name) a.creative_name, a.company_id, a.script_id, p.archetype as persona
      from assets a join scripts s on s.id = a.script_id join personas p on p.id = s.persona_id
      where a.kind = 'image_brief' and a.creative_name in (select creative_name from {names})
      order by a.creative_name, a.created_at desc) k
where k.creative_name = n.creative_name
"""

_FACTS = """
select coalesce(sum(c.lines), 0) as lines, coalesce(sum(c.lines) filter (where n.matched), 0) as matched,
       (array_agg(c.ad_name order by c.ad_name) filter (where not n.matched))[1:%(listed)s] as unmatched
from (select ad_name, count(*) as lines from {rows} group by ad_name) c join {names} n on n.ad_name = c.ad_name
"""

# Only periods not stored yet can overlap a stored period of their ad (stored periods of one ad
# never overlap each other), and a stored period overlapping [start, end] starts no earlier than
# start - (the longest stored period). So: the new periods first (`fresh`), then one bounded probe
# of the unique index per new period (LATERAL, index scans only): a re-import costs one probe per
# key, never a join of whole histories — which is what the planner picks on stale statistics
# right after a big import (seen: 98 M rows filtered for a 10 k-row re-import).
_REPLACE_OVERLAPPING = """
with fresh as materialized (
  select g.ad_name, g.date_start, g.date_end
  from (select ad_name, date_start, date_end from {rows} group by ad_name, date_start, date_end) g
  where not exists (select 1 from performance_data e where e.platform = %(platform)s and e.ad_name = g.ad_name
                    and e.date_start = g.date_start and e.date_end = g.date_end)),
hits as materialized (
  select x.ad_name, x.date_start, x.date_end from fresh f cross join lateral (
    select p.ad_name, p.date_start, p.date_end from performance_data p
    where p.platform = %(platform)s and p.ad_name = f.ad_name
      and p.date_start between f.date_start - %(span)s::int and f.date_end and p.date_end >= f.date_start
      and (p.date_start, p.date_end) <> (f.date_start, f.date_end)
    offset 0) x)  -- a fence: kept as a per-row probe, never flattened into a join of whole histories
delete from performance_data d using hits h
where d.platform = %(platform)s and d.ad_name = h.ad_name and d.date_start = h.date_start and d.date_end = h.date_end
"""

# Duplicate keys inside the file are summed, by sorting the staged rows on the key and grouping
# them (`enable_hashagg` off: the groups then come out in key order, which the insert wants — one
# sort, where hash-grouping needs a second sort of the groups, 30 % more CPU at 1 M rows); the
# primary key is then written left to right. Each row takes its creative and variant (`_V<n>`,
# rolled up to the creative) from the matched ad-name table.
_INSERT = """
  insert into performance_data (import_id, platform, ad_name, date_start, date_end, creative_name, variant,
                                company_id, script_id, persona, impressions, clicks, spend, currency, conversions,
                                revenue)
  select %(import_id)s, %(platform)s, g.ad_name, g.date_start, g.date_end,
         case when n.matched then n.creative_name end, case when n.matched then n.variant end,
         n.company_id, n.script_id, n.persona,
         g.impressions, g.clicks, g.spend, g.currency, g.conversions, g.revenue
  from (select ad_name, date_start, date_end, sum(impressions) as impressions, sum(clicks) as clicks,
               sum(spend) as spend, max(currency) as currency, sum(conversions) as conversions,
               sum(revenue) as revenue
        from {rows} group by ad_name, date_start, date_end) g
  join {names} n on n.ad_name = g.ad_name
  order by g.ad_name, g.date_start, g.date_end
"""
_UPSERT = "with written as (" + _INSERT + """
  on conflict (platform, ad_name, date_start, date_end) do update set import_id = excluded.import_id,
    creative_name = excluded.creative_name, variant = excluded.variant, company_id = excluded.company_id,
    script_id = excluded.script_id,
    persona = excluded.persona, impressions = excluded.impressions, clicks = excluded.clicks,
    spend = excluded.spend, currency = excluded.currency, conversions = excluded.conversions,
    revenue = excluded.revenue, updated_at = now()
  returning (xmax = 0) as inserted)
select count(*) as upserted, count(*) filter (where inserted) as inserted from written
"""
#: imports of one platform take turns from here to their commit (`pg_advisory_xact_lock(IMPORT_LOCK,
#: hashtext(platform))`): the overlap rule must see every stored period, and an import into a platform
#: with nothing stored can use a plain INSERT
IMPORT_LOCK = 0x70657266


def upsert_staged(conn: psycopg.Connection, staging: Staging, import_id: UUID, platform: str) -> UpsertCounts:
    """Match, replace overlapping periods, merge and upsert the staged rows: set-based, in SQL."""
    tables = {"rows": staging.ident("rows"), "names": staging.ident("names")}
    params = {"import_id": import_id, "platform": platform}
    conn.execute("select pg_advisory_xact_lock(%s, hashtext(%s))", (IMPORT_LOCK, platform))
    # a million staged rows sort in memory or with one merge pass over disk (about 110 MB spilled),
    # not many as at the 4 MB default; SET LOCAL ends with this transaction
    conn.execute(f"set local work_mem = '{UPSERT_WORK_MEM}'")
    conn.execute(sql.SQL(_MATCH).format(**tables))
    facts = conn.execute(sql.SQL(_FACTS).format(**tables), {"listed": UNMATCHED_NAMES_LISTED}).fetchone()
    stored = conn.execute("select exists (select 1 from performance_data where platform = %s) as stored",
                          (platform,)).fetchone()["stored"]
    replaced = 0
    if stored:
        span = conn.execute("select max(date_end - date_start) as span from performance_data where platform = %s",
                            (platform,)).fetchone()["span"]
        conn.execute("set local enable_seqscan = off")  # the probes use the key's index, whatever the stats say
        replaced = conn.execute(sql.SQL(_REPLACE_OVERLAPPING).format(**tables), {**params, "span": span}).rowcount
        conn.execute("reset enable_seqscan")
    conn.execute("set local enable_hashagg = off")
    if stored:
        written = conn.execute(sql.SQL(_UPSERT).format(**tables), params).fetchone()
        upserted, inserted = written["upserted"], written["inserted"]
    else:  # nothing of this platform is stored, and the lock keeps it so: no key can conflict
        upserted = inserted = conn.execute(sql.SQL(_INSERT).format(**tables), params).rowcount
    conn.execute("reset enable_hashagg")
    return UpsertCounts(
        upserted=upserted, inserted=inserted, updated=upserted - inserted,
        replaced_overlapping=replaced, matched_rows=int(facts["matched"]),
        unmatched_rows=int(facts["lines"] - facts["matched"]),
        duplicates_summed=int(facts["lines"] - upserted), unmatched_ad_names=facts["unmatched"] or [],
    )


def drop_staging(conn: psycopg.Connection, staging: Staging) -> None:
    conn.execute(sql.SQL("drop table if exists {}, {}").format(staging.ident("rows"), staging.ident("names")))
