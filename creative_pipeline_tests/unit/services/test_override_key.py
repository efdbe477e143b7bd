"""A reviewer names a script by winner rank or by id prefix; an all-digit id prefix is still an id."""

from types import SimpleNamespace

from creative_pipeline.services.compliance import scripts_for_key

SCRIPTS = [  # stand-ins for `StoredScript`: only the attributes the key is matched on
    SimpleNamespace(id="12345678-aaaa-4bbb-8ccc-000000000001", winner_rank=None),
    SimpleNamespace(id="abcdef12-aaaa-4bbb-8ccc-000000000002", winner_rank=4),
]


def test_a_small_number_is_a_rank() -> None:
    assert [s.winner_rank for s in scripts_for_key(SCRIPTS, "4")] == [4]


def test_an_all_digit_id_prefix_names_the_script_not_a_rank() -> None:
    assert [s.id[:8] for s in scripts_for_key(SCRIPTS, "12345678")] == ["12345678"]


def test_a_short_prefix_names_nothing() -> None:
    assert scripts_for_key(SCRIPTS, "abcde") == [] and len(scripts_for_key(SCRIPTS, "ABCDEF")) == 1
