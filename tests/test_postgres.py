"""The shared warehouse in PostgreSQL (issue 10, point 3), against a real server the session starts.

The same samples landed by the real nightly flow once in DuckDB and once in PostgreSQL (through
``tdkt run`` with ``TDKT_WAREHOUSE=postgresql://…``) give the same rows, run ids and times aside; the
schema, migrations, keys and one-transaction-per-file rule hold in PostgreSQL as in DuckDB. Also: a
scan (OCR floats bit for bit), the DuckDB copy publishing reads (every value and type), ``tdkt serve``
as a real process, and the quality suite outside a run (``tdkt check``).
"""

from __future__ import annotations

import math
import shutil
import socket
from pathlib import Path
from typing import Any

import duckdb
import pytest

from landing import Warehouse, WarehouseError
from landing._migrations import PRIMARY_KEYS
from landing._schema import MIGRATIONS
from tests.pg_server import new_database
from tests.test_landing import findings_for, make_record

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")

# A few Word samples (no OCR: the run stays fast), one submission folder of several files among
# them, and one empty file the run quarantines.
WORD_SAMPLES = (
    "bctt_canhan_bangkhen_le_quang_minh.docx", "bctt_canhan_cstdcs_nguyen_thi_hoa.docx",
    "bctt_tapthe_tyt_cua_tung_2025.docx", "hoso_pgd_vinh_linh_2024.docx",
    "totrinh_bienban_xa_vinh_linh_2025.docx", "totrinh_danhsach_xa_gio_linh_2025.docx", "bctt_rong.docx",
)
# The tables compared row for row; run ids and times differ from run to run by nature.
MAIN_TABLES = ("ingested_files", "documents", "cover_letters", "council_meta", "council_votes", "nominations",
               "persons", "units", "prior_awards", "innovations", "task_ratings", "provenance", "findings",
               "nomination_checks", "records", "submissions", "submission_files", "fairness", "units_ref",
               "checks", "award_codes", "schema_version", "quality_checks", "run_counts")
IGNORED = {"run_id", "last_run_id", "first_seen_at", "last_seen_at", "applied_at"}


@pytest.fixture
def pg_db(pg_url: str, request: pytest.FixtureRequest) -> str:
    """A fresh database per test."""
    return new_database(pg_url, request.node.name.lower()[:60])


def _count(wh: Warehouse, table: str) -> int:
    row = wh.connection.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def test_schema_and_migrations_are_the_duckdb_ones(pg_db: str, tmp_path: Path) -> None:
    with Warehouse(pg_db) as wh:
        versions = [r[0] for r in wh.connection.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]
        keys = {r[0] for r in wh.connection.execute(
            "SELECT table_name FROM information_schema.table_constraints WHERE constraint_type = 'PRIMARY KEY'"
        ).fetchall()}
        comment = wh.connection.execute("SELECT obj_description('nominations'::regclass, 'pg_class')").fetchone()
    assert versions == sorted(m[0] for m in MIGRATIONS)
    assert {t for t, _ in PRIMARY_KEYS} | {"ingested_files", "runs", "submissions"} <= keys
    assert comment and comment[0]  # the data dictionary's Vietnamese comments
    with Warehouse(tmp_path / "kho.duckdb") as duck:
        duck_columns = _columns(duck)
    with Warehouse(pg_db) as wh:  # opened again: nothing applied twice
        assert _count(wh, "schema_version") == len(MIGRATIONS)
        assert _columns(wh) == duck_columns


def _columns(wh: Warehouse) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for table, column in wh.connection.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema IN "
            "('main', current_schema()) ORDER BY table_name, ordinal_position").fetchall():
        out.setdefault(table, []).append(column)
    return out


