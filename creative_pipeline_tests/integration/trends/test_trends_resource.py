"""The trends resource end to end: real pytrends → local Trends simulator, real PostgreSQL cache."""

from __future__ import annotations

import math
import socket
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from pytrends import request as pytrends_request

from creative_pipeline.resources.gemini.spend.ledger import UsageLedger
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.trends.backend import PytrendsBackend, TrendsBackend
from creative_pipeline.domain.trends import normalise_keyword
from creative_pipeline.resources.trends.resource import OFF_REASON, TrendsResource
from creative_pipeline.scoring.trend_keywords import script_trend
from creative_pipeline.scoring.trend_normalisation import recent_level
from creative_pipeline_tests.simulators.trends_simulator import TrendsSimulator, running_trends_simulator

WORDS = ["Coffee Beans", "green tea", "yerba mate", "cold brew", "espresso", "matcha",
         "chai latte", "oat milk", "decaf", "french press", "pour over", "kombucha"]


@pytest.fixture
def sim() -> Iterator[TrendsSimulator]:
    with running_trends_simulator() as simulator:
        yield simulator


def unique_words(count: int = len(WORDS)) -> list[str]:
    """Keywords no other test (or earlier run against DATABASE_URL) has cached."""
    tag = uuid.uuid4().hex[:8]
    return [f"{word} {tag}" for word in WORDS[:count]]


def resource(sim: TrendsSimulator, **overrides: Any) -> TrendsResource:
    config: dict[str, Any] = {"base_url": sim.base_url, "min_interval_s": 0.0, "backoff_base_s": 0.01}
    return TrendsResource(**{**config, **overrides})


def api_requests(sim: TrendsSimulator, endpoint: str = "explore") -> list[Any]:
    return [r for r in sim.requests if r.endpoint == endpoint]


def cache_rows(db: Database, keywords: list[str]) -> dict[str, dict[str, Any]]:
    keys = [normalise_keyword(k) for k in keywords]
    with db.transaction() as conn:
        rows = conn.execute("select * from public.trend_cache where keyword = any(%s)", (keys,)).fetchall()
    return {row["keyword"]: row for row in rows}


def age_cache(db: Database, keywords: list[str], hours: float) -> None:
    keys = [normalise_keyword(k) for k in keywords]
    with db.transaction() as conn:
        conn.execute("update public.trend_cache set fetched_at = now() - make_interval(secs => %s) "
                     "where keyword = any(%s)", (hours * 3600, keys))


def test_twelve_keywords_are_scored_across_anchored_batches(sim: TrendsSimulator, db: Database) -> None:
    words = unique_words()
    asked = [f"  {words[0].upper()} ", *words, words[3]]  # variants and duplicates of the same terms
    ledger = UsageLedger("script_scores")
    scores = resource(sim).keyword_scores(asked, db, ledger)

    assert set(scores) == set(asked)
    assert scores[asked[0]] is scores[words[0]]
    assert all(t.status == "ok" and t.score is not None and 0 <= t.score <= 100 for t in scores.values())
    assert max(t.score or 0 for t in scores.values()) == pytest.approx(100)

    keys = [normalise_keyword(w) for w in words]
    levels = {key: recent_level(pd.Series(sim.raw_series(key)[:-1])) for key in keys}  # partial point dropped
    explores = api_requests(sim)
    assert [set(r.keywords) for r in explores][0] == set(keys[:5])  # first batch: 5 plain keywords
    anchor = max(keys[:5], key=levels.__getitem__)  # ... whose strongest anchors the rest
    for endpoint in ("explore", "multiline"):
        seen = api_requests(sim, endpoint)
        assert len(seen) == 3  # 5, then anchor + 4, then anchor + 3
        assert all(len(r.keywords) <= 5 and anchor in r.keywords and r.had_cookie for r in seen)
    assert {k for r in explores for k in r.keywords} == set(keys)
    assert [(c.provider, c.model, c.kind, c.status) for c in ledger.calls] == [("google_trends", "pytrends", "trends", "ok")] * 3

    # rescaled across batches, the scores match the simulator's un-normalised levels
    peak = max(levels.values())
    for word, key in zip(words, keys):
        assert scores[word].score == pytest.approx(100 * levels[key] / peak, abs=1.0), word
    assert pytrends_request.BASE_TRENDS_URL == "https://trends.google.com/trends"  # globals untouched
    assert pytrends_request.TrendReq.GENERAL_URL.startswith("https://trends.google.com/")


