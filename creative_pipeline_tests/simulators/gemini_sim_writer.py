"""A writer for the prompts whose replies have rules beyond the schema (angle plans, timed scripts).

Random schema-valid strings cannot keep cross-field rules (beats in order, the brand by second
5, words that fit the seconds), and a real model mostly does, so the simulator answers these two
schemas like a careful copywriter by default (`writer="careful"`). `writer="lax"` answers like
a lax one on the first ask of each batch: invented proof ("trusted by 50,000 happy customers",
"rated 4.9 stars", "award-winning"), spoken lines far over their time, and items repeated word
for word; asked again with the faults named, it writes carefully (the repair path).
`writer="stubborn"` stays lax when asked again (the set-aside path).
"""

from __future__ import annotations

import random
import re
from typing import Any

INVENTED = ("Trusted by 50,000 happy customers.", "Rated 4.9 stars by our community.", "The award-winning choice.")
OVERLONG = ("honestly this is the one thing that changed every single morning for me and my whole family "
            "because it is quick and easy and it tastes great and I cannot stop telling people about it")


_NOUNS = ("mornings", "routine", "commute", "habit", "ritual", "weekend", "shortcut", "desk", "kitchen", "break",
          "budget", "schedule", "playlist", "inbox", "workout", "evening", "lunch")
_ADJ = ("Quiet", "Messy", "Rushed", "Lazy", "Busy", "Slow", "Bright", "Tired", "Chaotic", "Calm", "Early", "Late", "Cosy")
_VERB = ("fixed", "upgraded", "rescued", "sorted", "transformed", "simplified", "reset", "saved", "rebuilt", "elevated",
         "cleared")
_VERB2 = ("rescues", "sorts", "lifts", "brightens", "simplifies", "powers", "resets", "frees", "fuels", "calms",
          "rewires", "smooths", "sharpens", "steadies", "warms", "clears", "boosts", "guards", "tunes")


def _props(body: dict[str, Any]) -> dict[str, Any]:
    config = body.get("generationConfig") or {}
    schema = config.get("responseSchema") or config.get("response_schema") or {}
    return schema.get("properties") or {}


def _prompt(body: dict[str, Any]) -> str:
    return "\n".join(p.get("text", "") for c in body.get("contents") or [] for p in c.get("parts") or [])


def _brand(prompt: str) -> str:
    match = re.search(r"^Company: (.+)$", prompt, re.M)
    return match[1].strip() if match else "the brand"


def _plan(prompt: str, rng: random.Random) -> dict[str, Any]:
    allowed = re.findall(r"\b([A-Z][A-Z_]+) \(", prompt.split("choosing only among:", 1)[-1].split("\n\n")[0] + "\n")
    formats = ["UGC", "REEL", "STORY", "TALKINGHEAD", "SPLITSCREEN"]
    return {"angles": [{"angle": a, "messenger": "creator", "format": formats[i % 5],
                        "idea": f"{a.title().replace('_', ' ')} for this company", "proof": ""}
                       for i, a in enumerate(allowed)]}


def _script(brand: str, n: int, rng: random.Random, lax: bool, dramatised: bool) -> dict[str, Any]:
    w1, w2, w3 = (_NOUNS[(n * 3 + k) % len(_NOUNS)] for k in range(3))
    hooks = [{"visual": f"{brand} product close-up, {w}",
              "on_screen_text": f"{_ADJ[(n * 3 + k) % len(_ADJ)]} {w} {_VERB[(n * 3 + k) % len(_VERB)]}",
              "spoken": f"{brand} {_VERB2[(n * 3 + k) % len(_VERB2)]} every {w}."} for k, w in enumerate((w1, w2, w3))]
    spoken_2 = OVERLONG if lax else f"Here is how {brand} fits your {w1}."
    claim = " ".join(INVENTED) if lax else f"Made for your {w2}, every day."
    return {
        "placement": ["REELS", "TIKTOK", "SHORTS", "FEED", "STORIES"][n % 5], "duration_s": 15,
        "hook": hooks[0], "hook_alternatives": hooks[1:],
        "beats": [
            {"start_s": 0, "end_s": 4, "visual": hooks[0]["visual"], "spoken": hooks[0]["spoken"],
             "on_screen_text": hooks[0]["on_screen_text"] + (" · Dramatisation" if dramatised else "")},
            {"start_s": 4, "end_s": 8, "visual": "the product in use", "spoken": spoken_2, "on_screen_text": claim[:80]},
            {"start_s": 8, "end_s": 12, "visual": "the result", "spoken": f"Your {w3}, sorted.", "on_screen_text": w3},
            {"start_s": 12, "end_s": 15, "visual": f"{brand} logo", "spoken": "Tap to learn more.",
             "on_screen_text": "Learn more"},
        ],
        "objection": "price", "proof_quote": "", "is_dramatisation": dramatised,
        "cta_button": "LEARN_MORE", "cta_line": "Tap to learn more.",
        "primary_text": (claim + f" {brand} for your {w1}.")[:125], "headline": f"{brand}: {w1}"[:40],
        "keywords": [w1, w2],
        "abcd": {"scene_setting": "HOME", "scene_subject": "SOLO", "action": "DEMO", "driver": "JOY",
                 "format": ["UGC", "REEL", "STORY", "TALKINGHEAD", "SPLITSCREEN"][n % 5]},
    }


def write(body: dict[str, Any], mode: str, index: int, rng: random.Random) -> dict[str, Any] | None:
    """The reply for an angle-plan or timed-script prompt; None for every other prompt."""
    props = _props(body)
    prompt = _prompt(body)
    if "angles" in props and "Plan the advertising angles" in prompt:
        return _plan(prompt, rng)
    if "scripts" not in props or "beats" not in str(props["scripts"]):
        return None
    brand = _brand(prompt)
    asked_again = "A previous reply broke these rules" in prompt
    lax = mode == "stubborn" or (mode == "lax" and not asked_again)
    dramatised = "Angle: Social proof" in prompt
    scripts = [_script(brand, index * 5 + i, rng, lax and i < 2, dramatised) for i in range(5)]
    if lax:
        scripts[4] = scripts[3]  # an item repeated word for word
    return {"scripts": scripts}
