"""Creative vocabularies beside the ABCD dictionaries: angles, placements and CTA buttons.

Like `domain/abcd.py`, these are data the pipeline, the prompts and the insights share;
`supabase/seed.sql` mirrors them in `creative_vocabulary` and a unit test keeps the two in step.

- An **angle** is the argument of an ad (why watch, why believe, why act). Some angles need proof
  the page must provide (`needs`): a social-proof ad without reviews or proof points on the page,
  an offer-led ad without a stated offer, or a founder story the site does not tell would have to
  invent it, so those angles are skipped for that company (and the plan says so).
- A **placement** is where the ad runs (Reels, TikTok, Shorts, Feed, Stories). It is not the ABCD
  format (D), which is the creative's form: a `REEL` format runs on Reels, TikTok or Shorts; a
  `STORY` format runs on Stories; `UGC`, `TALKINGHEAD`, `SPLITSCREEN` run anywhere vertical.
  `STATIC` and `CAROUSEL` stay in the ABCD dictionary for image-only placements and for creative
  names already exported; a video script never carries them.
- A **CTA button** is a value the ad platforms accept as `call_to_action.type`. Checked
  2026-12-04 against Meta's `AdCreativeLinkDataCallToAction.Type` (facebook-nodejs-business-sdk
  23.0.1) and Google Ads' `CallToActionTypeEnum` (v26): every value below exists on Meta; those
  marked `google=False` have no Google Ads counterpart (mapped to LEARN_MORE there).
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel

from creative_pipeline.domain.abcd import Format


class Angle(str, Enum):
    PAIN = "PAIN"
    ASPIRATION = "ASPIRATION"
    OBJECTION_BUST = "OBJECTION_BUST"
    SOCIAL_PROOF = "SOCIAL_PROOF"
    OFFER_LED = "OFFER_LED"
    COMPARISON = "COMPARISON"
    MYTH_BUST = "MYTH_BUST"
    FOUNDER_STORY = "FOUNDER_STORY"
    DEMO_FIRST = "DEMO_FIRST"
    UNBOXING = "UNBOXING"


Need = Literal["proof", "offer", "founder"]


class AngleSpec(BaseModel):
    """How an angle is written, who usually delivers it and what it needs from the page."""

    angle: Angle
    title: str
    instructions: str
    messenger: str
    format: Format
    temperature: float
    needs: Need | None = None


ANGLES: dict[Angle, AngleSpec] = {spec.angle: spec for spec in (
    AngleSpec(angle=Angle.PAIN, title="Pain", messenger="creator who lives the problem", format=Format.UGC,
              temperature=0.7, instructions="Open on the persona's sharpest pain, make it vivid, then resolve it "
              "with the product."),
    AngleSpec(angle=Angle.ASPIRATION, title="Aspiration", messenger="the persona, after", format=Format.REEL,
              temperature=0.8, instructions="Show the life the persona wants, with the product as the step "
              "that gets them there; one concrete, visual change."),
    AngleSpec(angle=Angle.OBJECTION_BUST, title="Objection bust", messenger="founder or expert",
              format=Format.TALKINGHEAD, temperature=0.7, instructions="Name the persona's objection in the "
              "first line and answer it with a fact from the page."),
    AngleSpec(angle=Angle.SOCIAL_PROOF, title="Social proof", messenger="a real customer's words (quoted from "
              "the page) or a labelled dramatisation", format=Format.UGC, temperature=0.8, needs="proof",
              instructions="Lead with proof the page gives (a review quoted word for word, a stated customer "
              "count). Never invent a customer: quote the page, or say on screen it is a dramatisation."),
    AngleSpec(angle=Angle.OFFER_LED, title="Offer-led", messenger="brand voice", format=Format.STORY,
              temperature=0.7, needs="offer", instructions="Lead with the offer exactly as the page states it, "
              "then one reason to believe; urgency only if the page states one."),
    AngleSpec(angle=Angle.COMPARISON, title="Comparison", messenger="creator running a side-by-side",
              format=Format.SPLITSCREEN, temperature=0.8, instructions="Side by side with the old way (never a "
              "named rival): same task, the difference shown, not claimed."),
    AngleSpec(angle=Angle.MYTH_BUST, title="Myth bust", messenger="expert", format=Format.TALKINGHEAD,
              temperature=0.9, instructions="State a common belief about the category, break it with what the "
              "page explains, land on the product."),
    AngleSpec(angle=Angle.FOUNDER_STORY, title="Founder story", messenger="the founder", format=Format.TALKINGHEAD,
              temperature=0.8, needs="founder", instructions="The founder's why, as the site tells it; no "
              "invented biography."),
    AngleSpec(angle=Angle.DEMO_FIRST, title="Demo first", messenger="hands-only POV", format=Format.REEL,
              temperature=0.7, instructions="The product working in the first 2 seconds; explain while it runs."),
    AngleSpec(angle=Angle.UNBOXING, title="Unboxing", messenger="creator opening the box", format=Format.UGC,
              temperature=0.9, instructions="First-use moment: what arrives, what it looks like, the first "
              "result; only what the page says is in the box."),
)}


class Placement(str, Enum):
    REELS = "REELS"
    TIKTOK = "TIKTOK"
    SHORTS = "SHORTS"
    FEED = "FEED"
    STORIES = "STORIES"


class PlacementSpec(BaseModel):
    placement: Placement
    label: str
    aspect_ratio: str
    max_duration_s: int
    abcd_formats: tuple[Format, ...]  # the video formats that fit it (REEL ↔ Reels/TikTok/Shorts, STORY ↔ Stories)


_VERTICAL = (Format.UGC, Format.TALKINGHEAD, Format.SPLITSCREEN)
PLACEMENTS: dict[Placement, PlacementSpec] = {spec.placement: spec for spec in (
    PlacementSpec(placement=Placement.REELS, label="Instagram / Facebook Reels", aspect_ratio="9:16",
                  max_duration_s=60, abcd_formats=(Format.REEL, *_VERTICAL)),
    PlacementSpec(placement=Placement.TIKTOK, label="TikTok In-Feed", aspect_ratio="9:16", max_duration_s=60,
                  abcd_formats=(Format.REEL, *_VERTICAL)),
    PlacementSpec(placement=Placement.SHORTS, label="YouTube Shorts", aspect_ratio="9:16", max_duration_s=60,
                  abcd_formats=(Format.REEL, *_VERTICAL)),
    PlacementSpec(placement=Placement.FEED, label="Facebook / Instagram Feed", aspect_ratio="4:5", max_duration_s=60,
                  abcd_formats=_VERTICAL),
    PlacementSpec(placement=Placement.STORIES, label="Instagram / Facebook Stories", aspect_ratio="9:16",
                  max_duration_s=60, abcd_formats=(Format.STORY, *_VERTICAL)),
)}

VIDEO_FORMATS: tuple[Format, ...] = (Format.UGC, Format.REEL, Format.STORY, Format.TALKINGHEAD, Format.SPLITSCREEN)
IMAGE_ONLY_FORMATS: tuple[Format, ...] = (Format.STATIC, Format.CAROUSEL)


class CtaButton(str, Enum):
    LEARN_MORE = "LEARN_MORE"
    SHOP_NOW = "SHOP_NOW"
    SIGN_UP = "SIGN_UP"
    GET_OFFER = "GET_OFFER"
    ORDER_NOW = "ORDER_NOW"
    BUY_NOW = "BUY_NOW"
    DOWNLOAD = "DOWNLOAD"
    BOOK_NOW = "BOOK_NOW"
    CONTACT_US = "CONTACT_US"
    SUBSCRIBE = "SUBSCRIBE"
    GET_QUOTE = "GET_QUOTE"
    APPLY_NOW = "APPLY_NOW"
    WATCH_MORE = "WATCH_MORE"


CTA_LABELS: dict[CtaButton, str] = {
    CtaButton.LEARN_MORE: "Learn more", CtaButton.SHOP_NOW: "Shop now", CtaButton.SIGN_UP: "Sign up",
    CtaButton.GET_OFFER: "Get offer", CtaButton.ORDER_NOW: "Order now", CtaButton.BUY_NOW: "Buy now",
    CtaButton.DOWNLOAD: "Download", CtaButton.BOOK_NOW: "Book now", CtaButton.CONTACT_US: "Contact us",
    CtaButton.SUBSCRIBE: "Subscribe", CtaButton.GET_QUOTE: "Get quote", CtaButton.APPLY_NOW: "Apply now",
    CtaButton.WATCH_MORE: "Watch more",
}

# dimension -> {code: label}: what `creative_vocabulary` in supabase/seed.sql must hold
VOCABULARIES: dict[str, dict[str, str]] = {
    "angle": {a.value: s.title for a, s in ANGLES.items()},
    "placement": {p.value: s.label for p, s in PLACEMENTS.items()},
    "cta_button": {c.value: label for c, label in CTA_LABELS.items()},
}
