"""A failed run in the project's own words: the failure's description, not Dagster's wrapper.

Dagster wraps an exception raised in a step in `DagsterExecutionStepExecutionError` ("Error
occurred while executing op ..."); the description a person needs is the project's own — the
`Failure(description=...)` an asset raised (budget stops, refused keys, missing upstream rows say
what to do), else the innermost cause's message.
"""

from __future__ import annotations

from typing import Any


def _innermost(error: Any) -> Any:
    """The deepest cause of a SerializableErrorInfo chain that is not Dagster's own wrapper."""
    chain = []
    while error is not None:
        chain.append(error)
        error = error.cause or getattr(error, "context", None)
    own = [e for e in chain if not (e.cls_name or "").startswith("Dagster")]
    return (own or chain)[-1] if chain else None


def _message(error: Any) -> str:
    text = (error.message or "").strip()
    prefix = f"{error.cls_name}: " if error.cls_name else ""
    text = text.removeprefix(prefix).strip()
    return text.splitlines()[0] if text else (error.cls_name or "unknown error")


def failure_of(result: Any) -> tuple[str, str]:
    """(description, trace) of a failed in-process run: its first step failure, else the run's."""
    events = result.get_step_failure_events()
    if events:
        data = events[0].step_failure_data
        error = data.error
        description = data.user_failure_data.description if data.user_failure_data else None
        trace = error.to_string() if error else ""
        if description:
            return description, trace
        inner = _innermost(error)
        return (_message(inner) if inner else "the step failed without a description"), trace
    try:
        failure = result.get_run_failure_event()
    except Exception:  # noqa: BLE001 - Dagster raises when the run has no failure event
        failure = None
    error = getattr(getattr(failure, "event_specific_data", None), "error", None)
    if error is not None:
        return _message(_innermost(error)), error.to_string()
    return "the run failed before any step ran", ""
