"""Commands of the later stages (demo, media, performance) register here."""

from __future__ import annotations

import argparse


def register_extensions(sub: argparse._SubParsersAction) -> None:
    from creative_pipeline.cli.brand import register as register_brand
    from creative_pipeline.cli.check_copy import register as register_check_copy
    from creative_pipeline.cli.check_models import register as register_check_models
    from creative_pipeline.cli.estimate import register as register_estimate
    from creative_pipeline.cli.export import register as register_export
    from creative_pipeline.cli.performance import register as register_performance
    from creative_pipeline.cli.review import register as register_review
    from creative_pipeline.cli.studio import register as register_studio
    from creative_pipeline.demo.command import register as register_demo

    register_demo(sub)
    register_check_models(sub)
    register_estimate(sub)
    register_review(sub)
    register_export(sub)
    register_performance(sub)
    register_check_copy(sub)
    register_studio(sub)
    register_brand(sub)
