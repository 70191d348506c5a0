"""`python -m centre.openapi > docs/openapi.json`: the terminal API's description, generated from the routes."""

from __future__ import annotations

import json
import os
from typing import Any


def openapi_document() -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
    import django

    django.setup()
    from centre.api import api

    return dict(api.get_openapi_schema(path_prefix="/v1"))


def render() -> str:
    return json.dumps(openapi_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(render(), end="")
