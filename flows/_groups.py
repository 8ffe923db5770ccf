"""Which files share a Prefect task: light files by the dozen, a heavy one alone.

The policy is data (``data/limits/grouping.yaml``, why there). A file's weight is judged before it
is read, from what the flow already knows: its suffix and its size. A misjudged file costs only
time: every file keeps its own outcome and its own landing transaction whatever its group.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from record.datafile import load_model

GROUPING_FILE = Path(__file__).resolve().parents[1] / "data" / "limits" / "grouping.yaml"
T = TypeVar("T")


class GroupingPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    light_per_task: int = Field(ge=1)
    cluster_tasks_per_worker: int = Field(ge=1)
    cluster_light_per_task: int = Field(ge=1)
    light_pdf_max_kb: int = Field(ge=0)
    light_max_kb: int = Field(ge=0)
    light_suffixes: list[str]


@lru_cache(maxsize=1)
def grouping_policy(path: Path = GROUPING_FILE) -> GroupingPolicy:
    """The policy, read strictly: a malformed file stops the run (``DataFileError``)."""
    return load_model(path, GroupingPolicy, "tệp chính sách nhóm tệp")


def is_light(path: Path, size: int, policy: GroupingPolicy | None = None) -> bool:
    """A file read in milliseconds: a Word file, or a small PDF (a text PDF, not a scan)."""
    policy = policy or grouping_policy()
    if size > policy.light_max_kb * 1024:
        return False
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return size <= policy.light_pdf_max_kb * 1024
    return suffix in policy.light_suffixes


def plan(items: Sequence[T], paths: Sequence[Path], sizes: Sequence[int],
         policy: GroupingPolicy | None = None, *, workers: int | None = None) -> list[list[T]]:
    """``items`` in task groups: each heavy item alone first, largest first, then the light ones in
    groups of ``light_per_task`` (on a cluster of ``workers`` threads, ``light_size``), in their order.

    Largest first because the night ends when the last worker does: a six-page scan started last
    keeps one worker busy while the others idle (longest-processing-time-first scheduling; size
    stands in for pages, known before reading)."""
    policy = policy or grouping_policy()
    heavy: list[tuple[int, T]] = []
    light: list[T] = []
    for item, path, size in zip(items, paths, sizes, strict=True):
        if is_light(path, size, policy):
            light.append(item)
        else:
            heavy.append((size, item))
    heavy.sort(key=lambda h: -h[0])  # stable: equal sizes keep their order
    n = light_size(len(light), workers, policy)
    return [[item] for _, item in heavy] + [light[i:i + n] for i in range(0, len(light), n)]


def light_size(light: int, workers: int | None, policy: GroupingPolicy | None = None) -> int:
    """Light files per task: ``light_per_task`` locally; on a cluster of ``workers`` threads, the
    light files split into ``cluster_tasks_per_worker`` tasks a thread, within the policy's bounds."""
    policy = policy or grouping_policy()
    if not workers:
        return policy.light_per_task
    share = -(-light // (workers * policy.cluster_tasks_per_worker))  # ceiling
    return max(policy.light_per_task, min(policy.cluster_light_per_task, share))


class Sealed(Generic[T]):
    """A task parameter handed over as it is: Prefect does not walk into it and Dask does not hash it.

    Why: the rules are 50 pydantic models sent with every group task. Prefect walked them three
    times per task submitted (looking for futures to wait on: ~20 ms each) and prefect-dask's
    client hashed them again to name the Dask task (~10 ms), all in the flow's process, which also
    lands; on a 2-core machine that time is taken from the readers. A ``Sealed`` value is a leaf to
    Prefect's ``visit_collection`` and names itself to ``dask.tokenize`` by ``token``; it is pickled
    to the worker like any argument. ``token`` names the contents (the rules' fingerprint).
    """

    __slots__ = ("token", "value")

    def __init__(self, value: T, token: str) -> None:
        self.value = value
        self.token = token

    def __dask_tokenize__(self) -> str:
        return self.token
