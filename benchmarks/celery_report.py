"""Figures of a Celery backfill (`benchmarks/celery_backfill.py`), read from what each part recorded
itself: the simulator's request log (answered / 429 per request), the runs' records and event logs
in the Dagster instance (which Celery worker executed each step, and when), and the app database's
breaker and rate-bucket rows (the state every worker shared)."""

from __future__ import annotations

from collections import Counter, defaultdict
from statistics import mean
from typing import Any

from dagster import DagsterEventType

from creative_pipeline.settings import DEFAULTS


def text_requests(requests: list) -> list:
    """generateContent on the text model: what the text limit counts (model-list calls are free)."""
    return [r for r in requests if r.endpoint == "generateContent" and r.model == DEFAULTS.gemini_text_model]


def step_timeline(instance, run_id: str) -> dict[str, dict[str, Any]]:
    """{step: {submitted, picked, worker, start, end, ok}} from one run's event log."""
    steps: dict[str, dict[str, Any]] = defaultdict(dict)
    for entry in instance.all_logs(run_id):
        event, key = entry.dagster_event, entry.step_key
        if event is None or key is None:
            continue
        kind, message = event.event_type, entry.message or ""
        if kind == DagsterEventType.ENGINE_EVENT and message.startswith("Submitting celery task"):
            steps[key]["submitted"] = entry.timestamp
        elif kind == DagsterEventType.ENGINE_EVENT and "in celery worker" in message:
            steps[key]["picked"] = entry.timestamp
            steps[key]["worker"] = event.engine_event_data.metadata["Celery worker"].value
        elif kind == DagsterEventType.STEP_START:
            steps[key]["start"] = entry.timestamp
        elif kind in (DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE):
            steps[key].update(end=entry.timestamp, ok=kind == DagsterEventType.STEP_SUCCESS)
    return dict(steps)


def _mean(values: list[float]) -> float | None:
    return round(mean(values), 2) if values else None


def step_figures(timelines: list[dict[str, dict[str, Any]]], workers: list[str]) -> dict[str, Any]:
    """Steps per worker, and where a step's time goes: waiting in the broker's queue, the worker's
    set-up before STEP_START (instance, plan), the step's body, and the hand-off from one step's
    end to the next step's submission (the run worker's poll and the pool's slot claim)."""
    steps = [s for t in timelines for s in t.values() if "end" in s]
    per_worker = Counter(s.get("worker", "?") for s in steps)
    busy = defaultdict(float)
    for s in steps:
        if "picked" in s:
            busy[s.get("worker", "?")] += s["end"] - s["picked"]
    handoffs = []
    for t in timelines:
        ordered = sorted((s for s in t.values() if "submitted" in s and "end" in s), key=lambda s: s["submitted"])
        handoffs += [b["submitted"] - max(a["end"] for a in ordered[:i + 1])
                     for i, b in enumerate(ordered[1:]) if max(a["end"] for a in ordered[:i + 1]) <= b["submitted"]]
    return {
        "steps_per_worker": {w: per_worker.get(w, 0) for w in workers} | {w: n for w, n in per_worker.items()
                                                                            if w not in workers},
        "busy_s_per_worker": {w: round(busy.get(w, 0.0), 1) for w in workers},
        "steps_failed": sum(not s.get("ok", False) for s in steps),
        "mean_queue_wait_s": _mean([s["picked"] - s["submitted"] for s in steps if {"picked", "submitted"} <= set(s)]),
        "mean_worker_setup_s": _mean([s["start"] - s["picked"] for s in steps if {"picked", "start"} <= set(s)]),
        "mean_step_body_s": _mean([s["end"] - s["start"] for s in steps if "start" in s]),
        "mean_handoff_s": _mean(handoffs),
    }


def most_at_once(spans: list[tuple[float, float]]) -> int:
    edges = sorted([(a, 1) for a, _ in spans] + [(b, -1) for _, b in spans])
    level = peak = 0
    for _, d in edges:
        level += d
        peak = max(peak, level)
    return peak


def shared_state(db) -> dict[str, Any]:
    """The breaker and rate-bucket rows every worker read and wrote (one per model / family)."""
    with db.transaction() as conn:
        breakers = conn.execute("select name, state, failures from provider_breakers order by name").fetchall()
        buckets = conn.execute("select name, blocked_until is not null as blocked_once from provider_rate_buckets "
                               "order by name").fetchall()
    return {"breakers": {b["name"]: {"state": b["state"], "failures": b["failures"]} for b in breakers},
            "rate_buckets": {b["name"]: {"blocked_once": b["blocked_once"]} for b in buckets}}


def measure(instance, records: list, requests: list, db, *, launched: float, limit: int, window: float,
            workers: list[str]) -> dict[str, Any]:
    text = text_requests(requests)
    others = [r for r in requests if r.endpoint == "generateContent" and r.model != DEFAULTS.gemini_text_model]
    answered = sorted(r.at for r in text if r.status == 200)
    span = answered[-1] - answered[0] if len(answered) > 1 else 0.0
    capacity = limit * span / window if span else 0.0
    ends = [r.end_time for r in records if r.end_time]
    wall = max(ends) - launched if ends else 0.0
    succeeded = sum(r.dagster_run.status.value == "SUCCESS" for r in records)
    timelines = [step_timeline(instance, r.dagster_run.run_id) for r in records]
    return {
        "wall_s": round(wall, 1),
        "companies_per_hour": round(succeeded * 3600 / wall, 1) if wall else None,
        # the same backfill at the same limit per minute (a 60 s window): it is bound by the limit
        "companies_per_hour_at_limit_per_minute": round(succeeded * 3600 / wall * window / 60, 1) if wall else None,
        "text_requests_answered": len(answered),
        "text_requests_429": sum(r.status == 429 for r in text),
        "other_requests_429": sum(r.status == 429 for r in others),
        "busy_span_s": round(span, 1),
        "share_of_limit_used": round(len(answered) / capacity, 3) if capacity else None,
        "runs": len(records), "runs_failed": len(records) - succeeded,
        "most_runs_at_once": most_at_once([(r.start_time, r.end_time) for r in records if r.start_time and r.end_time]),
        **step_figures(timelines, workers),
        **shared_state(db),
    }


def print_table(row: dict[str, Any]) -> None:
    heads = ["companies", "conc/worker", "limit/window", "answered", "429s", "span s", "share used",
             "companies/h", "runs failed", "wall s"]
    values = [row["companies"], row["concurrency_per_worker"], f"{row['limit_per_window']}/{row['window_s']:g}s",
              row["text_requests_answered"], row["text_requests_429"], row["busy_span_s"], row["share_of_limit_used"],
              row["companies_per_hour"], row["runs_failed"], row["wall_s"]]
    print(" ".join(f"{h:>12}" for h in heads))
    print(" ".join(f"{str(v):>12}" for v in values))
    print("steps per worker:", row["steps_per_worker"], "busy s:", row["busy_s_per_worker"])
    print(f"mean s: queue wait {row['mean_queue_wait_s']}, worker set-up {row['mean_worker_setup_s']}, "
          f"step body {row['mean_step_body_s']}, hand-off {row['mean_handoff_s']}; "
          f"most runs at once {row['most_runs_at_once']}; gemini_text slots {row['gemini_text_slots']}")
    print("breakers:", row["breakers"], "rate buckets:", row["rate_buckets"])
