"""Marketing personas: the structured output of the `personas` stage."""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

PERSONAS_PER_COMPANY = 5


class PersonaDraft(BaseModel):
    name: str = Field(min_length=1, max_length=80, description="A memorable persona name, e.g. 'Deadline Dana'.")
    archetype: str = Field(min_length=1, max_length=80, description="Two to four words, e.g. 'busy founder'.")
    age_range: str = Field(min_length=1, max_length=20, description="e.g. '25-34'.")
    description: str = Field(min_length=1, max_length=600)
    pains: list[str] = Field(min_length=1, max_length=4)
    goals: list[str] = Field(min_length=1, max_length=4)
    objections: list[str] = Field(min_length=1, max_length=3)
    channels: list[str] = Field(min_length=1, max_length=4, description="Where they spend time online.")


class PersonaSet(BaseModel):
    personas: list[PersonaDraft] = Field(min_length=PERSONAS_PER_COMPANY, max_length=PERSONAS_PER_COMPANY)

    @model_validator(mode="after")
    def _distinct(self) -> "PersonaSet":
        names = [p.name.strip().casefold() for p in self.personas]
        if len(set(names)) != len(names):
            raise ValueError(f"persona names must be distinct, got {[p.name for p in self.personas]}")
        return self
