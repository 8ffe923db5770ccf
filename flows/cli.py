"""The ``tdkt`` command line: ``extract``, ``run``, ``serve``, ``status``, ``check``, ``bench``, ``query``, ``tables``.

Exit codes are a stable interface (README, "Command line"). They come from the ``exit_code`` of
the ``record.errors`` hierarchy, mapped in exactly one place, ``main``: the commands raise, the edge
handler prints one line on stderr and returns the code (a traceback only with ``-v``).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from record.errors import ConfigError, InputFileError, TdktError

if TYPE_CHECKING:
    from flows.nightly import RunSummary
    from flows.settings import TdktSettings

_log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_DEFERRED = 3  # = TransientError.exit_code: some files hit a transient fault, run again
EXIT_USAGE = 64  # not argparse's 2: 2 means "this input file cannot be read" (contract)
EXIT_INTERRUPTED = 130
SCHEDULE_CRON = "0 1 * * *"
SCHEDULE_TZ = "Asia/Ho_Chi_Minh"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                         help="more logging; on an error, print the traceback")
    parser = _Parser(prog="tdkt", description="Hồ sơ thi đua, khen thưởng: extract, validate, land, report.")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="more logging; on an error, print the traceback")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("extract", parents=[verbose], help="print the dossier record of one file")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="the record as JSON (the contract's form)")
    p.add_argument("--max-pages", type=int, default=None, help="page limit (default: TDKT_MAX_PAGES or 100)")

    p = sub.add_parser("run", parents=[verbose], help="one run of the nightly flow")
    p.add_argument("--inbox", type=str, default=None,
                   help="folder of dossier files, or s3://bucket/prefix (TDKT_INBOX)")
    p.add_argument("--warehouse", type=str, default=None,
                   help="DuckDB file or postgresql://… URL (TDKT_WAREHOUSE)")
    p.add_argument("--reports", type=Path, default=None, help="folder for the HTML report (TDKT_REPORTS)")
    p.add_argument("--archive", type=Path, default=None, help="raw-file archive (TDKT_ARCHIVE)")
    p.add_argument("--jobs", type=int, default=None, help="files in parallel (TDKT_JOBS, default: cores)")
    p.add_argument("--cluster", dest="dask_address", default=None, metavar="tcp://HOST:8786",
                   help="read the files on this Dask cluster's workers (TDKT_DASK_ADDRESS)")

    serve = sub.add_parser("serve", parents=[verbose],
                           help=f"serve the deployment tdkt-nightly on cron '{SCHEDULE_CRON}' ({SCHEDULE_TZ})")
    serve.add_argument("--port", type=int, default=4200,
                       help="port of the Prefect server started when PREFECT_API_URL is not set (default 4200)")

    p = sub.add_parser("status", parents=[verbose],
                       help="the schedule, whether a serve owns it, and the last runs from the warehouse")
    p.add_argument("--warehouse", type=str, default=None,
                   help="DuckDB file or postgresql://… URL (TDKT_WAREHOUSE)")
    p.add_argument("--last", type=int, default=10, help="how many runs to show (default 10)")

    p = sub.add_parser("check", parents=[verbose],
                       help="the data-quality suite (Great Expectations) over the warehouse, outside a run")
    p.add_argument("--warehouse", type=str, default=None,
                   help="DuckDB file or postgresql://… URL (TDKT_WAREHOUSE)")

    p = sub.add_parser("bench", parents=[verbose], help="accuracy and speed against the bundled samples")
    p.add_argument("--samples", type=Path, default=None, help="samples folder holding files/ and expected/")
    p.add_argument("--throughput", type=int, nargs="?", const=500, default=None, metavar="N",
                   help="only the flow's speed: two runs over N generated Word dossiers (default 500)")
    p.add_argument("--cluster", action="store_true",
                   help="only the flow on a Dask LocalCluster of 1 and 2 workers: pages/s, files/s, efficiency")
    p.add_argument("--defects", action="store_true",
                   help="the planted-defect batch only: rules found and missed, errors on clean dossiers")

    p = sub.add_parser("query", parents=[verbose],
                       help="run SQL on the published copy (never the live warehouse); prints a table")
    p.add_argument("sql", help="one SQL query, e.g. \"SELECT * FROM v_nominations_by_unit_award_year\"")
    p.add_argument("--role", choices=("analyst", "reviewer"), default="analyst",
                   help="analyst (default): the copy without birth dates, addresses, source lines or real "
                   "names (pseudonyms); reviewer: the full copy")
    p.add_argument("--out", type=Path, default=None, help="write the rows to FILE.csv or FILE.parquet instead")
    p.add_argument("--published", type=Path, default=None, help="folder of the published copies (TDKT_PUBLISHED)")

    p = sub.add_parser("tables", parents=[verbose], help="print the data dictionary of the warehouse")
    p.add_argument("table", nargs="?", default=None, help="one table or view (default: all)")
    return parser


def _settings(args: argparse.Namespace) -> TdktSettings:
    from pydantic import ValidationError

    from flows.settings import TdktSettings

    overrides = {k: getattr(args, k) for k in ("inbox", "warehouse", "reports", "archive", "jobs", "published",
                                                "dask_address")
                 if getattr(args, k, None) is not None}
    if getattr(args, "max_pages", None) is not None:
        overrides["max_pages"] = args.max_pages
    try:
        return TdktSettings(**overrides)
    except ValidationError as exc:
        where = "; ".join(f"TDKT_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"thiết lập không hợp lệ ({where})") from exc


def _cmd_extract(args: argparse.Namespace) -> int:
    from extractors import extract_file

    settings = _settings(args)
    if not args.file.is_file():
        raise InputFileError("không tìm thấy tệp (hoặc đó là thư mục); kiểm tra lại đường dẫn", path=args.file)
    record = extract_file(args.file, max_pages=settings.max_pages, timeout_s=settings.file_timeout_s)
    if args.json:
        print(json.dumps(record.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    src = record.source
    print(f"{args.file}: {src.format}, {src.pages or '?'} trang, {len(record.nominations)} đề nghị")
    for doc in record.documents:
        print(f"  tài liệu {doc.kind}: trang {', '.join(map(str, doc.pages)) or '?'}")
    for nom in record.nominations:
        who = (nom.person.full_name if nom.person else None) or (nom.unit.name if nom.unit else None)
        print(f"  {nom.nomination_id}: {who or '?'} -> {nom.award.code or '?'} {nom.award.year or ''}".rstrip())
    return EXIT_OK


def _print_summary(summary: RunSummary) -> None:
    noms = ", ".join(f"{k} {summary.nominations.get(k, 0)}" for k in ("clean", "needs_review", "rejected"))
    codes = ", ".join(f"{k} {v}" for k, v in sorted(summary.quarantine_codes.items()))
    print(f"tdkt run {summary.run_id}")
    print(f"  files:       {summary.files_seen} seen, {summary.landed} landed, {summary.skipped} skipped, "
          f"{summary.quarantined} quarantined" + (f" ({codes})" if codes else "")
          + (f", {summary.deferred} deferred to the next run" if summary.deferred else "")
          + (f", {summary.ignored} ignored (not regular files)" if summary.ignored else ""))
    print(f"  nominations: {noms}")
    print(f"  warehouse:   {summary.warehouse}")
    print(f"  report:      {summary.report}")
    print(f"  flow body:   {summary.seconds:.2f} s")
    if summary.worker_peak_mb:
        print(f"  worker peak: {summary.worker_peak_mb:.0f} MB")


@contextmanager
def _prefect_api() -> Iterator[None]:
    """The configured Prefect API, or a server of our own for this run that dies with us (``_server``)."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield
        return
    from flows._server import temporary_server

    with temporary_server() as url, temporary_settings(updates={PREFECT_API_URL: url}):
        try:
            yield
        finally:  # the run's last logs and events reach the server before it stops
            from prefect.events.worker import EventsWorker
            from prefect.logging.handlers import APILogWorker

            APILogWorker.drain_all(timeout=5)
            EventsWorker.drain_all(timeout=5)


