"""Per-event outlet comparisons over a corpus too big for one machine.

    spark-submit examples/spark/compare_events.py CORPUS.jsonl OUT_DIR [--framediff PATH]

CORPUS.jsonl is a framediff corpus manifest with the texts inline and an "event" on every line
(one JSON object per line: "id", "outlet", "event", "text", optional "date", "title", "url"; see
docs/corpus.md). Spark groups the documents by event (every document of an event lands in one
partition), and each partition is piped through `framediff corpus compare - --format jsonl`,
which prints one `framediff.corpus-compare/1` line per event with two or more outlets. An
event's comparison needs only that event's reports, so partitions are independent and the
result is the single-machine one: OUT_DIR gets the lines of `framediff corpus compare
CORPUS.jsonl`, sorted by event id (one part file).

The corpus summary (substitutions counted over events, omission rates) is a sum over these
lines; `--summary` prints per outlet pair the most widespread substitutions, computed here from
the collected lines as framediff computes them.

The binary: pass `--files /path/to/framediff` to spark-submit (it is then found with
SparkFiles), or install it on every executor (a container image) and give `--framediff PATH`.
"""

import argparse
import json
import os
import shlex
import zlib

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--framediff", default=None, help="path of the binary on the executors")
    ap.add_argument("--partitions", type=int, default=None, help="event partitions")
    ap.add_argument("--pivot", default=None, help="compare each outlet against this one only")
    ap.add_argument("--master", default=None, help="e.g. local[2]; spark-submit's by default")
    ap.add_argument("--summary", action="store_true", help="print the top substitutions")
    args = ap.parse_args()

    builder = (SparkSession.builder.appName("framediff-compare-events")
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
    cmd = [binary, "corpus", "compare", "-", "--format", "jsonl", "--quiet"]
    if args.pivot:
        cmd += ["--pivot", args.pivot]

    lines = sc.textFile(args.corpus)
    partitions = args.partitions or lines.getNumPartitions()
    # (event, line): every line of one event goes to the same partition, in corpus order
    # within it (framediff keeps the first report of an outlet, as on one machine)
    keyed = lines.zipWithIndex().map(lambda li: (json.loads(li[0])["event"], (li[1], li[0])))
    by_event = (keyed.partitionBy(partitions, lambda e: zlib.crc32(e.encode()))
                .mapPartitions(lambda it: (l for _, (_, l) in sorted(it, key=lambda kv: kv[1][0]))))
    result = (by_event.pipe(shlex.join(cmd))
              .map(lambda l: (json.loads(l)["event"], l))
              .sortByKey(numPartitions=1)
              .values()
              .cache())
    result.saveAsTextFile(args.out)
    print(f"{result.count()} events compared; lines written to {args.out}")

    if args.summary:
        def swaps(line):
            e = json.loads(line)
            for p in e["pairs"]:
                for s in p["substitutions"]:
                    yield ((p["a"], p["b"], s["a"], s["b"]), (1, s["count"]))
        top = (result.flatMap(swaps)
               .reduceByKey(lambda x, y: (x[0] + y[0], x[1] + y[1]))
               .sortBy(lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
               .take(20))
        for (a, b, x, y), (events, count) in top:
            print(f"{a} → {b}: {x!r} → {y!r} in {events} events ({count} times)")
    spark.stop()


if __name__ == "__main__":
    main()
