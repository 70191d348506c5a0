"""The Windows print spooler through winspool.drv (ctypes): the PrintSystem for Windows.

Written against the documented Win32 API (GetPrinterW level 2, EnumJobsW / GetJobW level 1) and
verified only on Windows; on other systems constructing it raises PrintSystemDown. The spooler
deletes a finished job unless the queue keeps printed documents, so a job that disappears after we
saw it, without an error or deletion flag, counts as completed.
"""

from __future__ import annotations

import ctypes
import sys
from ctypes import wintypes
from typing import Any

from terminal.print.errors import PrintSystemDown
from terminal.print.jobs import JobState, PrinterStatus

PRINTER_STATUS_PAUSED = 0x1
PRINTER_STATUS_ERROR = 0x2
PRINTER_STATUS_PENDING_DELETION = 0x4
PRINTER_STATUS_OFFLINE = 0x80
PRINTER_ATTRIBUTE_WORK_OFFLINE = 0x400
JOB_STATUS_PAUSED, JOB_STATUS_ERROR, JOB_STATUS_DELETING = 0x1, 0x2, 0x4
JOB_STATUS_PRINTING, JOB_STATUS_OFFLINE, JOB_STATUS_PAPEROUT = 0x10, 0x20, 0x40
JOB_STATUS_PRINTED, JOB_STATUS_DELETED, JOB_STATUS_BLOCKED = 0x80, 0x100, 0x200
JOB_STATUS_USER_INTERVENTION, JOB_STATUS_COMPLETE = 0x400, 0x1000


class JOB_INFO_1W(ctypes.Structure):
    _fields_ = [
        ("JobId", wintypes.DWORD), ("pPrinterName", wintypes.LPWSTR), ("pMachineName", wintypes.LPWSTR),
        ("pUserName", wintypes.LPWSTR), ("pDocument", wintypes.LPWSTR), ("pDatatype", wintypes.LPWSTR),
        ("pStatus", wintypes.LPWSTR), ("Status", wintypes.DWORD), ("Priority", wintypes.DWORD),
        ("Position", wintypes.DWORD), ("TotalPages", wintypes.DWORD), ("PagesPrinted", wintypes.DWORD),
        ("Submitted", wintypes.WORD * 8),
    ]  # fmt: skip


# PRINTER_INFO_2W: 13 pointers, then Attributes, Priority, DefaultPriority, StartTime, UntilTime,
# Status, cJobs, AveragePPM. Only Attributes and Status are read.
_PRINTER_INFO_2_POINTERS = 13


def job_state_from_status(status: int) -> JobState:
    if status & (JOB_STATUS_DELETING | JOB_STATUS_DELETED) and not status & JOB_STATUS_PRINTED:
        return JobState.CANCELED
    if status & JOB_STATUS_ERROR:
        return JobState.ABORTED
    if status & (JOB_STATUS_PRINTED | JOB_STATUS_COMPLETE):
        return JobState.COMPLETED
    if status & (JOB_STATUS_OFFLINE | JOB_STATUS_PAPEROUT | JOB_STATUS_BLOCKED | JOB_STATUS_USER_INTERVENTION):
        return JobState.STOPPED
    if status & JOB_STATUS_PAUSED:
        return JobState.HELD
    return JobState.PROCESSING if status & JOB_STATUS_PRINTING else JobState.PENDING


class WindowsSpooler:
    def __init__(self) -> None:
        if sys.platform != "win32":
            raise PrintSystemDown(printer="Windows spooler", detail="not Windows")
        self._api: Any = ctypes.WinDLL("winspool.drv", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
        self._seen: dict[int, str] = {}  # job id -> printer, to read a vanished job as completed

    def _open(self, printer: str) -> wintypes.HANDLE | None:
        handle = wintypes.HANDLE()
        if not self._api.OpenPrinterW(wintypes.LPWSTR(printer), ctypes.byref(handle), None):
            return None
        return handle

    def _buffer(self, call: Any, *args: Any) -> ctypes.Array[ctypes.c_char] | None:
        needed = wintypes.DWORD()
        call(*args, None, 0, ctypes.byref(needed))
        if not needed.value:
            return None
        buffer = ctypes.create_string_buffer(needed.value)
        if not call(*args, buffer, needed, ctypes.byref(needed)):
            return None
        return buffer

    def printer_status(self, printer: str) -> PrinterStatus | None:
        handle = self._open(printer)
        if handle is None:
            return None
        try:
            buffer = self._buffer(self._api.GetPrinterW, handle, 2)
        finally:
            self._api.ClosePrinter(handle)
        if buffer is None:
            return None
        pointer = ctypes.sizeof(ctypes.c_void_p)
        dwords = (wintypes.DWORD * 8).from_buffer_copy(buffer, _PRINTER_INFO_2_POINTERS * pointer)
        attributes, status = dwords[0], dwords[5]
        stopped = status & (PRINTER_STATUS_PAUSED | PRINTER_STATUS_OFFLINE | PRINTER_STATUS_ERROR)
        offline = attributes & PRINTER_ATTRIBUTE_WORK_OFFLINE
        return PrinterStatus(printer, enabled=not (stopped or offline),
                             accepting=not status & PRINTER_STATUS_PENDING_DELETION)  # fmt: skip

    def job_ids(self, printer: str) -> list[int]:
        handle = self._open(printer)
        if handle is None:
            return []
        try:
            returned = wintypes.DWORD()
            needed = wintypes.DWORD()
            self._api.EnumJobsW(handle, 0, 255, 1, None, 0, ctypes.byref(needed), ctypes.byref(returned))
            buffer = ctypes.create_string_buffer(max(needed.value, 1))
            if not self._api.EnumJobsW(handle, 0, 255, 1, buffer, needed, ctypes.byref(needed), ctypes.byref(returned)):
                return []
            jobs = (JOB_INFO_1W * returned.value).from_buffer(buffer)
            ids = [int(job.JobId) for job in jobs]
        finally:
            self._api.ClosePrinter(handle)
        for job_id in ids:
            self._seen[job_id] = printer
        return ids + [j for j, p in self._seen.items() if p == printer and j not in ids]

    def job_state(self, job_id: int) -> JobState:
        printer = self._seen.get(job_id)
        handle = self._open(printer) if printer else None
        if handle is None:
            return JobState.UNKNOWN
        try:
            buffer = self._buffer(self._api.GetJobW, handle, job_id, 1)
        finally:
            self._api.ClosePrinter(handle)
        if buffer is None:  # gone from the queue after we saw it: the spooler deleted a finished job
            return JobState.COMPLETED
        return job_state_from_status(int(JOB_INFO_1W.from_buffer(buffer).Status))
