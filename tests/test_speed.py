"""Issue 9, throughput: what the faster paths must keep of the slower ones.

A group of files lands in one transaction with exactly the rows each would land alone, and a group
that one bad file spoils lands the others one by one; an unchanged night skips the stage, the
quality suite and publishing yet still writes its ``runs`` row and its report; the stage knows when
it would judge nothing; the bench's copies are distinct dossiers with nominees of their own.
Real extractors, real DuckDB files, the real flow.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import duckdb
import pytest

import validators
from extractors import file_sha256
from flows.nightly import _land, _land_many, nomination_statuses, run_nightly
from flows.reading import read_measured
from flows.settings import TdktSettings
from landing import Landable, Warehouse
from landing._schema import PER_FILE_TABLES
from record.outcome import FileOutcome

_log = logging.getLogger("test_speed")


def _word_samples(samples_dir: Path, n: int) -> list[Path]:
    return sorted((samples_dir / "files").glob("bctt_*.docx"))[:n]


def _outcome(path: Path, rules: list[object]) -> FileOutcome:
    """A file read and judged as the flow's worker does, ready to land."""
    sha = file_sha256(path)
    record = read_measured(path, sha256=sha, source_path=str(path)).record
    findings, checks = validators.evaluate(record, rules=rules, scopes=("nomination",))
    return FileOutcome(path=str(path), sha256=sha, format=record.source.format, status="landed", record=record,
                       findings=findings, statuses=nomination_statuses(record, findings), checks=checks)


