"""The stand-in vendor DLLs' card (installer/sdt/standin_*.c): the virtual card written to the file they read.

For tests, the bench and the bundle's self-test, never for a real terminal. `StandinCard(path)` writes the
file named by SDT_STANDIN_CARD: what lies on the "reader" (a label of the virtual reader's identities), the
port the reader sits on, a simulated SAM ID ("99.…", so every read through it is marked simulated), the text
block, and a WLT-like photo block the stand-in decoder turns into a 102×126 BMP. Real WLT has no open
decoder, so the stand-in photo is a simple drawn silhouette with colours taken from the card's text hash:
each card's photo differs, and a decoded photo can be checked against its card.
"""

from __future__ import annotations

import enum
import hashlib
import os
import struct
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from terminal.reader import frames
from terminal.reader.identities import load_identities, text_block_of
from terminal.reader.virtual import SIMULATED_SAM_ID

CARD_ENV = "SDT_STANDIN_CARD"
MAGIC = b"SDTC"
WLT_MAGIC = b"SIMWLT01"
MASK_WIDTH, MASK_HEIGHT = 51, 63  # the decoder doubles each mask bit into 2×2 pixels: 102×126
BMP_WIDTH, BMP_HEIGHT = 102, 126


class Mode(enum.IntEnum):
    """What the stand-in DLL does; the numbers are those of standin_sdtapi.c."""

    CARD = 0
    EMPTY = 1
    READ_FAILS = 2  # the card was lifted during the read (0x41)
    HANG = 3  # SDT_ReadBaseMsg never returns
    CRASH = 4  # the DLL ends its process mid-read
    GARBAGE = 5  # the DLL prints on stdout during find
    UNPLUGGED = 6  # every call is a port error
    SAM_FAULT = 7  # 0x60
    NOT_GENUINE = 8  # read answers 0x32


def silhouette_mask() -> bytes:
    """A head and shoulders, 51×63 bits, row by row, most significant bit first."""
    bits = bytearray((MASK_WIDTH * MASK_HEIGHT + 7) // 8)
    for y in range(MASK_HEIGHT):
        for x in range(MASK_WIDTH):
            head = ((x - 25) / 11) ** 2 + ((y - 24) / 14) ** 2 <= 1
            shoulders = y >= 44 and ((x - 25) / 23) ** 2 + ((y - 66) / 22) ** 2 <= 1
            if head or shoulders:
                n = y * MASK_WIDTH + x
                bits[n // 8] |= 0x80 >> (n % 8)
    return bytes(bits)


def photo_colours(text_block: bytes) -> tuple[bytes, bytes]:
    """Background (light) and figure (dark) RGB from the text block's hash."""
    digest = hashlib.sha256(text_block).digest()
    return bytes(160 + b % 96 for b in digest[:3]), bytes(b % 96 for b in digest[3:6])


def wlt_photo(text_block: bytes) -> bytes:
    background, figure = photo_colours(text_block)
    block = WLT_MAGIC + background + figure + silhouette_mask()
    return block + bytes(frames.PHOTO_LENGTH - len(block))


def sam_id_text() -> str:
    return frames.decode_sam_id(SIMULATED_SAM_ID)


class StandinCard:
    """The card file. `place(label)`, `lift()`, `set_mode(mode)`, `unplug()`, `plug(port)`; each rewrites the
    file at once (os.replace), as the DLL reads it afresh on every call."""

    def __init__(
        self, path: Path, identities: Mapping[str, Mapping[str, Any]] | None = None, *, port: int = 1001
    ) -> None:
        self.path = path
        self._identities = dict(identities) if identities is not None else load_identities()
        self.port = port
        self.label: str | None = None
        self.mode = Mode.EMPTY
        self._write()

    def text_block(self, label: str) -> bytes:
        return text_block_of(self._identities[label])

    def place(self, label: str) -> None:
        self.label, self.mode = label, Mode.CARD
        self._write()

    def lift(self) -> None:
        self.label, self.mode = None, Mode.EMPTY
        self._write()

    def set_mode(self, mode: Mode) -> None:
        self.mode = mode
        self._write()

    def plug(self, port: int) -> None:
        self.port = port
        self.set_mode(Mode.CARD if self.label else Mode.EMPTY)

    def unplug(self) -> None:
        self.set_mode(Mode.UNPLUGGED)

    def _write(self) -> None:
        text = self.text_block(self.label) if self.label else bytes(256)
        photo = wlt_photo(text) if self.label else bytes(frames.PHOTO_LENGTH)
        sam = sam_id_text().encode("ascii").ljust(40, b"\0")
        data = MAGIC + bytes([int(self.mode)]) + struct.pack("<i", self.port) + sam + text + photo
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, self.path)


def bmp_pixel(bmp: bytes, x: int, y: int) -> bytes:
    """RGB of pixel (x, y), y from the top, in a 24-bit bottom-up BMP (for checks of a decoded photo)."""
    offset = struct.unpack_from("<I", bmp, 10)[0]
    width, height = struct.unpack_from("<ii", bmp, 18)
    stride = (width * 3 + 3) // 4 * 4
    at = offset + (height - 1 - y) * stride + x * 3
    return bytes(reversed(bmp[at : at + 3]))


REPO = Path(__file__).resolve().parents[2]
BUILD_DIR = REPO / "installer" / "build" / "sdt"


def build(out: Path = BUILD_DIR) -> Path:
    """Compile the helpers and the stand-ins with mingw-w64 (scripts/build-sdt); the folder they are in."""
    subprocess.run([str(REPO / "scripts" / "build-sdt"), str(out)], check=True, capture_output=True, timeout=300)
    return out


def wine_environment(prefix: Path, card_file: Path | None = None) -> dict[str, str]:
    """The environment for running the helper under Wine with its own prefix, created on first use (wineboot
    takes about 15 s once; later uses reuse the prefix)."""
    env = dict(os.environ)
    env.update(WINEPREFIX=str(prefix), WINEARCH="win64", WINEDEBUG="-all", WINEDLLOVERRIDES="mscoree,mshtml=")
    if card_file is not None:
        env[CARD_ENV] = str(card_file)
    if not (prefix / "system.reg").exists():
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(["wineboot", "-u"], env=env, check=True, capture_output=True, timeout=300)
    return env
