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
- ``speech``: precision as for ``all``; recall over the gold attributions whose cue contains a verb of
  saying (its spaCy lemma in the toolkit's speech-verb lexicon), i.e. reported speech rather than
  beliefs, intentions or stances, which PolNeAR also annotates and the toolkit does not extract;
- ``end_to_end``: like ``all`` (and ``end_to_end_direct`` like ``direct``), but a match counts only
  when the speaker is right too: the predicted speaker span overlaps the gold source span, or the
  predicted canonical speaker shares its last word with the gold source, or the gold source is a
  relative pronoun ("who", "which", "that") and the predicted speaker is the name just before it,
  which the pronoun stands for ("Harvey, who acknowledged ..."; before this rule such a match
  counted as a wrong speaker: end to end speech 0.727 on dev);
- ``pronoun_to_name``: for matched gold attributions whose source is a personal pronoun and whose
  CoreNLP coreference chain (automatic, shipped with PolNeAR, so itself imperfect) names someone
  (a token CoreNLP tags PERSON in one of its mentions), the share where the predicted canonical
  speaker shares a word with those names.

One attribution, one prediction: PolNeAR annotates a cue's whole content once, while the toolkit
also lists a quoted fragment inside a reported clause as a partial quote of its own ('said it was
"a mistake" to ...' gives the clause and the fragment). For ``all``, ``speech`` and ``end_to_end``,
a partial quote lying inside another predicted quote with the same cue and speaker is therefore
folded into it before matching; ``speech_unfolded`` gives the speech figures without folding.

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

from toolkit.nlp.lemmas import lemma
from toolkit.nlp.model import build_pipeline
from toolkit.quotes.jsonl import attribute_texts
from toolkit.quotes.speech_verbs import SPEECH_VERBS

PRONOUNS = {"he", "she", "they", "him", "her", "them", "we", "i", "it"}
POSSESSIVE_END = re.compile(r"['’]s?$")
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
MAX_ANTECEDENT_GAP = 3  # characters between a name and the relative pronoun after it (", who")
OPENING, CLOSING = "\"“‘'«”", "\"”’'»"  # ” opens too: some pages type it for “ ("”We won,” she said")


@dataclass
class Attribution:
    content: str
    content_spans: list[tuple[int, int]]
    source: str = ""
    source_spans: list[tuple[int, int]] = field(default_factory=list)
    cue: str = ""

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
        cue = " ".join(text[s:e] for s, e in sorted(roles.get("Cue", [])))
        attributions.append(Attribution(content, sorted(roles["Content"]), " ".join(text[s:e] for s, e in source_spans), source_spans, cue))
    return attributions


def coref_names(path: Path, text: str) -> dict[tuple[int, int], set[str]]:
    """Character span of every pronoun mention → the words of the person names in its CoreNLP chain.

    The names are the chain's tokens that CoreNLP itself tags PERSON, in any of its mentions (the
    representative mention is often a description such as "The Vermont senator"). A chain whose
    mentions name nobody ("The Florida senator ... he") is left out: it cannot tell which name is
    right (counting its capitalised words instead, "Florida", scored 0.661 on dev with n=186).
    """
    if not path.exists():
        return {}
    root = ET.parse(path).getroot()
    offsets, persons = {}, {}
    for s_index, sentence in enumerate(root.iter("sentence"), 1):
        for token in sentence.iter("token"):
            key = (s_index, int(token.get("id")))
            offsets[key] = (int(token.findtext("CharacterOffsetBegin")), int(token.findtext("CharacterOffsetEnd")))
            persons[key] = token.findtext("NER") == "PERSON"
    names = {}
    for chain in root.iter("coreference"):
        spans, words = [], set()
        for mention in chain.findall("mention"):
            sentence, start, end = int(mention.findtext("sentence")), int(mention.findtext("start")), int(mention.findtext("end"))
            first, last = offsets.get((sentence, start)), offsets.get((sentence, end - 1))
            if first and last:
                spans.append((first[0], last[1]))
            for i in range(start, end):
                if persons.get((sentence, i)):
                    s, e = offsets[(sentence, i)]
                    words.add(POSSESSIVE_END.sub("", text[s:e].lower()))
        words -= PRONOUNS
        if not words:
            continue
        for s, e in spans:
            if text[s:e].lower() in PRONOUNS:
                names[(s, e)] = words
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


def fold_nested_partials(predicted: list[dict]) -> list[dict]:
    """The predictions without partial quotes that lie inside another prediction of the same cue and
    speaker (the same attribution, listed twice by the toolkit's output)."""

    def nested(p: dict) -> bool:
        return p["kind"] == "partial" and any(
            o is not p and o["kind"] != "partial" and (o["cue"], o["speaker"]) == (p["cue"], p["speaker"])
            and o["quote_start"] <= p["quote_start"] and p["quote_end"] <= o["quote_end"]
            for o in predicted
        )  # fmt: skip

    return [p for p in predicted if not nested(p)]


def speaker_right(p: dict, g: Attribution) -> bool:
    """The predicted speaker overlaps the gold source, shares its last word with it, or is the name a
    relative pronoun source stands for ("Harvey, who acknowledged ...": the span just before "who")."""
    if p["speaker_start"] is not None and any(p["speaker_start"] < e and s < p["speaker_end"] for s, e in g.source_spans):
        return True
    relative = g.source.strip().lower() in RELATIVE_PRONOUNS and p["speaker_end"] is not None
    if relative and any(0 <= s - p["speaker_end"] <= MAX_ANTECEDENT_GAP for s, _ in g.source_spans):
        return True
    resolved = (p["speaker_resolved"] or "").lower().split()
    return bool(resolved) and resolved[-1] in tokens(g.source)


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "predicted": n_pred, "gold": n_gold}  # fmt: skip


def _speech(counts: Counter, hits: str, label: str = "all") -> dict:
    """Precision over every prediction (matching any gold attribution, or for end-to-end with the right
    speaker too), recall over the gold attributions whose cue is a verb of saying."""
    right = counts[f"{label}_tp"] if hits.endswith("_tp") else counts[f"{label}_e2e"]
    result = prf(right, counts[f"{label}_pred"], counts["speech_gold"])
    recall = counts[hits] / counts["speech_gold"] if counts["speech_gold"] else 0.0
    p = result["precision"]
    return result | {"recall": round(recall, 3), "f1": round(2 * p * recall / (p + recall), 3) if p + recall else 0.0, "tp": counts[hits]}


def load_documents(polnear: Path, split: str, limit: int | None = None) -> dict[str, tuple[str, list[Attribution], dict]]:
    """id → (text, gold attributions, pronoun names) of a split's annotated articles (the test split is refused)."""
    if split not in ("train", "dev"):
        raise ValueError("PolNeAR's test split is reserved for evaluation")
    base = polnear / "data" / split
    documents = {}
    for path in sorted((base / "text").glob("*.txt"))[:limit]:
        annotations = sorted((base / "attributions").glob(path.stem + "_*.ann"))
        if annotations:
            text = path.read_text(encoding="utf-8")
            documents[path.stem] = (text, read_annotations(annotations[0], text), coref_names(base / "corenlp" / f"{path.name}.xml", text))
    return documents


def speech_cue_table(documents: dict[str, tuple[str, list[Attribution], dict]]) -> dict[str, bool]:
    """Each gold cue → whether it holds a verb of saying (its lemma, as the toolkit lemmatises it, in
    the toolkit's lexicon)."""
    lemmatiser = build_pipeline(aliases=[])
    lemmatiser.select_pipes(disable=["parser", "ner"])  # cue lemmas only
    speech_cues: dict[str, bool] = {}
    for _, gold, _ in documents.values():
        for g in gold:
            if g.cue not in speech_cues:
                speech_cues[g.cue] = any(lemma(t).lower() in SPEECH_VERBS for t in lemmatiser(g.cue))
    return speech_cues


def score(documents: dict[str, tuple[str, list[Attribution], dict]], predictions: dict[str, list[dict]], speech_cues: dict[str, bool]) -> dict:
    """Every figure of the module docstring, for one system's predictions (the toolkit's JSONL fields:
    ``quote``, ``quote_start``, ``quote_end``, ``kind``, ``cue``, ``speaker``, ``speaker_start``,
    ``speaker_end``, ``speaker_resolved``)."""
    counts = Counter()
    for doc_id, (_, gold, names) in documents.items():
        predicted = predictions.get(doc_id, [])
        direct_p = [p for p in predicted if p["kind"] == "direct"]
        direct_g = [g for g in gold if g.direct]
        unfolded = match(predicted, gold)
        counts["unfolded_pred"] += len(predicted)
        counts["unfolded_tp"] += len(unfolded)
        counts["speech_unfolded_tp"] += sum(speech_cues[gold[j].cue] for _, j in unfolded)
        for label, preds, golds in (("all", fold_nested_partials(predicted), gold), ("direct", direct_p, direct_g)):
            pairs = match(preds, golds)
            counts[f"{label}_pred"] += len(preds)
            counts[f"{label}_gold"] += len(golds)
            counts[f"{label}_tp"] += len(pairs)
            counts[f"{label}_e2e"] += sum(speaker_right(preds[i], golds[j]) for i, j in pairs)
            if label == "all":
                speech = [j for j, g in enumerate(golds) if speech_cues[g.cue]]
                counts["speech_gold"] += len(speech)
                counts["speech_tp"] += sum(j in speech for _, j in pairs)
                counts["speech_e2e"] += sum(j in speech and speaker_right(preds[i], golds[j]) for i, j in pairs)
                for i, j in pairs:
                    name = next((n for (s, e), n in names.items() for gs, ge in golds[j].source_spans if s >= gs and e <= ge), None)
                    if golds[j].source.strip().lower() in PRONOUNS and name:
                        counts["pronoun_total"] += 1
                        resolved = set((preds[i]["speaker_resolved"] or "").lower().split())
                        counts["pronoun_right"] += bool(resolved & name)
    return {
        "articles": len(documents),
        "direct": prf(counts["direct_tp"], counts["direct_pred"], counts["direct_gold"]),
        "all": prf(counts["all_tp"], counts["all_pred"], counts["all_gold"]),
        "speech": _speech(counts, "speech_tp"),
        "speech_unfolded": _speech(counts, "speech_unfolded_tp", "unfolded"),
        "end_to_end": prf(counts["all_e2e"], counts["all_pred"], counts["all_gold"]),
        "end_to_end_speech": _speech(counts, "speech_e2e"),
        "end_to_end_direct": prf(counts["direct_e2e"], counts["direct_pred"], counts["direct_gold"]),
        "pronoun_to_name": {
            "accuracy": round(counts["pronoun_right"] / counts["pronoun_total"], 3) if counts["pronoun_total"] else None,
            "n": counts["pronoun_total"],
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, required=True, help="a checkout of networkdynamics/PolNeAR")
    parser.add_argument("--split", default="dev", choices=["train", "dev"], help="the test split is reserved and refused")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--predictions", type=Path, help="also write the predictions as JSONL here")
    args = parser.parse_args()
    documents = load_documents(args.polnear, args.split, args.limit)
    speech_cues = speech_cue_table(documents)
    started = time.perf_counter()
    predictions = dict(attribute_texts((k, v[0]) for k, v in documents.items()))
    result = {"split": args.split, **score(documents, predictions, speech_cues), "seconds": round(time.perf_counter() - started, 1)}
    if args.predictions:
        args.predictions.write_text("".join(json.dumps({"id": k, "quotes": v}, ensure_ascii=False) + "\n" for k, v in predictions.items()))
    for key in ("direct", "all", "speech", "speech_unfolded", "end_to_end", "end_to_end_speech", "end_to_end_direct"):
        r = result[key]
        print(f"{key:18s} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}   ({r['tp']} of {r['predicted']} predicted, {r['gold']} gold)")
    print(f"{'pronoun_to_name':18s} {result['pronoun_to_name']}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
