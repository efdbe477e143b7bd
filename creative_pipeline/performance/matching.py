"""Match ad names from exports back to creatives by parsing the creative-name convention.

The importer parses each distinct ad name here (`name_matches`) and joins to creatives in SQL;
`attach_creatives` does the same join in pandas for callers holding a frame. Vectorised over
*unique* names (an export of a million rows has a few thousand ads), so the
regex runs once per ad, not once per row.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from creative_pipeline.domain.naming import parse_creative_name


NAME_COLUMNS: tuple[str, ...] = ("ad_name", "creative_name", "variant")


def name_matches(ad_names: Iterable[str]) -> pd.DataFrame:
    """One row per distinct ad name: the canonical creative name it carries (None when it
    carries none) and its variant number (`_V2` -> 2, else None).

    This is the only matching done in Python, once per distinct name (a million-row export has
    a few thousand); the join to creatives is SQL over this table, keyed by the parsed name, so
    per-variant matching is a change of join, not of parsing.
    """
    names = pd.Series(sorted(set(ad_names)), dtype=object)
    parsed = names.map(lambda n: parse_creative_name(str(n)))
    return pd.DataFrame({
        "ad_name": names,
        "creative_name": parsed.map(lambda p: p.canonical if p else None).astype(object),
        "variant": parsed.map(lambda p: p.variant if p else None).astype("Int64"),
    })


def canonical_names(ad_names: pd.Series) -> pd.Series:
    """ad name -> canonical creative name (None when the name carries no convention)."""
    unique = pd.Series(ad_names.unique())
    parsed = unique.map(lambda n: (p.canonical if (p := parse_creative_name(str(n))) else None))
    return ad_names.map(dict(zip(unique, parsed, strict=True)))


def variants(ad_names: pd.Series) -> pd.Series:
    """ad name -> the `_V<n>` it carries (None for a bare name or no convention)."""
    unique = pd.Series(ad_names.unique())
    parsed = unique.map(lambda n: (p.variant if (p := parse_creative_name(str(n))) else None))
    return pd.to_numeric(ad_names.map(dict(zip(unique, parsed, strict=True))), errors="coerce").astype("Int64")


def attach_creatives(rows: pd.DataFrame, known: dict[str, tuple[str, str, str]]) -> pd.DataFrame:
    """Add creative_name / variant / company_id / script_id; unknown or unparsable names stay
    unmatched (kept with empty ids, so nothing is thrown away and a person can fix names later).

    A variant's name (`<creative>_V2`) matches its creative (the roll-up) and keeps its variant;
    a bare name (exported before variants had names) matches the creative with no variant."""
    out = rows.copy()
    canonical = canonical_names(out["ad_name"])
    matched = canonical.where(canonical.isin(known.keys()))
    out["creative_name"] = matched
    out["variant"] = variants(out["ad_name"]).where(matched.notna())
    for i, column in enumerate(("company_id", "script_id", "persona")):
        out[column] = matched.map({name: ids[i] for name, ids in known.items()})
    out["parsed_but_unknown"] = canonical.notna() & matched.isna()
    return out


ABCD_COLUMNS = ["scene_setting", "scene_subject", "action", "driver", "format"]


def with_abcd_columns(perf: pd.DataFrame) -> pd.DataFrame:
    """ABCD tags read back from the creative names (they are the name): each distinct name is
    parsed once, then every column is one dictionary lookup per row, not a Python call."""
    out = perf.copy()
    parsed = {n: parse_creative_name(n) for n in out["creative_name"].dropna().unique() if n}
    for column in ABCD_COLUMNS:
        out[column] = out["creative_name"].map({n: getattr(p, column, None) for n, p in parsed.items()})
    return out
