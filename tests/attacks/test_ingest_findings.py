"""Findings in the push (centre/sync/ingest.py).

A record naming a worker (`worker_uid` in its payload) is refused when the worker belongs to another agency, and
also when the centre does not know the worker yet. Another agency that learns a worker's uid before the worker
reaches the centre (it is printed in the slips a terminal signs while offline) cannot so attach records to that
worker: training, contracts, slips."""

from __future__ import annotations

import uuid
from typing import Any

from tests.console_workflows.centre_data import AGENCY_B, push, terminal
from tests.server.test_protocol import wire


def test_a_record_naming_a_worker_the_centre_does_not_know_is_not_accepted(users: dict[str, Any]) -> None:
    training = {"worker_uid": uuid.uuid4().hex, "passed": True}
    [verdict] = push(terminal(AGENCY_B, "0002"), wire(uuid.uuid4().hex, 1, training, entity="training"))
    assert verdict.status.value != "accepted"
