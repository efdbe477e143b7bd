"""Ad-policy compliance: rules kept as data (rules.vN.yaml) and pure verdicts over copy.

Nothing here touches the database or the network: text in, verdict out. The Gemini check and
the storage of verdicts live in resources/ and assets/; this package only decides and merges.
"""

from creative_pipeline.compliance.engine import check_fields, check_text, load_ruleset
from creative_pipeline.compliance.models import CopyVerdict, Reason, Verdict, worst

__all__ = ["CopyVerdict", "Reason", "Verdict", "check_fields", "check_text", "load_ruleset", "worst"]
