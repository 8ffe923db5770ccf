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
    "cover_letters",
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
    "nomination_checks",
    "records",
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
    """CREATE TABLE IF NOT EXISTS cover_letters (
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



def _cover_letters(con: Any) -> None:
    """Warehouses before v20 kept the cover letter of each file in ``submissions``: move it."""
    cols = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'submissions'").fetchall()}
    if "sha256" in cols:
        con.execute("INSERT INTO cover_letters SELECT sha256, number, date, issuer, recipient FROM submissions")
        con.execute("DROP TABLE submissions")


# Changes to tables that older warehouses already hold; each is applied once and recorded in
# ``schema_version`` (any version not recorded yet is applied, in order). New columns go at the end
# of their table. A step is SQL, or a function of the connection when it depends on what is there.
MIGRATIONS: tuple[tuple[int, str, str | Callable[[Any], None]], ...] = (
    (1, "nominations.named_in: the kinds of the documents that name the nominee (contract README)",
     "ALTER TABLE nominations ADD COLUMN IF NOT EXISTS named_in VARCHAR[]"),
    (2, "provenance.unread: the label is on the page but its value could not be read (issue 6)",
     "ALTER TABLE provenance ADD COLUMN IF NOT EXISTS unread BOOLEAN"),
    (20, "cover_letters: each file's cover letter (was `submissions`, now the name of a unit's set of files)",
     _cover_letters),
    (21, "submissions, submission_files: the files a unit sent together, judged together (issue 7)",
     """CREATE TABLE IF NOT EXISTS submissions (
        submission_id VARCHAR PRIMARY KEY,  -- folder:<path> | ttr:<number>|<date> | file:<sha256>
        unit_key VARCHAR,                   -- the submitting unit, a key of units_ref or its folded name
        unit_name VARCHAR,                  -- as the cover letter (else the folder) writes it
        folder VARCHAR,                     -- inbox folder relative to the inbox, '' for the inbox itself
        number VARCHAR, date VARCHAR,       -- the cover letter's
        regime VARCHAR,                     -- LTDKT2022+ND98 | LTDKT2022+ND152
        files INTEGER NOT NULL, nominees INTEGER NOT NULL,
        last_run_id VARCHAR NOT NULL,       -- the run that last judged it
        signature VARCHAR NOT NULL          -- its files and the rules it was judged by: unchanged, not judged again
    );
    CREATE TABLE IF NOT EXISTS submission_files (
        submission_id VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, linked_by VARCHAR NOT NULL
    )"""),
    (22, "nominations: the submission, the submitting unit's key, the nominee's one id in the submission",
     """ALTER TABLE nominations ADD COLUMN IF NOT EXISTS submission_id VARCHAR;
     ALTER TABLE nominations ADD COLUMN IF NOT EXISTS unit_key VARCHAR;
     ALTER TABLE nominations ADD COLUMN IF NOT EXISTS canonical_id VARCHAR"""),
    (23, "findings: the scope a rule ran at, its submission, the regime and how sure its legal basis is",
     """ALTER TABLE findings ADD COLUMN IF NOT EXISTS scope VARCHAR;
     ALTER TABLE findings ADD COLUMN IF NOT EXISTS submission_id VARCHAR;
     ALTER TABLE findings ADD COLUMN IF NOT EXISTS regime VARCHAR;
     ALTER TABLE findings ADD COLUMN IF NOT EXISTS confidence VARCHAR"""),
    (24, "nomination_checks: every check that ran on a nomination and its outcome",
     """CREATE TABLE IF NOT EXISTS nomination_checks (
        nomination_id VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, submission_id VARCHAR,
        check_id VARCHAR NOT NULL, scope VARCHAR NOT NULL,
        outcome VARCHAR NOT NULL            -- passed | failed | not_applicable
    )"""),
    (25, "fairness: per award level and submitting unit key",
     """ALTER TABLE fairness ADD COLUMN IF NOT EXISTS award_level VARCHAR;
     ALTER TABLE fairness ADD COLUMN IF NOT EXISTS unit_key VARCHAR"""),
    (26, "documents.cites: the document numbers a document cites (links a file to its cover letter)",
     "ALTER TABLE documents ADD COLUMN IF NOT EXISTS cites VARCHAR[]"),
    (27, "records: each landed file's dossier record (JSON), which the submission stage merges",
     "CREATE TABLE IF NOT EXISTS records (sha256 VARCHAR NOT NULL, record JSON NOT NULL)"),
    (29, "findings.scope of findings landed before scopes existed: the file's or the nomination's",
     "UPDATE findings SET scope = CASE WHEN nomination_id IS NULL THEN 'file' ELSE 'nomination' END "
     "WHERE scope IS NULL"),
    (28, "units_ref: the reference list of units (data/reference/units.yaml), refreshed each run",
     """CREATE TABLE IF NOT EXISTS units_ref (
        unit_key VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, level VARCHAR, province VARCHAR,
        remote BOOLEAN, border BOOLEAN, island BOOLEAN, dissolved_on VARCHAR
    )"""),
    (50, "provenance.bbox_x0..bbox_y1: where the source line sits on its page, as fractions (issue 8: crops)",
     "ALTER TABLE provenance ADD COLUMN IF NOT EXISTS bbox_x0 DOUBLE; "
     "ALTER TABLE provenance ADD COLUMN IF NOT EXISTS bbox_y0 DOUBLE; "
     "ALTER TABLE provenance ADD COLUMN IF NOT EXISTS bbox_x1 DOUBLE; "
     "ALTER TABLE provenance ADD COLUMN IF NOT EXISTS bbox_y1 DOUBLE"),
    # 30-39: the nightly job's intake (issue 9)
    (30, "ingested_files.superseded_by: the hash of the corrected file that replaced this one under its path",
     "ALTER TABLE ingested_files ADD COLUMN IF NOT EXISTS superseded_by VARCHAR"),
    (31, "ingested_files.attempts: how many times the file was quarantined (retried codes stop at a limit)",
     "ALTER TABLE ingested_files ADD COLUMN IF NOT EXISTS attempts INTEGER"),
    (32, "current_files: the files not superseded by a corrected version under the same path",
     "CREATE OR REPLACE VIEW current_files AS SELECT * FROM ingested_files WHERE superseded_by IS NULL"),
    (33, "current_nominations: nominations of current files only (a corrected file is not counted twice)",
     "CREATE OR REPLACE VIEW current_nominations AS SELECT * FROM nominations "
     "WHERE sha256 IN (SELECT sha256 FROM ingested_files WHERE superseded_by IS NULL)"),
    (40, "dates as DATE: <column>_value and <column>_precision beside each contract text date (issue 8)",
     add_typed_dates),
    (41, "primary keys where rows are unique by construction (issue 8)", add_primary_keys),
)

MIGRATIONS = tuple(sorted(MIGRATIONS, key=lambda m: m[0]))  # applied and recorded in version order

SCHEMA_VERSION_DDL = """CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL
)"""



# The columns each insert names, in the order of its rows (inserts never rely on column positions).
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("sha256", "seq", "kind", "page_from", "page_to", "title", "cites"),
    "cover_letters": ("sha256", "number", "date", "issuer", "recipient"),
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
    "provenance": ("nomination_id", "sha256", "field", "page", "line", "confidence", "source", "unread",
                   "bbox_x0", "bbox_y0", "bbox_x1", "bbox_y1"),
    "findings": ("nomination_id", "sha256", "check_id", "category", "severity", "field", "message",
                 "legal_basis", "run_id", "scope", "submission_id", "regime", "confidence"),
    "nomination_checks": ("nomination_id", "sha256", "submission_id", "check_id", "scope", "outcome"),
    "records": ("sha256", "record"),
    "run_counts": ("run_id", "counter", "value"),
    "quality_checks": ("run_id", "table_name", "column_name", "expectation", "success", "unexpected_count",
                       "unexpected_sample", "check_id", "legal_basis", "error"),
    "fairness": ("run_id", "scope", "indicator", "numerator", "denominator", "value", "threshold", "status",
                 "award_level", "unit_key"),
    "submissions": ("submission_id", "unit_key", "unit_name", "folder", "number", "date", "regime", "files",
                    "nominees", "last_run_id", "signature"),
    "submission_files": ("submission_id", "sha256", "linked_by"),
    "units_ref": ("unit_key", "name", "level", "province", "remote", "border", "island", "dissolved_on"),
}
