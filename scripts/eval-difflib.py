#!/usr/bin/env python3
"""Score Python's difflib on the word-edit gold set written by `cargo run --example eval_diff --
--dump FILE`: SequenceMatcher on whitespace tokens (str.split()), a token is changed when it is
in a non-equal opcode. Prints changed-token precision, recall and F1 per set and overall, the
same measure the example prints for framediff."""
import difflib
import json
import sys


def score(pairs):
    tp = fp = fn = 0
    for p in pairs:
        a, b = p["a"].split(), p["b"].split()
        ca, cb = [False] * len(a), [False] * len(b)
        sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag != "equal":
                for i in range(i1, i2):
                    ca[i] = True
                for j in range(j1, j2):
                    cb[j] = True
        for gold, got in ((p["gold_a"], ca), (p["gold_b"], cb)):
            for g, s in zip(gold, got):
                tp += g and s
                fp += (not g) and s
                fn += g and not s
    prec = tp / max(tp + fp, 1)
    rec = tp / max(tp + fn, 1)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def main():
    pairs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    sets = {}
    for p in pairs:
        sets.setdefault(p["set"], []).append(p)
    for name, ps in list(sets.items()) + [("all", pairs)]:
        prec, rec, f1 = score(ps)
        print(f"difflib {name}: {len(ps)} pairs  P {prec:.3f}  R {rec:.3f}  F1 {f1:.3f}")
    kinds = sorted({k for p in pairs for k in p["kinds"]})
    for k in kinds:
        ps = [p for p in pairs if all(x == k for x in p["kinds"])]
        prec, rec, f1 = score(ps)
        print(f"  {k:<13} P {prec:.3f}  R {rec:.3f}  F1 {f1:.3f}")


if __name__ == "__main__":
    main()
