"""Each rule against lines it must flag and ordinary lines it must leave alone, in several
phrasings (the rules must generalise, not memorise the examples in the issue)."""

import pytest

from creative_pipeline.compliance import check_text, load_ruleset

# rule id -> (lines it flags, ordinary lines that share its words but make no such claim)
CASES: dict[str, tuple[list[str], list[str]]] = {
    "health.disease_claim": (
        ["Cures diabetes in 30 days", "It healed my arthritis for good", "Clinically shown to prevent migraines",
         "Reverse your type 2 diabetes naturally", "Kiss your eczema goodbye", "Acne-free skin in a week",
         "No more back pain, ever", "The miracle pill everyone is talking about", "Boosts your immune system",
         "Don't wait: our tea cures diabetes"],
        ["The cure for boring mornings", "Treat yourself this weekend", "Prevent spills with a sealed lid",
         "Heal the planet one refill at a time", "This tea is not a miracle cure", "Beat the Monday rush"],
    ),
    "health.regulator_approval": (
        ["FDA-approved formula", "Approved by the FDA for daily use", "The only FDA cleared patch", "Health Canada certified"],
        ["Made in our own kitchen", "Approved by our tasting panel"],
    ),
    "health.clinical_proof": (
        ["Clinically proven hydration", "Dermatologist-recommended for dry skin", "Recommended by doctors nationwide",
         "Scientifically proven to wake you up"],
        ["Loved by baristas", "Not clinically tested, just tasty"],
    ),
    "health.disease_reference": (
        ["Made for people with insomnia", "Our community for cancer survivors"],
        ["Sugar-free syrups in six flavours", "Gluten-free bread that tastes like bread"],
    ),
    "weight.loss_promise": (
        ["Lose 10 kg in a week", "I dropped 30 pounds in one month", "Shed 5 kilos before summer",
         "Melt belly fat while you sleep", "Lose weight fast without dieting", "The fat burner that works",
         "Drop two dress sizes in 3 weeks", "8 lbs down in 10 days"],
        ["Lose the clutter, not your mind", "Shed the winter coat and get outside", "Drop in for a free tasting",
         "Burn the midnight oil with our cold brew", "We don't promise you'll lose weight"],
    ),
    "weight.before_after": (
        ["See my before and after photos!", "Her before/after will shock you", "Before & after results in 6 weeks",
         "My body transformation in 90 days"],
        ["Before and after work, it keeps you going", "Stretch before and after your run",
         "Our before/after kitchen makeover", "[Before / after] Stop scrolling if mornings drag"],
    ),
    "attributes.personal_question": (
        ["Are you struggling with debt?", "Still struggling with bad credit? Click here.", "Are you diabetic?",
         "Are you over 50 and single?", "Meet other Christian singles tonight", "Do you suffer from hair loss?",
         "You're overweight and you know it", "Tired of struggling with your weight?", "As a single mom, you deserve a break",
         "Over 40? Read this.", "Is your diabetes out of control?", "Dealing with depression? We get it."],
        ["Are you ready for summer?", "Are you sick of waiting in line?", "Compare insurance quotes in two minutes",
         "Perfect for busy parents", "Save up to 40% this Black Friday", "Are you a coffee lover?"],
    ),
    "finance.guaranteed_returns": (
        ["Guaranteed returns of 12% a year", "Profits guaranteed or your money back", "Risk-free investment in gold",
         "Double your money in 30 days", "Get rich quick with our signals", "Never lose a trade again",
         "Instant loan approval, no questions"],
        ["Compare savings accounts side by side", "Track your spending and set savings goals",
         "Guaranteed next-day delivery"],
    ),
    "finance.income_claim": (
        ["Make $5,000 a month from home", "Earn 300 dollars per day on your phone", "I made $10k in one week",
         "Make money online while you sleep", "Quit your 9-5 today", "Build a six-figure income from your laptop",
         "Start earning passive income", "$200/day working from home"],
        ["Earn points on every order", "Make your own pasta at home in 10 minutes", "Plans from $9 a month",
         "Earn your stripes on the trail"],
    ),
    "certainty.absolute": (
        ["Results guaranteed", "100% risk-free, cancel anytime", "100% effective on every stain", "It never fails",
         "Works every time", "Permanent results after one session", "No risk, all reward"],
        ["30-day money-back guarantee", "Satisfaction guaranteed or your money back", "Made from 100% organic cotton",
         "Guaranteed fresh, roasted to order", "No risk of burnt beans: we roast to order", "Free returns within 60 days"],
    ),
    "superlative.unproven": (
        ["The best coffee in the world", "The world's first smart mug", "#1 rated app for language learning",
         "Better than any other vacuum on the market", "The greatest burger ever made", "America's best pizza",
         "The finest tea on the planet", "Unbeatable prices"],
        ["Voted best cafe in Leeds by the Evening Post", "Our best-selling blend is back", "The best way to start your day",
         "Our best offer of the year ends Sunday", "Be your best self"],
    ),
}


def _rules_hit(text: str) -> set[str]:
    return {r.rule_id for r in check_text(text).reasons}


@pytest.mark.parametrize(("rule", "line"), [(rule, line) for rule, (pos, _) in CASES.items() for line in pos])
def test_rule_flags_its_claims(rule: str, line: str) -> None:
    assert rule in _rules_hit(line), check_text(line)


@pytest.mark.parametrize(("rule", "line"), [(rule, line) for rule, (_, neg) in CASES.items() for line in neg])
def test_rule_leaves_ordinary_lines_alone(rule: str, line: str) -> None:
    assert rule not in _rules_hit(line), check_text(line)


@pytest.mark.parametrize(("line", "verdict"), [
    ("free shipping over $30", "GREEN"), ("compare insurance quotes", "GREEN"), ("treat yourself", "GREEN"),
    ("cures diabetes", "RED"), ("lose 10 kg in a week", "RED"), ("are you struggling with debt?", "RED"),
    ("guaranteed returns", "RED"), ("make $5,000 a month from home", "RED"),
    ("100% risk-free", "YELLOW"), ("the best coffee in the world", "YELLOW"),
])
def test_the_issue_examples(line: str, verdict: str) -> None:
    assert check_text(line).verdict == verdict


def test_every_rule_names_its_policy_on_each_platform_and_a_severity() -> None:
    ruleset = load_ruleset()
    assert ruleset.version == "v2" and len(ruleset.rules) >= 10
    # every v1 rule has its positive and negative cases here; v2's new rules in test_rules_v2.py
    assert set(CASES) == {r.id for r in load_ruleset("rules.v1.yaml").rules}
    for rule in ruleset.rules:
        assert set(rule.policies) == {"meta", "google", "tiktok"} and all(rule.policies.values())
        assert rule.severity in ("RED", "YELLOW") and rule.area and rule.description


def test_a_reason_names_rule_policy_area_phrase_and_the_milder_cousin_is_not_repeated() -> None:
    verdict = check_text("Our tea cures diabetes. Guaranteed.")
    assert verdict.verdict == "RED"
    by_rule = {r.rule_id: r for r in verdict.reasons}
    assert by_rule["health.disease_claim"].matched == "cures diabetes"
    assert by_rule["health.disease_claim"].policy_area == "health and disease claims"
    assert "Health and Wellness" in by_rule["health.disease_claim"].policies["meta"]
    assert by_rule["certainty.absolute"].severity == "YELLOW"
    assert "health.disease_reference" not in by_rule  # "diabetes" is inside the RED claim already
