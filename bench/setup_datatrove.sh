#!/usr/bin/env bash
# Create .venv-datatrove: a separate environment holding datatrove's MinHash dedupe, used only by
# bench/bench_dedupe.py as the baseline. Kept apart from .venv because datatrove pins xxhash<4
# while newsflow uses xxhash 4. The set below is the lean install from
# shared/research/dedupe.md §8: `pip install datatrove` alone cannot import the dedup module
# (needs regex, tokenizers, xxhash<4; orjson for the JSONL reader/writer). No spaCy: the bench
# passes a whitespace WordTokenizer. Idempotent: does nothing when the venv already imports.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-datatrove
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import datatrove.pipeline.dedup" 2>/dev/null; then
    echo "$VENV is ready"
    exit 0
fi
uv venv --python 3.11 "$VENV"
uv pip install --python "$VENV/bin/python" \
    "datatrove==0.10.1" "regex" "xxhash<4" "tokenizers" "orjson"
"$VENV/bin/python" -c "import datatrove.pipeline.dedup; print('datatrove', __import__('datatrove').__version__ if hasattr(__import__('datatrove'), '__version__') else 'ok')"
