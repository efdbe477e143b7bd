"""The key a paid image is kept under changes with everything that shapes the picture."""

from creative_pipeline.resources.gemini.sdk.media_client import image_key

BASE = dict(model="nano", prompt="a cup of cold brew", references=[b"png-1"], aspect_ratio="9:16", size="1K", variant=2)


def test_the_same_request_has_the_same_key() -> None:
    assert image_key(**BASE) == image_key(**{**BASE, "references": [b"png-1"]})


def test_every_input_that_shapes_the_image_changes_the_key() -> None:
    changes = [{"model": "pro"}, {"prompt": "a cup of tea"}, {"references": [b"png-2"]}, {"references": []},
               {"aspect_ratio": "1:1"}, {"size": "2K"}, {"variant": 3}]
    keys = {image_key(**{**BASE, **change}) for change in changes}
    assert len(keys) == len(changes) and image_key(**BASE) not in keys
