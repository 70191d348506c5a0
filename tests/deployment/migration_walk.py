"""Run as `python -m tests.deployment.migration_walk DB_URL`: fills a centre database through the real use cases,
then, for every state of the centre's migrations (each prefix of the plan), migrates back to it with the data in
place and forward to the latest again, checking that no row of a table that exists at that state is lost.
Prints one JSON line: the states walked and the rows checked. Used by test_postgres_operations.py on SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from typing import Any


def main(db_url: str) -> int:
    os.environ["TERMINAL_SERVER_DB"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
    from centre import config

    config.ensure_secret_key()
    from centre.signing_key import ensure_signing_key

    ensure_signing_key()
    import django

    django.setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from centre import schema_guard

    schema_guard.migrate()
    _fill()
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    plan = [m for m, _ in executor.migration_plan(latest, clean_start=True)]
    ours = [(m.app_label, m.name) for m in plan if m.app_label in _centre_apps()]
    walked, checked = [], 0
    for position in range(len(ours)):  # the state just before each of our migrations, oldest first
        target = _state_before(ours, position)
        executor = MigrationExecutor(connection)
        executor.migrate(target)
        before = _row_counts()
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
        after = _row_counts()
        lost = {table: (n, after.get(table)) for table, n in before.items() if after.get(table, -1) < n}
        if lost:
            print(json.dumps({"error": "rows lost", "state": target, "lost": lost}))
            return 1
        walked.append(ours[position])
        checked += sum(before.values())
    schema_guard.check_not_newer()
    print(json.dumps({"states": len(walked), "migrations": ours, "rows_checked": checked, "vendor": connection.vendor}))
    return 0


def _centre_apps() -> set[str]:
    from django.apps import apps

    return {c.label for c in apps.get_app_configs() if c.name.startswith("centre.")}


def _state_before(ours: list[tuple[str, str]], position: int) -> list[tuple[str, str | None]]:
    """Migration targets for the state in which our first `position` migrations are applied."""
    applied: dict[str, str | None] = {app: None for app, _ in ours}
    for app, name in ours[:position]:
        applied[app] = name
    return [(app, name) for app, name in applied.items()]


def _row_counts() -> dict[str, int]:
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = int(cursor.fetchone()[0])
    return counts


def _fill() -> None:
    """Agencies, a terminal, workers and credentials pushed, centre decisions, a staff user: through the use cases."""
    from django.db import transaction

    from bench.centre import _event, _people, _worker
    from centre.console.roles import Role
    from centre.console.staff import add_staff
    from centre.credentials.actions import set_credential_status
    from centre.sync.feed import post_check_result
    from centre.sync.ingest import BatchIngest
    from centre.terminals.enrolment import add_agency, enrol, new_enrolment_code
    from wirecontract import protocol as p
    from wirecontract.signing import TerminalKey, b64url

    agency = add_agency("91310000MA1FL0000X", "迁移测试家政服务有限公司")
    from centre.console.admission import admit_from_command_line

    admit_from_command_line(agency.id, "migration walk")
    key = TerminalKey.generate()
    code = new_enrolment_code(agency.id)
    proof = b64url(key.sign(p.ENROL_PROOF_PREFIX + p.normalise_enrolment_code(code).encode("ascii")))
    terminal = enrol(code, b64url(key.public_raw), proof, agency.id, "migration walk").terminal
    people = _people(6)
    events: list[dict[str, Any]] = [_worker(person) for person in people]
    today = dt.date.today()
    numbers = []
    for i, worker in enumerate(events[:3], start=1):
        number = f"SH{today.year}{terminal.terminal_number}{i:05d}"
        numbers.append(number)
        uid = f"cred{i}"
        for version, state in enumerate(("applied", "approved", "printed", "issued"), start=1):
            payload = {"credential_no": number, "worker_uid": worker["entity_uid"], "version": 1, "state": state,
                       "valid_from": today.isoformat(), "valid_to": (today + dt.timedelta(days=365)).isoformat()}  # fmt: skip
            events.append(_event("credential", uid, version, f"credential.{state}", payload))
    with transaction.atomic():
        verdicts = BatchIngest(terminal, False, p.utc_now()).run(events)
    refused = [v.to_json() for v in verdicts if v.to_json()["status"] != "accepted"]
    if refused:
        raise RuntimeError(f"the fill was refused: {refused}")
    set_credential_status(numbers[0], "revoked", "迁移测试")
    post_check_result(people[1]["id_number"], "clear")
    add_staff("walker", Role.STAFF, "Walker-Password-2026!", actor="migration walk")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
