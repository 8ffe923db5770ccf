"""``python -m samplegen --out data/samples``: regenerate the sample dossiers and their goldens."""

from __future__ import annotations

import argparse
from pathlib import Path

from samplegen.generate import generate


def main() -> None:
    ap = argparse.ArgumentParser(prog="samplegen", description=__doc__)
    ap.add_argument("--out", type=Path, default=Path("data/samples"))
    args = ap.parse_args()
    names = generate(args.out)
    print(f"{len(names)} files written under {args.out}")


if __name__ == "__main__":
    main()