def _table_rows(db: Path) -> dict[str, list[str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        out = {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in PER_FILE_TABLES}
        out["ingested_files"] = sorted(map(repr, con.execute(
            "SELECT sha256, path, format, status, error_code, pages, run_id, attempts, superseded_by"
            " FROM ingested_files").fetchall()))
    return out


def test_a_group_lands_the_rows_each_file_lands_alone(tmp_path: Path, samples_dir: Path) -> None:
    rules = validators.load_rules()
    outcomes = [_outcome(p, rules) for p in _word_samples(samples_dir, 6)]
    items = [Landable(o.record, o.findings, o.path, o.statuses, o.checks) for o in outcomes]  # type: ignore[arg-type]
    with Warehouse(tmp_path / "alone.duckdb") as wh:
        for i in items:
            wh.land(i.record, i.findings, run_id="r1", path=i.path, statuses=i.statuses, checks=i.checks)
    with Warehouse(tmp_path / "group.duckdb") as wh:
        wh.land_many(items, run_id="r1")
        wh.land_many(items[:3], run_id="r1")  # landed again: its rows replaced, never doubled
    alone, group = _table_rows(tmp_path / "alone.duckdb"), _table_rows(tmp_path / "group.duckdb")
    assert alone["provenance"] and alone["nominations"]
    for table, rows in alone.items():
        assert group[table] == rows, table


def test_a_spoilt_group_lands_its_good_files_one_by_one(tmp_path: Path, samples_dir: Path) -> None:
    from flows._landers import Landers

    rules = validators.load_rules()
    outcomes = [_outcome(p, rules) for p in _word_samples(samples_dir, 4)]
    bad = outcomes[1]
    assert bad.record is not None and bad.record.nominations
    award = bad.record.nominations[0].award.model_copy(update={"year": 10**12})  # no INTEGER holds it
    bad.record.nominations[0] = bad.record.nominations[0].model_copy(update={"award": award})
    done: list[FileOutcome] = []
    with Warehouse(tmp_path / "tdkt.duckdb") as wh:
        landers = Landers(wh, lambda w, o: _land(w, o, "r1", _log), done.append,
                          land_many=lambda w, group: _land_many(w, group, "r1"))
        landers.submit(outcomes)
        landers.drain()
        states = dict(wh.connection.execute("SELECT path, status FROM ingested_files").fetchall())
    with Warehouse(tmp_path / "alone.duckdb") as wh:
        alone = _land(wh, bad, "r1", _log)  # what the bad file ends as when it lands alone
    assert alone.status == "deferred"  # DuckDB refused a value: the warehouse's error, tried again next night
    assert {Path(o.path).name: o.status for o in done} == {
        Path(o.path).name: (alone.status if o is bad else "landed") for o in outcomes}
    assert states == {o.path: "ok" for o in outcomes if o is not bad}  # the others whole, the bad one absent


def _settings(tmp: Path, inbox: Path) -> TdktSettings:
    return TdktSettings(inbox=inbox, warehouse=tmp / "wh" / "tdkt.duckdb", reports=tmp / "reports",
                        archive=tmp / "archive", jobs=os.cpu_count() or 1)


@pytest.mark.usefixtures("prefect_harness")
def test_an_unchanged_night_is_quiet_but_reported(tmp_path: Path, samples_dir: Path) -> None:
    from landing import _fresh
    from landing.publish import FULL_COPY
    from validators.stage import unchanged

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for src in _word_samples(samples_dir, 4):
        shutil.copy(src, inbox / src.name)
    settings = _settings(tmp_path, inbox)
    first = run_nightly(settings)
    assert first.landed == 4
    published = settings.published / FULL_COPY
    stamp = published.stat().st_mtime_ns
    assert (settings.published / _fresh.KEY_FILE).is_file()

    second = run_nightly(settings)

    assert (second.landed, second.skipped, second.quarantined) == (0, 4, 0)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        runs = dict(con.execute("SELECT run_id, finished_at IS NOT NULL FROM runs").fetchall())
        quality = dict(con.execute("SELECT run_id, count(*) FROM quality_checks GROUP BY run_id").fetchall())
        statuses = con.execute("SELECT status, count(*) FROM nominations GROUP BY status").fetchall()
    assert runs == {first.run_id: True, second.run_id: True}  # the quiet run has its runs row
    assert quality.get(first.run_id) and second.run_id not in quality  # its suite was skipped
    assert sum(n for _, n in statuses) == sum(first.nominations.values())
    assert published.stat().st_mtime_ns == stamp  # the copies were current: not copied again
    assert second.report.is_file() and second.report != first.report
    index = (settings.reports / "index.html").read_text(encoding="utf-8")
    assert first.report.name in index and second.report.name in index
    assert not second.report.with_suffix(".xlsx").exists()  # a brief report: nothing new to list

    # the stage would judge nothing under these rules and this inbox; it would under others
    rules = validators.load_rules()
    with Warehouse(settings.warehouse) as wh:
        con = wh.connection
        assert unchanged(con, inbox=inbox, rules=rules)
        assert not unchanged(con, inbox=inbox, rules=rules[:-1])
        assert not unchanged(con, inbox=tmp_path, rules=rules)
        # as if the stage had never judged one file (it failed the night the file landed)
        con.execute("CREATE TEMP TABLE gone AS SELECT submission_id FROM submission_files"
                    " WHERE sha256 = (SELECT min(sha256) FROM submission_files)")
        con.execute("DELETE FROM submission_files WHERE submission_id IN (SELECT submission_id FROM gone)")
        con.execute("DELETE FROM submissions WHERE submission_id IN (SELECT submission_id FROM gone)")
        assert not unchanged(con, inbox=inbox, rules=rules)  # a file no submission holds: judge again
        assert not _fresh.is_current(con, settings.published)

    third = run_nightly(settings)  # not quiet: the stage puts the file back in its submission
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        loose = con.execute("SELECT count(*) FROM ingested_files WHERE sha256 NOT IN"
                            " (SELECT sha256 FROM submission_files)").fetchone()
        quality = dict(con.execute("SELECT run_id, count(*) FROM quality_checks GROUP BY run_id").fetchall())
    assert loose == (0,) and quality.get(third.run_id)
    assert published.stat().st_mtime_ns != stamp


def test_the_bench_copies_are_distinct_dossiers(tmp_path: Path) -> None:
    from bench.throughput import write_dossiers
    from samplegen.catalog import docx_samples

    n = len(docx_samples()) + 2
    paths = write_dossiers(tmp_path / "inbox", n)
    assert len({file_sha256(p) for p in paths}) == n
    first, again = paths[0], paths[len(docx_samples())]  # the same sample, two copies
    names = []
    for p in (first, again):
        record = read_measured(p, sha256=file_sha256(p), source_path=str(p)).record
        assert record.nominations, p.name
        names.append({n.person.full_name if n.person else n.unit.name for n in record.nominations})  # type: ignore[union-attr]
    assert names[0] and names[1] and not names[0] & names[1]