def test_one_transaction_per_file(pg_db: str) -> None:
    with Warehouse(pg_db) as wh:
        good = make_record()
        wh.land(good, findings_for(good), run_id="r1", path="a.pdf")
        before = {t: _count(wh, t) for t in ("nominations", "units", "findings", "provenance")}
        assert before["nominations"] > 0 and before["findings"] > 0
        with pytest.raises(WarehouseError) as exc:  # too big for INTEGER: the units insert fails
            wh.land(make_record(headcount=10**12), [], run_id="r2", path="a.pdf")
        assert exc.value.code == "WAREHOUSE" and "a.pdf" in str(exc.value)
        assert {t: _count(wh, t) for t in before} == before
        wh.land(good, [], run_id="r3", path="a.pdf")  # usable after the rollback; same rows again
        assert _count(wh, "nominations") == before["nominations"] and _count(wh, "findings") == 0
        wh.quarantine(sha256="d" * 64, path="b.pdf", format="pdf", error_code="EMPTY_FILE", error="x", run_id="r3")
        wh.quarantine(sha256="d" * 64, path="b.pdf", format="pdf", error_code="EMPTY_FILE", error="x", run_id="r4")
        assert wh.file_states()["d" * 64] == ("quarantined", "EMPTY_FILE", 2)


def test_two_flows_landing_the_same_file_leave_it_once(pg_db: str) -> None:
    """Several flows share the PostgreSQL warehouse: each connection lands the same file again and
    again at the same time; it ends with one file's rows, never two."""
    from concurrent.futures import ThreadPoolExecutor

    rec = make_record()
    with Warehouse(pg_db) as wh:
        wh.land(rec, findings_for(rec), run_id="r0", path="a.pdf")
        once = {t: _count(wh, t) for t in ("ingested_files", "nominations", "findings", "provenance", "persons")}

    def flow(n: int) -> None:
        with Warehouse(pg_db) as own:
            for i in range(15):
                own.land(rec, findings_for(rec), run_id=f"r{n}-{i}", path="a.pdf")

    with ThreadPoolExecutor(3) as pool:
        list(pool.map(flow, range(3)))
    with Warehouse(pg_db) as wh:
        assert {t: _count(wh, t) for t in once} == once


def test_question_marks_and_percent_signs_in_literals_stay_text(pg_db: str) -> None:
    """The placeholder rewrite touches ``?`` outside literals only, and psycopg sees ``%`` doubled."""
    with Warehouse(pg_db) as wh:
        row = wh.connection.execute("SELECT 'ai?' AS a, '50%' AS b, ? AS c, ? || '%?' AS d", ["x", "y"]).fetchone()
        assert row == ("ai?", "50%", "x", "y%?")
        assert wh.connection.execute("SELECT 'ai?', '50%'").fetchone() == ("ai?", "50%")


def _normal(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 9)
    if isinstance(value, list | tuple):
        return tuple(_normal(v) for v in value)
    return value


def _rows(con: Any, table: str) -> list[tuple[Any, ...]]:
    cur = con.execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cur.description]
    rows = [tuple((n, _normal(v)) for n, v in zip(names, row, strict=True) if n not in IGNORED)
            for row in cur.fetchall()]
    return sorted(rows, key=repr)


def _run_cli(env: dict[str, str]) -> int:
    from flows.cli import main

    with pytest.MonkeyPatch.context() as m:
        for key, value in env.items():
            m.setenv(key, value)
        return main(["run"])


def _duck_run(root: Path, names: tuple[str, ...]) -> tuple[Path, Path]:
    """An inbox of ``names`` from the samples and the DuckDB run over it (``tdkt run``)."""
    inbox = root / "inbox"
    inbox.mkdir(parents=True)
    samples = Path(__file__).resolve().parents[1] / "data" / "samples" / "files"
    for name in names:
        shutil.copy(samples / name, inbox / name)
    duck = root / "duck"
    assert _run_cli({"TDKT_INBOX": str(inbox), "TDKT_JOBS": "1", "TDKT_WAREHOUSE": str(duck / "wh" / "tdkt.duckdb"),
                     "TDKT_REPORTS": str(duck / "r"), "TDKT_ARCHIVE": str(duck / "a")}) == 0
    return inbox, duck


