"""What analysts query (issue 8, points 6-9): the dictionary, the migrations, the published copies,
``tdkt query`` / ``tdkt tables``, and privacy. Real DuckDB files, real processes, a real flow."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

import validators
from landing import Warehouse
from landing._dictionary import load_dictionary
from landing._schema import MIGRATIONS
from landing.publish import ANALYST_COPY, FULL_COPY, pseudonym, publish
from tests.test_landing import SHA, findings_for, make_record

FIXTURE = Path(__file__).parent / "fixtures" / "warehouse_f791b35"
NAME, BIRTH = "Nguyễn Thị Hoa", "1985-04-07"


def _tdkt(repo_root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True,
                          cwd=repo_root, timeout=300, check=False, env={**os.environ, **(env or {})})


def _landed(db: Path) -> Warehouse:
    """A warehouse holding make_record() (two nominations, findings), a run and the check catalogue."""
    wh = Warehouse(db)
    rec = make_record()
    rec.nominations[0].person.hometown = "Vĩnh Tú"  # type: ignore[union-attr]
    wh.land(rec, findings_for(rec), run_id="r1", path="inbox/Nguyen Thi Hoa.pdf",
            statuses={"hoa-cstdcs-2024": "needs_review", "phong-ttldtt-2024": "clean"})
    wh.record_run("r1", datetime(2026, 1, 2, 18, 0, tzinfo=UTC), datetime(2026, 1, 2, 18, 5, tzinfo=UTC),
                  {"landed": 1})
    wh.record_checks(validators.load_rules())
    return wh


@pytest.fixture()
def published(tmp_path: Path) -> Path:
    with _landed(tmp_path / "wh" / "tdkt.duckdb") as wh:
        publish(wh.connection, tmp_path / "published", key_file=tmp_path / "secrets" / "pseudonym.key")
    return tmp_path / "published"


# --- 6. documented tables --------------------------------------------------------------------------


def test_every_table_and_column_has_a_comment_and_the_code_tables_are_filled(tmp_path: Path) -> None:
    with _landed(tmp_path / "kho.duckdb") as wh:
        con = wh.connection
        missing = con.execute(
            """SELECT c.table_name || '.' || c.column_name FROM duckdb_columns() c
               JOIN duckdb_tables() t ON t.database_name = c.database_name AND t.table_name = c.table_name
               WHERE c.database_name = current_database() AND (c.comment IS NULL OR c.comment = '')""").fetchall()
        assert missing == [], "undocumented columns: add them to data/warehouse_dictionary.yaml"
        assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                           "AND (comment IS NULL OR comment = '')").fetchone() == (0,)
        comment = con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'persons' "
                              "AND column_name = 'birth_date'").fetchone()
        assert comment is not None and comment[0].startswith("Ngày sinh")
        assert con.execute("SELECT name, level, kind, holder FROM award_codes WHERE code = 'CSTD_CS'").fetchone() == (
            "Chiến sĩ thi đua cơ sở", "co_so", "danh_hieu", "individual")
        assert con.execute("SELECT count(*) FROM award_codes WHERE level IS NULL").fetchone() == (0,)
        assert con.execute("SELECT code FROM task_ratings_codes ORDER BY rank").fetchall() == [
            ("HTXSNV",), ("HTTNV",), ("HTNV",), ("KHTNV",)]
        assert {r[0] for r in con.execute("SELECT code FROM nomination_statuses").fetchall()} == {
            "clean", "needs_review", "rejected"}
        rules = validators.load_rules()
        checks = dict(con.execute("SELECT check_id, legal_basis_nd98 FROM checks").fetchall())
        assert set(checks) == {r.id for r in rules}
        assert all(checks[r.id] for r in rules if "LTDKT2022+ND98" in r.regimes)
        # every finding's check is in the catalogue: the join an analyst writes works
        assert con.execute("SELECT count(*) FROM findings f ANTI JOIN checks c USING (check_id)").fetchone() == (0,)


def test_tdkt_tables_prints_the_same_dictionary(repo_root: Path, tmp_path: Path) -> None:
    result = _tdkt(repo_root, "tables", "persons")
    assert result.returncode == 0, result.stderr
    doc = load_dictionary().tables["persons"]
    assert doc.vi in result.stdout and doc.en in result.stdout
    assert "birth_date" in result.stdout and "[analyst: drop]" in result.stdout
    with Warehouse(tmp_path / "kho.duckdb") as wh:  # the warehouse says the same as the command
        comment = wh.connection.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'persons' "
                                        "AND column_name = 'full_name'").fetchone()
    assert comment is not None and doc.columns["full_name"].vi in comment[0]
    assert doc.columns["full_name"].vi in result.stdout
    assert "[khoá ngoại / foreign keys (bản công bố / published copy): nomination_id -> nominations.nomination_id, " \
        "sha256 -> ingested_files.sha256]" in result.stdout
    assert _tdkt(repo_root, "tables", "khong_co_bang").returncode == 5


def test_dates_have_typed_twins_and_keys_are_enforced(tmp_path: Path) -> None:
    rec = make_record()
    rec.submission.date = "2024-12"  # type: ignore[union-attr]
    rec.nominations[0].prior_awards[0].decision_date = "2023"
    with Warehouse(tmp_path / "kho.duckdb") as wh:
        wh.land(rec, [], run_id="r1", path="a.pdf")
        wh.land(rec, [], run_id="r2", path="a.pdf")  # delete + insert of the same keys in one transaction
        con = wh.connection
        assert con.execute("SELECT birth_date_value, birth_date_precision FROM persons").fetchone() == (
            datetime(1985, 4, 7).date(), "day")
        letters = _cover_letter_table(con)
        assert con.execute(f"SELECT date_value, date_precision FROM {letters}").fetchone() == (
            datetime(2024, 12, 1).date(), "month")
        assert con.execute("SELECT decision_date_value, decision_date_precision FROM prior_awards").fetchone() == (
            datetime(2023, 1, 1).date(), "year")
        assert con.execute("SELECT typeof(submission_date_value) FROM nominations LIMIT 1").fetchone() == ("DATE",)
        keys = {r[0] for r in con.execute("SELECT table_name FROM duckdb_constraints() "
                                          "WHERE constraint_type = 'PRIMARY KEY'").fetchall()}
        assert {"nominations", "documents", "council_votes", "award_codes", "checks", "ingested_files"} <= keys
        with pytest.raises(duckdb.ConstraintException):
            con.execute("INSERT INTO nominations (nomination_id, sha256, seq, nominee_kind, status, run_id) "
                        f"VALUES ('x', '{SHA}', 0, 'individual', 'clean', 'r3')")


def test_the_landing_and_the_migration_read_dates_alike() -> None:
    """Rows landed now get their DATE in Python, old rows in SQL (migration 40): the same rule."""
    from landing._migrations import date_precision_sql, date_value_sql, typed_date

    texts = ["2024-12-10", "2024-12", "2024", "2024-13", "2024-02-30", "12/10/2024", "", None]
    con = duckdb.connect()
    for text in texts:
        sql = con.execute(f"SELECT {date_value_sql('d')}, {date_precision_sql('d')} FROM (SELECT ?::VARCHAR AS d)",
                          [text]).fetchone()
        assert sql == typed_date(text), text
    assert typed_date("2024-12") == (datetime(2024, 12, 1).date(), "month")


# --- 7. a schema that migrates ---------------------------------------------------------------------

# Tables a later migration renamed: issue 7 (migration 20) moves each file's cover letter from
# `submissions` to `cover_letters` and reuses `submissions` for a unit's set of files.
RENAMED = {"submissions": "cover_letters"}


def _cover_letter_table(con: duckdb.DuckDBPyConnection) -> str:
    have = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    return "cover_letters" if "cover_letters" in have else "submissions"


def _table_now(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> str:
    """Where an old table's rows live now: itself, or the table a later migration moved them to."""
    have = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                                      [table]).fetchall()}
    return table if set(columns) <= have else RENAMED.get(table, table)


