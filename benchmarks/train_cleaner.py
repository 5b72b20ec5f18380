"""Train the boilerplate line classifier on the development dumps and write its weights.

usage: python benchmarks/train_cleaner.py [--out toolkit/models/line_classifier.json]

The model is a plain logistic regression (no intercept: the features include a bias column),
so the toolkit needs only numpy to apply it. Rerun after changing toolkit/line_features.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cleaning_devset import features, load_devset

from toolkit.ingest.cleaner import MODEL_PATH
from toolkit.ingest.line_features import FEATURE_NAMES

REGULARISATION = 1.0


def fit(matrices: list[np.ndarray], labels: list[np.ndarray]) -> np.ndarray:
    """Logistic-regression weights over the stacked lines of the given documents."""
    model = LogisticRegression(C=REGULARISATION, max_iter=5000, fit_intercept=False)
    model.fit(np.vstack(matrices), np.concatenate(labels))
    return model.coef_[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    docs, frequency = load_devset()
    weights = fit(features(docs, frequency), [d.labels for d in docs])
    spec = {
        "about": "Logistic regression, body vs boilerplate line; trained by benchmarks/train_cleaner.py",
        "n_documents": len(docs),
        "features": list(FEATURE_NAMES),
        "weights": [round(float(w), 6) for w in weights],
    }
    args.out.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} from {len(docs)} documents")


if __name__ == "__main__":
    main()
