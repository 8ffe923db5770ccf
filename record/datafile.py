"""One loader for the YAML data files (rules' companions, reference lists, policies, the dictionary).

Each file has a strict pydantic model; a file that cannot be read or does not fit its model stops the
run with a ``DataFileError`` that names the file, what it is, and every key that is wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from record.errors import DataFileError

M = TypeVar("M", bound=BaseModel)
# libyaml's parser when PyYAML was built with it (the wheels are): the same values as the pure
# Python SafeLoader, ten times faster (data/*.yaml: 0.18 s -> 0.02 s), paid by every process that
# loads the rules: the flow, each reader, the report
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """``path``'s YAML as plain values (``yaml.safe_load``'s); raises ``OSError`` or ``yaml.YAMLError``."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # a safe loader: plain values only


def load_model(path: Path, model: type[M], what: str) -> M:
    """``path`` parsed as YAML and validated as ``model``; ``what`` names the file for the reader."""
    try:
        data = read_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"không đọc được {what} ({exc})", path=path) from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        where = "; ".join(".".join(str(p) for p in e["loc"]) + ": " + e["msg"] for e in exc.errors()[:5])
        raise DataFileError(f"{what} sai cấu trúc ở {where}", path=path) from exc
