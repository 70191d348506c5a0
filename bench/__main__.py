"""Dispatch `python -m bench NAME [args]` to bench/NAME.py's main(argv)."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import bench


def available() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_"))


def main(argv: list[str]) -> int:
    names = available()
    if argv:
        argv = [argv[0].replace("-", "_"), *argv[1:]]  # `centre-load` is the module centre_load
    if not argv or argv[0] not in names:
        print(f"usage: python -m bench {{{','.join(names)}}} [--json]", file=sys.stderr)
        return 2
    module = importlib.import_module(f"bench.{argv[0]}")
    result: int = module.main(argv[1:])
    return result


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
