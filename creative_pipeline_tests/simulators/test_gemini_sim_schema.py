"""Schema-driven generation without HTTP: the keyword spellings the SDK really sends.

google-genai 2.34 puts pydantic constraint names into `responseSchema` in snake_case
(`max_length`, `min_items`, `property_ordering`); `responseJsonSchema` uses camelCase,
`$defs`/`$ref` and may be recursive.  Both must yield documents that validate.
"""

from __future__ import annotations

import random
import re

from pydantic import BaseModel, Field

from creative_pipeline_tests.simulators.gemini_sim_faults import break_schema
from creative_pipeline_tests.simulators.gemini_sim_schema import SchemaGenerator

SNAKE_SCHEMA = {
    "type": "OBJECT",
    "property_ordering": ["tags", "colour", "score", "label"],
    "required": ["tags", "colour", "score", "label"],
    "properties": {
        "tags": {"type": "ARRAY", "min_items": 4, "max_items": 4, "items": {"type": "STRING", "max_length": 12}},
        "colour": {"type": "STRING", "pattern": "^#[0-9A-Fa-f]{6}$"},
        "score": {"type": "INTEGER", "minimum": 10.0, "maximum": 12.0},
        "label": {"type": "STRING", "enum": ["a", "b"]},
    },
}


def _gen(schema: dict, tag: int = 1) -> SchemaGenerator:
    return SchemaGenerator(schema, random.Random(tag), tag)


def test_snake_case_keywords_are_honoured() -> None:
    for tag in range(20):
        value = _gen(SNAKE_SCHEMA, tag).generate(SNAKE_SCHEMA)
        assert list(value) == ["tags", "colour", "score", "label"]
        assert len(value["tags"]) == 4 and len(set(value["tags"])) == 4
        assert all(len(t) <= 12 for t in value["tags"])
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", value["colour"])
        assert 10 <= value["score"] <= 12 and isinstance(value["score"], int)
        assert value["label"] in ("a", "b")


class Node(BaseModel):
    label: str = Field(min_length=3)
    weight: float = Field(gt=0, lt=1)
    children: list["Node"] = Field(default_factory=list)
    parent: "Node | None" = None


def test_recursive_json_schema_terminates_and_validates() -> None:
    schema = Node.model_json_schema()
    for tag in range(10):
        Node.model_validate(_gen(schema, tag).generate(schema))


def test_break_schema_really_breaks() -> None:
    gen = _gen(SNAKE_SCHEMA)
    broken = break_schema(gen.generate(SNAKE_SCHEMA), SNAKE_SCHEMA, gen)
    assert "tags" not in broken and not isinstance(broken["colour"], str)
