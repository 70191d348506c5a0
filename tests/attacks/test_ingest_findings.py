"""Findings in the push (centre/sync/ingest.py, the lead's), kept as failing tests until it changes.

A record naming a worker (`worker_uid` in its payload) is refused when the worker belongs to another agency, but
accepted when the centre does not know the worker yet. Another agency that learns a worker's uid before the worker
reaches the centre (it is printed in the slips a terminal signs while offline) can so attach records to that
worker: training, contracts, slips. The door page and the worker's summary now count only the worker's own
agency's records (centre/credentials/standing.py, centre/evaluations/actions.py); other readers of these records
(the console's trace, analytics) do not."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.console_workflows.centre_data import AGENCY_B, push, terminal
from tests.server.test_protocol import wire


@pytest.mark.xfail(strict=True, reason="ingest accepts a record naming a worker the centre does not know (lead)")
def test_a_record_naming_a_worker_the_centre_does_not_know_is_not_accepted(users: dict[str, Any]) -> None:
    training = {"worker_uid": uuid.uuid4().hex, "passed": True}
    [verdict] = push(terminal(AGENCY_B, "0002"), wire(uuid.uuid4().hex, 1, training, entity="training"))
    assert verdict.status.value != "accepted"
