"""How well the coach agrees with the labelled corpus, per hint code and language.

    python -m bench.coaching_eval                 # both languages, dev and held-out
    python -m bench.coaching_eval --part heldout  # the unseen part only
    python -m bench.coaching_eval --misses        # every disagreement on the dev part
    python -m bench.coaching_eval --part heldout --wave 4 --wave 5   # rows of some waves only
    python -m bench.coaching_eval --rules-only    # without the learned models (model.py)
    python -m bench.coaching_eval --part dev --cross-validated --misses   # honest dev misses

On the dev part the models have been trained on the very rows they are scored on, so their
dev agreement flatters them; `--cross-validated` scores each dev row with a model trained on
the other folds instead (related rows share a fold, as in training), which is what a dev row's
error looks like on unseen text. It trains five models per code and language (a few minutes).

Agreement is the share of rows where the coach's presence/absence of a code equals the label;
precision and recall are over "the hint is given", so a rule that never fires can't look good.
The coach reads each text as `incheck coach` does: the language is detected, not given.
Misses are shown for the development part only: reading the held-out rows while writing rules
would make them seen (incheck/domain/coaching/README.md).
"""

from __future__ import annotations

import argparse
import sys

import incheck.domain.coaching as coaching
from incheck.domain.coaching import HINT_CODES, LANGUAGES, detect_language, review
from incheck.domain.coaching.corpus import PARTS, Agreement, Miss, load, score
from incheck.domain.coaching.model import Model, features, models
from incheck.domain.coaching.registry import LANGUAGES as REGISTERED
from incheck.domain.coaching.text import normalise
from incheck.domain.coaching.training import LEARNED_CODES, out_of_fold


def coach(kind: str, text: str, lang: str) -> set[str]:
    """The codes the engine gives, reading the text as the CLI does (language detected)."""
    return {hint.code for hint in review(kind, text).hints}


def evaluate(
    lang: str, part: str, waves: list[int] | None = None
) -> tuple[list[Agreement], list[Miss], int, float]:
    """Per-code agreement, misses, row count and language-detection accuracy of one part."""
    rows = [row for row in load(lang, part) if not waves or row.wave in waves]
    table, misses = score(lang, rows, coach, HINT_CODES)
    detected = sum(detect_language(row.text) == lang for row in rows)
    return table, misses, len(rows), detected / len(rows) if rows else 1.0


class CrossValidated(Model):
    """A shipped model whose probability for a dev text is the out-of-fold one."""

    oof: dict[frozenset[str], float]

    def probability(self, feats: object) -> float:
        found = self.oof.get(frozenset(feats))  # type: ignore[arg-type]
        return super().probability(feats) if found is None else found  # type: ignore[arg-type]


def cross_validate(lang: str) -> None:
    """Swap a language's models for ones that answer dev texts out of fold."""
    rows = {row.id: row for row in load(lang, "dev")}
    swapped: dict[str, Model] = {}
    for code, model in models(lang).items():
        if code not in LEARNED_CODES:
            continue
        lexicon = REGISTERED[lang].lexicon
        oof = {
            frozenset(features(normalise(rows[row_id].text), lexicon, LEARNED_CODES[code])): p
            for row_id, p in out_of_fold(list(rows.values()), code, lexicon).items()
        }
        swapped[code] = CrossValidated(
            model.bias,
            model.weights,
            model.threshold,
            model.override,
            model.guard_feature,
            model.guard_threshold,
        )
        object.__setattr__(swapped[code], "oof", oof)
    models(lang).update(swapped)  # type: ignore[attr-defined]


def print_table(lang: str, part: str, table: list[Agreement], size: int, detected: float) -> None:
    print(f"\n{lang} · {part} · {size} rows · language detected right in {detected:.1%}")
    print(f"{'kind':<11}{'code':<15}{'rows':>5}{'hint':>6}{'agree':>8}{'prec':>7}{'recall':>8}")
    for a in table:
        print(
            f"{a.kind:<11}{a.code:<15}{a.rows:>5}{a.labelled:>6}"
            f"{a.agreement:>8.3f}{a.precision:>7.3f}{a.recall:>8.3f}"
        )
    rows = sum(a.rows for a in table)
    agreed = sum(a.agreement * a.rows for a in table)
    print(f"{'all codes':<26}{rows:>5}{'':>6}{agreed / rows:>8.3f}")


def print_misses(misses: list[Miss]) -> None:
    for miss in sorted(misses, key=lambda m: (m.code, m.given, m.row.id)):
        verb = "gives" if miss.given else "misses"
        print(f"  {miss.row.id:<9} {verb:<6} {miss.code:<14} {miss.row.text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=LANGUAGES, action="append")
    parser.add_argument("--part", choices=PARTS, action="append")
    parser.add_argument("--wave", type=int, action="append", help="only rows of these waves")
    parser.add_argument(
        "--rules-only", action="store_true", help="score the word lists without the models"
    )
    parser.add_argument("--misses", action="store_true", help="list dev disagreements")
    parser.add_argument(
        "--cross-validated", action="store_true", help="dev rows scored by out-of-fold models"
    )
    args = parser.parse_args(argv)
    if args.cross_validated:
        if set(args.part or PARTS) != {"dev"}:
            parser.error("--cross-validated scores the dev part only (--part dev)")
        for lang in args.lang or LANGUAGES:
            cross_validate(lang)
    if args.rules_only:
        coaching.models = lambda code: {}  # type: ignore[assignment]
    for lang in args.lang or LANGUAGES:
        for part in args.part or PARTS:
            table, misses, size, detected = evaluate(lang, part, args.wave)
            waves = ", ".join(map(str, args.wave or ()))
            label = part if not args.wave else f"{part} · wave {waves}"
            print_table(lang, label, table, size, detected)
            if args.misses and part == "dev":
                print_misses(misses)
            elif args.misses:
                print("  (misses are shown for the dev part only: the held-out rows stay unread)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