def _old_warehouse(db: Path) -> None:
    con = duckdb.connect(str(db))
    con.execute((FIXTURE / "schema.sql").read_text(encoding="utf-8"))
    load = (FIXTURE / "load.sql").read_text(encoding="utf-8").replace("FROM '", f"FROM '{FIXTURE}/")
    con.execute(load)
    con.close()


def test_a_warehouse_of_the_previous_version_upgrades_without_loss(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    _old_warehouse(db)
    con = duckdb.connect(str(db))
    tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE table_name <> "
                                        "'schema_version' ORDER BY 1").fetchall()]
    before = {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}
    columns = {t: [r[0] for r in con.execute(f"DESCRIBE {t}").fetchall()] for t in tables}
    con.close()
    assert sum(len(rows) for rows in before.values()) > 20

    Warehouse(db).close()  # opening upgrades it
    with Warehouse(db) as wh:  # opening again applies nothing twice
        con = wh.connection
        assert [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()] == sorted(
            m[0] for m in MIGRATIONS)
        for t in tables:  # every old row is still there, column for column
            cols = ", ".join(f'"{c}"' for c in columns[t])
            now = _table_now(con, t, columns[t])
            assert sorted(map(repr, con.execute(f"SELECT {cols} FROM {now}").fetchall())) == before[t], t
        # the old rows got their typed dates, partial ones included
        assert sorted(con.execute("SELECT birth_date, birth_date_value, birth_date_precision FROM persons").fetchall()) == [
            ("1979-11", datetime(1979, 11, 1).date(), "month"), (BIRTH, datetime(1985, 4, 7).date(), "day")]
        assert ("nominations",) in con.execute(
            "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'").fetchall()
        # and the upgraded warehouse takes new files
        wh.land(make_record(sha="f" * 64), [], run_id="r-new", path="moi.pdf")
        assert con.execute("SELECT count(*) FROM nominations").fetchone() == (6,)


