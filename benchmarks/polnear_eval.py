"""Score the toolkit's quote attribution against PolNeAR (train or dev; the test split is refused).

usage: python benchmarks/polnear_eval.py --polnear DIR [--split dev] [--limit N] [--predictions OUT.jsonl]

DIR is a checkout of the public repository networkdynamics/PolNeAR (its ``data/<split>/text``,
``data/<split>/attributions`` and, for pronoun resolution, ``data/<split>/corenlp``). PolNeAR has
no licence statement: read it in place, never copy it into this repository.

Matching rule: a predicted quote matches a gold attribution when the bag-of-tokens F1 between the
predicted quote text and the gold content is at least 0.5; matches are one-to-one, best first,
within an article. Reported figures (precision, recall, F1):

- ``direct``: gold attributions whose content is a whole quotation in marks, against predicted
  ``direct`` quotes;
- ``all``: every gold attribution (PolNeAR also annotates beliefs and intentions, not only speech)
  against every predicted quote (direct, partial, indirect);
- ``end_to_end``: like ``all`` (and ``end_to_end_direct`` like ``direct``), but a match counts only
  when the speaker is right too: the predicted speaker span overlaps the gold source span, or the
  predicted canonical speaker shares its last word with the gold source;
- ``pronoun_to_name``: for matched gold attributions whose source is a personal pronoun and whose
  CoreNLP coreference chain (automatic, shipped with PolNeAR) has a proper-name representative,
  the share where the predicted canonical speaker shares a word with that name.

Where an article has several annotators' files, the first (sorted by name) is used.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.attribution import attribute_texts  # noqa: E402

PRONOUNS = {"he", "she", "they", "him", "her", "them", "we", "i", "it"}
OPENING, CLOSING = "\"“‘'«", "\"”’'»"


@dataclass
class Attribution:
    content: str
    content_spans: list[tuple[int, int]]
    source: str = ""
    source_spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def direct(self) -> bool:
        """The content is a whole quotation in marks."""
        text = self.content.strip()
        return len(text) > 2 and text[0] in OPENING and text.rstrip(".,;:!? ")[-1:] in CLOSING


def tokens(text: str) -> Counter:
    return Counter(re.findall(r"\w+", (text or "").lower()))


def overlap_f1(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    common = sum((ta & tb).values())
    return 0.0 if not common else 2 * common / (sum(ta.values()) + sum(tb.values()))


def _spans(field_text: str) -> list[tuple[int, int]]:
    return [tuple(map(int, part.split())) for part in field_text.split(";")]


def read_annotations(path: Path, text: str) -> list[Attribution]:
    """Attributions of a brat standoff file: Source, Cue and Content text-bound spans tied by events."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, where = parts[1].partition(" ")
            spans[parts[0]] = (kind, _spans(where))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(re.findall(r"(\w+?)\d*:(T\d+)", parts[1])) | {"_all": re.findall(r"(\w+?)\d*:(T\d+)", parts[1])})
    attributions = []
    for event in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for role, ref in event["_all"]:
            if ref in spans:
                roles.setdefault(role, []).extend(spans[ref][1])
        if "Content" not in roles:
            continue
        content = " ".join(text[s:e] for s, e in sorted(roles["Content"]))
        source_spans = sorted(roles.get("Source", []))
        attributions.append(Attribution(content, sorted(roles["Content"]), " ".join(text[s:e] for s, e in source_spans), source_spans))
    return attributions


def coref_names(path: Path, text: str) -> dict[tuple[int, int], str]:
    """Character span of every pronoun mention → its chain's representative name (CoreNLP dcoref)."""
    if not path.exists():
        return {}
    root = ET.parse(path).getroot()
    offsets = {}
    for s_index, sentence in enumerate(root.iter("sentence"), 1):
        for token in sentence.iter("token"):
            offsets[(s_index, int(token.get("id")))] = (int(token.findtext("CharacterOffsetBegin")), int(token.findtext("CharacterOffsetEnd")))
    names = {}
    for chain in root.iter("coreference"):
        mentions = chain.findall("mention")
        if not mentions:
            continue
        representative = next((m for m in mentions if m.get("representative") == "true"), mentions[0])
        name = representative.findtext("text") or ""
        if not any(w[:1].isupper() for w in name.split()) or name.lower() in PRONOUNS:
            continue
        for mention in mentions:
            sentence, start, end = int(mention.findtext("sentence")), int(mention.findtext("start")), int(mention.findtext("end"))
            first, last = offsets.get((sentence, start)), offsets.get((sentence, end - 1))
            if first and last and text[first[0] : last[1]].lower() in PRONOUNS:
                names[(first[0], last[1])] = name
    return names


