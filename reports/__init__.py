"""Reports: what the reviewers read after each run (issue 8).

``write_run_report`` reads the run's landed rows through the run's own DuckDB connection and writes,
in the reports folder:

* ``<yyyy-mm-dd>_<hhmm>_tdkt.html``: one self-contained page per run (CSS, script and charts
  inline), named by the run's local start time, with an overview, fairness charts, a filterable
  list and one card per submission and per nomination;
* ``<stem>_files/crops/*.png``: the image of the words each scanned or PDF value came from;
* ``<stem>.xlsx``: the council's list (danh sách trích ngang);
* ``<stem>_files/data-docs/``: the Great Expectations Data Docs of the run, when the flow hands in
  a builder (``data_docs``; the report package does not import the validators);
* ``index.html`` (every run, newest first, with counts) and ``latest.html`` (a redirect page).

Everything is written readable by its owner only. Dossier text is untrusted: it goes through
Jinja2 autoescaping.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from record.normalize import fold
from record.outcome import QUALITY_SUMMARY_PAGE, FileOutcome, QualityResult
from reports import _labels, _paged
from reports._gather import LOW_CONFIDENCE, SEVERITY_ORDER, NominationCard, RunData, gather
from reports._private import private_dir, tighten, write_private

if TYPE_CHECKING:
    from reports.workbook import Rows

__all__ = ["LOW_CONFIDENCE", "report_stem", "write_run_report"]

log = logging.getLogger(__name__)
TEMPLATES = Path(__file__).resolve().parent / "templates"
MANIFEST = ".tdkt-runs.json"  # the runs the index lists: run id, file, start, counts

_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                   trim_blocks=True, lstrip_blocks=True)


def _attrs(n: NominationCard) -> Markup:
    """The data attributes the page's filter and sort read."""
    failed = sorted({f.check_id for f in n.findings} | {c.check_id for c in n.checks if c.outcome == "failed"})
    values = {"nomination": n.nomination_id, "unit": n.unit, "award": n.award_name, "status": n.status,
              "severity": " ".join(sorted({f.severity for f in n.findings})), "checks": " ".join(failed),
              "name": n.name, "level": n.award_level, "worst": str(SEVERITY_ORDER.get(n.worst, 9))}
    return Markup(" ".join(f'data-{k}="{escape(v)}"' for k, v in values.items()))


def _by_severity(findings: list[Any]) -> list[Any]:
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.check_id))


_env.globals.update(attrs=_attrs)
_env.filters["by_severity"] = _by_severity


def report_stem(reports_dir: Path, started_at: datetime, run_id: str) -> str:
    """``2026-11-29_0100_tdkt``: the run's local start time; ``_2``, ``_3`` when a minute is taken."""
    local = started_at.astimezone() if started_at.tzinfo else started_at.replace(tzinfo=UTC).astimezone()
    base = local.strftime("%Y-%m-%d_%H%M") + "_tdkt"
    owner = {r["file"]: r["run_id"] for r in _manifest(reports_dir)}
    stem, n = base, 1
    while (reports_dir / f"{stem}.html").exists() and owner.get(f"{stem}.html") != run_id:
        n += 1
        stem = f"{base}_{n}"
    return stem


def _manifest(reports_dir: Path) -> list[dict[str, Any]]:
    path = reports_dir / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [r for r in data if isinstance(r, dict) and "file" in r] if isinstance(data, list) else []


def _local(moment: datetime) -> str:
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def _quality_rows(quality: list[QualityResult]) -> list[dict[str, Any]]:
    w = _labels.words()
    out = []
    for q in quality:
        table = w.get("tables", q.table)
        column = ", ".join(w.get("columns", c) for c in q.column.split(",")) if q.column else ""
        out.append({
            "check_id": q.check_id, "where": f"{table}: {column}" if column else table, "table": table,
            "legal_basis": q.legal_basis or "Quy ước dữ liệu của hệ thống",
            "what": w.get("expectations", q.expectation, "Kiểm tra dữ liệu"), "success": q.success,
            "unexpected_count": q.unexpected_count, "sample": ", ".join(q.unexpected_sample),
            "error": "không kiểm tra được (bảng hoặc cột chưa có)" if q.error else "",
        })
    return out


def _options(data: RunData) -> dict[str, list[str]]:
    checks = {f.check_id for n in data.nominations for f in n.findings}
    checks |= {c.check_id for n in data.nominations for c in n.checks if c.outcome == "failed"}
    return {
        "unit": sorted({n.unit for n in data.nominations}, key=fold),
        "award": sorted({n.award_name for n in data.nominations}, key=fold),
        "check": sorted(checks),
    }


