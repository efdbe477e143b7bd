"""Copy banks for the offline provider's timed scripts: hooks per angle (plain data).

No figures, ratings or customers here: offline copy may only repeat what the company gave
(UVP, page quotes), so it passes the grounding check by construction. `{name}` is the brand,
`{topic}` the page's first keyword, `{who}` the persona's archetype. Each hook is
(on-screen text ≤ 7 words, spoken line ≤ 10 words, first-frame visual).
"""

from __future__ import annotations

from creative_pipeline.domain.vocabulary import Angle, CtaButton

Hook = tuple[str, str, str]

HOOKS: dict[Angle, list[Hook]] = {
    Angle.PAIN: [
        ("{who}? This one's for you", "If mornings beat you every day, meet {name}.", "tired face, product on the counter"),
        ("The {topic} struggle is real", "Tired of the same {topic} hassle? Watch {name}.", "messy counter, the product in frame"),
        ("Stop settling for this", "Stop settling. {name} makes {topic} easy.", "sigh at a bad result, product enters"),
        ("That daily hassle? Gone.", "That daily hassle you hate? {name} ends it.", "close-up of frustration, then the product"),
        ("Why is this still hard?", "Why is {topic} still hard? Try {name}.", "hands fumbling, product placed down"),
    ],
    Angle.ASPIRATION: [
        ("Picture your calmest morning", "Picture your calmest morning. {name} starts it.", "sunlit kitchen, product in hand"),
        ("Future you says thanks", "Future you will thank you for {name}.", "slow pan to the product on a tidy table"),
        ("The upgrade you deserve", "You deserve better {topic}. This is {name}.", "product reveal in warm light"),
        ("Small change, big difference", "One small change: {name}. Big difference.", "before-after split with the product"),
        ("This is your new routine", "Your new routine starts with {name}.", "the product in a morning routine montage"),
    ],
    Angle.OBJECTION_BUST: [
        ("Worried it's not worth it?", "Think {name} isn't worth it? Here's why.", "talking head holding the product"),
        ("Skeptical? Fair. Watch.", "Skeptical about {name}? Fair. Watch this.", "raised eyebrow, product on desk"),
        ("The catch? Let's see.", "What's the catch with {name}? Let's check.", "product box turned over to the label"),
        ("Burned before? Same here.", "Burned by {topic} before? {name} is different.", "shrug, then the product"),
        ("Your question, answered honestly", "Your biggest question about {name}, answered.", "creator reading a comment, product beside"),
    ],
    Angle.SOCIAL_PROOF: [
        ("Real words from a customer", "Here's what a {name} customer actually said.", "the quote on screen over the product"),
        ("Don't take our word", "Don't take our word for {name}.", "review card next to the product"),
        ("Customers said it first", "A customer said it better than we could.", "handwritten quote, product in frame"),
        ("What people tell us", "This is what people tell us about {name}.", "product with a review overlay"),
        ("Straight from a review", "Straight from a {name} review, word for word.", "scrolling review, product pinned"),
    ],
    Angle.OFFER_LED: [
        ("Your first {name} box deal", "Your first order of {name} comes with a deal.", "the offer on screen, product box"),
        ("Read the offer. Then decide.", "Read the {name} offer, then decide.", "offer card beside the product"),
        ("A better way to start", "Start {name} the easy way: see the offer.", "product unboxed, offer text"),
        ("The offer, plainly", "Here's the {name} offer, no fine print games.", "creator pointing at the offer"),
        ("Try it for less", "Try {name} for less, as the site says.", "price card and product"),
    ],
    Angle.COMPARISON: [
        ("Old way vs {name}", "Old way versus {name}. Same task. Watch.", "split screen: old way left, product right"),
        ("Side by side, no filter", "Side by side: the usual way and {name}.", "two counters, product on one"),
        ("Guess which one is faster", "Guess which is easier: this, or {name}?", "split screen race with the product"),
        ("The usual way, then this", "The usual way takes ages. Then {name}.", "timer on screen beside the product"),
        ("Same job, two ways", "Same job, two ways. One is {name}.", "mirrored shots, product revealed"),
    ],
    Angle.MYTH_BUST: [
        ("Myth: good {topic} takes effort", "Myth: great {topic} takes effort. {name} says no.", "expert to camera with the product"),
        ("Everyone gets this wrong", "Everyone gets {topic} wrong. Here's {name}.", "whiteboard, product beside it"),
        ("You were told a lie", "You were told {topic} had to be hard.", "product tapped on the table"),
        ("Stop believing this", "Stop believing {topic} needs fancy gear. See {name}.", "gear pushed aside, product stays"),
        ("The truth about {topic}", "The truth about {topic}, in one product: {name}.", "product close-up, expert voice"),
    ],
    Angle.FOUNDER_STORY: [
        ("Why we started {name}", "Why I started {name}, in one minute.", "founder holding the product"),
        ("It began with a problem", "{name} began with a problem I couldn't ignore.", "founder at the workbench, product"),
        ("The story behind {name}", "The story behind {name}, from day one.", "old photo, then the product"),
        ("Made because we needed it", "We made {name} because we needed it.", "founder packing the product"),
        ("From our kitchen to yours", "{name} went from our kitchen to yours.", "founder's kitchen, product"),
    ],
    Angle.DEMO_FIRST: [
        ("Watch {name} work", "Watch {name} work. No edits.", "hands using the product, one take"),
        ("Start to finish, shown", "Here's {name}, start to finish.", "POV hands, product in use"),
        ("Just watch this", "Just watch what {name} does.", "product in action, macro shot"),
        ("Real use, real time", "Real use, real time: {name}.", "timer overlay, product in use"),
        ("How it actually works", "How {name} actually works, shown not told.", "step-by-step hands with the product"),
    ],
    Angle.UNBOXING: [
        ("Opening my first {name}", "Opening my first {name} box with you.", "box on the doorstep, brand label"),
        ("What's inside the box?", "What's inside a {name} box? Let's see.", "box opened, product lifted out"),
        ("First use, no script", "First time using {name}, honestly.", "creator unpacking the product"),
        ("Unbox it with me", "Unbox {name} with me.", "hands slicing tape, product reveal"),
        ("It just arrived", "My {name} order just arrived.", "parcel on the table, product inside"),
    ],
}

CTA_BY_ANGLE: dict[Angle, CtaButton] = {Angle.OFFER_LED: CtaButton.GET_OFFER, Angle.UNBOXING: CtaButton.ORDER_NOW,
                                        Angle.DEMO_FIRST: CtaButton.SHOP_NOW, Angle.FOUNDER_STORY: CtaButton.LEARN_MORE}
CTA_LINES: dict[CtaButton, str] = {CtaButton.GET_OFFER: "Tap to get the offer.", CtaButton.ORDER_NOW: "Order yours today.",
                                   CtaButton.SHOP_NOW: "Tap shop now.", CtaButton.LEARN_MORE: "Tap to learn more.",
                                   CtaButton.SIGN_UP: "Sign up in a tap."}
