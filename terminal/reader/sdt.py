"""Vendor SDK readers: the `SDT_*` API of a vendor's sdtapi.dll, run in a helper process.

Most readers sold to agencies come with a vendor DLL instead of a PC/SC driver, and that DLL is usually 32-bit,
which a 64-bit terminal cannot load. So the DLL always runs in `sdthelper32.exe` or `sdthelper64.exe`
(installer/sdt/sdthelper.c; bitness chosen from the DLL's PE header), one code path for both. The helper
answers requests over its stdin/stdout (installer/sdt/sdt_protocol.h). `SdtHelper` starts it, watches every
answer against a time limit, kills it when it hangs or talks nonsense, and starts a fresh one on the next
request after it died: the helper holds nothing but the loaded DLL, so nothing is lost.

`SdtTransport` sits behind the reader's Transport seam: it answers the service's SAM frames by calling the
DLL (find → SDT_StartFindIDCard, select → SDT_SelectIDCard, read → SDT_ReadBaseMsg, SAM ID →
SDT_GetSAMIDToStr), so the raw text and photo blocks reach the same decoder, and the DLL's return codes (the
SAM's own result codes) become the same typed faults. Port errors (small negatives or codes below 0x10) mean
the reader went away: NoReader, and the ports are probed again (USB 1001–1016, then COM 1–16).

Off Windows (development, tests) the helper runs under Wine.
"""

from __future__ import annotations

import logging
import os
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from terminal.core.errors import ReaderFault
from terminal.reader import frames
from terminal.reader.errors import (
    DriverCrashed,
    DriverGarbled,
    DriverHung,
    DriverUnavailable,
    NoCard,
    NoReader,
    PhotoDecoderUnavailable,
)
from terminal.reader.frames import Command
from terminal.reader.transport import ReaderInfo, ReaderState

log = logging.getLogger("terminal.reader.sdt")

SDT_PREFIX = "sdt:"
SDT_DLL_ENV = "TERMINAL_SDT_DLL"  # a DLL to list beside the configured one (IT staff, tests)
HELPER_DIR_ENV = "TERMINAL_SDT_HELPER_DIR"

USB_PORTS = tuple(range(1001, 1017))
COM_PORTS = tuple(range(1, 17))
PROBE_ORDER = USB_PORTS + COM_PORTS  # vendors' own wrappers probe USB first

OK = 0x90
CARD_FOUND = 0x9F
DECODED = 1  # the WLT decoders' success value

OP_HELLO, OP_OPEN, OP_CLOSE, OP_SAM_STATUS = b"H", b"O", b"C", b"M"
OP_SAM_ID, OP_FIND, OP_SELECT, OP_READ, OP_DECODE, OP_QUIT = b"S", b"F", b"L", b"R", b"D", b"Q"
ST_NO_DLL, ST_NO_DECODER = -9001, -9002
REQUEST = struct.Struct("<4scii")  # magic, op, port, payload length (sdt_protocol.h)
RESPONSE = struct.Struct("<4scii")
MAX_PAYLOAD = 65536

START_TIMEOUT = 30.0  # the first start of Wine on a cold machine takes seconds; a real Windows far less
PE_MACHINES = {0x14C: 32, 0x8664: 64}


def dll_bits(path: Path) -> int:
    """32 or 64, from the PE header's machine field (a few bytes: a PE library would be a dependency for two
    integers). DriverUnavailable if the file is missing or not a Windows DLL."""
    name = path.name
    try:
        with path.open("rb") as f:
            head = f.read(64)
            if len(head) < 64 or head[:2] != b"MZ":
                raise DriverUnavailable(name, "不是 Windows DLL 文件", "it is not a Windows DLL")
            f.seek(struct.unpack_from("<I", head, 0x3C)[0])
            pe = f.read(6)
    except OSError as exc:
        raise DriverUnavailable(name, "文件不存在或无法读取", "the file is missing or unreadable") from exc
    if len(pe) < 6 or pe[:4] != b"PE\0\0" or struct.unpack_from("<H", pe, 4)[0] not in PE_MACHINES:
        raise DriverUnavailable(name, "不是 x86/x64 的 Windows DLL", "it is not an x86 or x64 Windows DLL")
    return PE_MACHINES[struct.unpack_from("<H", pe, 4)[0]]


