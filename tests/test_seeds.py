"""The seed articles against the hand-checked gold file (tests/fixtures/seeds_gold.json)."""

import re
from pathlib import Path

import pytest


def norm(text):
    return re.sub(r"\s+", " ", text if isinstance(text, str) else "").strip()


def tokens(text):
    return re.findall(r"\w+", (text or "").lower())


def overlap_f1(a, b):
    ta, rest = tokens(a), tokens(b)
    total_b, common = len(rest), 0
    for t in ta:
        if t in rest:
            rest.remove(t)
            common += 1
    return 0.0 if not common else 2 * common / (len(ta) + total_b)


@pytest.fixture(scope="module")
def by_file(seed_tables):
    return {Path(r.file).name: r for r in seed_tables.articles.itertuples()}


def test_ingest_fields(gold, by_file):
    for g in gold["articles"]:
        a = by_file[g["file"]]
        text = norm(a.text)
        assert norm(a.title) == norm(g["title"]), g["file"]
        assert str(a.published if isinstance(a.published, str) else "").startswith(g["published"][:16]), g["file"]
        assert norm(a.author) == norm(g["author"]), g["file"]
        assert norm(a.outlet).lower() == norm(g["outlet"]).lower(), g["file"]
        assert text.startswith(norm(g["body_first"])) and text.endswith(norm(g["body_last"])), g["file"]
        lines = [norm(x) for x in a.text.splitlines() if x.strip()]
        for b in g.get("boilerplate", []):
            assert not any(norm(b) == line or (len(b) > 12 and norm(b) in line) for line in lines), b
        if g.get("lead_appears_once"):
            assert text.count(norm(g["lead_appears_once"])) == 1
        optional = {norm(o) for o in g.get("optional", [])}
        paragraphs = [norm(p) for p in a.text.split("\n\n") if norm(p) not in optional]
        assert len(paragraphs) == g["body_paragraphs"], g["file"]
        if g.get("dateline"):
            assert a.dateline == g["dateline"]


def test_entity_clusters_and_people(gold, seed_tables, by_file):
    mentions, entities = seed_tables.mentions, seed_tables.entities
    surface = {}
    for m in mentions.itertuples():
        surface.setdefault(re.sub(r"[’']s$", "", norm(m.text)), set()).add(m.entity_id)
    for cluster in gold["entity_clusters"]:
        ids = set().union(*(surface.get(alias, set()) for alias in cluster))
        assert len(ids) == 1, (cluster, ids)
    for a, b in gold["must_not_merge"]:
        assert not (surface.get(a, set()) & surface.get(b, set())), (a, b)
    names = dict(zip(entities.entity_id, entities.name, strict=True))
    for g in gold["articles"]:
        found = {names[i].lower() for i in mentions[mentions.article_id == by_file[g["file"]].article_id].entity_id}
        for person in g["people"]:
            assert any(person.split()[-1].lower() in f for f in found), (g["file"], person)
    for word in ("chevron", "views", "twitter", "instagram", "icon"):
        assert not any(word in n.lower() for n in entities["name"]), word


def test_quotes_against_gold(gold, seed_tables, by_file):
    quotes = seed_tables.quotes
    cluster_of = {alias.lower(): c[0].lower() for c in gold["entity_clusters"] for alias in c}
    found = {"required": 0, "hit": 0, "speaker": 0}
    matched = set()
    for g in gold["articles"]:
        mine = quotes[quotes.article_id == by_file[g["file"]].article_id]
        for q in g["quotes"]:
            scores = [(overlap_f1(r.text, q["quote"]), i) for i, r in mine.iterrows()]
            best, index = max(scores, default=(0.0, None))
            if best >= 0.6:
                matched.add(index)
            if q.get("optional"):
                continue
            found["required"] += 1
            if best >= 0.6:
                found["hit"] += 1
                said = norm(mine.loc[index].speaker).lower()
                want = q["speaker"].lower()
                same = cluster_of.get(said, said) == cluster_of.get(want, want) or want.split()[-1] in said.split()
                found["speaker"] += same
                if q["kind"] in ("direct", "partial"):
                    assert same, (q["quote"], said)
            elif q["kind"] in ("direct", "partial"):
                pytest.fail(f"missed {q['kind']} quote {q['quote'][:60]!r}")
    assert found["hit"] >= 0.9 * found["required"]
    assert found["speaker"] >= 0.9 * found["required"]
    assert len(matched) >= 0.9 * len(quotes)
