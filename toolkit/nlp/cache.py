"""Per-article extraction records in SQLite, so an unchanged article text is never parsed twice.

Keyed by the text and the namespace of everything else the record depends on (model name and
version, alias table, extraction version: :func:`toolkit.nlp.model.cache_namespace`).

The cache holds derived data only: a file that is truncated, not SQLite or read-only is set
aside (renamed ``*.broken``) and a new one started (when none can be, as on a full disk, the
run goes on without a cache), and a write that fails later turns the
cache off for the rest of the run (the run goes on; it only parses more next time).
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
        self.working = True
        self.pending: dict[str, dict] = {}  # records kept in memory once the file stops taking writes
        try:
            self.connection = self._open(path)
        except sqlite3.Error:
            for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                if stale.exists():
                    stale.replace(stale.with_name(stale.name + ".broken"))
            try:
                self.connection = self._open(path)
            except sqlite3.Error:  # no new file either (a full disk): this run goes on without a cache
                self.connection, self.working = None, False

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        connection = sqlite3.connect(path, timeout=60)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            # no sync to disk at every commit: with WAL the file stays whole, and a power cut can only
            # lose the last records written, which the next run parses again (a commit per window of
            # articles otherwise waits for the disk each time, milliseconds on a laptop's, more on a network share)
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            connection.execute("SELECT count(*) FROM (SELECT key FROM records LIMIT 1)").fetchone()
            with connection:  # a read-only or full file fails here, not in the middle of the run
                connection.execute("INSERT OR REPLACE INTO records VALUES ('probe', '{}')")
                connection.execute("DELETE FROM records WHERE key = 'probe'")
        except sqlite3.Error:
            connection.close()
            raise
        return connection

    @staticmethod
    def key(text: str, namespace: str) -> str:
        return hashlib.sha256(f"{namespace}\0{text}".encode()).hexdigest()

    def get(self, key: str) -> dict | None:
        if not self.working:
            return self.pending.get(key)
        try:
            row = self.connection.execute("SELECT value FROM records WHERE key = ?", (key,)).fetchone()
            return json.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError):
            return None  # an unreadable record is parsed again

    def put_many(self, items: list[tuple[str, dict]]) -> None:
        if self.working:
            try:
                with self.connection:
                    self.connection.executemany("INSERT OR REPLACE INTO records VALUES (?, ?)", [(k, json.dumps(v, ensure_ascii=False)) for k, v in items])
                return
            except sqlite3.Error:
                self.working = False  # disk full or file gone: keep this run's records in memory instead
        self.pending.update(items)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
