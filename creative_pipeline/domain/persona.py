"""Marketing personas: the structured output of the `personas` stage."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, Field, model_validator

from creative_pipeline.domain.lenient import first, items, text

PERSONAS_PER_COMPANY = 5


class PersonaDraft(BaseModel):
    name: text(80, description="A memorable persona name, e.g. 'Deadline Dana'.")
    archetype: text(80, description="Two to four words, e.g. 'busy founder'.")
    age_range: text(20, description="e.g. '25-34'.")
    description: text(600)
    pains: Annotated[list[text(200)], first(4)] = Field(min_length=1, max_length=4)
    goals: Annotated[list[text(200)], first(4)] = Field(min_length=1, max_length=4)
    objections: Annotated[list[text(200)], first(3)] = Field(min_length=1, max_length=3)
    channels: Annotated[list[text(60)], first(4)] = Field(min_length=1, max_length=4, description="Where they spend time online.")


class ProofProposal(BaseModel):
    """A claim the model found in the site text while reading it for personas, with the words it
    copied as evidence. Unchecked here: the personas stage keeps it only when `quote` is on the
    page (resources/web/proof.py), then it joins `company.context.proof_points`."""

    claim: text(300, description="What an ad may say, never stronger than the page.")
    quote: text(400, description="The backing words copied exactly, character for character, from the website text.")


MAX_PROPOSALS = 12


class PersonaSet(BaseModel):
    personas: Annotated[list[PersonaDraft], first(PERSONAS_PER_COMPANY)] = Field(**items(PERSONAS_PER_COMPANY))
    # asked in the same call (no extra request); replies without it (older prompts, offline) are valid
    proof_points: Annotated[list[ProofProposal], first(MAX_PROPOSALS)] = Field(
        default_factory=list, max_length=MAX_PROPOSALS,
        description="Ratings, review or customer counts, awards, certifications, named customers, guarantees, "
                    "quoted reviews: only what the website text states; empty if it states none.")

    @model_validator(mode="after")
    def _distinct(self) -> "PersonaSet":
        names = [p.name.strip().casefold() for p in self.personas]
        if len(set(names)) != len(names):
            raise ValueError(f"persona names must be distinct, got {[p.name for p in self.personas]}")
        return self


class StoredPersona(BaseModel):
    """A persona as stored (`repositories.personas.load_personas`): its row and the validated
    draft. `data` is the JSON as stored, kept for reports that show exactly what is there."""

    id: UUID
    position: int
    name: str
    archetype: str | None = None
    data: dict[str, Any]
    provider: str | None = None
    model: str | None = None
    persona: PersonaDraft
