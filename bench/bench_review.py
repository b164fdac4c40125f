"""Benchmark of the assisted legality review (issue 20 item 5): precision and recall per kind on
the labelled set, and the time to flag a draft of 200 articles (target < 2 s).

    DATABASE_URL=postgresql://… .venv/bin/python bench/bench_review.py [--articles N]

The rules are read from the database (the office's rules, as the review screen uses them). The
labelled set is fazhi/review/tests/data/ (README there): `clauses.jsonl` is the set the rules
were written against, `holdout.jsonl` was written afterwards and never tuned on, and
`documents.jsonl` holds short documents for the document-level checks (missing parts, early
entry into force). Targets: recall ≥ 0.9 and precision ≥ 0.7 over all kinds.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from fazhi.core.models import Role  # noqa: E402
from fazhi.core.testing.factories import DivisionFactory, UnitFactory, UserFactory  # noqa: E402
from fazhi.review.drafts import parse_docx, parse_text  # noqa: E402
from fazhi.review.flagging import flag_draft  # noqa: E402
from fazhi.review.models import SubjectType  # noqa: E402
from fazhi.review.selectors import assist_rules  # noqa: E402
from fazhi.review.services import draft_analyse  # noqa: E402
from fazhi.review.tests.docfiles import build_docx  # noqa: E402
from fazhi.review.tests.factories import make_review  # noqa: E402
from fazhi.review.tests.labelled import evaluate, load, report  # noqa: E402

RECALL, PRECISION, SECONDS = 0.9, 0.7, 2.0


def long_draft(articles: int) -> list[str]:
    texts = [item["text"].split(" ", 1)[-1] for item in load("clauses.jsonl")]
    return [f"第{n}条 {texts[n % len(texts)]}" for n in range(1, articles + 1)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    rules, repealed = assist_rules()
    print(f"rules: {len(rules)} active, repealed-law list: {len(repealed)} acts\n")
    ok = True
    for title, score in (
        ("development set (clauses.jsonl + documents.jsonl)", evaluate(rules, repealed)),
        (
            "held-out set (holdout.jsonl, not tuned on)",
            evaluate(rules, repealed, "holdout.jsonl", documents=False),
        ),
    ):
        print(title)
        print(report(score))
        met = score.recall() >= RECALL and score.precision() >= PRECISION
        ok &= met
        print(f"target recall ≥ {RECALL}, precision ≥ {PRECISION}: {'met' if met else 'NOT met'}")
        for item_id, key, text in score.misses:
            print(f"  missed {key[0]} {item_id}: {text[:50]}")
        for item_id, key, text in score.false_alarms:
            print(f"  false alarm {key[0]} {item_id}: {text[:50]}")
        print()

    lines = long_draft(args.articles)
    data = build_docx(lines)
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        _, clauses = parse_docx(data)
        rules, repealed = assist_rules()
        findings = flag_draft(clauses, rules, repealed)
        timings.append(time.perf_counter() - started)
    text_started = time.perf_counter()
    flag_draft(parse_text("\n".join(lines)), rules, repealed)
    text_elapsed = time.perf_counter() - text_started
    median = statistics.median(timings)
    print(
        f"draft of {len(clauses)} articles (.docx, {len(data) // 1024} KB): {len(findings)} flags; "
        f"read + parse + load rules + flag: median {median * 1000:.0f} ms over {args.repeat} runs "
        f"(max {max(timings) * 1000:.0f} ms); pasted text: {text_elapsed * 1000:.0f} ms; "
        f"target < {SECONDS:.0f} s: {'met' if median < SECONDS else 'NOT met'}"
    )
    ok &= median < SECONDS

    class Rollback(Exception):
        pass

    try:  # the whole path of the review screen, database writes included, rolled back
        with transaction.atomic():
            division = DivisionFactory()
            bureau = UnitFactory(division=division, is_justice_bureau=True)
            department = UnitFactory(division=division)
            reviewer = UserFactory(unit=bureau, roles=[Role.CLERK])
            review = make_review(
                department, reviewer_unit=bureau, subject_type=SubjectType.NORMATIVE_DOCUMENT
            )
            started = time.perf_counter()
            draft = draft_analyse(actor=reviewer, review=review, data=data, file_name="bench.docx")
            elapsed = time.perf_counter() - started
            stored = draft.flags.count()
            raise Rollback
    except Rollback:
        pass
    print(
        f"through the service (read, flag, store the draft and {stored} flags, 公平竞争审查表): "
        f"{elapsed * 1000:.0f} ms; target < {SECONDS:.0f} s: {'met' if elapsed < SECONDS else 'NOT met'}"
    )
    ok &= elapsed < SECONDS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
