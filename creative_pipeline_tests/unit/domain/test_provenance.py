"""Which model made a row: one call's model, or the shared / listed models of several calls."""

from creative_pipeline.domain.provenance import Provenance, combined, model_mix

PRIMARY, FALLBACK = Provenance(model="flash"), Provenance(model="lite", fallback_reason="fallback from flash: overloaded")


def test_a_row_from_calls_of_one_model_names_it() -> None:
    assert combined([PRIMARY, PRIMARY], Provenance(model="x")) == PRIMARY
    assert combined([FALLBACK, FALLBACK], Provenance(model="x")) == FALLBACK


def test_a_row_from_several_models_lists_them_in_answer_order_with_the_reason() -> None:
    assert combined([FALLBACK, PRIMARY], Provenance(model="x")) == Provenance(
        model="lite, flash", fallback_reason="fallback from flash: overloaded")


def test_no_call_known_keeps_the_default() -> None:
    assert combined([], Provenance(model="offline")) == Provenance(model="offline")


def test_the_mix_counts_rows_per_model_most_first() -> None:
    assert model_mix([PRIMARY, FALLBACK, PRIMARY]) == {"flash": 2, "lite": 1}
