"""Per-article extraction records in SQLite, so an unchanged article text is never parsed twice.

Keyed by the text and the namespace of everything else the record depends on (model name and
version, alias table, extraction version: :func:`toolkit.nlp.model.cache_namespace`).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path


class RecordCache:
    """Per-article extraction records in a SQLite file (safe to share between runs)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.connection = sqlite3.connect(path, timeout=60)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    @staticmethod
    def key(text: str, namespace: str) -> str:
        return hashlib.sha256(f"{namespace}\0{text}".encode()).hexdigest()

    def get(self, key: str) -> dict | None:
        row = self.connection.execute("SELECT value FROM records WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put_many(self, items: list[tuple[str, dict]]) -> None:
        with self.connection:
            self.connection.executemany("INSERT OR REPLACE INTO records VALUES (?, ?)", [(k, json.dumps(v, ensure_ascii=False)) for k, v in items])

    def close(self) -> None:
        self.connection.close()