def test_every_unrecorded_migration_is_applied_even_below_the_highest(tmp_path: Path) -> None:
    """A warehouse that recorded 41 and a version from another branch (99) still gets 40."""
    db = tmp_path / "kho.duckdb"
    _old_warehouse(db)
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_version VALUES (41, 'keys', now()), (99, 'another branch', now())")
    con.close()
    with Warehouse(db) as wh:
        versions = [r[0] for r in wh.connection.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]
        assert 40 in versions and 99 in versions
        assert wh.connection.execute("SELECT count(*) FROM persons WHERE birth_date_value IS NOT NULL").fetchone() == (2,)


# --- 8. published for reading ----------------------------------------------------------------------


def test_published_copies_hold_the_warehouse_views_and_parquet(published: Path) -> None:
    con = duckdb.connect(str(published / FULL_COPY), read_only=True)
    assert con.execute("SELECT count(*) FROM nominations").fetchone() == (2,)
    assert con.execute("SELECT nominations, needs_review FROM v_nominations_by_unit_award_year "
                       "WHERE award_code = 'CSTD_CS'").fetchone() == (1, 1)
    assert con.execute("SELECT full_name, birth_date, award_code FROM v_person_history").fetchall() == [
        (NAME, BIRTH, "CSTD_CS")]
    assert con.execute("SELECT check_id, run_date, findings FROM v_findings_by_check_over_time ORDER BY 1").fetchall() == [
        ("COMP-01", datetime(2026, 1, 3).date(), 1), ("COMP-11", datetime(2026, 1, 3).date(), 1)]
    assert con.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'v_person_history'").fetchone()[0]  # type: ignore[index]
    con.close()
    # Parquet, by the Vietnam-time date of the run (18:00 UTC on 2 January is 3 January in Hà Nội)
    files = sorted(p.relative_to(published).as_posix() for p in (published / "parquet").rglob("*.parquet"))
    assert "parquet/nominations/run_date=2026-01-03/data_0.parquet" in files
    assert "parquet/award_codes/award_codes.parquet" in files
    con = duckdb.connect()
    rows = con.execute(f"SELECT count(*) FROM read_parquet('{published}/parquet/nominations/*/*.parquet', "
                       "hive_partitioning = true) WHERE run_date = DATE '2026-01-03'").fetchone()
    assert rows == (2,)
    con.close()


