"""Schema-driven JSON generation for the Gemini simulator.

The real service answers a structured-output call with a document that matches
`generationConfig.responseSchema` (OpenAPI subset, upper-case types) or
`responseJsonSchema` (JSON Schema, lower-case types, `$defs`/`$ref`).  google-genai
2.34 serialises a pydantic model as `responseSchema` but keeps pydantic's constraint
names in *snake_case* inside it (`max_length`, `min_items`, `property_ordering`), so
every keyword lookup here accepts both spellings.  Strings carry a per-call counter so
"N distinct items" requirements are always satisfiable.
"""

from __future__ import annotations

import math
import random
import re
from typing import Any

_ADJECTIVES = (
    "bright", "calm", "bold", "quick", "fresh", "clever", "honest", "vivid", "steady",
    "warm", "sharp", "gentle", "modern", "simple", "smart", "lively", "crisp", "friendly",
)
_NOUNS = (
    "harbor", "garden", "signal", "journey", "canvas", "rhythm", "spark", "bridge",
    "compass", "orchard", "beacon", "meadow", "studio", "ladder", "window", "river",
)
_MAX_DEPTH = 40  # last-resort guard; cycles are cut by ref tracking first


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def kw(schema: dict[str, Any], name: str, default: Any = None) -> Any:
    """Read a schema keyword in camelCase or snake_case (the SDK sends both)."""
    if name in schema:
        return schema[name]
    return schema.get(_snake(name), default)


def types_of(schema: dict[str, Any]) -> list[str]:
    raw = schema.get("type")
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    return [str(t).lower() for t in items]


