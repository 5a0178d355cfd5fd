#!/usr/bin/env python3
"""Reference embeddings for the sentence-encoder tests (tests/model.rs), computed independently
of framediff: BERT's forward pass written out in NumPy from model.safetensors, a plain-Python
WordPiece tokenizer (BERT's basic tokenizer + greedy longest match, as the model's
tokenizer.json describes), mean pooling over the attention mask and L2 normalisation, as
sentence-transformers does for all-MiniLM-L6-v2.

    python3 scripts/model-reference.py MODEL_DIR

Prints the first 8 dimensions of each test sentence's vector and the cosines the tests check.
Needs only NumPy. Run once; its output is written into tests/model.rs.
"""
import json, math, struct, sys, unicodedata
import numpy as np

d = sys.argv[1]
cfg = json.load(open(f"{d}/config.json"))
max_seq = json.load(open(f"{d}/sentence_bert_config.json"))["max_seq_length"]
vocab = json.load(open(f"{d}/tokenizer.json"))["model"]["vocab"]

def load_safetensors(path):
    raw = open(path, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    base = 8 + n
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        if t["dtype"] != "F32":
            continue  # e.g. the position_ids buffer (I64), not a weight
        a, b = t["data_offsets"]
        out[name] = np.frombuffer(raw[base + a:base + b], dtype="<f4").reshape(t["shape"]).astype(np.float64)
    return out

W = load_safetensors(f"{d}/model.safetensors")

def is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")

def basic(text):
    text = text.lower()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    words, cur = [], ""
    for ch in text:
        if ch.isspace():
            if cur: words.append(cur); cur = ""
        elif is_punct(ch):
            if cur: words.append(cur); cur = ""
            words.append(ch)
        else:
            cur += ch
    if cur: words.append(cur)
    return words

def wordpiece(word):
    out, start = [], 0
    while start < len(word):
        end, piece = len(word), None
        while start < end:
            sub = word[start:end] if start == 0 else "##" + word[start:end]
            if sub in vocab:
                piece = sub; break
            end -= 1
        if piece is None:
            return ["[UNK]"]
        out.append(piece); start = end
    return out

def tokenize(text):
    toks = [p for w in basic(text) for p in wordpiece(w)]
    toks = toks[:max_seq - 2]
    return [vocab["[CLS]"]] + [vocab[t] for t in toks] + [vocab["[SEP]"]]

def ln(x, g, b, eps=cfg["layer_norm_eps"]):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + eps) * g + b

erf = np.vectorize(math.erf)

def encode(text):
    ids = tokenize(text)
    L = len(ids)
    x = W["embeddings.word_embeddings.weight"][ids] + W["embeddings.position_embeddings.weight"][:L] \
        + W["embeddings.token_type_embeddings.weight"][0]
    x = ln(x, W["embeddings.LayerNorm.weight"], W["embeddings.LayerNorm.bias"])
    H = cfg["num_attention_heads"]; dh = cfg["hidden_size"] // H
    for l in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{l}."
        lin = lambda y, n: y @ W[p + n + ".weight"].T + W[p + n + ".bias"]
        q = lin(x, "attention.self.query").reshape(L, H, dh).transpose(1, 0, 2)
        k = lin(x, "attention.self.key").reshape(L, H, dh).transpose(1, 0, 2)
        v = lin(x, "attention.self.value").reshape(L, H, dh).transpose(1, 0, 2)
        s = q @ k.transpose(0, 2, 1) / math.sqrt(dh)
        s = np.exp(s - s.max(-1, keepdims=True)); s /= s.sum(-1, keepdims=True)
        ctx = (s @ v).transpose(1, 0, 2).reshape(L, H * dh)
        x = ln(x + lin(ctx, "attention.output.dense"), W[p + "attention.output.LayerNorm.weight"], W[p + "attention.output.LayerNorm.bias"])
        h = lin(x, "intermediate.dense")
        h = 0.5 * h * (1 + erf(h / math.sqrt(2)))
        x = ln(x + lin(h, "output.dense"), W[p + "output.LayerNorm.weight"], W[p + "output.LayerNorm.bias"])
    v = x.mean(0)
    return v / max(np.linalg.norm(v), 1e-12), L

SENTENCES = [
    "The minister expelled the envoys on Monday.",
    "On Monday the diplomats were thrown out by the government.",
    "Heavy rain flooded the coastal highway overnight.",
    "Iran has always supported the resistance front.",
    " ".join(["The talks on trade and security will continue next week in Geneva."] * 30),
]
vecs = []
for s in SENTENCES:
    v, L = encode(s)
    vecs.append(v)
    print(f"{L:4} tokens  {s[:60]!r}")
    print("     [" + ", ".join(f"{x:.6f}" for x in v[:8]) + "]")
for i, j in [(0, 1), (0, 2), (1, 2), (0, 3)]:
    print(f"cos({i},{j}) = {float(vecs[i] @ vecs[j]):.6f}")
