"""Run in its own process (Django set up there, not in pytest's): print every route under /console/ from the URL
resolver as JSON [[pattern, name, roles or null], ...], so the role matrix test covers routes added later."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any


def routes(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, list[str] | None]]:
    from django.urls import URLResolver

    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        else:
            declared = getattr(entry.callback, "console_roles", None)
            name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
            yield prefix + str(entry.pattern), name, sorted(str(r) for r in declared) if declared else None


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
    import django

    django.setup()
    from django.urls import get_resolver

    print(json.dumps([r for r in routes(get_resolver().url_patterns) if r[0].startswith("console/")]))


if __name__ == "__main__":
    main()