@pytest.fixture(scope="module")
def duck_run(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The Word samples' inbox and the DuckDB run over it (``tdkt run``): what PostgreSQL must equal."""
    return _duck_run(tmp_path_factory.mktemp("pg-parity"), WORD_SAMPLES)


def _assert_same_rows(pg_db: str, duckdb_file: Path, *, may_be_empty: tuple[str, ...] = ()) -> None:
    with Warehouse(pg_db) as wh:
        con = duckdb.connect(str(duckdb_file), read_only=True)
        try:
            for table in MAIN_TABLES:
                expected = _rows(con, table)
                assert expected or table in ("council_meta", "council_votes", "innovations", "prior_awards",
                                             "task_ratings", "cover_letters", *may_be_empty), table
                assert _rows(wh.connection, table) == expected, table
        finally:
            con.close()
        runs = wh.connection.execute("SELECT count(*) FROM runs WHERE finished_at IS NOT NULL").fetchone()
        assert runs == (1,)
        assert _count(wh, "quality_checks") > 0  # the quality suite read PostgreSQL


def test_samples_land_the_same_rows_in_duckdb_and_postgresql(
        duck_run: tuple[Path, Path], pg_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox, duck = duck_run
    pg = tmp_path / "pg"
    assert _run_cli({"TDKT_INBOX": str(inbox), "TDKT_JOBS": "1", "TDKT_WAREHOUSE": pg_db,
                     "TDKT_REPORTS": str(pg / "r"), "TDKT_ARCHIVE": str(pg / "a"),
                     "TDKT_PUBLISHED": str(pg / "published")}) == 0
    out = capsys.readouterr().out
    assert "7 seen, 6 landed, 0 skipped, 1 quarantined" in out, out
    assert f"warehouse:   {pg_db}" in out  # the URL (no password in this one)
    _assert_same_rows(pg_db, duck / "wh" / "tdkt.duckdb")

    # the stage and the report read PostgreSQL: the report lists every nominee the DuckDB run lists
    duck_report = next((duck / "r").glob("*_tdkt.html")).read_text(encoding="utf-8")
    pg_report = next((pg / "r").glob("*_tdkt.html")).read_text(encoding="utf-8")
    for name in ("Lê Quang Minh", "Nguyễn Thị Hoa"):
        assert name in duck_report and name in pg_report
    assert pg_report.count('class="nomination') == duck_report.count('class="nomination') > 0
    # and the read-only copy published from PostgreSQL (through a DuckDB copy) is the one published
    # from DuckDB: every table, its column types and its rows (run ids and times aside)
    copies = []
    for folder in (pg / "published", duck / "wh" / "published"):
        published = duckdb.connect(str(folder / "tdkt.duckdb"), read_only=True)
        try:
            copies.append(_table_contents(published, frozenset(IGNORED | {"started_at", "finished_at"})))
        finally:
            published.close()
    from_pg, from_duck = copies
    assert from_pg.keys() == from_duck.keys() and len(from_duck["nominations"][1]) > 0
    for table in from_duck:
        assert from_pg[table] == from_duck[table], table
    assert not list((pg / "warehouse").glob(".tdkt-pg-copy-*"))  # the temporary copy is gone

    # tdkt status reads the runs from PostgreSQL
    from flows.cli import main

    assert main(["status", "--warehouse", pg_db]) == 0
    status = capsys.readouterr().out
    assert "6 đã ghi" in status and "1 cách ly" in status and "— xong" in status, status


def test_an_unreachable_postgresql_stops_the_run_before_any_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from flows.cli import main

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://tdkt:secret@127.0.0.1:{port}/tdkt"
    code = main(["run", "--inbox", str(inbox), "--warehouse", url, "--reports", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert code == 5 and "TDKT_WAREHOUSE" in err and "PostgreSQL" in err, err
    assert "secret" not in err  # the password is never printed


def test_a_dask_cluster_lands_the_same_rows_in_postgresql(
        duck_run: tuple[Path, Path], pg_db: str, tmp_path: Path) -> None:
    """Issue 10's proof without a second machine: worker processes read, the flow lands in PostgreSQL."""
    from dask.distributed import LocalCluster

    from flows.nightly import run_nightly
    from flows.settings import TdktSettings

    inbox, duck = duck_run
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        summary = run_nightly(TdktSettings(
            inbox=inbox, warehouse=pg_db, reports=tmp_path / "r", archive=tmp_path / "a",
            published=tmp_path / "published", jobs=1, dask_address=cluster.scheduler_address))
    assert (summary.landed, summary.quarantined, summary.worker_peak_mb) == (6, 1, 0.0)
    _assert_same_rows(pg_db, duck / "wh" / "tdkt.duckdb")


def test_a_second_run_on_postgresql_skips_what_it_landed(
        prefect_harness: None, pg_db: str, samples_dir: Path, tmp_path: Path) -> None:
    from flows.nightly import run_nightly
    from flows.settings import TdktSettings

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(samples_dir / "files" / WORD_SAMPLES[0], inbox)
    settings = TdktSettings(inbox=inbox, warehouse=pg_db, reports=tmp_path / "r", archive=tmp_path / "a",
                            published=tmp_path / "published", jobs=1)
    assert settings.warehouse_url == pg_db and str(settings.warehouse).startswith(str(tmp_path))
    first, second = run_nightly(settings), run_nightly(settings)
    assert (first.landed, second.landed, second.skipped) == (1, 0, 1)
    with Warehouse(pg_db) as wh:
        assert _count(wh, "runs") == 2 and _count(wh, "nominations") == 1
    assert (tmp_path / "published" / "tdkt.duckdb").stat().st_mode & 0o077 == 0


# The smallest scanned sample (one page: one OCR pass per run) and a Word file beside it.
SCAN_SAMPLES = ("scan_bctt_tapthe_htx_vinh_hoang.pdf", WORD_SAMPLES[0])


def test_a_scan_lands_the_same_rows_in_duckdb_and_postgresql(
        prefect_harness: None, pg_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """OCR output lands in PostgreSQL as in DuckDB: the page's bounding boxes and confidences (floats),
    the file's OCR confidence and page count, and the OCR findings."""
    inbox, duck = _duck_run(tmp_path / "duck-run", SCAN_SAMPLES)
    pg = tmp_path / "pg"
    assert _run_cli({"TDKT_INBOX": str(inbox), "TDKT_JOBS": "1", "TDKT_WAREHOUSE": pg_db,
                     "TDKT_REPORTS": str(pg / "r"), "TDKT_ARCHIVE": str(pg / "a"),
                     "TDKT_PUBLISHED": str(pg / "published")}) == 0
    assert "2 seen, 2 landed" in capsys.readouterr().out
    _assert_same_rows(pg_db, duck / "wh" / "tdkt.duckdb", may_be_empty=("submissions", "submission_files",
                                                                        "fairness"))
    floats = ("SELECT field, confidence, bbox_x0, bbox_y0, bbox_x1, bbox_y1 FROM provenance p JOIN ingested_files f"
              " USING (sha256) WHERE f.format = 'pdf-scanned' AND p.bbox_x0 IS NOT NULL ORDER BY field")
    with Warehouse(pg_db) as wh:
        ocr = wh.connection.execute(floats).fetchall()
        pdf = wh.connection.execute("SELECT pages, ocr_confidence FROM ingested_files"
                                    " WHERE format = 'pdf-scanned'").fetchone()
    con = duckdb.connect(str(duck / "wh" / "tdkt.duckdb"), read_only=True)
    try:  # the OCR floats bit for bit, not only to the comparison's nine digits
        assert ocr == con.execute(floats).fetchall()
        assert pdf == con.execute("SELECT pages, ocr_confidence FROM ingested_files"
                                  " WHERE format = 'pdf-scanned'").fetchone()
    finally:
        con.close()
    assert len(ocr) > 3 and len({row[1] for row in ocr}) > 1, ocr  # boxes and confidences of OCR lines
    assert pdf is not None and pdf[0] == 1 and 0 < pdf[1] <= 1, pdf


def _exact(value: Any) -> Any:
    """A value as compared bit for bit: NaN as a marker (NaN is never equal to itself)."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, list | tuple):
        return tuple(_exact(v) for v in value)
    return value


def _table_contents(con: duckdb.DuckDBPyConnection, ignored: frozenset[str] = frozenset(
        ("first_seen_at", "last_seen_at", "applied_at"))) -> dict[str, tuple[list[tuple[str, str]], list[Any]]]:
    """table -> (its columns and their DuckDB types, its rows sorted), the ``ignored`` columns aside."""
    out = {}
    for (table,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall():
        columns = [(c, t) for c, t in con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main'"
            " ORDER BY column_index", [table]).fetchall() if c not in ignored]
        rows = con.execute(f"SELECT {', '.join(c for c, _ in columns) or 'count(*)'} FROM {table}").fetchall()
        out[table] = (columns, sorted((_exact(r) for r in rows), key=repr))
    return out


def test_the_duckdb_copy_of_postgresql_keeps_every_value_and_type(pg_db: str, tmp_path: Path) -> None:
    """The copy publishing reads (``landing._snapshot``, CSV through ``COPY``) holds exactly what DuckDB
    holds for the same files: NULL apart from '' and from the text \\N, quotes, commas, new lines and
    backslashes, Vietnamese text, lists (empty, with a NULL or a comma inside), dates, timestamps to
    the microsecond, booleans, floats to the last bit, NaN and infinities."""
    from datetime import datetime

    from landing._snapshot import duckdb_copy
    from record.models import Document

    tricky = 'Nguyễn "Hoa", tổ 3\nthôn Đông\\N\r\tĐiều 24'
    rec = make_record()
    rec.documents[0] = Document(kind="to_trinh", pages=[1], title=tricky, cites=["15/TTr-UBND", "", tricky])
    rec.documents[1] = Document(kind="bien_ban", pages=[], title="", cites=[])
    rec.nominations[0].person.full_name = "\\N"  # type: ignore[union-attr]
    rec.nominations[0].person.hometown = ""  # type: ignore[union-attr]
    other = make_record(sha="e" * 64)
    started = datetime(2026, 11, 30, 3, 4, 5, 123456)
    extra = ("INSERT INTO provenance (nomination_id, sha256, field, page, line, confidence, source, unread, bbox_x0,"
             " bbox_y0, bbox_x1, bbox_y1) VALUES (NULL, ?, 'x', 1, ?, CAST(? AS DOUBLE), 'ocr', true, ?, ?, ?, ?)")
    floats = [("NaN", 0.1 + 0.2, 5e-324, 1.7976931348623157e308, -0.0), ("Infinity", 1 / 3, 2 / 3, 1e-7, 123456.789),
              ("-Infinity", None, None, None, None)]
    duck_file = tmp_path / "kho.duckdb"
    for target in (duck_file, pg_db):
        with Warehouse(target) as wh:
            wh.land(rec, findings_for(rec), run_id="r1", path="thư mục/a,\"b\".pdf")
            wh.land(other, [], run_id="r1", path="b.pdf")
            wh.quarantine(sha256="d" * 64, path="c.pdf", format=None, error_code="EMPTY_FILE", error="", run_id="r1")
            wh.record_run("r1", started, None, {"files_seen": 3})
            for i, (text, *box) in enumerate(floats):
                wh.connection.execute(extra, ["e" * 64, f"dòng {i}", text, *box])
    duck = duckdb.connect(str(duck_file), read_only=True)
    try:
        expected = _table_contents(duck)
    finally:
        duck.close()
    with Warehouse(pg_db) as wh, duckdb_copy(wh.connection, tmp_path / "state") as copy:
        got = _table_contents(copy)
    assert got.keys() == expected.keys()
    for table in expected:
        assert got[table] == expected[table], table
    documents = expected["documents"][1]  # the odd values were there to compare
    assert any(tricky in row and ("15/TTr-UBND", "", tricky) in row for row in documents), documents
    assert {"NaN", float("inf"), float("-inf")} <= {row[5] for row in expected["provenance"][1]}
    assert not list((tmp_path / "state").glob("*"))  # the spooled CSV and the copy are gone


def test_the_quality_suite_outside_a_run_reads_postgresql(
        pg_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``check_warehouse`` and ``tdkt check`` take the PostgreSQL URL as they take the DuckDB file, and
    judge the same rows the same way."""
    from flows.cli import main
    from landing._pg import PgConnection
    from validators.gx_suite import check_warehouse

    rec = make_record()
    duck_file = tmp_path / "kho.duckdb"
    for target in (duck_file, pg_db):
        with Warehouse(target) as wh:
            wh.land(rec, findings_for(rec), run_id="r1", path="a.pdf")
            wh.connection.execute("UPDATE nominations SET award_code = 'CSTD_XYZ' WHERE seq = 0")

    def outcome(target: Path | Any) -> list[tuple[Any, ...]]:
        return sorted((r.check_id, r.table, r.column, r.success, r.unexpected_count) for r in check_warehouse(target))

    pg = PgConnection(pg_db)  # as tdkt check opens it
    try:
        on_pg = outcome(pg)
    finally:
        pg.close()
    assert on_pg == outcome(duck_file) and len(on_pg) > 10
    assert ("DQ-CODE-01", "nominations", "award_code", False, 1) in on_pg

    with pytest.MonkeyPatch.context() as m:
        m.setenv("TDKT_WAREHOUSE", pg_db)
        m.setenv("TDKT_PUBLISHED", str(tmp_path / "published"))
        assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert f"kho dữ liệu: {pg_db}" in out
    assert "KHÔNG ĐẠT DQ-CODE-01 nominations.award_code" in out and "CSTD_XYZ" in out, out
    passed = sum(1 for r in on_pg if r[3])
    assert f"{passed}/{len(on_pg)} kiểm tra chất lượng đạt" in out

    with socket.socket() as s:  # a server that is not there: one CONFIG line, no password
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert main(["check", "--warehouse", f"postgresql://tdkt:secret@127.0.0.1:{port}/tdkt"]) == 5
    err = capsys.readouterr().err
    assert "[CONFIG]" in err and "secret" not in err, err


def test_serve_lands_a_scheduled_run_in_postgresql(pg_db: str, tmp_path: Path) -> None:
    """``tdkt serve`` with ``TDKT_WAREHOUSE=postgresql://…`` and ``TDKT_DASK_ADDRESS``, the shape of a
    deployment past one machine: its lock under the local state folder, the deployment without the
    URL's password, and a run it starts reads its file on the Dask worker and lands in PostgreSQL,
    not in a file."""
    import json
    import subprocess
    import sys
    import time

    from dask.distributed import Client, LocalCluster

    from tests.test_dask import _files_read_here
    from tests.test_serve import ROOT, _api, _env, _free_port, _tdkt, wait_for_deployment

    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0",
                           preload=["flows._dask"], local_directory=str(tmp_path / "dask"))
    client = Client(cluster)

    url = pg_db.replace("tdkt@", "tdkt:sekret@")  # the test server trusts 127.0.0.1: any password passes
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(ROOT / "data" / "samples" / "files" / WORD_SAMPLES[0], inbox)
    port = _free_port()
    env = _env(tmp_path, TDKT_INBOX=str(inbox), TDKT_WAREHOUSE=url, TDKT_PUBLISHED=str(tmp_path / "published"),
               TDKT_JOBS="1", PREFECT_RUNNER_POLL_FREQUENCY="2", TDKT_DASK_ADDRESS=cluster.scheduler_address)
    serve = _tdkt("serve", "--port", str(port), env=env)
    try:
        deployment = wait_for_deployment(serve, port)
        assert "sekret" not in json.dumps(deployment)  # neither in the description, parameters nor schema
        assert "postgresql://tdkt:***@127.0.0.1" in deployment["description"]
        assert "warehouse" not in deployment["parameters"]["settings"]
        assert (tmp_path / "warehouse" / "tdkt.duckdb.serve.lock").read_text() == f"pid {serve.pid}"

        status = subprocess.run([sys.executable, "-m", "flows.cli", "status"], cwd=ROOT, env=env, text=True,
                                capture_output=True, timeout=60, check=False)
        assert status.returncode == 0 and f"pid {serve.pid}" in status.stdout, status.stderr

        flow_run = _api(port, f"/deployments/{deployment['id']}/create_flow_run", {})
        state = flow_run["state_type"]
        deadline = time.monotonic() + 240
        while state not in ("COMPLETED", "FAILED", "CRASHED") and time.monotonic() < deadline:
            assert serve.poll() is None, serve.communicate()[1][-3000:]
            time.sleep(1)
            state = _api(port, f"/flow_runs/{flow_run['id']}")["state_type"]
        assert state == "COMPLETED", state
        assert sum(client.run(_files_read_here).values()) == 1  # read on the cluster, not in serve's pool
    finally:
        serve.terminate()
        serve.communicate(timeout=60)
        client.close()
        cluster.close()
    assert serve.returncode in (0, 130)
    with Warehouse(pg_db) as wh:
        assert _count(wh, "nominations") == 1 and _count(wh, "ingested_files") == 1
        assert wh.connection.execute("SELECT count(*) FROM runs WHERE finished_at IS NOT NULL").fetchone() == (1,)
    assert not (tmp_path / "warehouse" / "tdkt.duckdb").exists()  # nothing landed in a local file
    assert (tmp_path / "published" / "tdkt.duckdb").is_file()  # published from PostgreSQL
