"""Great Expectations Data Docs of one run, written to a local folder beside the run's report.

The suite itself runs in ``gx_suite.check_warehouse`` on an ephemeral context, which keeps no
results. Rather than run it a second time on a file-backed context (reading the warehouse again),
the run's ``QualityResult``s are handed back to GX as its own validation-result objects and GX's
site builder renders them: the Data Docs show exactly what the run checked and stored in
``quality_checks``. GX is imported here, lazily: the import costs seconds.
"""

from __future__ import annotations

import html
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from record.datafile import load_model
from record.outcome import QUALITY_SUMMARY_PAGE as SUMMARY
from record.outcome import QualityResult

# The reviewers' words for expectations, tables and columns: the same data file as the report's.
LABELS = Path(__file__).resolve().parent.parent / "data" / "labels" / "review_report.yaml"


class _Labels(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    expectations: dict[str, str]
    tables: dict[str, str]
    columns: dict[str, str]


@lru_cache(maxsize=1)
def _labels() -> _Labels:
    return load_model(LABELS, _Labels, "nhãn báo cáo")


def _snake(name: str) -> str:
    """``ExpectColumnValuesToBeInSet`` -> ``expect_column_values_to_be_in_set`` (GX 1.x names both)."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def vietnamese_note(result: QualityResult) -> list[str]:
    """The expectation in the reviewers' words (markdown, one paragraph a line): rule id, what it
    checks where, its legal basis, its outcome. GX shows it in a column of the validation table."""
    words = _labels()
    what = words.expectations.get(_snake(result.expectation), "Kiểm tra dữ liệu")
    where = words.tables.get(result.table, result.table)
    if result.column:
        cols = [words.columns.get(c, c) for c in result.column.split(",")]
        where += f", cột {', '.join(cols)} ({result.column})"
    outcome = "Đạt" if result.success else "Không đạt"
    if result.error:
        outcome = "Không kiểm tra được (bảng hoặc cột chưa có)"
    elif result.unexpected_count:
        outcome += f": {result.unexpected_count} giá trị sai"
    return [f"**{result.check_id}**: {what}", f"Dữ liệu: {where}",
            f"Căn cứ: {result.legal_basis or 'quy ước dữ liệu của hệ thống'}", f"Kết quả: {outcome}"]


def _markdown(line: str) -> str:
    """The notes' only markdown, ``**bold**``, as HTML; the rest escaped."""
    parts = html.escape(line).split("**")
    return "".join(f"<b>{p}</b>" if i % 2 else p for i, p in enumerate(parts))


def _banner(page: Path, folder: Path, run_name: str, notes: list[list[str]]) -> str:
    summary = Path(os.path.relpath(folder / SUMMARY, page.parent)).as_posix()
    items = "".join("<li>" + "<br>".join(_markdown(line) for line in note) + "</li>" for note in notes)
    listing = f'<p>Các kiểm tra của bảng này:</p><ol class="tdkt-notes">{items}</ol>' if items else ""
    return (
        '<div id="tdkt-vi" lang="vi" style="margin:8px 16px;padding:8px 12px;border:1px solid #b8c7d9;'
        'background:#f3f7fb">'
        f'<h2 style="font-size:1.2rem">Kết quả kiểm tra chất lượng dữ liệu trong kho – lượt {html.escape(run_name)}</h2>'
        "<p>Trang này do thư viện Great Expectations tạo, tên các kiểm tra bên dưới là tiếng Anh; "
        "mỗi kiểm tra có mã, nội dung, căn cứ và kết quả bằng tiếng Việt ở đây. "
        f'Bản tóm tắt bằng tiếng Việt: <a href="{html.escape(summary)}">{SUMMARY}</a>.</p>{listing}</div>'
    )


def _vietnamese_pages(folder: Path, run_name: str, notes: dict[str, list[list[str]]]) -> None:
    """A Vietnamese heading and introduction at the top of every Data Docs page; on a table's
    validation page (``validations/tdkt_<table>/…``) the Vietnamese note of each of its checks."""
    for page in folder.rglob("*.html"):
        if page.name == SUMMARY:
            continue
        text = page.read_text(encoding="utf-8")
        if 'id="tdkt-vi"' in text or "<body" not in text:
            continue
        parts = page.relative_to(folder).parts
        table = parts[1].removeprefix("tdkt_") if len(parts) > 2 and parts[0] == "validations" else None
        start = text.index("<body")
        end = text.index(">", start) + 1
        banner = _banner(page, folder, run_name, notes.get(table or "", []))
        page.write_text(text[:end] + banner + text[end:], encoding="utf-8")


# GX shows a result's status only as a Font Awesome icon loaded from the internet: offline, from
# disk, the column would be blank. These marks stand in for the icons when the font is missing.
_MARKS = (
    "<style>.fas.fa-check-circle::before{content:'\\2714  Đạt';color:#176117;font-style:normal}"
    ".fas.fa-times::before,.fas.fa-times-circle::before{content:'\\2718  Không đạt';color:#a00;font-style:normal}"
    "</style>"
)


def _offline_marks(folder: Path) -> None:
    for page in folder.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if _MARKS not in html and "</head>" in html:
            page.write_text(html.replace("</head>", _MARKS + "</head>", 1), encoding="utf-8")


def _kwargs(result: QualityResult) -> dict[str, Any]:
    """The expectation's arguments (value set, regex) from the suite's specs, by id, table and column."""
    from validators.gx_suite import EXPECTATIONS

    kwargs: dict[str, Any] = {"column": result.column} if result.column else {}
    for spec in EXPECTATIONS:
        if spec.columns and (spec.check_id, spec.table, ",".join(spec.columns)) == (
                result.check_id, result.table, result.column):
            kwargs = {"column_list": list(spec.columns)}  # a compound check names its columns as a list
        elif (spec.check_id, spec.table, spec.column) != (result.check_id, result.table, result.column):
            continue
        kwargs.update({k: list(v) if isinstance(v, tuple) else v for k, v in spec.kwargs})
        break
    return kwargs


def write_data_docs(results: list[QualityResult], folder: Path, *, run_name: str) -> Path:
    """Render the run's expectation results as a GX Data Docs site in ``folder``; return its index."""
    from great_expectations.core import ExpectationSuiteValidationResult, ExpectationValidationResult
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    given = Path(folder)  # the index is returned under the path as given (the report links it relatively)
    folder = given.resolve()  # GX refuses a relative base directory, and tdkt's default folders are relative
    folder.mkdir(parents=True, exist_ok=True)
    from validators.gx_suite import ephemeral_context

    context = ephemeral_context()
    context.add_data_docs_site("tdkt", {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(folder)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })
    run_id = RunIdentifier(run_name=run_name)
    notes: dict[str, list[list[str]]] = {}
    for table in sorted({r.table for r in results}):
        rows = [r for r in results if r.table == table]
        evrs = []
        for r in rows:
            # the note goes with the expectation (GX renders notes on suite pages, not on validation
            # pages: those get it in their Vietnamese heading, below; a custom column through
            # meta_properties_to_render is refused by GX 1.24's expectation models)
            note = vietnamese_note(r)
            notes.setdefault(table, []).append(note)
            config = ExpectationConfiguration(
                type=_snake(r.expectation), kwargs=_kwargs(r), notes=note,
                meta={"check_id": r.check_id, "legal_basis": r.legal_basis, "table": table},
            )
            # the renderers read the share of failing rows beside their count
            share = 100.0 * r.unexpected_count / r.element_count if r.element_count else 0.0
            outcome: dict[str, Any] = {"unexpected_count": r.unexpected_count, "unexpected_percent": share,
                                       "element_count": r.element_count or 0,
                                       "partial_unexpected_list": list(r.unexpected_sample)}
            info = {"raised_exception": bool(r.error), "exception_message": r.error, "exception_traceback": None}
            evrs.append(ExpectationValidationResult(success=r.success, expectation_config=config, result=outcome,
                                                    exception_info=info))
        passed = sum(r.success for r in rows)
        suite = f"tdkt_{table}"
        validation = ExpectationSuiteValidationResult(
            success=passed == len(rows), results=evrs, suite_name=suite,
            statistics={"evaluated_expectations": len(rows), "successful_expectations": passed,
                        "unsuccessful_expectations": len(rows) - passed,
                        "success_percent": 100.0 * passed / len(rows) if rows else None},
            meta={"run_id": run_id, "active_batch_definition": {"datasource_name": "warehouse",
                                                                "data_asset_name": table}},
        )
        key = ValidationResultIdentifier(expectation_suite_identifier=ExpectationSuiteIdentifier(name=suite),
                                         run_id=run_id, batch_identifier=table)
        context.validation_results_store.set(key, validation)
    context.build_data_docs(site_names=["tdkt"])
    _offline_marks(folder)
    _vietnamese_pages(folder, run_name, notes)
    return given / "index.html"