def _cmd_run(args: argparse.Namespace) -> int:
    from flows._checks import check_settings

    settings = _settings(args)
    check_settings(settings)  # a bad setting is one line in well under a second, before Prefect
    interrupted: list[int] = []

    def on_sigint(signum: int, frame: object) -> None:
        interrupted.append(signum)  # Prefect may swallow the KeyboardInterrupt: remember it here
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGINT, on_sigint)
    if settings.isolate and not settings.dask_address:  # on a cluster, its workers read
        from flows._pool import warm_up

        warm_up()  # the workers' fork server imports the readers while Prefect starts
    from flows.nightly import prefetch_quality_suite, run_nightly

    prefetch_quality_suite()  # hidden behind Prefect's start-up
    with _prefect_api():
        summary = run_nightly(settings)
    if interrupted:
        raise KeyboardInterrupt("interrupted")
    _print_summary(summary)
    return EXIT_DEFERRED if summary.deferred else EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from flows import _serve
    from flows._checks import check_settings

    settings = _settings(args)
    check_settings(settings)  # before Prefect: a wrong inbox is found now, not at 01:00
    lock = _serve.serve_lock(settings)  # one serve owns the deployment; a second one stops here
    try:
        from prefect.flows import serve as prefect_serve
        from prefect.schedules import Cron
        from prefect.settings import PREFECT_API_URL, temporary_settings
        from prefect.types.entrypoint import EntrypointType

        from flows._server import local_server
        from flows.nightly import for_settings

        def serve() -> None:
            _log.warning("serving tdkt-nightly on %r (%s) against %s", SCHEDULE_CRON, SCHEDULE_TZ,
                         PREFECT_API_URL.value())
            if settings.alert_webhook:
                import asyncio

                asyncio.run(_serve.ensure_alert(settings.alert_webhook))
            deployment = for_settings(settings).to_deployment(
                name="tdkt-nightly", schedules=[Cron(SCHEDULE_CRON, timezone=SCHEDULE_TZ)],
                # by its import name (flows.nightly), not its file: a run loaded from the file is a
                # module named "nightly", which a Dask scheduler and its workers cannot import
                entrypoint_type=EntrypointType.MODULE_PATH,
                description=_serve.description(settings, SCHEDULE_CRON, SCHEDULE_TZ),
                parameters=_serve.parameters(settings),
            )
            schema = deployment._parameter_openapi_schema  # Prefect builds it from the flow's signature
            _serve.show_settings_in_schema({"definitions": schema.definitions}, settings)
            prefect_serve(deployment)

        if PREFECT_API_URL.value():
            serve()
            return EXIT_OK
        # SIGTERM (a service manager, `kill`) must stop the server this command started, as Ctrl-C
        # does: Python's default would end the process without running the clean-up below
        signal.signal(signal.SIGTERM, _interrupt)
        # Prefect cannot schedule on its temporary in-process server: start a real one (see _server)
        with local_server(args.port) as url, temporary_settings(updates={PREFECT_API_URL: url}):
            serve()
        return EXIT_OK
    finally:
        lock.close()


