"""Apply the rule set (rules.vN.yaml) to copy: one `CopyVerdict` per text or per set of fields.

A rule matches when one of its patterns matches and neither an allowance (ordinary usage, in
the same sentence) nor, for negatable rules, a negation just before the match clears it. The
verdict is the most severe matching rule; every match becomes a reason with the phrase.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel

from creative_pipeline.compliance.models import CopyVerdict, Reason, Severity, worst

# the rule set in use. Older files stay in the package: a stored verdict names the version that
# decided it (script_compliance.ruleset_version), and load_ruleset("rules.v1.yaml") reproduces it
RULES_FILE = "rules.v2.yaml"
_TERM = re.compile(r"\{([a-z_]+)\}")
# a negation in the same clause, at most two words before the match ("not a miracle cure"); a
# comma or colon ends the clause, so "Don't wait: cures diabetes" is not negated
_NEGATION = re.compile(r"\b(?:not|no|never|without|nothing|don't|doesn't|won't|isn't|can't|cannot|n't)\s+(?:[\w'-]+\s+){0,2}$",
                       re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\n]")


class Rule(BaseModel):
    id: str
    area: str
    policies: dict[str, str]
    severity: Severity
    description: str
    negatable: bool = False
    patterns: list[re.Pattern[str]]
    allow: list[re.Pattern[str]] = []

    model_config = {"arbitrary_types_allowed": True}


class RuleSet(BaseModel):
    version: str
    rules: list[Rule]


def _expand(pattern: str, terms: dict[str, str]) -> str:
    return _TERM.sub(lambda m: terms[m[1]] if m[1] in terms else m[0], pattern)


def parse_ruleset(document: dict, version_label: str) -> RuleSet:
    """Build a RuleSet from the YAML document: expand `{term}`s (terms may use terms), compile."""
    terms: dict[str, str] = {}
    for name, value in (document.get("terms") or {}).items():
        terms[name] = re.sub(r"\s*\|\s*", "|", str(value).strip())
    for _ in range(3):  # terms referring to terms, e.g. hardships -> diseases
        terms = {k: _expand(v, terms) for k, v in terms.items()}
    rules = [
        Rule(**{**raw, "patterns": [re.compile(_expand(p, terms), re.IGNORECASE) for p in raw["patterns"]],
                "allow": [re.compile(_expand(a, terms), re.IGNORECASE) for a in raw.get("allow", [])]})
        for raw in document["rules"]
    ]
    return RuleSet(version=version_label, rules=rules)


@lru_cache(maxsize=4)
def load_ruleset(file: str = RULES_FILE) -> RuleSet:
    """A shipped rule set (package data; the one in use by default), parsed once per process."""
    text = resources.files("creative_pipeline.compliance").joinpath(file).read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    return parse_ruleset(document, f"v{document['version']}")


def _sentence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left: right.start() if right else len(text)]


def _cleared(rule: Rule, text: str, match: re.Match[str]) -> bool:
    if rule.negatable and _NEGATION.search(text[max(0, match.start() - 40): match.start()]):
        return True
    sentence = _sentence(text, match.start(), match.end())
    return any(a.search(sentence) for a in rule.allow)


def rule_reasons(text: str, field: str | None = None, ruleset: RuleSet | None = None) -> list[Reason]:
    """Every rule that matches `text` (one reason per rule: its first uncleared match).

    A rule whose phrase is already covered by a more specific reason (the disease named inside
    a RED cure claim) is not repeated as its milder cousin."""
    ruleset = ruleset or load_ruleset()
    found: list[Reason] = []
    spans: list[tuple[int, int]] = []
    for rule in sorted(ruleset.rules, key=lambda r: r.severity != "RED"):
        for pattern in rule.patterns:
            match = next((m for m in pattern.finditer(text) if not _cleared(rule, text, m)), None)
            if match is None:
                continue
            if rule.severity == "YELLOW" and any(s <= match.start() and match.end() <= e for s, e in spans):
                break
            spans.append(match.span())
            found.append(Reason(rule_id=rule.id, policy_area=rule.area, policies=rule.policies, severity=rule.severity,
                                matched=match.group(0).strip(), field=field, note=rule.description))
            break
    return found


def check_text(text: str, ruleset: RuleSet | None = None) -> CopyVerdict:
    reasons = rule_reasons(text, None, ruleset)
    return CopyVerdict(text=text, verdict=worst([r.severity for r in reasons]), reasons=reasons)


def check_fields(fields: dict[str, str], ruleset: RuleSet | None = None) -> CopyVerdict:
    """One verdict over several named fields (a script's headline/hook/body/cta, a brief's
    on-screen text); each reason says which field it came from."""
    reasons = [r for name, value in fields.items() if value for r in rule_reasons(value, name, ruleset)]
    joined = " | ".join(v for v in fields.values() if v)
    return CopyVerdict(text=joined, verdict=worst([r.severity for r in reasons]), reasons=reasons)
