"""Run in its own process against a migrated centre database: print the query plans of the console's look-ups as
JSON, {name: plan text}, so the test can check each is answered from an index (a million workers stay fast)."""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def main(db_url: str) -> None:
    os.environ["TERMINAL_SERVER_DB"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
    import django

    django.setup()
    from django.db import connection
    from django.db.models import QuerySet

    from centre.console.lookup import worker_condition
    from centre.console.models import WorkerIndex, WorkerLink
    from centre.console.search_rules import read_query
    from centre.credentials.models import Credential
    from centre.sync.models import Event, Record

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # a small table would be read whole; ask whether an index CAN answer
            cursor.execute("SET enable_seqscan = off")
    workers = WorkerIndex.objects.all()
    queries: dict[str, QuerySet[Any, Any]] = {kind: workers.filter(worker_condition(read_query(text))).order_by("name", "worker_uid")  # type: ignore[arg-type]
               for kind, text in (("name", "王秀"), ("pinyin", "wxy"), ("id", "310104197803120002"),
                                  ("id_suffix", "0002"), ("phone", "13800138001"))}  # fmt: skip
    queries["agency"] = workers.filter(agency_id="X").order_by("name", "worker_uid")
    queries["links"] = WorkerLink.objects.filter(worker_uid__in=["a", "b"])
    queries["events"] = Event.objects.filter(entity="credential", entity_uid__in=["a", "b"], status="accepted")
    queries["records"] = Record.objects.filter(entity="training", entity_uid__in=["a", "b"])
    queries["catch_up"] = Record.objects.filter(updated_at__gt="2026-01-01T00:00:00Z").order_by("updated_at", "id")
    queries["agency_records"] = Record.objects.filter(entity="credit", agency_id="X")
    queries["agency_credentials"] = Credential.objects.filter(agency_id="X").values_list("state")
    print(json.dumps({name: qs.explain() for name, qs in queries.items()}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
