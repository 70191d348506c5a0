"""The print area's fixtures (shared private cupsd, terminal key) reused for the Qt print path."""

from __future__ import annotations

from tests.print.conftest import cups, terminal_key

__all__ = ["cups", "terminal_key"]