def default_helper_dir() -> Path:
    """In the bundle's `_internal/sdt/` (installer/terminal.spec); the build output (scripts/build-sdt) when
    running from source."""
    if env := os.environ.get(HELPER_DIR_ENV):
        return Path(env)
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and isinstance(bundle, str):
        return Path(bundle) / "sdt"
    return Path(__file__).resolve().parents[2] / "installer" / "build" / "sdt"


def windows_path(path: Path) -> str:
    """A path the helper can pass to LoadLibrary: itself on Windows, Wine's Z: drive elsewhere."""
    if sys.platform == "win32":
        return str(path)
    return "Z:" + str(path.resolve()).replace("/", "\\")


@dataclass(frozen=True)
class SdtConfig:
    dll: Path
    decoder: Path | None = None  # the vendor's WLT decoder DLL (e.g. WltRS.dll), same bitness as `dll`
    decoder_function: str = "unpack"
    helper_dir: Path | None = None

    def command(self) -> list[str]:
        """How to start the helper for this DLL: the seam tests and the bench use to run it under Wine."""
        bits = dll_bits(self.dll)
        helper = (self.helper_dir or default_helper_dir()) / f"sdthelper{bits}.exe"
        if not helper.is_file():
            raise DriverUnavailable(
                self.dll.name, f"缺少 {helper.name}（安装不完整）", f"{helper.name} is missing (broken installation)"
            )
        args = [windows_path(self.dll), windows_path(self.decoder) if self.decoder else "", self.decoder_function]
        if sys.platform == "win32":
            return [str(helper), *args]
        return ["wine", str(helper), *args]


@dataclass(frozen=True)
class HelperInfo:
    bits: int
    dll: str
    dll_version: str
    decoder: str
    decoder_version: str

    @classmethod
    def parse(cls, text: str) -> HelperInfo:
        fields = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
        return cls(
            bits=int(fields.get("bits", "0") or 0),
            dll=fields.get("dll", ""),
            dll_version=fields.get("dll_version", ""),
            decoder=fields.get("decoder", ""),
            decoder_version=fields.get("decoder_version", ""),
        )


Popen = Callable[..., "subprocess.Popen[bytes]"]


