"""Turn twitter-text's official conformance YAML into this project's test data.

Reads ../shared/conformance/twitter-text (validate.yml: the weighted-length
sections; extract.yml: the URL and mention sections) and writes
tests/engine/data/twitter_conformance.json, so the tests never need ../shared.

    python scripts/gen_conformance_data.py [CONFORMANCE_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "conformance" / "twitter-text"
OUT = ROOT / "tests" / "engine" / "data" / "twitter_conformance.json"

WEIGHTED = {
    # section → the configuration its expectations were computed with
    "WeightedTweetsWithDiscountedEmojiCounterTest": "v3",
    "UnicodeDirectionalMarkerCounterTest": "v3",
    "WeightedTweetsCounterTest": "v2",  # v2: no emoji discount; kept for reference
}
URL_SECTIONS = (
    "urls",
    "urls_with_indices",
    "urls_with_directional_markers",
    "tco_urls_with_params",
)

MENTION_SECTIONS = ("mentions", "mentions_with_indices")


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    validate = yaml.safe_load((source / "validate.yml").read_text(encoding="utf-8"))["tests"]
    extract = yaml.safe_load((source / "extract.yml").read_text(encoding="utf-8"))["tests"]
    weighted = [
        {
            "section": section,
            "config": config,
            "description": case["description"],
            "text": case["text"],
            "weighted_length": case["expected"]["weightedLength"],
            "valid": case["expected"]["valid"],
        }
        for section, config in WEIGHTED.items()
        for case in validate[section]
    ]
    urls = []
    for section in URL_SECTIONS:
        for case in extract.get(section, []):
            expected = case["expected"]
            if expected and isinstance(expected[0], dict):
                spans = [entity["indices"] for entity in expected]
                texts = [entity["url"] for entity in expected]
            else:
                spans, texts = None, expected
            urls.append(
                {
                    "section": section,
                    "description": case["description"],
                    "text": case["text"],
                    "urls": texts,
                    "indices": spans,
                }
            )
    mentions = [
        {
            "section": section,
            "description": case["description"],
            "text": case["text"],
            "mentions": [
                entity["screen_name"] if isinstance(entity, dict) else entity
                for entity in case["expected"]
            ],
        }
        for section in MENTION_SECTIONS
        for case in extract.get(section, [])
    ]
    data = {
        "source": "twitter-text conformance (Apache-2.0)",
        "weighted": weighted,
        "urls": urls,
        "mentions": mentions,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(weighted)} weighted-length, {len(urls)} URL, "
        f"{len(mentions)} mention cases"
    )


if __name__ == "__main__":
    main()