class SchemaGenerator:
    """Builds one JSON value that validates against a schema.

    One instance serves one request: `rng` makes numbers/enums deterministic per
    (seed, request index) and `counter` makes every string unique within the call.
    """

    def __init__(self, root: dict[str, Any], rng: random.Random, call_tag: int) -> None:
        self.root = root
        self.rng = rng
        self.call_tag = call_tag
        self.counter = 0
        self._refs: list[str] = []  # $refs being expanded on the current path
        self._minimal = 0  # >0 inside a recursive $ref: emit only what the schema requires

    # -- resolution -----------------------------------------------------------
    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        """Follow `$ref` chains and merge `allOf` so callers see a flat schema."""
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 32:
            ref = schema["$ref"]
            target: Any = self.root
            for part in ref.lstrip("#/").split("/"):
                if part:
                    target = target[part.replace("~1", "/").replace("~0", "~")]
            extra = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **extra}
            seen += 1
        all_of = kw(schema, "allOf")
        if all_of:
            merged = {k: v for k, v in schema.items() if k not in ("allOf", "all_of")}
            for sub in all_of:
                merged.update(self.resolve(sub))
            schema = merged
        return schema

    # -- generation -----------------------------------------------------------
    def generate(self, schema: dict[str, Any] | None, name: str = "value", depth: int = 0) -> Any:
        """Return a value for `schema`; `name` (property name/title) flavours strings.

        Re-entering a `$ref` already on the path (a recursive model) switches to minimal
        mode — required properties only, arrays at minItems, nullable -> null — so
        recursive JSON schemas terminate instead of growing 3^depth.
        """
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if not isinstance(ref, str):
            return self._generate(schema, name, depth)
        cyclic = int(ref in self._refs)
        self._refs.append(ref)
        self._minimal += cyclic
        try:
            return self._generate(schema, name, depth)
        finally:
            self._refs.pop()
            self._minimal -= cyclic

    def _generate(self, schema: dict[str, Any] | None, name: str, depth: int) -> Any:
        if not schema:
            return self._text(name, {})
        schema = self.resolve(schema)
        if "const" in schema:
            return schema["const"]
        enum = kw(schema, "enum")
        if enum:
            return enum[self.rng.randrange(len(enum))]
        branches = kw(schema, "anyOf") or kw(schema, "oneOf")
        if branches:
            non_null = [b for b in branches if "null" not in types_of(self.resolve(b))]
            may_be_null = len(non_null) < len(branches)
            if not non_null or depth >= _MAX_DEPTH or (self._minimal and may_be_null):
                return None
            return self.generate(non_null[0], name, depth + 1)
        types = [t for t in types_of(schema) if t != "null"]
        kind = types[0] if types else self._infer_kind(schema)
        nullable = kw(schema, "nullable") or "null" in types_of(schema)
        if nullable and (self._minimal or depth >= _MAX_DEPTH):
            return None
        if kind == "object":
            return self._object(schema, depth)
        if kind == "array":
            return self._array(schema, name, depth)
        if kind == "integer":
            return int(self._number(schema, integer=True))
        if kind == "number":
            return self._number(schema, integer=False)
        if kind == "boolean":
            return self.rng.random() < 0.5
        if kind == "null":
            return None
        return self._string(schema, name)

    @staticmethod
    def _infer_kind(schema: dict[str, Any]) -> str:
        if "properties" in schema or "additionalProperties" in schema:
            return "object"
        if "items" in schema:
            return "array"
        return "string"

    def _object(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        props: dict[str, Any] = schema.get("properties") or {}
        order = list(kw(schema, "propertyOrdering") or [])
        order += [p for p in props if p not in order]
        required = set(kw(schema, "required") or [])
        out: dict[str, Any] = {}
        for prop in order:
            if prop in props and (not self._minimal or prop in required):
                out[prop] = self.generate(props[prop], prop, depth + 1)
        extra = kw(schema, "additionalProperties")
        if not props and isinstance(extra, dict):
            for i in range(2):
                out[f"key_{self.call_tag}_{self.counter}_{i}"] = self.generate(extra, "value", depth + 1)
        return out

    def _array(self, schema: dict[str, Any], name: str, depth: int) -> list[Any]:
        min_items = kw(schema, "minItems")
        max_items = kw(schema, "maxItems")
        count = int(min_items) if min_items is not None else 3
        if max_items is not None:
            count = min(count, int(max_items))
        if self._minimal or depth >= _MAX_DEPTH:
            count = int(min_items or 0)
        raw_items = schema.get("items") or {}
        item_schema = self.resolve(raw_items)
        enum = kw(item_schema, "enum")
        if enum:  # distinct enum values when there are enough of them
            start = self.rng.randrange(len(enum))
            return [enum[(start + i) % len(enum)] for i in range(count)]
        singular = name[:-1] if name.endswith("s") and len(name) > 3 else name
        return [self.generate(raw_items, singular, depth + 1) for _ in range(count)]

    def _number(self, schema: dict[str, Any], integer: bool) -> float:
        lo = kw(schema, "minimum")
        hi = kw(schema, "maximum")
        ex_lo = kw(schema, "exclusiveMinimum")
        ex_hi = kw(schema, "exclusiveMaximum")
        step = 1 if integer else 0.01
        if isinstance(ex_lo, (int, float)) and not isinstance(ex_lo, bool):
            lo = ex_lo + step if lo is None else max(lo, ex_lo + step)
        if isinstance(ex_hi, (int, float)) and not isinstance(ex_hi, bool):
            hi = ex_hi - step if hi is None else min(hi, ex_hi - step)
        if lo is None and hi is None:
            lo, hi = 0, 100
        elif lo is None:
            lo = hi - 100
        elif hi is None:
            hi = lo + 100
        if integer:
            lo_i, hi_i = math.ceil(lo), math.floor(hi)
            return self.rng.randint(lo_i, max(lo_i, hi_i))
        return min(hi, max(lo, round(self.rng.uniform(lo, hi), 2)))

    def _text(self, name: str, schema: dict[str, Any]) -> str:
        self.counter += 1
        label = re.sub(r"[_\-]+", " ", str(schema.get("title") or name)).strip().capitalize() or "Value"
        words = f"{label} {self.rng.choice(_ADJECTIVES)} {self.rng.choice(_NOUNS)}"
        return f"{words} {self.call_tag}-{self.counter}"

    def _string(self, schema: dict[str, Any], name: str) -> str:
        fmt = str(kw(schema, "format") or "").lower()
        self.counter += 1
        n = self.counter
        if fmt == "date-time":
            return f"2026-01-{1 + n % 28:02d}T{n % 24:02d}:00:00Z"
        if fmt == "date":
            return f"2026-01-{1 + n % 28:02d}"
        if fmt in ("uri", "url"):
            return f"https://example.com/{self.call_tag}/{n}"
        if fmt == "email":
            return f"user{self.call_tag}x{n}@example.com"
        if fmt == "uuid":
            return f"00000000-0000-4000-8000-{self.call_tag % 10**6:06d}{n % 10**6:06d}"
        self.counter -= 1
        text = self._text(name, schema)
        pattern = kw(schema, "pattern")
        if pattern:
            text = self._patterned(pattern, text)
        return self._fit_length(text, schema)

    def _patterned(self, pattern: str, text: str) -> str:
        """Satisfy the patterns briefs actually use (hex colours), else try candidates."""
        if "#" in pattern and re.search(r"\[0-9A-Fa-f\]|\[0-9a-fA-F\]|\[A-Fa-f0-9\]|\[a-fA-F0-9\]", pattern):
            colour = f"#{self.rng.randrange(0x1000000):06X}"
            short = "{3}" in pattern and "{6}" not in pattern
            return colour[:4] if short else colour
        slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        for candidate in (text, slug, slug.replace("-", "_"), slug.replace("-", ""), str(self.counter), text.upper()):
            try:
                if re.search(pattern, candidate):
                    return candidate
            except re.error:
                break
        return text

    def _fit_length(self, text: str, schema: dict[str, Any]) -> str:
        max_len = kw(schema, "maxLength")
        min_len = kw(schema, "minLength")
        if min_len is not None:
            while len(text) < int(min_len):
                text += f" {self.rng.choice(_NOUNS)}"
        if max_len is not None and len(text) > int(max_len):
            tail = f" {self.call_tag}-{self.counter}"
            keep = int(max_len) - len(tail)
            text = (text[:keep].rstrip() + tail) if keep >= 1 else text[-int(max_len):]
        return text

