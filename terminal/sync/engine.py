"""One sync round: push the outbox in seq order, record each verdict, pull the centre's changes.

Crash safety comes from the order of writes: events are marked `sent` before the request, verdicts are
recorded after the answer in one transaction, and the server treats event_id as the idempotency key.
Killed anywhere in between, the next round resends and gets `duplicate` for what had already arrived.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from terminal.core.errors import SyncErrorKind, SyncFault
from terminal.sync import state as keys
from terminal.sync.client import EventResult, SyncClient
from terminal.sync.ports import ApplyPulled, OutboxPort, StatePort, wire_event
from wirecontract.protocol import DEFAULT_PUSH_BATCH, EventStatus, iso, utc_now
from wirecontract.receipt import Reconciliation, receipt_of

log = logging.getLogger("terminal.sync.engine")


@dataclass
class SyncReport:
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    batches: int = 0
    pulled: int = 0
    rejected_codes: dict[str, int] = field(default_factory=dict)

    @property
    def pushed(self) -> int:
        return self.accepted + self.duplicate + self.rejected


class SyncEngine:
    def __init__(
        self,
        outbox: OutboxPort,
        state: StatePort,
        client: SyncClient,
        apply_pulled: ApplyPulled,
        batch_size: int = DEFAULT_PUSH_BATCH,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.outbox = outbox
        self.state = state
        self.client = client
        self.apply_pulled = apply_pulled
        self.batch_size = batch_size
        self.clock = clock

    def sync_once(self) -> SyncReport:
        report = SyncReport()
        try:
            self.push(report)
            self.pull(report)
        except SyncFault as fault:
            self._note_time()
            self.state.set(keys.LAST_ERROR, fault.kind.value)
            self.state.set(keys.LAST_ERROR_AT, iso(self.clock()))
            raise
        self.state.set(keys.LAST_ERROR, None)
        return report

    def push(self, report: SyncReport | None = None) -> SyncReport:
        """Push the outbox in batches, in seq order. While the centre works on one batch, the terminal reads the
        next from the outbox (a read: nothing is marked until it is sent), marks the batch on its way as sent and
        records the verdicts of the one before, so its own work does not add to the wait. A batch is sent only once the one before it has been
        answered. A fault leaves the batch on its way unrecorded: the next round resends it and the centre answers
        `duplicate` for what had arrived."""
        report = report or SyncReport()
        answered: list[EventResult] = []  # the verdicts of the batch before, not yet written
        with ThreadPoolExecutor(1, thread_name_prefix="sync-push") as sender:
            batch = list(self.outbox.pending(self.batch_size))
            wire = [wire_event(e) for e in batch]
            while batch:
                ids = [e.event_id for e in batch]
                answer = sender.submit(self.client.push, wire)
                self.outbox.mark_attempt(ids)  # "sent, awaiting the answer" while it travels (recorded after this)
                self._record(report, answered)
                following = list(self.outbox.pending(self.batch_size, after_seq=batch[-1].seq))
                wire = [wire_event(e) for e in following]
                answered = answer.result()
                if {r.event_id for r in answered} != set(ids):
                    raise SyncFault(SyncErrorKind.PROTOCOL, "the push answer does not cover the batch")
                batch = following
            self._record(report, answered)
        if report.rejected:
            log.warning("centre rejected %d event(s): %s", report.rejected, report.rejected_codes)
        return report

    def _record(self, report: SyncReport, results: Sequence[EventResult]) -> None:
        if not results:
            return
        self.outbox.record_results([(r.event_id, r.status.value, r.code, r.reason) for r in results])
        self._count(report, results)
        self.state.set(keys.LAST_PUSH_AT, iso(self.clock()))
        self._note_time()

    @staticmethod
    def _count(report: SyncReport, results: Sequence[EventResult]) -> None:
        report.batches += 1
        for r in results:
            if r.status == EventStatus.ACCEPTED:
                report.accepted += 1
            elif r.status == EventStatus.DUPLICATE:
                report.duplicate += 1
            else:
                report.rejected += 1
                report.rejected_codes[r.code or ""] = report.rejected_codes.get(r.code or "", 0) + 1

    def pull(self, report: SyncReport | None = None) -> SyncReport:
        report = report or SyncReport()
        while True:
            cursor = self.state.get(keys.PULL_CURSOR)
            page = self.client.pull(cursor)
            if page.changes or page.cursor != (cursor or ""):
                self.apply_pulled(page.changes, page.cursor)
                if self.state.get(keys.PULL_CURSOR) != page.cursor:
                    self.state.set(keys.PULL_CURSOR, page.cursor)
                report.pulled += len(page.changes)
            if not page.more:
                break
        self.state.set(keys.LAST_PULL_AT, iso(self.clock()))
        self._note_time()
        return report

    def reconcile(self) -> Reconciliation:
        server = self.client.receipt()
        local = receipt_of(self.outbox.delivered_event_ids())
        self._note_time()
        return Reconciliation(local=local, server=server)

    def _note_time(self) -> None:
        if self.client.last_server_time is not None and self.client.clock_offset is not None:
            self.state.set(keys.SERVER_TIME, iso(self.client.last_server_time))
            self.state.set(keys.DRIFT_SECONDS, f"{self.client.clock_offset:.3f}")
