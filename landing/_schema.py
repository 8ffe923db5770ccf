"""The warehouse schema: the contract's "Landed tables" plus extras, created if missing.

Dates stay in the contract's text forms (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) as VARCHAR, because
a partial date is not a day; migration 40 adds a typed twin ``<column>_value DATE`` with its
``<column>_precision``. Years and counts are INTEGER; timestamps are UTC. Primary keys (migration 41)
where rows are unique by construction; no foreign keys: every re-landing deletes a file's rows by
``sha256`` and inserts them again inside one transaction, and DuckDB checks a foreign key against
the rows as they were before the transaction, so it would refuse the delete of a referenced row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from landing._migrations import add_primary_keys, add_typed_dates

# Tables whose rows belong to one file and are replaced together when the file is landed again.
PER_FILE_TABLES: tuple[str, ...] = (
    "documents",
    "submissions",
    "council_meta",
    "council_votes",
    "nominations",
    "persons",
    "units",
    "prior_awards",
    "innovations",
    "task_ratings",
    "provenance",
    "findings",
)

DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS ingested_files (
        sha256 VARCHAR PRIMARY KEY,
        path VARCHAR NOT NULL,
        format VARCHAR,
        status VARCHAR NOT NULL,          -- ok | quarantined
        error_code VARCHAR,
        error VARCHAR,
        pages INTEGER,
        ocr_confidence DOUBLE,
        first_seen_at TIMESTAMP NOT NULL, -- UTC; kept when the file is landed again
        last_seen_at TIMESTAMP NOT NULL,  -- UTC
        run_id VARCHAR NOT NULL           -- the run that last landed or quarantined it
    )""",
    """CREATE TABLE IF NOT EXISTS documents (
        sha256 VARCHAR NOT NULL, seq INTEGER NOT NULL, kind VARCHAR NOT NULL,
        page_from INTEGER, page_to INTEGER, title VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS submissions (
        sha256 VARCHAR NOT NULL, number VARCHAR, date VARCHAR, issuer VARCHAR, recipient VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS council_meta (
        sha256 VARCHAR NOT NULL, date VARCHAR, members_total INTEGER, members_present INTEGER
    )""",
    """CREATE TABLE IF NOT EXISTS council_votes (
        sha256 VARCHAR NOT NULL, seq INTEGER NOT NULL, nominee VARCHAR, award_code VARCHAR,
        votes_for INTEGER, votes_total INTEGER
    )""",
    """CREATE TABLE IF NOT EXISTS nominations (
        nomination_id VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, seq INTEGER NOT NULL,
        nominee_kind VARCHAR NOT NULL, award_code VARCHAR, award_name VARCHAR, award_year INTEGER,
        submitting_unit VARCHAR, submission_number VARCHAR, submission_date VARCHAR,
        status VARCHAR NOT NULL,          -- clean | needs_review | rejected
        period_from INTEGER, period_to INTEGER, summary VARCHAR,
        file_path VARCHAR, run_id VARCHAR NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS persons (
        nomination_id VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, full_name VARCHAR, gender VARCHAR,
        birth_date VARCHAR, ethnicity VARCHAR, hometown VARCHAR, residence VARCHAR, position VARCHAR,
        work_unit VARCHAR, qualification VARCHAR, is_leader BOOLEAN
    )""",
    """CREATE TABLE IF NOT EXISTS units (
        nomination_id VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, name VARCHAR, address VARCHAR,
        headcount INTEGER, head VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS prior_awards (
        nomination_id VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, seq INTEGER NOT NULL, year INTEGER,
        title VARCHAR, code VARCHAR, decision_number VARCHAR, decision_date VARCHAR, issuer VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS innovations (
        nomination_id VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, seq INTEGER NOT NULL, title VARCHAR,
        year INTEGER, recognized_by VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS task_ratings (
        nomination_id VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, year INTEGER NOT NULL, rating VARCHAR NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS provenance (
        nomination_id VARCHAR,            -- null for submission.* and council_vote.* fields
        sha256 VARCHAR NOT NULL, field VARCHAR NOT NULL, page INTEGER, line VARCHAR,
        confidence DOUBLE, source VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS findings (
        nomination_id VARCHAR, sha256 VARCHAR, check_id VARCHAR NOT NULL, category VARCHAR NOT NULL,
        severity VARCHAR NOT NULL, field VARCHAR, message VARCHAR NOT NULL, legal_basis VARCHAR NOT NULL,
        run_id VARCHAR NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS fairness (
        run_id VARCHAR NOT NULL, scope VARCHAR NOT NULL, indicator VARCHAR NOT NULL,
        numerator DOUBLE, denominator DOUBLE, value DOUBLE, threshold DOUBLE, status VARCHAR NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP
    )""",
    """CREATE TABLE IF NOT EXISTS run_counts (
        run_id VARCHAR NOT NULL, counter VARCHAR NOT NULL, value INTEGER NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS quality_checks (
        run_id VARCHAR NOT NULL, table_name VARCHAR NOT NULL, column_name VARCHAR,
        expectation VARCHAR NOT NULL, success BOOLEAN NOT NULL, unexpected_count INTEGER NOT NULL,
        unexpected_sample VARCHAR,        -- JSON list of up to 10 values
        check_id VARCHAR NOT NULL, legal_basis VARCHAR, error VARCHAR
    )""",
)