def write_run_report(
    reports_dir: Path,
    *,
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    started_at: datetime,
    outcomes: list[FileOutcome],
    quality: list[QualityResult],
    archive: Path | None = None,
    inbox: Path | None = None,
    data_docs: Callable[[Path], Path] | None = None,
    brief: bool = False,
    cards_per_page: int | None = None,
) -> Path:
    """Write the run's page, crops, workbook, Data Docs, index and ``latest.html``; return the page.

    ``con`` is the run's open warehouse connection (read only through it); ``outcomes`` give the
    files that never land (skipped, deferred); ``archive`` is where the originals are kept (links
    and crops); file paths are shown relative to ``inbox``; ``data_docs(folder)`` builds the GX Data Docs into ``folder`` and returns its index.
    ``brief``: a run that brought nothing new (issue 9: an unchanged night in a second) gets its page
    and its line in the index without crops, workbook or charts, which would repeat the last run's.
    ``cards_per_page``: more cards than this go to further pages (default: ``data/limits/report.yaml``).
    """
    from reports._background import Background
    from reports._charts import fairness_charts
    from reports._crops import write_crops
    from reports.workbook import write_workbook

    reports_dir = private_dir(Path(reports_dir))
    stem = report_stem(reports_dir, started_at, run_id)
    assets = private_dir(reports_dir / f"{stem}_files")
    started = _local(started_at)
    per_page = cards_per_page if cards_per_page is not None else _paged.report_limits().cards_per_page
    nominees = [] if brief else _paged.run_nominees(con, run_id)
    book: Path | None = reports_dir / f"{stem}.xlsx" if not brief else None
    common = {"run_id": run_id, "started": started, "words": _labels.words(), "workbook": book.name if book else None,
              "css": (TEMPLATES / "_style.css").read_text(encoding="utf-8"),
              "js": (TEMPLATES / "_filter.js").read_text(encoding="utf-8")}
    rows: Rows | None = None  # paged (more cards than a page holds): the workbook's rows, page by page
    links: list[str] = []     # paged: every page, the first being this one
    if len(nominees) > per_page:
        data, tally, rows, links = _write_pages(con, common, _paged.pages(nominees, per_page), stem=stem, assets=assets,
                                           run_id=run_id, outcomes=outcomes, reports_dir=reports_dir,
                                           archive=archive, inbox=inbox)
        nom_counts, by = tally.statuses, tally.by
    else:
        data = gather(con, run_id=run_id, outcomes=outcomes, reports_dir=reports_dir, archive=archive, inbox=inbox)
        nom_counts, by = Counter(n.status for n in data.nominations), data.by
    workbook = None
    background = Background()  # the workbook and the charts in child processes while the page renders here
    charts = (lambda: []) if brief else background.call(fairness_charts, data.fairness)
    if book is not None:
        workbook = write_workbook(rows or data, book, title=f"lượt {started}",
                                  write=background.write)
        if rows is None:  # paged: each page's crops were cut with its cards
            write_crops(data.nominations, archive, assets / "crops", f"{stem}_files/crops")
    docs_href = None
    if data_docs is not None:
        try:
            index = data_docs(assets / "data-docs")
            docs_href = index.relative_to(reports_dir).as_posix()
        except Exception:  # the Data Docs are an extra: a GX failure must not cost the reviewers their report
            log.exception("Great Expectations Data Docs could not be built for run %s", run_id)
    summary_href = _quality_summary(reports_dir, assets, quality, started=started, report=f"{stem}.html",
                                     data_docs=docs_href)
    run_files = [f for f in data.files if not f.earlier]
    # paged: the main page lists the first page's files and those that did not land; counts are the night's
    file_counts = Counter(o.status for o in outcomes) if links else Counter(f.status for f in run_files)
    file_total = len(outcomes) if links else len(run_files)
    html = _env.get_template("run.html.j2").render(
        **{**common, "workbook": workbook.name if workbook else None},
        generated=_local(datetime.now(UTC)), data=data,
        files=run_files, file_total=file_total, file_counts=file_counts,
        nom_counts=nom_counts,
        breakdowns=[("Theo đơn vị trình", "Đơn vị trình", by("unit")),
                    ("Theo cấp khen thưởng", "Cấp khen thưởng", by("award_level_label"))],
        charts=charts(), options=_options(data), part=False, up="",
        pages=links, page_no=1,
        data_docs=docs_href, quality_summary=summary_href, quality=_quality_rows(quality),
    ).lstrip()
    page = write_private(reports_dir / f"{stem}.html", html)
    background.wait()
    tighten(assets)
    counts = {"files": file_total, "landed": file_counts["landed"], "skipped": file_counts["skipped"],
              "quarantined": file_counts["quarantined"],
              **{k: nom_counts[k] for k in ("clean", "needs_review", "rejected")}}
    _write_index(reports_dir, {"run_id": run_id, "file": page.name, "workbook": workbook.name if workbook else None,
                               "started_at": started_at.isoformat(), "started": started, "counts": counts})
    return page


