"""Row-level security, tested for real: impersonate a user (role + JWT claims) inside a
transaction, try to read another user's rows, see nothing; then roll back."""

import json
import uuid

import psycopg
import pytest

from creative_pipeline.resources.supabase.database import Database
from creative_pipeline_tests.conftest import add_company


def make_user(db: Database, email: str) -> uuid.UUID:
    with db.transaction() as conn:
        return conn.execute("insert into auth.users (email) values (%s) returning id", (email,)).fetchone()["id"]


def seed_rows(db: Database, user: uuid.UUID, name: str) -> uuid.UUID:
    company = add_company(db, "https://example.com", name=name, user_id=user)
    with db.transaction() as conn:
        persona = conn.execute(
            "insert into personas (company_id, position, name, archetype, data, provider, model) "
            "values (%s, 1, 'P', 'a', '{}', 'offline', 'm') returning id", (company.id,)).fetchone()["id"]
        batch = conn.execute(
            "insert into script_batches (company_id, persona_id, batch_index, template, template_version, temperature, "
            "provider, model) values (%s, %s, 1, 't', 'v1', 0.7, 'offline', 'm') returning id",
            (company.id, persona)).fetchone()["id"]
        conn.execute(
            "insert into scripts (company_id, persona_id, batch_id, position, headline, hook, body, cta, scene_setting, "
            "scene_subject, action, driver, format, provider, model) values "
            "(%s, %s, %s, 1, 'h', 'k', 'b', 'c', 'HOME', 'SOLO', 'DEMO', 'JOY', 'UGC', 'offline', 'm')",
            (company.id, persona, batch))
    return company.id


def visible(db: Database, user: uuid.UUID, sql: str) -> list[dict]:
    """Run `sql` as `authenticated` with `user`'s claims, in a transaction that is rolled back."""
    with db.transaction() as conn, conn.transaction(force_rollback=True):
        conn.execute("set local role authenticated")
        conn.execute("select set_config('request.jwt.claims', %s, true)",
                     (json.dumps({"sub": str(user), "role": "authenticated"}),))
        return conn.execute(sql).fetchall()


@pytest.mark.parametrize("table", ["companies", "personas", "scripts", "script_batches"])
def test_a_user_sees_only_their_own_companies_rows(clean_db: Database, table: str) -> None:
    alice, bob = make_user(clean_db, f"a-{uuid.uuid4()}@x.test"), make_user(clean_db, f"b-{uuid.uuid4()}@x.test")
    alice_company = seed_rows(clean_db, alice, "Alice Co")
    bob_company = seed_rows(clean_db, bob, "Bob Co")
    key = "id" if table == "companies" else "company_id"
    seen_by_alice = {r[key] for r in visible(clean_db, alice, f"select {key} from {table}")}
    seen_by_bob = {r[key] for r in visible(clean_db, bob, f"select {key} from {table}")}
    assert seen_by_alice == {alice_company}
    assert seen_by_bob == {bob_company}
    # the pipeline's own connection (table owner) sees both
    with clean_db.transaction() as conn:
        assert {r[key] for r in conn.execute(f"select {key} from {table}")} >= {alice_company, bob_company}


def test_anonymous_sees_nothing_and_cannot_write(clean_db: Database) -> None:
    alice = make_user(clean_db, f"a-{uuid.uuid4()}@x.test")
    seed_rows(clean_db, alice, "Alice Co")
    with clean_db.transaction() as conn:
        conn.execute("set local role anon")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select id from companies").fetchall()


def test_a_user_cannot_insert_a_company_for_someone_else(clean_db: Database) -> None:
    alice, bob = make_user(clean_db, f"a-{uuid.uuid4()}@x.test"), make_user(clean_db, f"b-{uuid.uuid4()}@x.test")
    with clean_db.transaction() as conn:
        conn.execute("set local role authenticated")
        conn.execute("select set_config('request.jwt.claims', %s, true)", (json.dumps({"sub": str(alice)}),))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("insert into companies (slug, name, url, uvp, user_id) values "
                         "('sneaky', 'S', 'https://s.test', 'u', %s)", (bob,))