# Changes to tables that older warehouses already hold; each is applied once and recorded in
# ``schema_version`` (any version not recorded yet is applied, in order). New columns go at the end
# of their table. A step is SQL, or a function of the connection when it depends on what is there.
MIGRATIONS: tuple[tuple[int, str, str | Callable[[Any], None]], ...] = (
    (1, "nominations.named_in: the kinds of the documents that name the nominee (contract README)",
     "ALTER TABLE nominations ADD COLUMN IF NOT EXISTS named_in VARCHAR[]"),
    (2, "provenance.unread: the label is on the page but its value could not be read (issue 6)",
     "ALTER TABLE provenance ADD COLUMN IF NOT EXISTS unread BOOLEAN"),
    (40, "dates as DATE: <column>_value and <column>_precision beside each contract text date (issue 8)",
     add_typed_dates),
    (41, "primary keys where rows are unique by construction (issue 8)", add_primary_keys),
)

SCHEMA_VERSION_DDL = """CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL
)"""


# The columns each insert names, in the order of its rows (inserts never rely on column positions).
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("sha256", "seq", "kind", "page_from", "page_to", "title"),
    "submissions": ("sha256", "number", "date", "issuer", "recipient"),
    "council_meta": ("sha256", "date", "members_total", "members_present"),
    "council_votes": ("sha256", "seq", "nominee", "award_code", "votes_for", "votes_total"),
    "nominations": ("nomination_id", "sha256", "seq", "nominee_kind", "award_code", "award_name", "award_year",
                    "submitting_unit", "submission_number", "submission_date", "status", "period_from",
                    "period_to", "summary", "file_path", "run_id", "named_in"),
    "persons": ("nomination_id", "sha256", "full_name", "gender", "birth_date", "ethnicity", "hometown",
                "residence", "position", "work_unit", "qualification", "is_leader"),
    "units": ("nomination_id", "sha256", "name", "address", "headcount", "head"),
    "prior_awards": ("nomination_id", "sha256", "seq", "year", "title", "code", "decision_number",
                     "decision_date", "issuer"),
    "innovations": ("nomination_id", "sha256", "seq", "title", "year", "recognized_by"),
    "task_ratings": ("nomination_id", "sha256", "year", "rating"),
    "provenance": ("nomination_id", "sha256", "field", "page", "line", "confidence", "source", "unread"),
    "findings": ("nomination_id", "sha256", "check_id", "category", "severity", "field", "message",
                 "legal_basis", "run_id"),
    "run_counts": ("run_id", "counter", "value"),
    "quality_checks": ("run_id", "table_name", "column_name", "expectation", "success", "unexpected_count",
                       "unexpected_sample", "check_id", "legal_basis", "error"),
}
