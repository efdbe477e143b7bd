"""The rules' hit rate on a labelled list written as ad copy is written (fixtures/compliance/
labelled_copy.tsv: risky vs ordinary). The figures are in /work/notes/issue11.md; this keeps
them from regressing. Rules v2 (2026-12-05) extended the list with the phrasing families v1
passed GREEN and with the platforms' own rejected examples: v1 flags 91/151 risky, v2 151/151;
ordinary flagged 0/206 by both."""

from pathlib import Path

from creative_pipeline.compliance import check_text

LABELLED = Path(__file__).parents[2] / "fixtures" / "compliance" / "labelled_copy.tsv"


def labelled() -> list[tuple[str, str]]:
    rows = [line.split("\t") for line in LABELLED.read_text().splitlines() if line and not line.startswith("#")]
    return [(label, text) for label, text in rows]


def test_hit_rate_on_the_labelled_list() -> None:
    rows = labelled()
    risky = [t for label, t in rows if label == "risky"]
    ordinary = [t for label, t in rows if label == "ordinary"]
    assert len(risky) >= 50 and len(ordinary) >= 40
    caught = [t for t in risky if check_text(t).verdict != "GREEN"]
    false_alarms = [t for t in ordinary if check_text(t).verdict != "GREEN"]
    assert len(caught) / len(risky) >= 0.95, sorted(set(risky) - set(caught))
    assert false_alarms == []


def test_generalisation_floor_on_the_held_out_list() -> None:
    """heldout_copy.tsv was written after tuning and never used for it (do not tune on it: add
    misses to labelled_copy.tsv instead). Measured: rules v1 12/20 risky flagged, v2 15/20 (not
    tuned on it), 0/20 ordinary flagged by both; the rest is what the Gemini check is for."""
    rows = [line.split("\t") for line in (LABELLED.parent / "heldout_copy.tsv").read_text().splitlines()
            if line and not line.startswith("#")]
    flagged = {label: sum(check_text(t).verdict != "GREEN" for lab, t in rows if lab == label) for label in ("risky", "ordinary")}
    assert flagged["ordinary"] == 0 and flagged["risky"] >= 15
