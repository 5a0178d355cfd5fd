"""Framing-term counts per outlet over a corpus, with the framediff Python package inside Spark.

    spark-submit examples/spark/terms_pandas.py CORPUS.jsonl OUT_DIR [--master local[2]]

The variant of terms_by_outlet_month.py that needs no framediff binary on the executors: each
executor has the framediff package installed (`pip install ./python`, or the wheel shipped with
`--py-files`/a container image) and calls `framediff.terms` inside `mapInPandas` on the texts of
its partition. CORPUS.jsonl is a framediff corpus manifest with the texts inline (one JSON
object per line: "id", "outlet", "text", and optionally "date", "event", ...).

Each batch counts its documents with framediff (one document per report, so the tidy table has
one row per document and term) and keeps the plain sums `count`, `quoted` and `words`; Spark adds
them up by (outlet, lexicon, category, role, term). Rates are recomputed from the sums (per 1,000
words); keyness does not add up over partitions, so it is left to a second pass or to
`framediff corpus terms` on one machine.
"""

import argparse

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

KEYS = ["outlet", "lexicon", "category", "role", "term"]
SCHEMA = (
    "id string, outlet string, lexicon string, category string, role string, term string, "
    "count long, quoted long, words long"
)


def count_batches(batches):
    """mapInPandas: framediff counts inside the executor, GIL released while Rust works."""
    import framediff  # imported on the executor

    for batch in batches:
        if batch.empty:
            continue
        table = framediff.terms(list(batch["text"]), labels=list(batch["id"]), all=True)
        rows = table.to_pandas()
        rows = rows[rows["level"] == "term"]
        outlet = dict(zip(batch["id"], batch["outlet"]))
        rows = rows.assign(id=rows["label"], outlet=rows["label"].map(outlet))
        yield rows[["id"] + KEYS + ["count", "quoted", "words"]].astype(
            {"count": "int64", "quoted": "int64", "words": "int64"}
        )


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--master", default=None, help="e.g. local[2]; spark-submit's by default")
    args = ap.parse_args()

    builder = SparkSession.builder.appName("framediff-terms-pandas")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()

    docs = spark.read.json(args.corpus).select("id", "outlet", "text")
    per_doc = docs.mapInPandas(count_batches, schema=SCHEMA)
    # a document's word count is on each of its term rows: count it once per document
    words = (
        per_doc.select("id", "outlet", "lexicon", "words")
        .distinct()
        .groupBy("outlet", "lexicon")
        .agg(F.sum("words").alias("words"))
    )
    sums = per_doc.groupBy(*KEYS).agg(F.sum("count").alias("count"), F.sum("quoted").alias("quoted"))
    result = (
        sums.join(words, ["outlet", "lexicon"])
        .withColumn("per_1000", F.round(F.col("count") * 1000.0 / F.col("words"), 3))
        .where(F.col("count") > 0)
        .orderBy(*KEYS)
    )
    result.coalesce(1).write.mode("overwrite").json(args.out)
    spark.stop()


if __name__ == "__main__":
    main()
