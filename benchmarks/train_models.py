"""Train the ingestion models on the development dumps and write their weights into toolkit/ingest/models/.

usage: python benchmarks/train_models.py

- ``line_classifier.json``: body line or not (logistic regression over the line features);
- ``line_roles.json``: headline, byline, date line, caption (two-stage one-vs-rest logistic
  regressions; see :mod:`toolkit.ingest.line_roles`), trained on the cleaner's cross-validated
  decisions, as it meets them on pages it has not seen;
- ``outlet_ranker.json``: which candidate name on a page is its outlet (:mod:`toolkit.ingest.outlets`).

Labels come from the gold (``cleaning_devset``). The models are plain weight vectors, so the toolkit
needs only numpy to apply them. Rerun after changing any feature.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cleaning_devset import DevDocument, features, load_devset, outlet_folds

from toolkit.ingest.cleaner import MODEL_PATH, LineClassifier, LineDecision, classify_lines
from toolkit.ingest.language import stop_words
from toolkit.ingest.line_features import FEATURE_NAMES, LineFrequency
from toolkit.ingest.line_roles import CONTEXT_FEATURES, ROLES, WINDOW, RoleModel, context_matrix, role_feature_matrix
from toolkit.ingest.line_roles import MODEL_PATH as ROLES_PATH
from toolkit.ingest.outlets import MODEL_PATH as OUTLETS_PATH
from toolkit.ingest.outlets import Candidate, OutletRanker, candidate_matrix, page_candidates

REGULARISATION = 1.0
ROLE_REGULARISATION = 0.3
OUTLET_L2 = 1.0


def fit(matrices: list[np.ndarray], labels: list[np.ndarray]) -> np.ndarray:
    """Body-line logistic-regression weights over the stacked lines of the given documents."""
    model = LogisticRegression(C=REGULARISATION, max_iter=5000, fit_intercept=False)
    model.fit(np.vstack(matrices), np.concatenate(labels))
    return model.coef_[0]


def cross_validated_decisions(docs: list[DevDocument], frequency: LineFrequency, matrices: list[np.ndarray], k: int = 5) -> list[list[LineDecision]]:
    """Each document's line decisions by a cleaner trained on the other folds' sites."""
    folds = outlet_folds(docs, k)
    decisions: list[list[LineDecision]] = [[] for _ in docs]
    for fold in range(k):
        train = [i for i in range(len(docs)) if folds[i] != fold]
        classifier = LineClassifier(fit([matrices[i] for i in train], [docs[i].labels for i in train]))
        for i in np.flatnonzero(folds == fold):
            decisions[i] = classify_lines(docs[i].lines, frequency, classifier, docs[i].page_language)
    return decisions


def role_inputs(doc: DevDocument, decisions: list[LineDecision], frequency: LineFrequency) -> tuple[np.ndarray, np.ndarray]:
    """A document's role features, and which lines train the role model (non-body lines near the body start)."""
    kept = [d.index for d in decisions if d.kept]
    body_start = kept[0] if kept else len(doc.lines)
    probability = np.array([d.probability for d in decisions])
    body = "\n".join(d.text for d in decisions if d.kept)
    matrix = role_feature_matrix(doc.lines, probability, body_start, frequency, body, stop_words(doc.page_language))
    index = np.arange(len(doc.lines))
    near = (index >= body_start - WINDOW[0]) & (index <= body_start + WINDOW[1])
    return matrix, near & (doc.roles >= 0)


def _one_vs_rest(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    weights = []
    for role in range(1, len(ROLES)):
        model = LogisticRegression(C=ROLE_REGULARISATION, max_iter=5000, class_weight="balanced", fit_intercept=False)
        model.fit(x, (y == role).astype(int))
        weights.append(model.coef_[0])
    return np.array(weights)


def fit_roles(inputs: list[tuple[np.ndarray, np.ndarray]], roles: list[np.ndarray]) -> RoleModel:
    """The two-stage role model from documents' (features, training lines) and their role labels."""
    y = np.concatenate([r[mask] for (_, mask), r in zip(inputs, roles, strict=True)])
    first = _one_vs_rest(np.vstack([m[mask] for m, mask in inputs]), y)
    staged = RoleModel(first, np.zeros((len(ROLES) - 1, first.shape[1] + len(CONTEXT_FEATURES))))
    second_x = [np.hstack([m, context_matrix(staged.first_stage(m))])[mask] for m, mask in inputs]
    return RoleModel(first, _one_vs_rest(np.vstack(second_x), y))


def outlet_inputs(doc: DevDocument) -> tuple[list[Candidate], np.ndarray, np.ndarray]:
    """A document's outlet candidates, their features and which of them name its outlet."""
    candidates = page_candidates(doc.lines)
    right = np.array([c.matches(doc.outlet, doc.outlet_also) for c in candidates], dtype=int)
    return candidates, candidate_matrix(candidates), right


def fit_listwise(groups: list[tuple[np.ndarray, np.ndarray]], l2: float) -> np.ndarray:
    """Conditional-logit weights: in each group (a page's candidates, which of them are right), the
    right candidates should outscore the others and "none of them" (score 0); a group with no right
    candidate should leave "none" on top. Fitted by L-BFGS with an L2 penalty."""
    size = next(x.shape[1] for x, _ in groups if len(x))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = l2 * w @ w / 2, l2 * w
        for x, right in groups:
            if not len(x):
                continue
            s = x @ w
            top = max(s.max(), 0.0)
            e, none = np.exp(s - top), np.exp(-top)
            z = e.sum() + none
            p = e / z
            if right.any():
                hit = e[right.astype(bool)].sum()
                total -= np.log(hit / z)
                grad = grad - x.T @ (np.where(right.astype(bool), e / hit, 0.0) - p)
            else:
                total -= np.log(none / z)
                grad = grad + x.T @ p
        return total, grad

    return minimize(loss, np.zeros(size), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x


def fit_outlets(inputs: list[tuple[list[Candidate], np.ndarray, np.ndarray]]) -> OutletRanker:
    """The outlet ranker from documents' candidates (a conditional logit over each page's candidates)."""
    return OutletRanker(fit_listwise([(m, r) for _, m, r in inputs], OUTLET_L2))


def main() -> None:
    docs, frequency = load_devset()
    matrices = features(docs, frequency)
    weights = fit(matrices, [d.labels for d in docs])
    LineClassifier(weights).to_file(MODEL_PATH, len(docs), FEATURE_NAMES)
    decisions = cross_validated_decisions(docs, frequency, matrices)
    roles = fit_roles([role_inputs(d, dec, frequency) for d, dec in zip(docs, decisions, strict=True)], [d.roles for d in docs])
    roles.to_file(ROLES_PATH, f"Line roles; trained by benchmarks/train_models.py on {len(docs)} development dumps")
    fit_outlets([outlet_inputs(d) for d in docs]).to_file(OUTLETS_PATH, f"Outlet ranker; {len(docs)} development dumps")
    print(f"wrote {MODEL_PATH.name}, {ROLES_PATH.name} and {OUTLETS_PATH.name} from {len(docs)} documents")


if __name__ == "__main__":
    main()