class _Process:
    """One running helper and the thread that turns its stdout into answers (a pipe cannot be waited on with
    a time limit on Windows, so a thread reads it and a queue carries the answers)."""

    def __init__(self, popen: Popen, command: Sequence[str], env: Mapping[str, str]) -> None:
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window flashing up on Windows
        self.proc = popen(
            list(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=dict(env), creationflags=flags,
        )  # fmt: skip
        self.answers: queue.Queue[tuple[int, bytes] | ReaderFault] = queue.Queue()
        self.reader = threading.Thread(target=self._read, name="sdt-helper-stdout", daemon=True)
        self.reader.start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            head = _read_exact(out, RESPONSE.size)
            if head is None:
                self.answers.put(DriverCrashed(detail=f"exit {self.proc.poll()}"))
                return
            magic, _op, status, length = RESPONSE.unpack(head)
            if magic != b"SDTR" or not 0 <= length <= MAX_PAYLOAD:
                self.answers.put(DriverGarbled())
                return
            payload = _read_exact(out, length)
            if payload is None:
                self.answers.put(DriverCrashed(detail="cut off mid-answer"))
                return
            self.answers.put((status, payload))

    def send(self, op: bytes, port: int, payload: bytes) -> None:
        stdin = self.proc.stdin
        assert stdin is not None
        stdin.write(REQUEST.pack(b"SDTQ", op, port, len(payload)) + payload)
        stdin.flush()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            log.warning("sdt helper pid %s did not exit after kill", self.proc.pid)
        # The reader thread sees end-of-file once the process is gone; closing stdout under a thread still
        # reading it would wait on the buffer's lock, so the thread ends first.
        self.reader.join(timeout=5)
        pipes = (self.proc.stdin, self.proc.stdout) if not self.reader.is_alive() else (self.proc.stdin,)
        for pipe in pipes:
            if pipe is not None:
                try:
                    pipe.close()
                except OSError:
                    pass  # the pipe broke with the process


def _read_exact(stream: IO[bytes], n: int) -> bytes | None:
    data = b""
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


class SdtHelper:
    """The helper process for one DLL: started on first use, restarted after it died, killed when it hangs
    or garbles. One request at a time (the DLLs are not thread-safe either)."""

    def __init__(
        self,
        config: SdtConfig,
        *,
        command: Sequence[str] | None = None,
        env: Mapping[str, str] | None = None,
        popen: Popen = subprocess.Popen,
        start_timeout: float = START_TIMEOUT,
    ) -> None:
        self.config = config
        self._command = list(command) if command is not None else None
        self._env = dict(env) if env is not None else dict(os.environ)
        self._env.setdefault("WINEDEBUG", "-all")  # Wine's own chatter; harmless on Windows
        self._popen = popen
        self._start_timeout = start_timeout
        self._lock = threading.Lock()
        self._process: _Process | None = None
        self.info: HelperInfo | None = None
        self.starts = 0
        self._load_fault: DriverUnavailable | None = None  # the DLL did not load: asking again would not help

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self._process.proc.pid if self._process is not None else None

    def call(self, op: bytes, port: int = 0, payload: bytes = b"", *, timeout: float) -> tuple[int, bytes]:
        with self._lock:
            process = self._ensure_started()
            return self._ask(process, op, port, payload, timeout)

    def hello(self) -> HelperInfo:
        with self._lock:
            self._ensure_started()
            assert self.info is not None
            return self.info

    def _ensure_started(self) -> _Process:
        if self._process is not None and self._process.proc.poll() is None:
            if self._load_fault is not None:
                raise self._load_fault
            return self._process
        if self._process is not None:
            self._process.kill()  # reap the dead one
            self._process = None
        command = self._command if self._command is not None else self.config.command()
        try:
            process = _Process(self._popen, command, self._env)
        except OSError as exc:
            raise DriverUnavailable(
                self.config.dll.name, "无法启动读卡器辅助程序", "the reader helper program cannot start",
                detail=type(exc).__name__,
            ) from exc  # fmt: skip
        self.starts += 1
        self._process, self._load_fault = process, None
        status, payload = self._ask(process, OP_HELLO, 0, b"", self._start_timeout)
        self.info = HelperInfo.parse(payload.decode("utf-8", "replace"))
        if status == ST_NO_DLL:
            log.warning("sdt dll %s does not load (%s-bit helper)", self.config.dll.name, self.info.bits)
            self._load_fault = DriverUnavailable(
                self.config.dll.name, "厂商驱动无法加载或缺少 SDT_* 函数", "the DLL does not load or lacks SDT_* functions",
                detail=payload.decode("utf-8", "replace").partition("error=")[2].partition("\n")[0],
            )  # fmt: skip
            raise self._load_fault
        log.info("sdt helper started (%s-bit, %s %s)", self.info.bits, self.config.dll.name, self.info.dll_version)
        return process

    def _ask(self, process: _Process, op: bytes, port: int, payload: bytes, timeout: float) -> tuple[int, bytes]:
        try:
            process.send(op, port, payload)
        except OSError:
            pass  # the helper died: its reader thread reports it as DriverCrashed below
        try:
            answer = process.answers.get(timeout=timeout)
        except queue.Empty:
            log.warning("sdt helper did not answer %r within %ss: killing it", op, timeout)
            self._drop(process)
            raise DriverHung(timeout) from None
        if isinstance(answer, ReaderFault):
            log.warning("sdt helper failed on %r: %s", op, answer.code)
            self._drop(process)
            raise answer
        return answer

    def _drop(self, process: _Process) -> None:
        process.kill()
        if self._process is process:
            self._process = None

    def close(self) -> None:
        with self._lock:
            process, self._process = self._process, None
            if process is None:
                return
            try:
                process.send(OP_QUIT, 0, b"")
                process.proc.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                pass  # it is killed below either way
            process.kill()

    def decode_photo(self, wlt: bytes, timeout: float = 3.0) -> bytes:
        """The card photo as BMP through the vendor's decoder; PhotoDecoderUnavailable without one."""
        if len(wlt) != frames.PHOTO_LENGTH:
            raise PhotoDecoderUnavailable(detail=f"photo block of {len(wlt)} bytes")
        status, bmp = self.call(OP_DECODE, 0, wlt, timeout=timeout)
        if status == ST_NO_DECODER:
            raise PhotoDecoderUnavailable(detail="no decoder configured for the vendor reader")
        if status != DECODED or not bmp.startswith(b"BM"):
            raise PhotoDecoderUnavailable(detail="the decoder refused this photo")
        return bmp


def _is_port_error(status: int) -> bool:
    """Port errors: the DLLs' small negatives and the codes below the SAM's (which start at 0x10)."""
    return status < 0x10


def parse_sam_id(text: str) -> bytes | None:
    """`05.01-20101129-0001228293-0296863149` back to the 16 bytes the SAM sends (frames.decode_sam_id)."""
    try:
        head, a, b, c = text.strip().split("-")
        major, minor = head.split(".")
        return frames.encode_sam_id(int(major), int(minor), int(a), int(b), int(c))
    except (ValueError, OverflowError, struct.error):
        return None


class SdtTransport:
    """A vendor SDK reader as a Transport. Its name says which DLL, which version, 32/64-bit and which port, so
    the read's provenance does too: `sdt:sdtapi.dll 9.9.0.1 32-bit USB 1001`."""

    kind = "sdt"

    def __init__(
        self, config: SdtConfig, *, helper: SdtHelper | None = None, ports: Sequence[int] = PROBE_ORDER
    ) -> None:
        self.config = config
        self.helper = helper or SdtHelper(config)
        self._ports = tuple(ports)
        self.port: int | None = None
        self._port_start = 0  # the helper start that opened `port`: a restarted helper must open it again

    @property
    def name(self) -> str:
        info = self.helper.info
        if info is None or self.port is None:
            return f"{SDT_PREFIX}{self.config.dll.name}"
        where = f"USB {self.port}" if self.port > 1000 else f"COM{self.port}"
        return f"{SDT_PREFIX}{self.config.dll.name} {info.dll_version} {info.bits}-bit {where}"

    @property
    def simulated(self) -> bool:
        # A stand-in DLL answers with a "99." SAM ID; the service marks those reads simulated.
        return False

    def open_port(self, timeout: float = 0.5) -> int:
        """The first port that opens, USB before COM; NoReader when none does."""
        if self.port is not None and self.helper.starts == self._port_start and self.helper.running:
            return self.port
        self.port = None
        for port in self._ports:
            status, _ = self.helper.call(OP_OPEN, port, timeout=timeout)
            if status == OK:
                self.port, self._port_start = port, self.helper.starts
                log.info("sdt reader found on port %s", port)
                return port
        raise NoReader(self.name, detail="no USB or COM port answered")

    def exchange(self, frame: bytes, timeout: float) -> bytes:
        command = frames.decode_request(frame).command
        try:
            port = self.open_port()
            return self._answer(command, port, timeout)
        except ReaderFault:
            if not self.helper.running:
                self.port = None
            raise

    def _answer(self, command: Command | None, port: int, timeout: float) -> bytes:
        if command in (Command.RESET_SAM, Command.SAM_STATUS):
            status, _ = self._call(OP_SAM_STATUS, port, timeout)
            return frames.encode_response(status)
        if command is Command.SAM_ID:
            status, data = self._call(OP_SAM_ID, port, timeout)
            if status != OK:
                return frames.encode_response(status)
            sam_id = parse_sam_id(data.decode("ascii", "replace"))
            # A SAM ID the program cannot parse is recorded as absent rather than guessed.
            return frames.encode_response(OK, sam_id) if sam_id else frames.encode_response(frames.SW3_NO_CONTENT)
        if command is Command.FIND_CARD:
            status, data = self._call(OP_FIND, port, timeout)
            return frames.encode_response(status, data[:4] if status == CARD_FOUND else b"")
        if command is Command.SELECT_CARD:
            status, data = self._call(OP_SELECT, port, timeout)
            return frames.encode_response(status, data[:8] if status == OK else b"")
        if command in (Command.READ_TEXT_PHOTO, Command.READ_TEXT_PHOTO_FINGERPRINT):
            status, data = self._call(OP_READ, port, timeout)
            if status != OK:
                return frames.encode_response(status)
            if len(data) < 8:
                raise DriverGarbled(detail="short read answer")
            text_length, photo_length = struct.unpack_from("<II", data, 0)
            text, photo = data[8 : 8 + text_length], data[8 + text_length : 8 + text_length + photo_length]
            # SDT_ReadBaseMsg has no fingerprint; an empty block keeps the frame valid for the service.
            fingerprint = b"" if command is Command.READ_TEXT_PHOTO_FINGERPRINT else None
            return frames.encode_response(OK, frames.encode_read(text, photo, fingerprint))
        if command is Command.READ_ADDITIONAL_ADDRESS:
            return frames.encode_response(frames.SW3_NO_CONTENT)
        return frames.encode_response(0x21)  # "the reader does not know the command", as a SAM would say

    def _call(self, op: bytes, port: int, timeout: float) -> tuple[int, bytes]:
        status, data = self.helper.call(op, port, timeout=timeout)
        if _is_port_error(status):
            self.port = None  # unplugged or replugged elsewhere: probe again next time
            raise NoReader(self.name, detail=f"port {port} status {status}")
        if status > 0xFF:
            return 0x24, b""  # "an unrecognised error inside the reader"
        return status, data

    def decode_photo(self, wlt: bytes) -> bytes:
        return self.helper.decode_photo(wlt)

    def close(self) -> None:
        self.helper.close()


def configured_dlls(config: Mapping[str, Any] | None = None) -> list[Path]:
    """Vendor DLLs to offer: the one in the configuration (`sdt_dll`) and TERMINAL_SDT_DLL."""
    found: list[Path] = []
    for value in ((config or {}).get("sdt_dll"), os.environ.get(SDT_DLL_ENV)):
        if value and Path(str(value)) not in found:
            found.append(Path(str(value)))
    return found


def reader_name(dll: Path) -> str:
    return f"{SDT_PREFIX}{dll}"


class SdtBackend:
    """Vendor SDK readers for `reader list` and discovery: one entry per configured DLL."""

    kind = "sdt"

    def __init__(
        self,
        dlls: Sequence[Path] | None = None,
        *,
        decoder: Path | None = None,
        decoder_function: str = "unpack",
        helper_dir: Path | None = None,
    ) -> None:
        self.dlls = list(dlls) if dlls is not None else configured_dlls()
        self.decoder = decoder
        self.decoder_function = decoder_function
        self.helper_dir = helper_dir

    def config_for(self, dll: Path) -> SdtConfig:
        return SdtConfig(dll, self.decoder, self.decoder_function, self.helper_dir)

    def list_readers(self) -> list[ReaderInfo]:
        readers = []
        for dll in self.dlls:
            transport = SdtTransport(self.config_for(dll))
            try:
                transport.open_port()
                state = ReaderState.READY
            except ReaderFault as fault:
                log.info("sdt reader %s: %s", dll.name, fault.code)
                state = ReaderState.UNAVAILABLE
            finally:
                transport.close()
            readers.append(ReaderInfo(reader_name(dll), self.kind, state))
        return readers

    def open(self, name: str) -> SdtTransport:
        return SdtTransport(self.config_for(Path(name.removeprefix(SDT_PREFIX))))


@dataclass(frozen=True)
class Diagnosis:
    """What `terminal doctor` and the self-test say about a vendor reader. Never holds card data."""

    dll: Path
    bits: int | None = None
    dll_version: str = ""
    port: int | None = None
    sam_id: str = ""
    card_read: bool | None = None  # None: no card on the reader to try
    photo_decoded: bool | None = None  # None: no decoder configured, or no card
    fault: ReaderFault | None = None

    @property
    def ok(self) -> bool:
        return self.fault is None and self.card_read is not False

    def summary(self, bilingual: bool = True) -> str:
        """One line; `bilingual` as doctor's lines are (Chinese / English), else English as the self-test's."""

        def say(zh: str, en: str) -> str:
            return f"{zh} / {en}" if bilingual else en

        parts = [f"{self.dll}"]
        if self.bits:
            parts.append(f"{self.bits}-bit")
        if self.dll_version:
            parts.append(f"version {self.dll_version}")
        if self.port is not None:
            parts.append(f"USB {self.port}" if self.port > 1000 else f"COM{self.port}")
        if self.sam_id:
            parts.append(f"SAM {self.sam_id}")
        if self.card_read is True:
            parts.append(say("读卡成功", "card read"))
        elif self.card_read is None and self.fault is None:
            parts.append(say("读卡器上无证件，放卡可测试读卡", "no card on the reader: place one to test a read"))
        if self.photo_decoded is not None:
            parts.append(
                say("照片已解码", "photo decoded") if self.photo_decoded else say("照片无法解码", "photo not decoded")
            )
        return ", ".join(parts)


def diagnose(transport: SdtTransport, *, card_timeout: float = 1.0) -> Diagnosis:
    """Which DLL, 32/64-bit, which version, which port, and whether a read works (if a card is there)."""
    from terminal.reader.service import ReaderService

    config = transport.config
    try:
        bits = dll_bits(config.dll)
        info = transport.helper.hello()
        port = transport.open_port()
        service = ReaderService(transport)
        sam_id = service.sam_id()
    except ReaderFault as fault:
        return Diagnosis(config.dll, fault=fault)
    found = Diagnosis(config.dll, bits, info.dll_version, port, sam_id)
    try:
        card = service.read_next(timeout=card_timeout)
    except ReaderFault as fault:
        if isinstance(fault, NoCard):
            return found
        return Diagnosis(config.dll, bits, info.dll_version, port, sam_id, card_read=False, fault=fault)
    photo: bool | None = None
    if config.decoder is not None and card.photo_wlt is not None:
        try:
            transport.decode_photo(card.photo_wlt)
            photo = True
        except PhotoDecoderUnavailable:
            photo = False
    return Diagnosis(config.dll, bits, info.dll_version, port, sam_id, card_read=True, photo_decoded=photo)


SDT_DECODER_ENV = "TERMINAL_SDT_DECODER"  # the decoder for the DLL in TERMINAL_SDT_DLL (self-test, IT)


def running_under_wine() -> bool:
    """Wine's ntdll exports wine_get_version; Windows' does not."""
    if sys.platform != "win32":
        return False
    import ctypes

    return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")


def helper_bits(helper_dir: Path, bits: int, *, timeout: float = START_TIMEOUT) -> int:
    """Start sdthelper{bits}.exe without a DLL and return the bitness it reports: proof that it runs here."""
    helper = helper_dir / f"sdthelper{bits}.exe"
    if not helper.is_file():
        raise DriverUnavailable(helper.name, "文件缺失（安装不完整）", "the file is missing (broken installation)")
    command = [str(helper), ""] if sys.platform == "win32" else ["wine", str(helper), ""]
    env = dict(os.environ)
    env.setdefault("WINEDEBUG", "-all")
    try:
        process = _Process(subprocess.Popen, command, env)
    except OSError as exc:
        raise DriverUnavailable(helper.name, "无法启动", "it cannot start", detail=type(exc).__name__) from exc
    try:
        process.send(OP_HELLO, 0, b"")
        answer = process.answers.get(timeout=timeout)
    except queue.Empty:
        raise DriverHung(timeout) from None
    except OSError:
        answer = DriverCrashed(detail="the helper exited at start")
    finally:
        process.kill()
    if isinstance(answer, ReaderFault):
        raise answer
    return HelperInfo.parse(answer[1].decode("utf-8", "replace")).bits
