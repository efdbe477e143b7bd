"""A curated ad pattern (issue 15 item 6): what a strong short-form ad in a vertical does, as a
pattern to learn from — never a record of anyone's results, so it carries no metrics."""

from __future__ import annotations

from pydantic import BaseModel, Field


class AdPattern(BaseModel):
    """One pattern as the prompts see it (the `viral_examples` rows, typed).

    `body` is the structure (beats in order) and `why_it_worked` the mechanism: the table's
    column names, kept so rows a team added before patterns existed still read."""

    key: str = ""
    vertical: str = "general"
    platform: str
    hook: str
    first_frame: str = ""
    body: str = Field(description="The structure: beats in order, with rough timings.")
    why_it_worked: str


# The name the content interface has always used for the few-shot references.
ViralExample = AdPattern
