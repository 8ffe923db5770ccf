"""Great Expectations Data Docs of one run, written to a local folder beside the run's report.

The suite itself runs in ``gx_suite.check_warehouse`` on an ephemeral context, which keeps no
results. Rather than run it a second time on a file-backed context (reading the warehouse again),
the run's ``QualityResult``s are handed back to GX as its own validation-result objects and GX's
site builder renders them: the Data Docs show exactly what the run checked and stored in
``quality_checks``. GX is imported here, lazily: the import costs seconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from record.outcome import QualityResult

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
        if (spec.check_id, spec.table, spec.column) == (result.check_id, result.table, result.column):
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

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    from validators.gx_suite import ephemeral_context

    context = ephemeral_context()
    context.add_data_docs_site("tdkt", {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(folder)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })
    run_id = RunIdentifier(run_name=run_name)
    for table in sorted({r.table for r in results}):
        rows = [r for r in results if r.table == table]
        evrs = []
        for r in rows:
            config = ExpectationConfiguration(
                type=r.expectation, kwargs=_kwargs(r),
                meta={"check_id": r.check_id, "legal_basis": r.legal_basis, "table": table},
            )
            outcome: dict[str, Any] = {"unexpected_count": r.unexpected_count,
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
    return folder / "index.html"
