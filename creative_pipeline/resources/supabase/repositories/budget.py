"""SQL for budgets: what a company has spent (the `api_usage` ledger plus reservations the ledger
does not hold yet) and the reservation of a paid call's ceiling before it is made."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import psycopg
from pydantic import BaseModel


class Spend(BaseModel):
    """A company's money: `spent` is booked (the ledger, and for a step still running the larger of its
    settled reservations and its ledger rows: `company_spent_usd` in the ledger_per_call migration),
    `reserved` is in flight."""

    budget_usd: float | None  # None = no limit
    spent_usd: float
    reserved_usd: float

    @property
    def remaining_usd(self) -> float | None:
        return None if self.budget_usd is None else max(0.0, self.budget_usd - self.spent_usd - self.reserved_usd)


_SPEND = """
    select c.budget_usd, public.company_spent_usd(c.id) as spent,
      (select coalesce(sum(amount_usd), 0) from spend_reservations r
        where r.company_id = c.id and not r.settled and r.expires_at > now()) as reserved
    from companies c where c.id = %s
"""


def effective_budget(stored: Decimal | float | None, default_usd: float | None) -> float | None:
    """The company's own budget, else the deployment default; 0 means "no limit" (said explicitly)."""
    value = float(stored) if stored is not None else default_usd
    return None if value is None or value <= 0 else value


def company_spend(conn: psycopg.Connection, company_id: UUID, default_usd: float | None) -> Spend:
    row = conn.execute(_SPEND, (company_id,)).fetchone()
    if row is None:
        raise LookupError(f"no company with id {company_id}")
    return Spend(budget_usd=effective_budget(row["budget_usd"], default_usd),
                 spent_usd=float(row["spent"]), reserved_usd=float(row["reserved"]))


def reserve(
    conn: psycopg.Connection, company_id: UUID, *, session_id: UUID, step: str, model: str, amount_usd: float,
    default_budget_usd: float | None, ttl_s: float,
) -> tuple[UUID | None, Spend]:
    """Reserve `amount_usd` when it fits the budget: (reservation id, spend before). (None, spend)
    when it does not. One company's reservations are serialised by an advisory lock, so two steps
    can never both take the last dollar."""
    conn.execute("select pg_advisory_xact_lock(hashtextextended('budget:' || %s::text, 0))", (str(company_id),))
    spend = company_spend(conn, company_id, default_budget_usd)
    if spend.budget_usd is not None and spend.spent_usd + spend.reserved_usd + amount_usd > spend.budget_usd + 1e-9:
        return None, spend
    row = conn.execute(
        "insert into spend_reservations (company_id, session_id, step, model, amount_usd, expires_at) "
        "values (%s, %s, %s, %s, %s, now() + make_interval(secs => %s)) returning id",
        (company_id, session_id, step, model, amount_usd, ttl_s),
    ).fetchone()
    return row["id"], spend


def settle(conn: psycopg.Connection, reservation_id: UUID, cost_usd: float) -> None:
    """The call is done: the reservation now holds what it actually cost, until the ledger does."""
    conn.execute("update spend_reservations set amount_usd = %s, settled = true where id = %s", (cost_usd, reservation_id))


def release(conn: psycopg.Connection, reservation_id: UUID) -> None:
    conn.execute("delete from spend_reservations where id = %s", (reservation_id,))


def close_sessions(conn: psycopg.Connection, session_ids: list[UUID]) -> None:
    """The sessions' ledger rows are being written in this transaction: their reservations go."""
    if session_ids:
        conn.execute("delete from spend_reservations where session_id = any(%s)", (session_ids,))


def set_budget(conn: psycopg.Connection, company_id: UUID, budget_usd: float | None) -> None:
    conn.execute("update companies set budget_usd = %s, updated_at = now() where id = %s", (budget_usd, company_id))
