"""SQL for `script_batches` and `scripts` (with provenance), and the winners flag."""

from __future__ import annotations

from uuid import UUID

import psycopg
from pydantic import BaseModel

from creative_pipeline.domain.provenance import Provenance
from psycopg.types.json import Jsonb

from creative_pipeline.domain.script import StoredScript, WinnerRow
from creative_pipeline.domain.timed_script import CheckedScript


class BatchRecord(BaseModel):
    persona_id: UUID
    batch_index: int
    angle: str  # also written to the legacy `template` column, so older readers keep working
    angle_plan: dict = {}  # the planned angle this batch wrote to (messenger, format, idea, proof)
    template_version: str
    temperature: float
    provider: str
    model: str  # the model that produced the batch ("a, b" when a re-ask was answered by another)
    fallback_reason: str | None = None  # why a fallback model answered (None: the configured one did)
    made_by: list[Provenance] = []  # per script, when known: the model of the call that produced it
    tokens_in: int = 0
    tokens_out: int = 0
    error: str | None = None
    scripts: list[CheckedScript] = []
    model_version: str | None = None  # what the service served (`modelVersion`)
    temperature_applied: bool | None = None  # False: the model ignores temperature; None: offline / unknown


def replace_scripts(conn: psycopg.Connection, company_id: UUID, batches: list[BatchRecord]) -> int:
    """Replace every batch and script of the company; failed batches are kept, with their error."""
    conn.execute("delete from script_batches where company_id = %s", (company_id,))
    written = 0
    for batch in batches:
        batch_id = conn.execute(
            "insert into script_batches (company_id, persona_id, batch_index, template, angle, angle_plan, template_version, "
            "temperature, provider, model, tokens_in, tokens_out, status, error, model_version, temperature_applied, "
            "fallback_reason) values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) returning id",
            (company_id, batch.persona_id, batch.batch_index, batch.angle, batch.angle, Jsonb(batch.angle_plan),
             batch.template_version, batch.temperature,
             batch.provider, batch.model, batch.tokens_in, batch.tokens_out,
             "failed" if batch.error else "ok", batch.error, batch.model_version, batch.temperature_applied,
             batch.fallback_reason),
        ).fetchone()["id"]
        whole = Provenance(model=batch.model, fallback_reason=batch.fallback_reason)
        made_by = batch.made_by if len(batch.made_by) == len(batch.scripts) else [whole] * len(batch.scripts)
        with conn.cursor() as cur:
            cur.executemany(
                "insert into scripts (company_id, persona_id, batch_id, position, headline, hook, body, cta, keywords, "
                "scene_setting, scene_subject, action, driver, format, provider, model, fallback_reason, angle, placement, "
                "duration_s, cta_button, timed, ineligible_reasons, checks) "
                "values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                [
                    (company_id, batch.persona_id, batch_id, pos, c.draft.headline, c.draft.hook.spoken, c.draft.body(),
                     c.draft.cta_line, [k.strip() for k in c.draft.keywords if k.strip()],
                     *c.draft.abcd.tags().codes().values(), batch.provider, origin.model, origin.fallback_reason,
                     c.angle.value, c.draft.placement.value, c.draft.duration_s, c.draft.cta_button.value,
                     Jsonb(c.draft.structure()), c.ineligible_reasons, Jsonb(c.checks))
                    for pos, (c, origin) in enumerate(zip(batch.scripts, made_by, strict=True), start=1)
                ],
            )
        written += len(batch.scripts)
    return written


_SCRIPT_COLUMNS = """
    s.id, s.persona_id, p.name as persona_name, p.archetype as persona_archetype, p.data as persona_data,
    b.batch_index, coalesce(s.angle, b.angle) as angle, b.template, b.template_version, b.temperature, s.position,
    s.headline, s.hook, s.body, s.cta, s.keywords, s.scene_setting, s.scene_subject, s.action, s.driver, s.format,
    s.provider, s.model, s.is_winner, s.winner_rank, s.placement, s.duration_s, s.cta_button, s.timed,
    s.ineligible_reasons, s.checks
"""


def load_scripts(conn: psycopg.Connection, company_id: UUID) -> list[StoredScript]:
    """Every script of the company with its persona, batch and scores (None until scored), typed."""
    rows = conn.execute(
        f"select {_SCRIPT_COLUMNS}, sc.trend, sc.trend_status, sc.llm, sc.viral, sc.performance_prior, sc.final, "
        "sc.rationale, sc.rubric, sc.llm_raw, sc.calibration, sc.template_version as score_template_version, "
        "sc.trend_keywords, sc.prior_weight, sc.prior_impressions, sc.prior_creatives, sc.prior_evidence "
        "from scripts s join personas p on p.id = s.persona_id join script_batches b on b.id = s.batch_id "
        "left join scores sc on sc.script_id = s.id where s.company_id = %s "
        "order by p.position, b.batch_index, s.position",
        (company_id,),
    ).fetchall()
    return [StoredScript.model_validate(r) for r in rows]


def mark_winners(conn: psycopg.Connection, company_id: UUID, ranked_ids: list[UUID]) -> None:
    conn.execute("update scripts set is_winner = false, winner_rank = null where company_id = %s", (company_id,))
    with conn.cursor() as cur:
        cur.executemany(
            "update scripts set is_winner = true, winner_rank = %s where id = %s and company_id = %s",
            [(rank, script_id, company_id) for rank, script_id in enumerate(ranked_ids, start=1)],
        )


def load_winners(conn: psycopg.Connection, company_id: UUID) -> list[WinnerRow]:
    """The winners in rank order, typed."""
    rows = conn.execute(
        f"select {_SCRIPT_COLUMNS}, sc.final, sc.llm, sc.trend, sc.viral from scripts s "
        "join personas p on p.id = s.persona_id join script_batches b on b.id = s.batch_id "
        "left join scores sc on sc.script_id = s.id where s.company_id = %s and s.is_winner order by s.winner_rank",
        (company_id,),
    ).fetchall()
    return [WinnerRow.model_validate(r) for r in rows]