def _foreign_keys(db: Path) -> set[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {f"{t}.{c[0]} -> {rt}.{rc[0]}" for t, c, rt, rc in con.execute(
            "SELECT table_name, constraint_column_names, referenced_table, referenced_column_names "
            "FROM duckdb_constraints() WHERE constraint_type = 'FOREIGN KEY'").fetchall()}


def test_the_published_copy_declares_foreign_keys_and_refuses_an_orphan(published: Path, tmp_path: Path) -> None:
    """Parents first: a nomination's rows point at the file and the nomination, codes at code tables."""
    declared = _foreign_keys(published / FULL_COPY)
    assert {"nominations.sha256 -> ingested_files.sha256", "persons.nomination_id -> nominations.nomination_id",
            "findings.check_id -> checks.check_id", "nominations.award_code -> award_codes.code",
            "task_ratings.rating -> task_ratings_codes.code", "nominations.run_id -> runs.run_id",
            "documents.kind -> document_kinds.code"} <= declared
    documented = {f"{t}.{c} -> {col.references}" for t, doc in load_dictionary().tables.items()
                  for c, col in doc.columns.items() if col.references and col.references.split(".")[0] != t}
    assert declared <= documented
    with duckdb.connect(str(published / FULL_COPY), read_only=True) as con:  # nothing lost in the rebuild
        assert con.execute("SELECT count(*) FROM persons").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM findings").fetchone() == (2,)
        comment = con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'persons' "
                              "AND column_name = 'birth_date'").fetchone()
        assert comment is not None and comment[0].startswith("Ngày sinh")
    copy = tmp_path / "ghi-thu.duckdb"  # the published file is read-only to its readers: try on a copy
    shutil.copy(published / FULL_COPY, copy)
    with duckdb.connect(str(copy)) as con:
        with pytest.raises(duckdb.ConstraintException, match="foreign key"):
            con.execute("INSERT INTO persons (nomination_id, sha256) VALUES ('khong-co', ?)", [SHA])
        with pytest.raises(duckdb.ConstraintException, match="foreign key"):
            con.execute("UPDATE nominations SET award_code = 'KHONG_CO' WHERE award_code = 'CSTD_CS'")
        con.execute("INSERT INTO persons (nomination_id, sha256) VALUES ('hoa-cstdcs-2024', ?)", [SHA])  # kept