def test_second_call_is_served_from_the_cache(sim: TrendsSimulator, db: Database) -> None:
    words = unique_words(7)
    first = resource(sim).keyword_scores(words, db)
    count = len(sim.requests)
    ledger = UsageLedger("script_scores")
    second = resource(sim).keyword_scores(words, db, ledger)

    assert len(sim.requests) == count and ledger.calls == []
    assert all(second[w].status == "cached" for w in words)
    assert all(math.isclose(second[w].score or 0, first[w].score or 0, rel_tol=1e-6) for w in words)
    assert script_trend(" ".join(words), second).status == "cached"
    rows = cache_rows(db, words)
    assert len(rows) == 7 and {row["status"] for row in rows.values()} == {"ok"}


def test_expired_entries_are_refetched(sim: TrendsSimulator, db: Database) -> None:
    words = unique_words(8)
    trends = resource(sim, cache_ttl_hours=72)
    trends.keyword_scores(words, db)
    age_cache(db, words[:3], hours=73)
    before = len(api_requests(sim))

    again = trends.keyword_scores(words, db)
    assert [again[w].status for w in words] == ["ok"] * 3 + ["cached"] * 5
    refetched = api_requests(sim)[before:]
    assert [set(r.keywords) for r in refetched] == [{normalise_keyword(w) for w in words[:3]}]


def test_rate_limit_then_success_backs_off_and_retries(sim: TrendsSimulator, db: Database) -> None:
    words = unique_words(4)
    sim.rate_limit_next(2)
    ledger = UsageLedger("script_scores")
    scores = resource(sim, max_attempts=3).keyword_scores(words, db, ledger)

    assert all(scores[w].status == "ok" for w in words)
    assert [c.status for c in ledger.calls] == ["retry", "retry", "ok"]
    assert "429" in (ledger.calls[0].error or "")
    assert [r.status for r in api_requests(sim)] == [429, 429, 200]


def test_server_error_is_retried(sim: TrendsSimulator, db: Database) -> None:
    words = unique_words(2)
    sim.fail_next(1)
    ledger = UsageLedger("script_scores")
    scores = resource(sim).keyword_scores(words, db, ledger)
    assert all(scores[w].status == "ok" for w in words)
    assert [c.status for c in ledger.calls] == ["retry", "ok"]


def test_persistent_rate_limit_degrades_to_unavailable(sim: TrendsSimulator, db: Database) -> None:
    words = unique_words(7)  # two batches
    sim.rate_limit_next(100)
    ledger = UsageLedger("script_scores")
    scores = resource(sim, max_attempts=2).keyword_scores(words, db, ledger)

    assert all(scores[w].status == "unavailable" and scores[w].score is None for w in words)
    assert all("429" in (scores[w].error or "") for w in words)
    assert "after 2 attempt(s)" in (scores[words[1]].error or "")
    assert (scores[words[6]].error or "").startswith("not requested after an earlier failure")
    assert len(api_requests(sim)) == 2  # the second batch was never sent
    assert [c.status for c in ledger.calls] == ["retry", "failed"]
    assert script_trend(" ".join(words), scores).model_dump() == {"score": 50.0, "status": "unavailable", "matched": []}
    assert {row["status"] for row in cache_rows(db, words).values()} == {"unavailable"}


