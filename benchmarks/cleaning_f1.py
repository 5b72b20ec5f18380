"""Body token F1 of the dump cleaner on the development dumps, beside the baselines.

usage: python benchmarks/cleaning_f1.py [--folds 5]

The headline figure is cross-validated: the line classifier is retrained on k-1 folds of
documents and scored on the held-out fold, so no page is scored by a model that saw it.
The shipped model (trained on every page) is reported too, as the in-sample figure.
Baselines: keep every line, keep lines of 8+ words, jusText on the dump's lines.

"Clean text in": users also bring clean article texts (an archive's export, a body copied by
hand). Each page's gold body, with its title on the first line, goes through the same
cross-validated cleaner, which should give it back whole: its token F1 against the body, and how
many pages lose more than a tenth of it; the same bodies hard-wrapped at 72 columns, as an
e-mail or a plain-text export gives them (:mod:`toolkit.ingest.wrapping`); and the dumps
themselves wrapped at 79 columns with an indent, as a terminal browser's dump gives a page.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

import justext
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cleaning_devset import DevDocument, features, load_devset, outlet_folds, token_f1
from train_models import fit

from toolkit.ingest.cleaner import LineClassifier, body_paragraphs, classify_lines, default_classifier, dump_lines


def kept_f1(lines: list[str], doc: DevDocument, classifier: LineClassifier, frequency) -> float:
    """Token F1 of the lines the cleaner keeps against the page's gold body."""
    return token_f1("\n".join(body_paragraphs(classify_lines(lines, frequency, classifier, doc.page_language))), doc.body)


def cleaner_f1(doc: DevDocument, classifier: LineClassifier, frequency) -> float:
    return kept_f1(doc.lines, doc, classifier, frequency)


def clean_text_f1(doc: DevDocument, classifier: LineClassifier, width: int | None = None) -> float:
    paragraphs = [p for p in doc.body.split("\n") if p.strip()]
    text = "\n\n".join([doc.title or "", *(textwrap.fill(p, width) if width else p for p in paragraphs)])
    return kept_f1(dump_lines(text), doc, classifier, None)


def wrapped_dump_f1(doc: DevDocument, classifier: LineClassifier, frequency) -> float:
    text = "\n\n".join(textwrap.fill(line, 79, initial_indent="   ", subsequent_indent="   ") for line in doc.lines)
    return kept_f1(dump_lines(text), doc, classifier, frequency)


def justext_body(lines: list[str]) -> str:
    html = "<html><body>" + "".join(f"<p>{justext_escape(x)}</p>" for x in lines) + "</body></html>"
    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def justext_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    docs, frequency = load_devset()
    matrices = features(docs, frequency)
    folds = outlet_folds(docs, args.folds)
    cross_validated = np.zeros(len(docs))
    clean_text = np.zeros(len(docs))
    wrapped_text = np.zeros(len(docs))
    wrapped_dump = np.zeros(len(docs))
    for fold in range(args.folds):
        train = [i for i in range(len(docs)) if folds[i] != fold]
        classifier = LineClassifier(fit([matrices[i] for i in train], [docs[i].labels for i in train]))
        for i in np.flatnonzero(folds == fold):
            cross_validated[i] = cleaner_f1(docs[i], classifier, frequency)
            clean_text[i] = clean_text_f1(docs[i], classifier)
            wrapped_text[i] = clean_text_f1(docs[i], classifier, width=72)
            wrapped_dump[i] = wrapped_dump_f1(docs[i], classifier, frequency)
    shipped = np.mean([cleaner_f1(d, default_classifier(), frequency) for d in docs])
    result = {
        "pages": len(docs),
        "cleaner_f1_cross_validated": round(float(cross_validated.mean()), 4),
        "cleaner_f1_shipped_model_in_sample": round(float(shipped), 4),
        "baseline_keep_all": round(float(np.mean([token_f1("\n".join(d.lines), d.body) for d in docs])), 4),
        "baseline_8plus_words": round(float(np.mean([token_f1("\n".join(x for x in d.lines if len(x.split()) >= 8), d.body) for d in docs])), 4),
        "baseline_justext_lines": round(float(np.mean([token_f1(justext_body(d.lines), d.body) for d in docs])), 4),
        "clean_text_in_f1_cross_validated": round(float(clean_text.mean()), 4),
        "clean_text_in_pages_below_0.9": int((clean_text < 0.9).sum()),
        "wrapped_text_in_f1_cross_validated": round(float(wrapped_text.mean()), 4),
        "wrapped_text_in_pages_below_0.9": int((wrapped_text < 0.9).sum()),
        "wrapped_dump_f1_cross_validated": round(float(wrapped_dump.mean()), 4),
    }
    for key, value in result.items():
        print(f"{key:40s} {value}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
