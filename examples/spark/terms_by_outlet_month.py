"""Framing-term counts per outlet and month over a corpus too big for one machine.

    spark-submit examples/spark/terms_by_outlet_month.py CORPUS.jsonl OUT_DIR [--framediff PATH]

CORPUS.jsonl is a framediff corpus manifest with the texts inline (one JSON object per line:
"id", "outlet", "date", "text", optional "event", ...; see docs/corpus.md). Each partition is
piped through `framediff corpus terms - --by outlet,month --format jsonl --all`, which prints
per (outlet, month, lexicon, category, term) the plain sums `count`, `quoted` and `words` of the
partition's documents. Spark adds them up with reduceByKey, then the keyness of each group
against the rest (G² and log ratio, as framediff computes them) is recomputed here from the
summed counts: keyness does not add up over partitions, counts do. The result, written to
OUT_DIR as JSONL (one part file), has the rows `framediff corpus terms CORPUS --by outlet,month
--format jsonl` prints on one machine, sorted by group, lexicon, category and term (framediff
keeps its lexicons' own order within a group).

`--all` makes each partition list every term for every group it saw, with the group's word
count; without it a partition where a group has no hit of a term would not report that group's
words, and the summed word counts (and rates) would be wrong. Terms without a hit anywhere are
dropped at the end, as framediff does without `--all`.

The binary: pass `--files /path/to/framediff` to spark-submit (it is then found with
SparkFiles), or install it on every executor (a container image) and give `--framediff PATH`.
"""

import argparse
import json
import math
import os
import shlex

from pyspark import SparkFiles
from pyspark.sql import SparkSession

GROUP = ("outlet", "month")


def rust_round(x, places=4):
    """framediff's rounding: half away from zero, as Rust's f64::round."""
    f = 10.0 ** places
    y = x * f
    return math.copysign(math.floor(abs(y) + 0.5), y) / f


def xlnx(o, e):
    return 0.0 if o <= 0.0 or e <= 0.0 else o * math.log(o / e)


def keyness(a, b, n1, n2):
    """Signed four-cell G² and Hardie's log ratio: framediff's lexicon::keyness::pair."""
    if n1 == 0 or n2 == 0:
        return None, None
    a, b, n1, n2 = float(a), float(b), float(n1), float(n2)
    c, d = max(n1 - a, 0.0), max(n2 - b, 0.0)
    n = a + b + c + d
    r1, r2 = a + b, c + d
    k1, k2 = a + c, b + d
    e11 = r1 * k1 / n
    g2 = 2.0 * (xlnx(a, e11) + xlnx(b, r1 * k2 / n) + xlnx(c, r2 * k1 / n) + xlnx(d, r2 * k2 / n))
    g2 = max(g2, 0.0)
    g2 = g2 if a >= e11 else -g2
    if a == 0 and b == 0:
        lr = 0.0
    else:
        fa = 0.5 if a == 0 else a
        fb = 0.5 if b == 0 else b
        lr = math.log2((fa / n1) / (fb / n2))
    return rust_round(g2), rust_round(lr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--framediff", default=None, help="path of the binary on the executors")
    ap.add_argument("--partitions", type=int, default=None, help="input partitions (at least)")
    ap.add_argument("--master", default=None, help="e.g. local[2]; spark-submit's by default")
    args = ap.parse_args()

    builder = (SparkSession.builder.appName("framediff-terms-by-outlet-month")
               .config("spark.ui.showConsoleProgress", "false"))
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    binary = args.framediff
    if binary is None:
        shipped = SparkFiles.get("framediff")
        binary = shipped if os.path.exists(shipped) else "framediff"
    cmd = [binary, "corpus", "terms", "-", "--by", ",".join(GROUP), "--format", "jsonl",
           "--all", "--quiet"]

    lines = sc.textFile(args.corpus, minPartitions=args.partitions)
    rows = lines.pipe(shlex.join(cmd)).map(json.loads)

    def key(r):
        return (tuple(r[g] for g in GROUP), r["lexicon"], r["category"], r["term"], r["role"])

    summed = (rows.map(lambda r: (key(r), (r["count"], r["quoted"], r["words"])))
              .reduceByKey(lambda x, y: (x[0] + y[0], x[1] + y[1], x[2] + y[2]))
              .cache())
    # group word counts (the same on every term row of a group), and corpus totals
    group_words = dict(summed.map(lambda kv: (kv[0][0], kv[1][2])).distinct().collect())
    total_words = sum(group_words.values())
    term_totals = dict(summed.map(lambda kv: (kv[0][1:4], kv[1][0]))
                       .reduceByKey(lambda x, y: x + y).collect())
    tw = sc.broadcast((total_words, term_totals))

    def finish(kv):
        (group, lexicon, category, term, role), (count, quoted, words) = kv
        total_words, term_totals = tw.value
        g2, lr = keyness(count, term_totals[(lexicon, category, term)] - count,
                         words, total_words - words)
        row = dict(zip(GROUP, group))
        row.update(lexicon=lexicon, category=category, term=term, role=role, count=count,
                   quoted=quoted, words=words,
                   per_1000=rust_round(count * 1000.0 / words if words else 0.0),
                   g2=g2, log_ratio=lr)
        return row

    # framediff orders rows by group (a missing value first) and then by lexicon order, which
    # Spark does not know: rows are sorted by group, then by lexicon, category and term
    def sort_key(r):
        return (tuple((v is not None, v or "") for v in (r[g] for g in GROUP)),
                r["lexicon"], r["category"], r["term"])

    result = (summed.filter(lambda kv: kv[1][0] > 0).map(finish)
              .sortBy(sort_key, numPartitions=1)
              .map(lambda r: json.dumps(r, ensure_ascii=False)))
    result.saveAsTextFile(args.out)
    print(f"{len(group_words)} groups; rows written to {args.out}")
    spark.stop()


if __name__ == "__main__":
    main()
