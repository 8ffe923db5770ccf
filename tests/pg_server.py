"""A real PostgreSQL server in a temporary folder, for the tests of the shared warehouse (issue 10).

Debian's binaries (``initdb``, ``pg_ctl``) refuse to run as root, and the tests often do: then the
server runs as the ``postgres`` system user (``runuser``), in a folder handed to that user. Trust
authentication on 127.0.0.1 and a free port: the server lives only as long as the test session.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN_DIRS = (Path("/usr/lib/postgresql/15/bin"), Path("/usr/local/bin"), Path("/usr/bin"))
USER = "tdkt"  # the database role the tests connect as


def find_bin(name: str) -> Path | None:
    """``initdb`` / ``pg_ctl`` on PATH, else in Debian's versioned folder."""
    found = shutil.which(name)
    if found:
        return Path(found)
    for folder in PG_BIN_DIRS:
        if (folder / name).is_file():
            return folder / name
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a server, yield its URL (``postgresql://tdkt@127.0.0.1:<port>/tdkt``), stop it and remove it."""
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise FileNotFoundError("initdb / pg_ctl")
    root = Path(tempfile.mkdtemp(prefix="tdkt-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:  # postgres refuses root: run it as the postgres system user
        pw = pwd.getpwnam("postgres")
        os.chown(root, pw.pw_uid, pw.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", _free_port()
    subprocess.run([*prefix, str(initdb), "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8",
                    "--no-locale", "--no-sync"], check=True, capture_output=True)
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
    subprocess.run([*prefix, str(pg_ctl), "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "start"],
                   check=True, capture_output=True)
    try:
        subprocess.run([*prefix, str(find_bin("createdb") or "createdb"), "-h", "127.0.0.1", "-p", str(port),
                        "-U", USER, USER], check=True, capture_output=True)
        yield f"postgresql://{USER}@127.0.0.1:{port}/{USER}"
    finally:
        subprocess.run([*prefix, str(pg_ctl), "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def new_database(url: str, name: str) -> str:
    """A fresh empty database on the server of ``url``; its URL."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}"')
        con.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name