def fault_after_first_batch(sim: TrendsSimulator, **config: Any) -> TrendsResource:
    """Real pytrends, but the simulator answers 429 from the moment the first batch is in."""

    class FaultAfterFirstBatch(TrendsResource):
        def make_backend(self) -> TrendsBackend:
            real = PytrendsBackend(self.timeout_s, self.base_url)

            class Backend:
                def interest(self, keywords: list[str], geo: str, timeframe: str) -> pd.DataFrame:
                    frame = real.interest(keywords, geo, timeframe)
                    sim.rate_limit_next(100)
                    return frame

            return Backend()

    return FaultAfterFirstBatch(base_url=sim.base_url, min_interval_s=0, backoff_base_s=0.01, **config)


def test_batches_fetched_before_a_failure_keep_their_scores(sim: TrendsSimulator, db: Database) -> None:
    words = unique_words(9)  # batches: [0..4], [anchor, 5..8]
    scores = fault_after_first_batch(sim, max_attempts=2).keyword_scores(words, db)
    assert [scores[w].status for w in words] == ["ok"] * 5 + ["unavailable"] * 4
    assert scores[words[0]].score is not None


def test_backend_off_touches_neither_google_nor_the_cache(sim: TrendsSimulator, db: Database) -> None:
    words = unique_words(3)
    scores = resource(sim, backend="off").keyword_scores(words, db)
    assert all(t.status == "unavailable" and t.error == OFF_REASON for t in scores.values())
    assert sim.requests == [] and cache_rows(db, words) == {}
    with pytest.raises(ValueError, match="unknown trends backend"):
        resource(sim, backend="serpapi").keyword_scores(words, db)


def test_more_keywords_than_the_budget_are_refused_before_google_is_asked(sim: TrendsSimulator, db: Database) -> None:
    words = unique_words(12)
    with pytest.raises(ValueError, match="budget is 10"):
        resource(sim, max_keywords=10).keyword_scores(words, db)
    assert sim.requests == [] and cache_rows(db, words) == {}


def test_unreachable_trends_is_unavailable_fast(db: Database) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and is now closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ledger = UsageLedger("script_scores")
    trends = TrendsResource(base_url=f"http://127.0.0.1:{port}/trends", min_interval_s=0)  # default 2 s backoff
    started = time.monotonic()
    scores = trends.keyword_scores(unique_words(3), db, ledger)

    assert time.monotonic() - started < 1.5  # refused connection: no retry, no backoff
    assert all(t.status == "unavailable" and "unreachable" in (t.error or "") for t in scores.values())
    assert [c.status for c in ledger.calls] == ["failed"]


def test_failures_are_cached_only_for_the_negative_ttl(sim: TrendsSimulator, db: Database) -> None:
    words = unique_words(3)
    trends = resource(sim, max_attempts=1, negative_ttl_hours=1.0, cache_ttl_hours=72)
    sim.fail_next(100)
    assert all(t.status == "unavailable" for t in trends.keyword_scores(words, db).values())
    sim.clear_faults()
    count = len(sim.requests)

    within = trends.keyword_scores(words, db)  # outage remembered: Google is not asked again
    assert len(sim.requests) == count
    assert all(t.status == "unavailable" and "cached failure" in (t.error or "") for t in within.values())

    age_cache(db, words, hours=1.1)  # past the negative TTL, well within the positive one
    after = trends.keyword_scores(words, db)
    assert all(t.status == "ok" for t in after.values())
    age_cache(db, words, hours=1.1)  # an ok entry of the same age is still served
    assert all(t.status == "cached" for t in trends.keyword_scores(words, db).values())


def test_requests_are_spaced_by_min_interval(sim: TrendsSimulator, db: Database) -> None:
    started = time.monotonic()
    resource(sim, min_interval_s=0.3).keyword_scores(unique_words(12), db)
    assert time.monotonic() - started >= 0.6  # three batches, two gaps
