"""`python -m centre.analytics.openapi > docs/authority-openapi.json`: the authority API's description, generated
from its routes (served at /api/openapi.json)."""

from __future__ import annotations

import json
import os
from typing import Any


def openapi_document() -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
    import django

    django.setup()
    from centre.analytics.api import authority_api

    return dict(authority_api.get_openapi_schema(path_prefix="/api"))


def render() -> str:
    return json.dumps(openapi_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(render(), end="")
