"""The toolkit's quote attribution beside two public rule systems, on the same PolNeAR texts with the same model.

usage: python benchmarks/peers.py --polnear DIR --ggt DIR [--split dev] [--rounds 3] [--limit N]

- ``toolkit``: :func:`toolkit.quotes.jsonl.attribute_texts` (what ``python -m toolkit quotes`` runs);
- ``textacy``: ``textacy.extract.triples.direct_quotations`` (textacy 0.13) on each parsed text;
- ``ggt``: the Gender Gap Tracker's ``QuoteExtractor.extract_quotes`` (SFU Discourse Lab,
  ``nlp/english/quote_extractor.py``) on each text after its own ``utils.preprocess_text``.

None of the peers' code is part of this repository: ``--ggt`` names a checkout of
sfu-discourse-lab/GenderGapTracker, and textacy and pymongo (which the GGT's ``utils`` imports)
must be installed in the interpreter that runs this script, best a scratch virtual environment
with the toolkit installed too (``pip install -e . textacy pymongo``). DIR of ``--polnear`` is a
checkout of networkdynamics/PolNeAR, read in place; its test split is refused.

Every system parses with the same installed spaCy model (the toolkit's loader picks it: en_core_web_sm
or its re-upload); the peers run the model's default pipeline, the toolkit its own
(:func:`toolkit.nlp.model.build_pipeline`). Timed: parsing and extraction of every text, end to end,
with the model loads left out (each system's pipeline is built once before the rounds). The systems
run one after the other in each round, in a rotated order (A B C, B C A, ...), and each speed is the
median over the rounds of words per second (words: white-space separated tokens of the texts), with
its min-max.

Scored with :func:`polnear_eval.score` (its docstring defines every figure). The peers' outputs are
mapped to the toolkit's fields: a textacy triple is a ``direct`` quote with its speaker tokens; a GGT
quote is ``direct`` when its text opens and closes with a quotation mark, else ``indirect``, and its
speaker is compared by name only (its offsets are into the preprocessed text). Neither peer resolves
a pronoun to a name, so its ``speaker_resolved`` is the speaker as written. The last line printed is
the JSON of all figures.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from polnear_eval import CLOSING, OPENING, load_documents, score, speech_cue_table

from toolkit.nlp.model import build_pipeline, load_model
from toolkit.quotes.jsonl import attribute_texts

Runner = Callable[[dict[str, str]], dict[str, list[dict]]]


def prediction(quote: str, start: int, end: int, kind: str, speaker: str | None, speaker_span: tuple[int, int] | None, cue: str) -> dict:
    """One quote in the toolkit's JSONL fields (what :func:`polnear_eval.score` reads)."""
    s, e = speaker_span or (None, None)
    return {"quote": quote, "quote_start": start, "quote_end": end, "kind": kind, "cue": cue,
            "speaker": speaker, "speaker_start": s, "speaker_end": e, "speaker_resolved": speaker}  # fmt: skip


def toolkit_runner() -> Runner:
    nlp = build_pipeline()
    return lambda texts: dict(attribute_texts(texts.items(), nlp=nlp))


def textacy_runner() -> Runner:
    from textacy.extract.triples import direct_quotations

    nlp = load_model()

    def run(texts: dict[str, str]) -> dict[str, list[dict]]:
        out = {}
        for key, doc in zip(texts, nlp.pipe(texts.values(), batch_size=32), strict=True):
            quotes = []
            try:
                for speaker, cue, content in direct_quotations(doc):
                    span = (speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None
                    name = " ".join(t.text for t in speaker) or None
                    quotes.append(prediction(content.text, content.start_char, content.end_char, "direct", name, span, " ".join(t.text for t in cue)))
            except ValueError:  # textacy raises on an odd number of quotation marks: the whole document gives nothing
                quotes = []
            out[key] = quotes
        return out

    return run


def ggt_runner(checkout: Path) -> Runner:
    folder = checkout / "nlp" / "english"
    sys.path.insert(0, str(folder))
    utils = importlib.import_module("utils")
    # the GGT's module opens a log file under logs/ in the working folder when imported: a scratch one, not this repository
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as scratch, contextlib.chdir(scratch):
        extractor_module = importlib.import_module("quote_extractor")
    nlp = load_model()
    extractor = extractor_module.QuoteExtractor({"spacy_lang": nlp, "NLP": {"QUOTE_VERBS": str(folder / "rules" / "quote_verb_list.txt")}})

    def run(texts: dict[str, str]) -> dict[str, list[dict]]:
        out = {}
        for key, text in texts.items():
            quotes = []
            for q in extractor.extract_quotes(nlp(utils.preprocess_text(text))):
                body = q["quote"].strip()
                direct = len(body) > 2 and body[0] in OPENING and body.rstrip(".,;:!? ")[-1:] in CLOSING
                start, end = (int(x) for x in q["quote_index"].strip("()").split(","))
                quotes.append(prediction(q["quote"], start, end, "direct" if direct else "indirect", q.get("speaker") or None, None, q.get("verb", "")))
            out[key] = quotes
        return out

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, required=True, help="a checkout of networkdynamics/PolNeAR")
    parser.add_argument("--ggt", type=Path, required=True, help="a checkout of sfu-discourse-lab/GenderGapTracker")
    parser.add_argument("--split", default="dev", choices=["train", "dev"], help="the test split is reserved and refused")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    args = parser.parse_args()
    documents = load_documents(args.polnear, args.split, args.limit)
    texts = {key: text for key, (text, _, _) in documents.items()}
    words = sum(len(text.split()) for text in texts.values())
    speech_cues = speech_cue_table(documents)
    runners = {"toolkit": toolkit_runner(), "textacy": textacy_runner(), "ggt": ggt_runner(args.ggt)}
    names = list(runners)
    speeds: dict[str, list[float]] = {name: [] for name in names}
    outputs: dict[str, dict[str, list[dict]]] = {}
    for round_ in range(args.rounds):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            started = time.perf_counter()
            outputs[name] = runners[name](texts)
            speeds[name].append(words / (time.perf_counter() - started))
    result = {"split": args.split, "articles": len(texts), "words": words, "rounds": args.rounds, "systems": {}}
    print(f"{'system':8s} {'words/s (median, min-max)':>28s} {'direct F1':>10s} {'e2e direct':>11s} {'speech F1':>10s} {'e2e speech':>11s}")
    for name in names:
        figures = score(documents, outputs[name], speech_cues)
        speed = {"median": round(statistics.median(speeds[name])), "min": round(min(speeds[name])), "max": round(max(speeds[name]))}
        result["systems"][name] = {"words_per_second": speed, **{k: figures[k] for k in ("direct", "end_to_end_direct", "speech", "end_to_end_speech", "all")},
                                   "pronoun_to_name": figures["pronoun_to_name"]}  # fmt: skip
        band = f"{speed['median']:,} ({speed['min']:,}-{speed['max']:,})"
        print(f"{name:8s} {band:>28s} {figures['direct']['f1']:10.3f} {figures['end_to_end_direct']['f1']:11.3f} "
              f"{figures['speech']['f1']:10.3f} {figures['end_to_end_speech']['f1']:11.3f}")  # fmt: skip
    print(json.dumps(result))


if __name__ == "__main__":
    main()