def match(predicted: list[dict], gold: list[Attribution]) -> list[tuple[int, int]]:
    """One-to-one pairs (prediction index, gold index) with overlap F1 >= 0.5, best first."""
    scored = sorted(((overlap_f1(p["quote"], g.content), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)), reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for score, i, j in scored:
        if score < 0.5:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i), used_g.add(j)
            pairs.append((i, j))
    return pairs


def speaker_right(p: dict, g: Attribution) -> bool:
    if p["speaker_start"] is not None and any(p["speaker_start"] < e and s < p["speaker_end"] for s, e in g.source_spans):
        return True
    resolved = (p["speaker_resolved"] or "").lower().split()
    return bool(resolved) and resolved[-1] in tokens(g.source)


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "predicted": n_pred, "gold": n_gold}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, required=True, help="a checkout of networkdynamics/PolNeAR")
    parser.add_argument("--split", default="dev", choices=["train", "dev"], help="the test split is reserved and refused")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--predictions", type=Path, help="also write the predictions as JSONL here")
    args = parser.parse_args()
    base = args.polnear / "data" / args.split
    texts = sorted((base / "text").glob("*.txt"))[: args.limit]
    documents = {}
    for path in texts:
        annotations = sorted((base / "attributions").glob(path.stem + "_*.ann"))
        if annotations:
            text = path.read_text(encoding="utf-8")
            documents[path.stem] = (text, read_annotations(annotations[0], text), coref_names(base / "corenlp" / f"{path.name}.xml", text))
    started = time.perf_counter()
    predictions = dict(attribute_texts((k, v[0]) for k, v in documents.items()))
    elapsed = time.perf_counter() - started
    counts = Counter()
    for doc_id, (text, gold, names) in documents.items():
        predicted = predictions[doc_id]
        direct_p = [p for p in predicted if p["kind"] == "direct"]
        direct_g = [g for g in gold if g.direct]
        for label, preds, golds in (("all", predicted, gold), ("direct", direct_p, direct_g)):
            pairs = match(preds, golds)
            counts[f"{label}_pred"] += len(preds)
            counts[f"{label}_gold"] += len(golds)
            counts[f"{label}_tp"] += len(pairs)
            counts[f"{label}_e2e"] += sum(speaker_right(preds[i], golds[j]) for i, j in pairs)
            if label == "all":
                for i, j in pairs:
                    name = next((n for (s, e), n in names.items() for gs, ge in golds[j].source_spans if s >= gs and e <= ge), None)
                    if golds[j].source.strip().lower() in PRONOUNS and name:
                        counts["pronoun_total"] += 1
                        resolved = set((preds[i]["speaker_resolved"] or "").lower().split())
                        counts["pronoun_right"] += bool(resolved & set(name.lower().split()))
    result = {
        "split": args.split,
        "articles": len(documents),
        "direct": prf(counts["direct_tp"], counts["direct_pred"], counts["direct_gold"]),
        "all": prf(counts["all_tp"], counts["all_pred"], counts["all_gold"]),
        "end_to_end": prf(counts["all_e2e"], counts["all_pred"], counts["all_gold"]),
        "end_to_end_direct": prf(counts["direct_e2e"], counts["direct_pred"], counts["direct_gold"]),
        "pronoun_to_name": {"accuracy": round(counts["pronoun_right"] / counts["pronoun_total"], 3) if counts["pronoun_total"] else None,
                            "n": counts["pronoun_total"]},  # fmt: skip
        "seconds": round(elapsed, 1),
    }
    if args.predictions:
        args.predictions.write_text("".join(json.dumps({"id": k, "quotes": v}, ensure_ascii=False) + "\n" for k, v in predictions.items()))
    for key in ("direct", "all", "end_to_end", "end_to_end_direct"):
        r = result[key]
        print(f"{key:18s} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}   ({r['tp']} of {r['predicted']} predicted, {r['gold']} gold)")
    print(f"{'pronoun_to_name':18s} {result['pronoun_to_name']}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
