"""The cursor both row-watching sensors keep: a watermark plus the ids seen near it.

A row's `created_at` is when its transaction *started* (`now()`), so a row from a transaction
that commits late can appear with a timestamp older than rows the sensor already saw. A plain
(created_at, id) cursor would skip it for ever. So each tick re-reads a look-back window behind
the watermark and skips the ids it already launched: late rows are picked up, nothing repeats.
"""

import json
from collections.abc import Callable
from datetime import datetime, timedelta

from pydantic import BaseModel

from creative_pipeline.resources.supabase.database import Database

LOOKBACK = timedelta(minutes=10)
FIRST_ID = "00000000-0000-0000-0000-000000000000"  # sorts before every uuid: `>=` on created_at


class WindowCursor(BaseModel):
    watermark: datetime | None = None
    seen: dict[str, datetime] = {}

    @classmethod
    def parse(cls, raw: str | None) -> "WindowCursor":
        data = json.loads(raw) if raw else {}
        if "created_at" in data:  # the earlier (created_at, id) form
            at = datetime.fromisoformat(data["created_at"])
            return cls(watermark=at, seen={data["id"]: at})
        return cls.model_validate(data)

    def since(self) -> datetime | None:
        """Where the next query starts: the look-back window behind the watermark."""
        return self.watermark - LOOKBACK if self.watermark else None

    def unseen(self, rows: list, key: str = "id") -> list:
        return [r for r in rows if str(_get(r, key)) not in self.seen]

    def read_new(self, db: Database, query: Callable[..., list], batch: int) -> list:
        """Up to `batch` rows this cursor has not seen: `query(conn, since, after_id, limit)` reads
        the look-back window, asking for enough rows to get past the ones already seen."""
        with db.transaction() as conn:
            recent = query(conn, self.since(), FIRST_ID, batch + len(self.seen))
        return self.unseen(recent)[:batch]

    def advance(self, rows: list, key: str = "id", at: str = "created_at") -> "WindowCursor":
        seen = {**self.seen, **{str(_get(r, key)): _get(r, at) for r in rows}}
        watermark = max([self.watermark, *seen.values()] if self.watermark else seen.values(), default=None)
        if watermark is None:
            return self
        return WindowCursor(watermark=watermark, seen={k: v for k, v in seen.items() if v >= watermark - LOOKBACK})

    def dump(self) -> str:
        return self.model_dump_json()


def _get(row: object, name: str) -> object:
    return row[name] if isinstance(row, dict) else getattr(row, name)
