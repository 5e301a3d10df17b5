"""Train the coach's learned models on the development rows and write them to the repo.

    python -m bench.coaching_train            # every language
    python -m bench.coaching_train --lang sv

Writes `incheck/domain/coaching/<lang>/model.json` (commit it). Deterministic: the same
`corpus/dev.jsonl` gives the same file. Only the development part is read; the file records
the hash of the rows it was trained on, and a test fails when the corpus has changed since.
Takes about a minute per language (pure Python). How it works: `coaching/training.py`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from incheck.domain.coaching import LANGUAGES
from incheck.domain.coaching.model import model_path
from incheck.domain.coaching.registry import LANGUAGES as REGISTERED
from incheck.domain.coaching.training import dev_fingerprint, train_language


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=LANGUAGES, action="append")
    args = parser.parse_args(argv)
    for lang in args.lang or LANGUAGES:
        started = time.perf_counter()
        trained = train_language(lang, REGISTERED[lang].lexicon)
        document = {
            "trained_on": dev_fingerprint(lang),
            "codes": {code: model.as_dict() for code, model in trained.items()},
        }
        path = model_path(lang)
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        summary = ", ".join(
            f"{code} t={m.threshold} o={m.override} ({len(m.weights)} weights)"
            for code, m in trained.items()
        )
        print(f"{lang}: {summary}; {time.perf_counter() - started:.0f} s -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
