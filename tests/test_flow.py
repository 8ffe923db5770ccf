"""The nightly flow end to end (real extractors, real Tesseract, real DuckDB), and its task directly.

The end-to-end test runs the flow three times over one temporary inbox: the first run lands every
good sample and quarantines every bad one with its expected code; the second, over the unchanged
inbox, lands nothing; the third, after one new file arrives, lands exactly that file.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from prefect.logging import disable_run_logger
from prefect.states import Completed, Failed

from extractors import file_sha256 as sha256_file
from flows.intake import intake
from flows.nightly import (
    RunSummary,
    _retry_transient_only,
    discover,
    process_file,
    run_nightly,
)
from flows.settings import TdktSettings
from record.errors import TransientError

COUNTED_TABLES = ("ingested_files", "documents", "nominations", "persons", "units", "prior_awards",
                  "innovations", "task_ratings", "council_votes", "findings")


def _goldens(samples_dir: Path) -> list[str]:
    return sorted(p.name[: -len(".json")] for p in (samples_dir / "expected").glob("*.json")
                  if not p.name.startswith("_"))


def _bad(samples_dir: Path) -> dict[str, str]:
    bad: dict[str, str] = json.loads((samples_dir / "expected" / "_bad.json").read_text(encoding="utf-8"))
    return bad


def _settings(tmp: Path, inbox: Path) -> TdktSettings:
    return TdktSettings(inbox=inbox, warehouse=tmp / "wh" / "tdkt.duckdb", reports=tmp / "reports",
                        archive=tmp / "archive", jobs=os.cpu_count() or 1)


def _in_process(tmp: Path) -> TdktSettings:
    """Settings that read in this process, so a test can patch the extractor (isolation is off)."""
    return _settings(tmp, tmp).model_copy(update={"isolate": False})


def _counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in COUNTED_TABLES}  # type: ignore[index]


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _touched_copy(src: Path, dest: Path) -> None:
    """The same dossier with one more empty paragraph: new bytes, so a new hash, same content."""
    import docx

    document = docx.Document(str(src))
    document.add_paragraph("")
    document.save(str(dest))


@pytest.mark.usefixtures("prefect_harness")
def test_nightly_end_to_end(tmp_path: Path, samples_dir: Path) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(samples_dir / "files", inbox)
    before = {p.relative_to(inbox): sha256_file(p) for p in discover(inbox)}
    settings = _settings(tmp_path, inbox)
    goldens, bad = _goldens(samples_dir), _bad(samples_dir)

    first = run_nightly(settings)

    assert isinstance(first, RunSummary)
    db = settings.warehouse
    landed = {Path(p).name for (p,) in _rows(db, "select path from ingested_files where status = 'ok'")}
    assert landed == set(goldens)
    quarantine = {Path(p).name: (code, error) for p, code, error in _rows(
        db, "select path, error_code, error from ingested_files where status = 'quarantined'")}
    assert {name: code for name, (code, _) in quarantine.items()} == bad
    for name, (_, error) in quarantine.items():
        assert error and name in error, f"{name}: the reason must name the file: {error!r}"
        assert any(ord(ch) > 127 for ch in error.replace(name, "")), f"{name}: not Vietnamese: {error!r}"
    assert first.files_seen == len(before)
    assert (first.landed, first.quarantined, first.skipped, first.deferred) == (len(goldens), len(bad), 0, 0)
    counts = _counts(db)
    assert counts["nominations"] > 0
    # the landed tables pass the Great Expectations suite, and the run's results are kept
    quality = _rows(db, "select check_id, table_name, column_name, success from quality_checks")
    assert len(quality) > 20
    assert [q for q in quality if not q[3]] == []
    # every landed nomination's values are traceable to a page and a line
    assert _rows(db, "select count(*) from provenance where page is null or line is null") == [(0,)]
    assert first.report.is_file()
    html = first.report.read_text(encoding="utf-8")
    missing = [p.name for p in discover(inbox) if p.name not in html]
    assert missing == []
    # the inbox is never modified, and every new file has its content-addressed copy
    assert {p.relative_to(inbox): sha256_file(p) for p in discover(inbox)} == before
    for sha in set(before.values()):
        assert (settings.archive / sha[:2] / sha).is_file()

    second = run_nightly(settings)

    assert (second.landed, second.quarantined, second.skipped) == (0, 0, len(before))
    assert _counts(db) == counts

    new_name = "zz_moi_them.docx"
    source = next(inbox / n for n in goldens if n.endswith(".docx"))
    _touched_copy(source, inbox / new_name)

    third = run_nightly(settings)

    assert (third.landed, third.quarantined, third.skipped) == (1, 0, len(before))
    assert _rows(db, f"select status from ingested_files where path like '%{new_name}'") == [("ok",)]
    assert _counts(db)["ingested_files"] == counts["ingested_files"] + 1
    assert _counts(db)["nominations"] > counts["nominations"]


# --- the task and the helpers, called directly ---------------------------------------------------


def test_process_file_quarantines_each_bad_sample(tmp_path: Path, samples_dir: Path) -> None:
    settings = _settings(tmp_path, samples_dir / "files")
    for name, code in _bad(samples_dir).items():
        path = samples_dir / "files" / name
        with disable_run_logger():
            outcome = process_file.fn(path, sha256_file(path), settings)
        assert (outcome.status, outcome.error_code) == ("quarantined", code), name
        assert outcome.error and name in outcome.error
        assert outcome.record is None


def test_process_file_too_large_is_not_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.nightly

    def never(*_: object, **__: object) -> None:
        raise AssertionError("a file over the size limit must not be opened")

    monkeypatch.setattr(flows.nightly, "read_measured", never)
    path = tmp_path / "lon.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * 200_000)
    settings = _settings(tmp_path, tmp_path).model_copy(update={"max_file_mb": 0.1, "isolate": False})
    with disable_run_logger():
        outcome = process_file.fn(path, sha256_file(path), settings)
    assert (outcome.status, outcome.error_code) == ("quarantined", "TOO_LARGE")
    assert "lon.pdf" in (outcome.error or "")


def test_process_file_internal_error_is_quarantined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.nightly

    def broken(*_: object, **__: object) -> None:
        raise KeyError("no such label")

    monkeypatch.setattr(flows.nightly, "read_measured", broken)
    path = tmp_path / "a.docx"
    path.write_bytes(b"PK")
    with disable_run_logger():
        outcome = process_file.fn(path, sha256_file(path), _in_process(tmp_path))
    assert (outcome.status, outcome.error_code) == ("quarantined", "INTERNAL")
    assert "a.docx" in (outcome.error or "") and "no such label" in (outcome.error or "")


def test_transient_errors_are_raised_and_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.nightly

    def busy(*_: object, **__: object) -> None:
        raise TransientError("tesseract bận")

    monkeypatch.setattr(flows.nightly, "read_measured", busy)
    path = tmp_path / "a.docx"
    path.write_bytes(b"PK")
    with disable_run_logger(), pytest.raises(TransientError):
        process_file.fn(path, sha256_file(path), _in_process(tmp_path))
    assert _retry_transient_only(process_file, None, Failed(data=TransientError("bận")))  # type: ignore[arg-type]
    assert not _retry_transient_only(process_file, None, Failed(data=ValueError("hỏng")))  # type: ignore[arg-type]
    assert not _retry_transient_only(process_file, None, Completed(data=1))  # type: ignore[arg-type]


def test_discover_skips_hidden_and_sorts(tmp_path: Path) -> None:
    for rel in ("b.docx", "a/c.pdf", ".hidden.docx", ".git/x.pdf", "a/.~lock.docx"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    assert [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)] == ["a/c.pdf", "b.docx"]


def test_archive_copy_is_content_addressed_and_idempotent(tmp_path: Path) -> None:
    src = tmp_path / "inbox" / "a.docx"
    src.parent.mkdir()
    src.write_bytes(b"noi dung")
    sha = sha256_file(src)
    first = intake(src, tmp_path / "archive", max_bytes=1 << 20, known=lambda _: False)
    again = intake(src, tmp_path / "archive", max_bytes=1 << 20, known=lambda _: False)
    assert first.sha256 == again.sha256 == sha  # type: ignore[union-attr]
    assert first.copy == again.copy == tmp_path / "archive" / sha[:2] / sha  # type: ignore[union-attr]
    first = first.copy  # type: ignore[union-attr]
    assert first.read_bytes() == src.read_bytes() == b"noi dung"
    assert sorted(p.name for p in (tmp_path / "archive").rglob("*")) == sorted([sha[:2], sha])


@pytest.mark.usefixtures("prefect_harness")
def test_interrupted_run_is_finished_by_the_next(tmp_path: Path, samples_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A run killed after two files landed: the next run lands the rest, and nothing twice."""
    from landing import Warehouse

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    docx_files = sorted((samples_dir / "files").glob("bctt_*.docx"))[:5]
    for src in docx_files:
        shutil.copy(src, inbox / src.name)
    settings = _settings(tmp_path, inbox)
    real_land = Warehouse.land
    landed: list[str] = []

    def land_then_die(self: Warehouse, record, findings, **kw):  # type: ignore[no-untyped-def]
        if len(landed) == 2:
            raise KeyboardInterrupt("power cut")  # the process dies between two files
        real_land(self, record, findings, **kw)
        landed.append(record.source.sha256)

    def land_many_then_die(self: Warehouse, items, *, run_id):  # type: ignore[no-untyped-def]
        for item in items:  # a group's transaction cut short: its files one at a time, dying after two
            land_then_die(self, item.record, item.findings, run_id=run_id, path=item.path, statuses=item.statuses,
                          checks=item.checks)

    real_land_many = Warehouse.land_many
    monkeypatch.setattr(Warehouse, "land", land_then_die)
    monkeypatch.setattr(Warehouse, "land_many", land_many_then_die)
    with pytest.raises(BaseException):  # noqa: B017 (Prefect may wrap the interrupt)
        run_nightly(settings)
    monkeypatch.setattr(Warehouse, "land", real_land)
    monkeypatch.setattr(Warehouse, "land_many", real_land_many)
    assert _rows(settings.warehouse, "select count(*) from ingested_files")[0][0] == 2
    # the stopped run still left its runs row (unfinished) and its report
    assert _rows(settings.warehouse, "select count(*), count(finished_at) from runs") == [(1, 0)]
    assert len(list(settings.reports.glob("*_tdkt*.html"))) == 1

    second = run_nightly(settings)

    assert (second.landed, second.skipped, second.quarantined) == (3, 2, 0)
    rows = _rows(settings.warehouse, "select sha256, count(*) from ingested_files group by sha256")
    assert sorted(sha for sha, _ in rows) == sorted(sha256_file(p) for p in docx_files)
    assert all(n == 1 for _, n in rows)
    ids = _rows(settings.warehouse, "select nomination_id from nominations")
    assert len(ids) == len({i for (i,) in ids}) == 5


