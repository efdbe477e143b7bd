"""Creative names: the key that ad-platform exports carry back to us.

Convention (documented in docs/architecture.md):

    YYYYMMDD_<A1>_<A2>_<B>_<C>_<D>_<company-slug>_W<rank>[_V<variant>]

e.g. `20261124_HOME_SOLO_DEMO_RELIEF_UGC_brightbrew-coffee_W03`. The date is the brief's
creation day, A1..D are ABCD codes, the slug makes the name unique across companies and
`W<rank>` (01-99) unique within a company. `_V<n>` names one variant of the creative: `_V1` the
primary image, `_V2`/`_V3` its edits, the next free number a video (`variant_name`). Aspect
reframes of one variant (9:16, 4:5, 1:1) are placements of one ad and share its name.

Parsing is deliberately forgiving: people and platforms add prefixes and suffixes, change case,
or swap `_` for `-` or spaces. `parse_creative_name` finds the convention anywhere in a string;
`canonical` is the creative (what a variant rolls up to), `variant_name` the variant's own name.

A variant suffix is `_V<1-2 digits>` (any separator, any case) directly after `W<rank>` and not
followed by another digit. Everything else around the name is a decoration, kept in
`decoration` and never read as a variant. Cases decided (platform behaviour checked 2026-12-04:
Meta's Marketing API copies ads with a `rename_suffix`, and Ads Manager's duplicate appends
" - Copy"; Google Ads and TikTok document no copy suffix — their editors and people add
"Copy of …", " (1)", "_copy"):
- "<name> - Copy", "<name> - Copy 2", "<name>_copy", "Copy of <name>" -> the same creative/variant;
- "<name> (1)" -> the bare name (no variant): " (1)" is a copy counter, not `_V1`;
- "<name>_v2 (1)" -> variant 2 (a copy of the V2 ad);
- "<name>_V2-Copy" -> variant 2;
- "<name>_V123" -> no variant (three digits are not our suffix), the bare creative.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, Field

from creative_pipeline.domain.abcd import AbcdTags

_SEP = r"[_\- ]"
_PATTERN = re.compile(
    rf"(?<![0-9])(?P<date>\d{{8}}){_SEP}"
    rf"(?P<a1>[A-Za-z0-9]+){_SEP}(?P<a2>[A-Za-z0-9]+){_SEP}(?P<b>[A-Za-z0-9]+){_SEP}"
    rf"(?P<c>[A-Za-z0-9]+){_SEP}(?P<d>[A-Za-z0-9]+){_SEP}"
    rf"(?P<slug>[A-Za-z0-9][A-Za-z0-9-]*){_SEP}[Ww](?P<rank>\d{{2}})"
    rf"(?:{_SEP}[Vv](?P<variant>\d{{1,2}}))?(?![0-9])"
)
# Ad names come from uploaded exports. Platforms cap them at a few hundred characters; a longer
# cell is not a real ad name, and the slug's `-` overlapping the separators makes the search
# quadratic in the length, so only this much of a cell is searched.
MAX_AD_NAME_CHARS = 1000


class CreativeName(BaseModel):
    """The parsed parts of a creative name."""

    created_on: date
    scene_setting: str
    scene_subject: str
    action: str
    driver: str
    format: str
    company_slug: str
    rank: int = Field(ge=1, le=99)
    variant: int | None = Field(default=None, ge=1, le=99)
    decoration: str = ""  # what people or platforms put around the name (" - Copy", "Copy of", " (1)")

    @property
    def canonical(self) -> str:
        """The name without the variant: the brief's creative name."""
        return (
            f"{self.created_on:%Y%m%d}_{self.scene_setting}_{self.scene_subject}_{self.action}_"
            f"{self.driver}_{self.format}_{self.company_slug}_W{self.rank:02d}"
        )

    @property
    def variant_name(self) -> str:
        """The name of the variant this ad ran (the canonical name when it carries none)."""
        return self.canonical if self.variant is None else f"{self.canonical}_V{self.variant}"


def build_creative_name(
    created_on: date, tags: AbcdTags, company_slug: str, rank: int, variant: int | None = None
) -> str:
    """Build the canonical creative name (with `_V<n>` when a variant is given)."""
    if not 1 <= rank <= 99:
        raise ValueError(f"winner rank must be 1..99, got {rank}")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", company_slug):
        raise ValueError(f"company slug {company_slug!r} is not a slug (a-z, 0-9, '-')")
    codes = tags.codes()
    name = (
        f"{created_on:%Y%m%d}_{codes['scene_setting']}_{codes['scene_subject']}_{codes['action']}_"
        f"{codes['driver']}_{codes['format']}_{company_slug}_W{rank:02d}"
    )
    return f"{name}_V{variant}" if variant is not None else name


def variant_name(creative_name: str, variant: int) -> str:
    """A variant's own creative name: the winner's name + `_V<n>` (1 = the primary image).

    Refuses a name that is not a bare creative name: a variant of a variant, or a decorated
    name, would not round-trip through the parser."""
    if not 1 <= variant <= 99:
        raise ValueError(f"variant must be 1..99, got {variant}")
    parsed = parse_creative_name(creative_name)
    if parsed is None or parsed.variant is not None or parsed.canonical != creative_name:
        raise ValueError(f"{creative_name!r} is not a bare creative name")
    return f"{creative_name}_V{variant}"


def parse_creative_name(text: str) -> CreativeName | None:
    """Find a creative name inside an ad name; None when there is none.

    Returns the right-most match whose date is a real date, so a date prefix added by a
    person ("2026-11-30 test 20261124_HOME_...") does not confuse it.
    """
    if not text:
        return None
    cell = text.strip()[:MAX_AD_NAME_CHARS]
    for match in reversed(list(_PATTERN.finditer(cell))):
        try:
            created_on = date(int(match["date"][:4]), int(match["date"][4:6]), int(match["date"][6:]))
        except ValueError:
            continue
        return CreativeName(
            created_on=created_on,
            scene_setting=match["a1"].upper(),
            scene_subject=match["a2"].upper(),
            action=match["b"].upper(),
            driver=match["c"].upper(),
            format=match["d"].upper(),
            company_slug=match["slug"].lower(),
            rank=int(match["rank"]),
            variant=int(match["variant"]) if match["variant"] and int(match["variant"]) > 0 else None,
            decoration=f"{cell[:match.start()]}…{cell[match.end():]}".strip(" …") if cell != match[0] else "",
        )
    return None
