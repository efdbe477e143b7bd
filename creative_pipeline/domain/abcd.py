"""The ABCD creative framework vocabulary (A = scene, B = action, C = driver, D = format).

Codes are upper-case alphanumerics without underscores, because creative names join them with
`_` and ad platforms carry those names back in their exports: a code must survive the round trip.
`supabase/seed.sql` mirrors these dictionaries; a unit test keeps the two in step.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict


class SceneSetting(str, Enum):
    """A1: where the ad takes place."""

    HOME = "HOME"
    OFFICE = "OFFICE"
    OUTDOOR = "OUTDOOR"
    STORE = "STORE"
    CAFE = "CAFE"
    GYM = "GYM"
    STUDIO = "STUDIO"
    COMMUTE = "COMMUTE"


class SceneSubject(str, Enum):
    """A2: who or what is on screen."""

    SOLO = "SOLO"
    DUO = "DUO"
    GROUP = "GROUP"
    FAMILY = "FAMILY"
    HANDS = "HANDS"
    PRODUCT = "PRODUCT"
    SCREEN = "SCREEN"


class Action(str, Enum):
    """B: what happens."""

    DEMO = "DEMO"
    UNBOX = "UNBOX"
    TESTIMONIAL = "TESTIMONIAL"
    COMPARE = "COMPARE"
    TUTORIAL = "TUTORIAL"
    REACTION = "REACTION"
    TRANSFORM = "TRANSFORM"
    STORY = "STORY"


class Driver(str, Enum):
    """C: the emotional driver."""

    FOMO = "FOMO"
    RELIEF = "RELIEF"
    PRIDE = "PRIDE"
    CURIOSITY = "CURIOSITY"
    TRUST = "TRUST"
    JOY = "JOY"
    SAVINGS = "SAVINGS"
    BELONGING = "BELONGING"


class Format(str, Enum):
    """D: the ad format."""

    UGC = "UGC"
    STATIC = "STATIC"
    CAROUSEL = "CAROUSEL"
    REEL = "REEL"
    STORY = "STORY"
    TALKINGHEAD = "TALKINGHEAD"
    SPLITSCREEN = "SPLITSCREEN"


ABCD_DIMENSIONS: dict[str, type[Enum]] = {
    "scene_setting": SceneSetting,
    "scene_subject": SceneSubject,
    "action": Action,
    "driver": Driver,
    "format": Format,
}


class AbcdTags(BaseModel):
    """One creative's ABCD tags; used in scripts, briefs, creative names and insights."""

    model_config = ConfigDict(use_enum_values=False)

    scene_setting: SceneSetting
    scene_subject: SceneSubject
    action: Action
    driver: Driver
    format: Format

    def codes(self) -> dict[str, str]:
        return {dim: getattr(self, dim).value for dim in ABCD_DIMENSIONS}