def _cmd_status(args: argparse.Namespace) -> int:
    from flows._status import print_status

    return print_status(_settings(args), SCHEDULE_CRON, SCHEDULE_TZ, last=args.last)


def _cmd_check(args: argparse.Namespace) -> int:
    """The suite a run ends with, on demand (after a fix, or on a warehouse another flow writes)."""
    from flows._checks import open_postgres
    from flows._serve import warehouse_shown
    from landing._pg import is_postgres_url
    from validators.gx_suite import check_warehouse

    settings = _settings(args)
    target = settings.warehouse_target
    if is_postgres_url(target):  # read as the run reads it: each statement on its own
        pg = open_postgres(str(target))
        try:
            results = check_warehouse(pg)
        finally:
            pg.close()
    else:
        results = check_warehouse(target)
    failed = [r for r in results if not r.success]
    print(f"kho dữ liệu: {warehouse_shown(settings)}")
    print(f"  {len(results) - len(failed)}/{len(results)} kiểm tra chất lượng đạt")
    for r in failed:
        where = f"{r.table}.{r.column}" if r.column else r.table
        why = r.error or (f"{r.unexpected_count} giá trị không đạt"
                          + (f", ví dụ: {', '.join(r.unexpected_sample[:3])}" if r.unexpected_sample else ""))
        print(f"  KHÔNG ĐẠT {r.check_id} {where} ({r.expectation}): {why}")
    return EXIT_OK


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _cmd_bench(args: argparse.Namespace) -> int:
    from bench.run import main as bench_main

    argv = ["--samples", str(args.samples)] if args.samples else []
    if args.throughput:
        argv += ["--throughput", str(args.throughput)]
    if args.cluster:
        argv += ["--cluster"]
    return bench_main(argv + (["--defects"] if args.defects else []))


def _cmd_query(args: argparse.Namespace) -> int:
    from landing.query import format_table, run_query, write_result

    published = _settings(args).published
    if args.out is not None:
        count = write_result(published, args.sql, args.out, role=args.role)
        print(f"{count} dòng -> {args.out}")
        return EXIT_OK
    sys.stdout.write(format_table(run_query(published, args.sql, role=args.role)))
    return EXIT_OK


def _cmd_tables(args: argparse.Namespace) -> int:
    from landing._dictionary import dictionary_text

    sys.stdout.write(dictionary_text(args.table))
    return EXIT_OK


_COMMANDS = {"extract": _cmd_extract, "run": _cmd_run, "serve": _cmd_serve, "status": _cmd_status,
             "check": _cmd_check, "bench": _cmd_bench, "query": _cmd_query, "tables": _cmd_tables}


def main(argv: Sequence[str] | None = None) -> int:
    """Parse, dispatch, and map every exception to one stderr line and an exit code."""
    args = _parser().parse_args(argv)
    # The temporary Prefect server must not phone home from a government machine (often offline,
    # where the attempt only logs a traceback); an explicit setting still wins.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    verbose = getattr(args, "verbose", 0)
    logging.basicConfig(level=logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    failure: BaseException
    try:
        return _COMMANDS[args.command](args)
    except InputFileError as exc:
        failure, code = exc, exc.exit_code
        line = f"tdkt: {exc.path or getattr(args, 'file', None) or '?'}: {exc.message} [{exc.code}]"
    except TdktError as exc:
        failure, code = exc, exc.exit_code
        line = f"tdkt: {exc} [{exc.code}]"
    except KeyboardInterrupt as exc:
        failure, code, line = exc, EXIT_INTERRUPTED, "tdkt: interrupted"
    except Exception as exc:  # a defect: say so plainly, exit 1
        failure, code = exc, EXIT_INTERNAL
        line = f"tdkt: internal error: {type(exc).__name__}: {exc} [INTERNAL]"
        line += "" if verbose else " (run with -v for the traceback)"
    if verbose:
        traceback.print_exception(failure)
    print(" ".join(line.split()), file=sys.stderr)  # one line, whatever the message held
    return code


if __name__ == "__main__":
    sys.exit(main())
