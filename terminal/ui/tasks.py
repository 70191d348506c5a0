"""Background work for the UI (after Anki's aqt/operations): `run_in_background(op, on_success, on_failure)`.

All database work runs on ONE worker thread that owns the Database connection; the UI thread never
touches it. Operations receive the thread's resource (the Database) and return plain values; results come
back to the UI thread through a queued signal, so callbacks may touch widgets. An operation must never
touch a widget: it gets copies of data only.
"""

from __future__ import annotations

import concurrent.futures
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThread, Signal, Slot

from terminal.core.errors import DatabaseBusy, DatabaseClosed

log = logging.getLogger("terminal.ui.tasks")

R = TypeVar("R")
T = TypeVar("T")
Failure = Callable[[BaseException], None]


@dataclass
class _Job:
    op: Callable[[Any], Any]
    on_success: Callable[[Any], None] | None
    on_failure: Failure | None
    direct: bool = False  # a blocking call() from another thread: the result goes to its future


class _Relay(QObject):
    """Lives in the UI thread; the worker emits into it, so delivery happens in the UI thread."""

    finished = Signal(object, object, object)  # job, result, error

    def __init__(self, deliver: Callable[[_Job, Any, BaseException | None], None]) -> None:
        super().__init__()
        self._deliver = deliver
        self.finished.connect(self._on_finished)

    @Slot(object, object, object)
    def _on_finished(self, job: _Job, result: Any, error: BaseException | None) -> None:
        self._deliver(job, result, error)


class TaskThread(QThread, Generic[R]):
    """A thread with a queue of operations that all receive the same resource (e.g. the Database).

    `busy_changed(int)` reports how many jobs are queued or running, so the window can show progress."""

    busy_changed = Signal(int)

    def __init__(self, name: str, resource: R | None = None, default_failure: Failure | None = None) -> None:
        super().__init__()
        self.setObjectName(name)
        self._resource = resource
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._relay = _Relay(self._deliver)
        self._pending = 0
        self._closed = False
        # Taken to queue a blocking call() and to close: a call either gets in before the end of the queue or
        # is refused, never left behind it waiting for an answer that cannot come.
        self._closing = threading.Lock()
        self.default_failure = default_failure

    @property
    def pending(self) -> int:
        return self._pending

    def replace_resource(self, resource: R) -> None:
        """Hand the thread a resource that was created on it (e.g. a Database opened by a job)."""
        self._resource = resource

    def submit(
        self, op: Callable[[R], T], on_success: Callable[[T], None] | None = None, on_failure: Failure | None = None
    ) -> None:
        if self._closed:
            # Late refreshes (a signal delivered while the window closes) have nothing left to read from.
            log.debug("%s is shut down: dropped a job", self.objectName())
            return
        self._pending += 1
        self.busy_changed.emit(self._pending)
        self._queue.put(_Job(op, on_success, on_failure))
        if not self.isRunning():
            self.start()

    def call(self, op: Callable[[R], T], timeout: float | None = 60.0) -> T:
        """Run `op(resource)` on this thread and wait for its result, from ANOTHER thread (the sync worker).
        The database stays on its one thread; the caller only waits. Errors are raised in the caller."""
        if QThread.currentThread() is self:
            raise RuntimeError("call() from the database thread itself would wait forever")
        future: concurrent.futures.Future[T] = concurrent.futures.Future()

        def run_op(resource: R) -> None:
            try:
                future.set_result(op(resource))
            except BaseException as exc:  # handed to the waiting thread, which decides what it means
                future.set_exception(exc)

        with self._closing:
            if self._closed:
                # The app is closing (the sync worker outlived stop()'s wait): an expected end, not a bug.
                raise DatabaseClosed()
            self._queue.put(_Job(run_op, None, None, direct=True))
            if not self.isRunning():
                self.start()
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError as exc:
            # Expected when a long job holds the thread: the caller (the sync worker) backs off and retries.
            raise DatabaseBusy(seconds=f"{timeout:g}") from exc

    def run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            if job.direct:
                job.op(self._resource)
                continue
            try:
                result = job.op(self._resource)
            except BaseException as exc:  # handed to the UI thread: typed errors become messages, bugs crash
                self._relay.finished.emit(job, None, exc)
            else:
                self._relay.finished.emit(job, result, None)

    def _deliver(self, job: _Job, result: Any, error: BaseException | None) -> None:
        self._pending -= 1
        if self._closed:  # the screens that asked are gone
            return
        self.busy_changed.emit(self._pending)
        if error is None:
            if job.on_success is not None:
                job.on_success(result)
            return
        handler = job.on_failure or self.default_failure
        if handler is None:
            raise error
        handler(error)

    def shutdown(self, close: Callable[[R], None] | None = None, timeout_ms: int = 10_000) -> None:
        """Finish queued jobs, run `close` on the thread (the connection is closed where it was used)."""
        with self._closing:
            self._closed = True
            if close is not None:
                self._queue.put(_Job(close, None, None))
            self._queue.put(None)
        if self.isRunning() and not self.wait(timeout_ms):
            log.error("worker thread %s did not stop in time", self.objectName())


def run_in_background(
    thread: TaskThread[R],
    op: Callable[[R], T],
    on_success: Callable[[T], None] | None = None,
    on_failure: Failure | None = None,
) -> None:
    """Run `op(resource)` on `thread`; `on_success(result)` or `on_failure(error)` run in the UI thread.
    Without `on_failure` the thread's default (the error dialog) is used."""
    thread.submit(op, on_success, on_failure)
