"""Commands of the later stages (demo, media, performance) register here."""

from __future__ import annotations

import argparse


def register_extensions(sub: argparse._SubParsersAction) -> None:
    from creative_pipeline.demo.command import register as register_demo

    register_demo(sub)
