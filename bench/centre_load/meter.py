"""Where the machine's processor time went during the measured window: the centre's processes (application
processes with their bulk workers and the analytics follower), PostgreSQL, the load generator (this process), and
everything else on the machine (other users of a shared machine). On one machine the load generator competes with
the centre for the same cores, so its share is reported beside the centre's figures."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import psutil


def _cpu(process: psutil.Process, with_reaped_children: bool = False) -> float:
    try:
        times = process.cpu_times()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0.0
    total = times.user + times.system
    if with_reaped_children:  # PostgreSQL's backends that ended in the window left their time to the postmaster
        total += times.children_user + times.children_system
    return float(total)


def _tree(pid: int) -> list[psutil.Process]:
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


@dataclass(frozen=True)
class Reading:
    at: float
    centre: float
    postgres: float
    generator: float
    machine_busy: float
    load_average: float


class Meter:
    """Processor seconds by part, read at the start and the end of the window."""

    def __init__(self, centre_pids: Iterable[int], postgres_data: Path) -> None:
        self.centre_pids = list(centre_pids)
        self.postgres_data = postgres_data

    def read(self) -> Reading:
        centre = sum(_cpu(p) for pid in self.centre_pids for p in _tree(pid))
        postmaster = int((self.postgres_data / "postmaster.pid").read_text().split()[0])
        tree = _tree(postmaster)
        postgres = sum(_cpu(p, with_reaped_children=p.pid == postmaster) for p in tree)
        machine = psutil.cpu_times()
        busy = machine.user + machine.nice + machine.system + machine.irq + machine.softirq + machine.steal
        return Reading(time.monotonic(), centre, postgres, _cpu(psutil.Process(os.getpid())), busy, os.getloadavg()[0])

    @staticmethod
    def report(start: Reading, end: Reading) -> dict[str, float]:
        """Each part's processor seconds in the window, as cores (1.0 = one core all the time), and the load
        average (one minute) at the window's start and end."""
        seconds = max(end.at - start.at, 1e-9)

        def cores(a: float, b: float) -> float:
            return round((b - a) / seconds, 2)

        centre, postgres = cores(start.centre, end.centre), cores(start.postgres, end.postgres)
        generator, busy = cores(start.generator, end.generator), cores(start.machine_busy, end.machine_busy)
        return {"cores": psutil.cpu_count() or 0, "centre_processes": centre, "postgresql": postgres,
                "load_generator": generator, "everything_else": round(max(busy - centre - postgres - generator, 0.0), 2),
                "machine_busy": busy, "load_average_start": round(start.load_average, 2),
                "load_average_end": round(end.load_average, 2)}  # fmt: skip