@pytest.mark.usefixtures("prefect_harness")
def test_publishing_that_fails_beside_the_report_costs_the_run_nothing_else(
        tmp_path: Path, samples_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Publishing runs on its own thread while the report is written (``flows.nightly._publishing``):
    when it fails (here its folder is a file) the run still ends completed, with its files landed,
    its runs row finished and its report, and the failure is one error line of the run's log. The
    thread runs in the run's context: with none, Prefect sends its log lines to a temporary server
    of its own, started for the occasion (seconds, and the line is lost to the run's API)."""
    import logging

    from prefect.context import FlowRunContext
    from prefect.settings import get_current_settings

    import flows.nightly as nightly

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for src in sorted((samples_dir / "files").glob("bctt_*.docx"))[:3]:
        shutil.copy(src, inbox / src.name)
    blocked = tmp_path / "published-is-a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    settings = _settings(tmp_path, inbox).model_copy(update={"published": blocked})
    lines: list[str] = []
    seen: list[tuple[object, object]] = []  # (the flow run, the API address) as the publishing thread sees them

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(f"{record.levelname} {record.getMessage()}")

    real_publish = nightly._publish

    def publish_and_look(*args, **kwargs):  # type: ignore[no-untyped-def]
        run = FlowRunContext.get()
        seen.append((str(run.flow_run.id) if run and run.flow_run else None, get_current_settings().api.url))
        return real_publish(*args, **kwargs)

    monkeypatch.setattr(nightly, "_publish", publish_and_look)
    keep = Keep()
    run_logger = logging.getLogger("prefect.flow_runs")
    run_logger.addHandler(keep)
    try:
        summary = run_nightly(settings)
    finally:
        run_logger.removeHandler(keep)

    assert (summary.landed, summary.quarantined) == (3, 0)
    assert summary.report.is_file()
    assert _rows(settings.warehouse, "select count(*), count(finished_at) from runs") == [(1, 1)]
    failed = [line for line in lines if "publishing the read-only copies failed" in line]
    assert len(failed) == 1 and failed[0].startswith("ERROR"), lines
    assert blocked.read_text(encoding="utf-8") == "not a folder"
    assert seen == [(summary.run_id, get_current_settings().api.url)], seen
    assert seen[0][1]  # the harness's server


@pytest.mark.usefixtures("prefect_harness")
def test_without_a_second_connection_publishing_runs_before_the_report(
        tmp_path: Path, samples_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The publishing thread needs a second connection to the warehouse; when none can be opened
    (PostgreSQL refusing one more) the copies are published on the run's own, before the report,
    as they were before publishing had a thread: the run, its copies and its report all complete."""
    from landing import Warehouse
    from landing.publish import FULL_COPY

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for src in sorted((samples_dir / "files").glob("bctt_*.docx"))[:3]:  # fewer than a landing thread takes
        shutil.copy(src, inbox / src.name)
    settings = _settings(tmp_path, inbox)

    def refuse(self: Warehouse) -> Warehouse:
        raise duckdb.IOException("too many connections")

    monkeypatch.setattr(Warehouse, "cursor", refuse)
    summary = run_nightly(settings)

    assert (summary.landed, summary.quarantined) == (3, 0)
    assert summary.report.is_file()
    with duckdb.connect(str(settings.published / FULL_COPY), read_only=True) as con:
        assert con.execute("select count(*) from ingested_files").fetchone() == (3,)
