"""One module per stage, named as the asset."""

from creative_pipeline.assets.ad_images import ad_images
from creative_pipeline.assets.ad_scripts import ad_scripts
from creative_pipeline.assets.ad_videos import ad_videos
from creative_pipeline.assets.brief_revisions import brief_revisions
from creative_pipeline.assets.company_context import company_context
from creative_pipeline.assets.creative_briefs import creative_briefs
from creative_pipeline.assets.performance_data import performance_data
from creative_pipeline.assets.performance_insights import performance_insights
from creative_pipeline.assets.personas import personas
from creative_pipeline.assets.script_compliance import script_compliance
from creative_pipeline.assets.script_scores import script_scores
from creative_pipeline.assets.winners import winners

GENERATION_ASSETS = [
    company_context, personas, ad_scripts, script_scores, script_compliance, winners, creative_briefs,
]
GENERATION_ORDER = [a.key.to_user_string() for a in GENERATION_ASSETS]
MEDIA_ASSETS = [ad_images, ad_videos]
MEDIA_ORDER = [a.key.to_user_string() for a in MEDIA_ASSETS]
PIPELINE_ORDER = GENERATION_ORDER + MEDIA_ORDER
PERFORMANCE_ASSETS = [performance_data, performance_insights]
REVIEW_ASSETS = [brief_revisions]  # not in the chain: runs when a reviewer sends a brief back
