"""A database handle that reads as one signed-in user: every transaction runs under the role
`authenticated` with that user's JWT claims in `request.jwt.claims`, exactly as PostgREST does on
Supabase, so row-level security decides what the user sees (and may insert).

It has the `Database` interface the services use (`url`, `transaction()`), so a service written
for the pipeline reads as the user when handed this instead; nothing else changes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import psycopg

from creative_pipeline.resources.supabase.database import Database


class UserDatabase:
    """`Database` seen through one user's eyes (role `authenticated` + claims, per transaction)."""

    def __init__(self, db: Database, user_id: UUID, claims: dict[str, Any] | None = None) -> None:
        self.url = db.url
        self.user_id = user_id
        self._db = db
        self._claims = json.dumps({**(claims or {}), "sub": str(user_id), "role": "authenticated"})

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection]:
        with self._db.transaction() as conn:
            # `set local` and set_config(..., true) end with the transaction: the pooled
            # connection goes back to the pipeline's role untouched.
            conn.execute("set local role authenticated")
            conn.execute("select set_config('request.jwt.claims', %s, true)", (self._claims,))
            yield conn
