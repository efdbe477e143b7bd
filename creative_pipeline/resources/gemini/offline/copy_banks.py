"""Copy banks for the offline provider: plain data, kept apart from its logic."""

from __future__ import annotations

# (first name, archetype, age range, pain, goal, channels)
ARCHETYPES: list[tuple[str, str, str, str, str, list[str]]] = [
    ("Dana", "busy founder", "30-44", "no time for anything but the business", "buy back an hour a day", ["LinkedIn", "Instagram"]),
    ("Marco", "budget-savvy student", "18-24", "every euro counts", "get more for less", ["TikTok", "YouTube"]),
    ("Priya", "health-conscious parent", "30-44", "worries about what the family consumes", "feel good about daily choices", ["Instagram", "Pinterest"]),
    ("Sam", "remote team lead", "25-34", "afternoon slumps in back-to-back calls", "stay sharp all day", ["LinkedIn", "Reddit"]),
    ("Grace", "early adopter", "25-34", "bored of the same old brands", "discover something worth sharing", ["TikTok", "X"]),
    ("Leo", "weekend adventurer", "25-44", "gear and routines that don't travel", "keep the routine on the road", ["Instagram", "YouTube"]),
    ("Ruth", "quality-first retiree", "60-74", "distrusts hype and gimmicks", "buy once, buy well", ["Facebook", "Email"]),
    ("Kenji", "eco-minded professional", "25-44", "guilt about waste and packaging", "live lighter without sacrifice", ["Instagram", "Reddit"]),
]

HOOKS: list[str] = [
    "Stop scrolling if {pain} sounds like you.",
    "I tried {name} for 30 days so you don't have to.",
    "3 things nobody tells you about {topic}.",
    "POV: you finally fixed {pain}.",
    "Why is nobody talking about this {topic} trick?",
    "We put {name} next to the usual option. Watch.",
    "Is {pain} costing you more than you think?",
    "My friends didn't believe me until they tried {name}.",
]


HEADLINES: list[str] = [
    "{name}: {goal}",
    "The easiest way to {goal}",
    "{topic}, minus the hassle",
    "Why people are switching to {name}",
    "Finally: {goal}",
    "{name} in 10 seconds",
]
