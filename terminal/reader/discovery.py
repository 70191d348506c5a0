"""Reader discovery and choice: list every reader of every kind, open the chosen one.

The choice comes from an argument or TERMINAL_READER (the settings file will pass it in the same way):
"serial:/dev/ttyUSB0" for a serial reader, "sdt:C:\\Vendor\\sdtapi.dll" for a vendor SDK reader (terminal/reader/
sdt.py), "virtual" for the in-process virtual reader, otherwise a PC/SC reader name. Without a choice, the first
PC/SC reader that answers is used.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from terminal.core.errors import ReaderFault
from terminal.reader.errors import NoReader
from terminal.reader.pcsc import PcscBackend
from terminal.reader.sdt import SDT_PREFIX, SdtBackend, configured_dlls
from terminal.reader.serial_port import SERIAL_PREFIX, SerialBackend
from terminal.reader.transport import ReaderBackend, ReaderInfo, ReaderState, Transport
from terminal.reader.virtual import VirtualSamReader, VirtualTransport

VIRTUAL = "virtual"
READER_ENV = "TERMINAL_READER"


def default_backends(config: Mapping[str, Any] | None = None) -> list[ReaderBackend]:
    """Every kind of reader; vendor SDK readers for the DLLs named in `config` (config.json) or TERMINAL_SDT_DLL."""
    return [PcscBackend(), SerialBackend(), sdt_backend(config)]


def sdt_backend(config: Mapping[str, Any] | None = None) -> SdtBackend:
    config = config or {}
    dlls = configured_dlls(config)
    chosen = str(config.get("reader") or "")
    if chosen.startswith(SDT_PREFIX) and Path(chosen.removeprefix(SDT_PREFIX)) not in dlls:
        dlls.insert(0, Path(chosen.removeprefix(SDT_PREFIX)))
    decoder = config.get("photo_decoder")
    return SdtBackend(
        dlls, decoder=Path(str(decoder)) if decoder else None,
        decoder_function=str(config.get("photo_decoder_function") or "unpack"),
    )  # fmt: skip


@dataclass
class Discovery:
    readers: list[ReaderInfo] = field(default_factory=list)
    faults: list[ReaderFault] = field(default_factory=list)  # a backend that could not list (pcscd down)


def discover(backends: Sequence[ReaderBackend] | None = None) -> Discovery:
    found = Discovery()
    for backend in backends if backends is not None else default_backends():
        try:
            found.readers.extend(backend.list_readers())
        except ReaderFault as fault:
            found.faults.append(fault)
    return found


def chosen_reader(argument: str | None) -> str | None:
    return argument or os.environ.get(READER_ENV) or None


def open_reader(
    name: str | None,
    *,
    backends: Sequence[ReaderBackend] | None = None,
    device: VirtualSamReader | None = None,
    config: Mapping[str, Any] | None = None,
) -> Transport:
    if name == VIRTUAL:
        return VirtualTransport(device or VirtualSamReader())
    kinds = {b.kind: b for b in (backends if backends is not None else default_backends(config))}
    if name is not None:
        kind = "serial" if name.startswith(SERIAL_PREFIX) else "sdt" if name.startswith(SDT_PREFIX) else "pcsc"
        if kind not in kinds:
            raise NoReader(name)
        return kinds[kind].open(name)
    pcsc = kinds.get("pcsc")
    if pcsc is None:
        raise NoReader()
    ready = [r for r in pcsc.list_readers() if r.state is ReaderState.READY]
    if not ready:
        raise NoReader()
    return pcsc.open(ready[0].name)
