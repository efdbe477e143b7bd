"""Asset checks, one module per stage (`checks/<stage>.py`, named as the asset it guards)."""

from creative_pipeline.checks.ad_images import image_objects_present, image_set_per_winner
from creative_pipeline.checks.ad_scripts import hundred_scripts
from creative_pipeline.checks.ad_videos import videos_only_for_approved
from creative_pipeline.checks.company_context import brand_images_present, context_present
from creative_pipeline.checks.creative_briefs import brief_per_winner
from creative_pipeline.checks.personas import five_distinct_personas
from creative_pipeline.checks.script_compliance import verdict_per_script
from creative_pipeline.checks.script_scores import scores_in_range
from creative_pipeline.checks.winners import ten_winners

GENERATION_CHECKS = [
    context_present, brand_images_present, five_distinct_personas, hundred_scripts, scores_in_range, verdict_per_script, ten_winners,
    brief_per_winner,
]
MEDIA_CHECKS = [image_objects_present, image_set_per_winner, videos_only_for_approved]
