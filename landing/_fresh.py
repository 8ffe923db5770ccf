"""Whether the published copies already show what the warehouse holds (issue 9: an unchanged night).

A run that landed and quarantined nothing and judged nothing changes no row a reader reads, so it
need not copy the warehouse again (a second of an unchanged night's two). The copies are current
when the warehouse's *content key* (its files with their last landing, the submissions' signatures,
the findings) equals the key written beside the copies by the last publication that succeeded; a
publication that failed wrote no key, so the next run publishes again.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import duckdb

KEY_FILE = ".tdkt-published-key"


def content_key(con: duckdb.DuckDBPyConnection) -> str:
    """A digest of what readers of the published copies see change when a run writes anything."""
    parts = [
        con.execute("SELECT count(*), max(last_seen_at), count(superseded_by), sum(coalesce(attempts, 0))"
                    " FROM ingested_files").fetchone(),
        con.execute("SELECT count(*), md5(coalesce(string_agg(submission_id || signature, ','"
                    " ORDER BY submission_id), '')) FROM submissions").fetchone(),
        con.execute("SELECT (SELECT count(*) FROM findings), (SELECT count(*) FROM nominations),"
                    " (SELECT count(*) FROM submission_files), (SELECT count(*) FROM fairness)").fetchone(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def is_current(con: duckdb.DuckDBPyConnection, published_dir: Path) -> bool:
    """The copies under ``published_dir`` were published from a warehouse with this content."""
    try:
        return (Path(published_dir) / KEY_FILE).read_text(encoding="ascii").strip() == content_key(con)
    except (OSError, ValueError):
        return False


def remember(con: duckdb.DuckDBPyConnection, published_dir: Path) -> None:
    """After a publication succeeded: its content key beside the copies (owner only)."""
    path = Path(published_dir) / KEY_FILE
    tmp = path.with_name(f"{KEY_FILE}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(content_key(con) + "\n")
    tmp.replace(path)


def forget(published_dir: Path) -> None:
    """Before a publication: a key left from an earlier one must not vouch for a half-done swap."""
    (Path(published_dir) / KEY_FILE).unlink(missing_ok=True)
