"""A SYNTHETIC Meta Ads Manager export for the demo company's creatives.

The demo has no real ad account, so this writes what Ads Manager would export (daily breakdown,
`Amount spent (USD)` with the currency in the header, quoted thousands, a totals row, an ad
renamed by a person with " - Copy", one ad that is not ours) with made-up but deterministic
numbers: some ABCD drivers and formats are given a better CTR so the insights have something to
find. The file name and a warning in the import say it is synthetic.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
from datetime import date, timedelta

from creative_pipeline.domain.naming import parse_creative_name

STRONG = {"FOMO": 1.6, "CURIOSITY": 1.35, "UGC": 1.3, "REEL": 1.2}
HEADER = ["Reporting starts", "Reporting ends", "Ad name", "Day", "Ad delivery", "Amount spent (USD)",
          "Impressions", "Link clicks", "CTR (link click-through rate)", "Purchases", "Purchases conversion value"]


def synthetic_meta_export(creative_names: list[str], end: date, days: int = 14) -> bytes:
    start = end - timedelta(days=days - 1)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    totals = [0.0, 0, 0]
    rows = []
    for i, name in enumerate(creative_names):
        parsed = parse_creative_name(name)
        lift = 1.0
        if parsed:
            lift = STRONG.get(parsed.driver, 1.0) * STRONG.get(parsed.format, 1.0)
        ad_name = name + (" - Copy" if i == 1 else "")
        rng = random.Random(int(hashlib.sha256(name.encode()).hexdigest()[:8], 16))
        for d in range(days):
            day = start + timedelta(days=d)
            impressions = rng.randint(2_000, 9_000)
            clicks = int(impressions * 0.012 * lift * rng.uniform(0.8, 1.2))
            spend = round(impressions / 1000 * rng.uniform(6, 11), 2)
            purchases = int(clicks * rng.uniform(0.03, 0.07))
            rows.append([start, end, ad_name, day, "active", f"{spend:,.2f}", f"{impressions:,}", f"{clicks:,}",
                         f"{100 * clicks / impressions:.2f}", purchases, f"{purchases * 24:,.2f}"])
            totals = [totals[0] + spend, totals[1] + impressions, totals[2] + clicks]
    rows.append([start, end, "Spring test - not from this pipeline", end, "active", "12.00", "1,000", "9", "0.90", 0, ""])
    writer.writerow([start, end, "", "", "", f"{totals[0]:,.2f}", f"{totals[1]:,}", f"{totals[2]:,}", "", "", ""])
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