def _write_pages(con: duckdb.DuckDBPyConnection, common: dict[str, Any], chunks: list[list[_paged.Nominee]], *,
                 stem: str, assets: Path, run_id: str, outcomes: list[FileOutcome], reports_dir: Path,
                 archive: Path | None, inbox: Path | None) -> tuple[RunData, _paged.Tally, Rows, list[str]]:
    """A big night's cards page by page (issue 9): each page gathered, its crops cut, its counts and
    workbook rows added, written as ``<stem>_files/trang-N.html`` and let go; the first page's cards
    are returned for the main page, which is written last with the night's counts.

    Returns the first page's data, the counts, the workbook's rows and every page's link (from the
    reports folder). A page under ``<stem>_files/`` links its crops, originals and the index from
    there (``up``), and filters and sorts its own cards."""
    from reports._crops import write_crops
    from reports.workbook import Rows

    tally, rows = _paged.Tally(), Rows()
    names = [_paged.PAGE_NAME.format(n=n) for n in range(2, len(chunks) + 1)]
    links = [f"{stem}.html", *(f"{stem}_files/{name}" for name in names)]
    from_assets = [f"../{stem}.html", *names]
    with_cards = {s for chunk in chunks for n in chunk for s in n.shas}

    def page(number: int) -> RunData:
        main = number == 1
        shas = {s for n in chunks[number - 1] for s in n.shas}
        # the main page also lists the files that did not land, or landed naming no nominee
        page_outcomes = [o for o in outcomes if o.sha256 in shas
                         or main and (o.status != "landed" or o.sha256 not in with_cards)]
        data = gather(con, run_id=run_id, outcomes=page_outcomes, reports_dir=reports_dir if main else assets,
                      archive=archive, inbox=inbox, nominees=[n.nominee for n in chunks[number - 1]])
        write_crops(data.nominations, archive, assets / "crops", f"{stem}_files/crops" if main else "crops")
        tally.add(data.nominations)
        rows.add(data.nominations)
        return data

    first = page(1)
    for number in range(2, len(chunks) + 1):
        data = page(number)
        write_private(assets / names[number - 2], _env.get_template("run.html.j2").render(
            **common, generated=_local(datetime.now(UTC)), data=data, files=[], file_total=0,
            file_counts=Counter(), nom_counts=Counter(), breakdowns=[], charts=[], options=_options(data),
            part=True, up="../", pages=from_assets, page_no=number, data_docs=None, quality_summary=None,
            quality=[]).lstrip())
        del data  # the next page's cards replace this one's
    return first, tally, rows, links


def _quality_summary(reports_dir: Path, assets: Path, quality: list[QualityResult], *, started: str, report: str,
                     data_docs: str | None) -> str | None:
    """The run's data-quality checks on one Vietnamese page beside the Data Docs (which GX writes in
    English): each check's id, data, requirement, legal basis and outcome. Returns its link."""
    if not quality:
        return None
    rows = _quality_rows(quality)
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(rows, key=lambda r: (r["success"], r["check_id"])):
        groups.setdefault(row["table"], []).append(row)
    page = private_dir(assets / "data-docs") / QUALITY_SUMMARY_PAGE
    back = Path(os.path.relpath(reports_dir, page.parent)).as_posix()
    write_private(page, _env.get_template("quality.html.j2").render(
        started=started, rows=rows, groups=sorted(groups.items(), key=lambda kv: fold(kv[0])),
        report=f"{back}/{report}",
        data_docs=Path(os.path.relpath(reports_dir / data_docs, page.parent)).as_posix() if data_docs else None,
        css=(TEMPLATES / "_style.css").read_text(encoding="utf-8")).lstrip())
    return page.relative_to(reports_dir).as_posix()


def _write_index(reports_dir: Path, entry: dict[str, Any]) -> None:
    """Add the run to the manifest, then rebuild ``index.html`` (newest first) and ``latest.html``."""
    runs = [r for r in _manifest(reports_dir) if r.get("run_id") != entry["run_id"]
            and (reports_dir / r["file"]).is_file()]
    runs.append(entry)
    runs.sort(key=lambda r: (r.get("started_at", ""), r["file"]), reverse=True)
    write_private(reports_dir / MANIFEST, json.dumps(runs, ensure_ascii=False, indent=1))
    css = (TEMPLATES / "_style.css").read_text(encoding="utf-8")
    write_private(reports_dir / "index.html", _env.get_template("index.html.j2").render(
        runs=runs, generated=_local(datetime.now(UTC)), css=css).lstrip())
    latest = runs[0]["file"]
    if not re.fullmatch(r"[0-9A-Za-z_.-]+", latest):  # only our own names reach the redirect
        latest = "index.html"
    write_private(reports_dir / "latest.html", (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={latest}"><title>Lượt mới nhất</title></head>'
        f'<body><p>Báo cáo lượt mới nhất: <a href="{latest}">{latest}</a></p></body></html>\n'))