def test_a_reference_with_orphan_rows_stays_undeclared_and_the_rest_publish(tmp_path: Path) -> None:
    with _landed(tmp_path / "wh" / "tdkt.duckdb") as wh:
        wh.connection.execute("UPDATE nominations SET award_code = 'CSTD_XYZ' WHERE award_code = 'CSTD_CS'")
        out = publish(wh.connection, tmp_path / "published", key_file=tmp_path / "secrets" / "pseudonym.key")
    declared = _foreign_keys(out.full)
    assert "nominations.award_code -> award_codes.code" not in declared
    assert "persons.nomination_id -> nominations.nomination_id" in declared and set(out.foreign_keys) == declared
    with duckdb.connect(str(out.full), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM nominations WHERE award_code = 'CSTD_XYZ'").fetchone() == (1,)


def test_a_failed_publication_keeps_the_previous_copies(published: Path, tmp_path: Path) -> None:
    from landing import WarehouseError

    before = (published / ANALYST_COPY).read_bytes()
    # a folder where the full copy should be renamed to: the rename fails half-way through
    (published / FULL_COPY).unlink()
    (published / FULL_COPY).mkdir()
    with Warehouse(tmp_path / "wh" / "tdkt.duckdb") as wh, pytest.raises(WarehouseError) as exc:
        publish(wh.connection, published, key_file=tmp_path / "secrets" / "pseudonym.key")
    assert "bản của lượt trước được giữ nguyên" in exc.value.message
    assert (published / ANALYST_COPY).read_bytes() == before
    assert not [p for p in published.iterdir() if p.name.startswith(".")], "no temporary file left behind"
    blocked = tmp_path / "a_file"
    blocked.write_text("x")
    with Warehouse(tmp_path / "wh" / "tdkt.duckdb") as wh, pytest.raises(WarehouseError):
        publish(wh.connection, blocked / "published", key_file=tmp_path / "secrets" / "pseudonym.key")


def test_the_views_key_units_into_units_ref_when_the_warehouse_has_it(tmp_path: Path) -> None:
    """With issue 7's tables (a unit's key on each nomination, the reference list of units), the
    view counts by unit key and names the unit as the reference list does."""
    with _landed(tmp_path / "wh" / "tdkt.duckdb") as wh:
        con = wh.connection
        con.execute("ALTER TABLE nominations ADD COLUMN IF NOT EXISTS unit_key VARCHAR")
        con.execute("CREATE TABLE IF NOT EXISTS units_ref (unit_key VARCHAR PRIMARY KEY, name VARCHAR, "
                    "level VARCHAR, province VARCHAR, remote BOOLEAN, border BOOLEAN, island BOOLEAN)")
        con.execute("INSERT INTO units_ref (unit_key, name, level, province, remote, border, island) "
                    "VALUES ('vinh-linh', 'Huyện Vĩnh Linh', 'huyen', 'Quảng Trị', false, false, false)")
        con.execute("UPDATE nominations SET unit_key = 'vinh-linh'")
        publish(con, tmp_path / "pub", key_file=tmp_path / "k.key")
    for copy in (FULL_COPY, ANALYST_COPY):
        con = duckdb.connect(str(tmp_path / "pub" / copy), read_only=True)
        rows = con.execute("SELECT DISTINCT unit_key, submitting_unit, province FROM v_nominations_by_unit_award_year"
                           ).fetchall()
        assert rows == [("vinh-linh", "Huyện Vĩnh Linh", "Quảng Trị")], copy
        con.close()


def test_published_files_are_readable_by_their_owner_only(published: Path, tmp_path: Path) -> None:
    assert stat.S_IMODE(published.stat().st_mode) == 0o700
    for path in published.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path
    assert stat.S_IMODE((tmp_path / "secrets" / "pseudonym.key").stat().st_mode) == 0o600
    assert not [p for p in published.iterdir() if p.name.startswith(".")], "no temporary file left behind"


def test_tdkt_query_prints_a_table_and_writes_csv_and_parquet(repo_root: Path, published: Path, tmp_path: Path) -> None:
    env = {"TDKT_PUBLISHED": str(published)}
    result = _tdkt(repo_root, "query", "SELECT award_code, nominations FROM v_nominations_by_unit_award_year "
                   "ORDER BY award_code", env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split(" | ")[0].strip() == "award_code" and "CSTD_CS" in lines[2] and lines[-1] == "(2 dòng)"
    out = tmp_path / "ra" / "ket_qua.csv"
    result = _tdkt(repo_root, "query", "--role", "reviewer", "SELECT full_name FROM persons", "--out", str(out),
                   env=env)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").splitlines() == ["full_name", NAME]
    out = tmp_path / "ket_qua.parquet"
    assert _tdkt(repo_root, "query", "SELECT * FROM award_codes", "--out", str(out), env=env).returncode == 0
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{out}'").fetchone()[0] > 15  # type: ignore[index]
    bad = _tdkt(repo_root, "query", "SELECT khong_co FROM persons", env=env)
    assert bad.returncode == 7 and bad.stderr.strip().endswith("[QUERY]") and bad.stdout == ""
    missing = _tdkt(repo_root, "query", "SELECT 1", env={"TDKT_PUBLISHED": str(tmp_path / "chua_co")})
    assert missing.returncode == 5 and "tdkt run" in missing.stderr


def test_the_published_folder_follows_a_warehouse_set_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warehouse in a test's or a bench's folder takes its copies and its key along, never into data/."""
    from flows.settings import REPO_ROOT, TdktSettings

    assert TdktSettings().published == REPO_ROOT / "data" / "published"
    moved = TdktSettings(warehouse=tmp_path / "kho.duckdb")
    assert (moved.published, moved.pseudonym_key_file) == (tmp_path / "published", tmp_path / "secrets" / "pseudonym.key")
    assert TdktSettings(warehouse=tmp_path / "kho.duckdb", published=tmp_path / "p").published == tmp_path / "p"
    monkeypatch.setenv("TDKT_WAREHOUSE", str(tmp_path / "env" / "kho.duckdb"))
    assert TdktSettings().published == tmp_path / "env" / "published"


def _readme_examples(repo_root: Path) -> list[tuple[str, str]]:
    """(role, SQL) of each ```sql block of the README that starts with `-- tdkt query --role ROLE`."""
    text = (repo_root / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", text, flags=re.S)
    out = []
    for block in blocks:
        first, _, rest = block.partition("\n")
        match = re.fullmatch(r"-- tdkt query --role (analyst|reviewer)", first.strip())
        if match:
            out.append((match.group(1), rest))
    return out


def test_the_readme_examples_run_through_tdkt_query(repo_root: Path, published: Path) -> None:
    examples = _readme_examples(repo_root)
    assert len(examples) >= 6, "the README's example questions start with '-- tdkt query --role ...'"
    assert {role for role, _ in examples} == {"analyst", "reviewer"}
    for role, sql in examples:
        result = _tdkt(repo_root, "query", "--role", role, sql, env={"TDKT_PUBLISHED": str(published)})
        assert result.returncode == 0, (sql, result.stderr)
        assert result.stdout.rstrip().endswith("dòng)"), sql


# --- 9. privacy ------------------------------------------------------------------------------------


def test_the_analyst_role_cannot_read_a_birth_date_or_a_real_name(repo_root: Path, published: Path) -> None:
    env = {"TDKT_PUBLISHED": str(published)}
    result = _tdkt(repo_root, "query", "SELECT * FROM persons", env=env)
    assert result.returncode == 0, result.stderr
    assert NAME not in result.stdout and BIRTH not in result.stdout and "1985" in result.stdout  # the year only
    assert _tdkt(repo_root, "query", "SELECT birth_date FROM persons", env=env).returncode == 7
    sneaky = _tdkt(repo_root, "query", f"ATTACH '{published / FULL_COPY}' AS full_copy", env=env)
    assert sneaky.returncode == 7, "the analyst's query may not open the full copy"
    # no table, view or Parquet file of the analyst's holds a name, a birth date, a hometown,
    # a residence, a source line or a file path
    secrets = [NAME, BIRTH, "Vĩnh Tú", "Họ tên:", "Nguyen Thi Hoa.pdf"]
    con = duckdb.connect(str(published / ANALYST_COPY), read_only=True)
    for (table,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall():
        dump = repr(con.execute(f"SELECT * FROM {table}").fetchall())
        assert not [s for s in secrets if s in dump], table
    assert "residence" not in {r[0] for r in con.execute("DESCRIBE persons").fetchall()}
    con.close()
    dump = repr(duckdb.connect().execute(
        f"SELECT * FROM read_parquet('{published}/parquet/persons/*/*.parquet')").fetchall())
    assert not [s for s in secrets if s in dump]
    # the pseudonym is the same in persons and in the council's votes, so an analyst can join them
    joined = _tdkt(repo_root, "query", "--role", "analyst",
                     "SELECT count(*) AS n FROM persons p JOIN council_votes v ON v.nominee = p.full_name", env=env)
    assert joined.stdout.splitlines()[2].strip() == "1"


def test_the_warehouse_views_reach_the_analyst_copy_only_over_its_own_columns(tmp_path: Path) -> None:
    with _landed(tmp_path / "wh" / "tdkt.duckdb") as wh:
        wh.connection.execute("CREATE VIEW current_persons AS SELECT * FROM persons")
        wh.connection.execute("CREATE VIEW hometowns AS SELECT full_name, hometown FROM persons")
        publish(wh.connection, tmp_path / "pub", key_file=tmp_path / "k.key")
    full = duckdb.connect(str(tmp_path / "pub" / FULL_COPY), read_only=True)
    assert full.execute("SELECT full_name, hometown FROM hometowns").fetchall() == [(NAME, "Vĩnh Tú")]
    full.close()
    con = duckdb.connect(str(tmp_path / "pub" / ANALYST_COPY), read_only=True)
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert "current_persons" in views and "hometowns" not in views
    assert con.execute("SELECT full_name FROM current_persons").fetchone()[0].startswith("P-")  # type: ignore[index]
    con.close()


def test_pseudonyms_are_stable_and_keyed(tmp_path: Path) -> None:
    key, other = b"k" * 32, b"o" * 32
    assert pseudonym(NAME, key) == pseudonym("  nguyễn  THỊ hoa ", key)
    assert pseudonym(NAME, key) != pseudonym(NAME, other)
    assert pseudonym(NAME, key) != pseudonym("Nguyễn Thị Hòa", key)
    assert pseudonym(None, key) is None and pseudonym("  ", key) is None
    # two publications with the same key file give the same pseudonyms
    with _landed(tmp_path / "wh" / "tdkt.duckdb") as wh:
        names = []
        for _ in range(2):
            publish(wh.connection, tmp_path / "pub", key_file=tmp_path / "k.key")
            con = duckdb.connect(str(tmp_path / "pub" / ANALYST_COPY), read_only=True)
            names.append(con.execute("SELECT full_name, person_key FROM persons").fetchall())
            con.close()
    assert names[0] == names[1] and names[0][0][0].startswith("P-")


# --- 8. no reader blocks the run -------------------------------------------------------------------

READER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
def count():
    return con.execute("SELECT count(*) FROM nominations").fetchone()[0]
print(count(), flush=True)
sys.stdin.readline()  # the run happens meanwhile
print(count(), flush=True)
con.close()  # a process shares one database per path: close it, then connect again to see the new copy
fresh = duckdb.connect(sys.argv[1], read_only=True)
print(fresh.execute("SELECT count(*) FROM nominations").fetchone()[0], flush=True)
"""


@pytest.mark.usefixtures("prefect_harness")
def test_an_open_reader_of_the_published_copy_never_blocks_the_run(tmp_path: Path, samples_dir: Path) -> None:
    from flows.nightly import run_nightly
    from flows.settings import TdktSettings

    docx = sorted(p for p in (samples_dir / "files").glob("*.docx")
                  if (samples_dir / "expected" / f"{p.name}.json").is_file())[:3]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy2(docx[0], inbox)
    settings = TdktSettings(inbox=inbox, warehouse=tmp_path / "wh" / "tdkt.duckdb", reports=tmp_path / "reports",
                            archive=tmp_path / "archive", jobs=2, isolate=False)
    first = run_nightly(settings)
    assert first.landed == 1 and settings.published == tmp_path / "wh" / "published"
    copy = settings.published / ANALYST_COPY
    reader = subprocess.Popen([sys.executable, "-c", READER, str(copy)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert reader.stdout is not None and reader.stdin is not None
        before = int(reader.stdout.readline())
        for path in docx[1:]:
            shutil.copy2(path, inbox)
        second = run_nightly(settings)  # lands and publishes while the reader holds the old copy open
        assert second.landed == 2 and second.deferred == 0
        reader.stdin.write("\n")
        reader.stdin.flush()
        out, err = reader.communicate(timeout=60)
    finally:
        if reader.poll() is None:
            reader.kill()
    assert reader.returncode == 0, err
    still, fresh = map(int, out.split())
    assert still == before, "the open reader keeps reading the copy it opened"
    assert fresh > before, "a new connection reads the new copy"
