"""The card photo: 1024 bytes of WLT, kept as read, decoded only by a vendor library (no open decoder
exists). Without a configured library the caller is told so (PhotoDecoderUnavailable) and takes the
photo from a camera or a file; a photo is never made up.

Vendor libraries differ; the common Linux/Windows export is `int unpack(char *wlt, char *bmp, int save)`
returning 1 on success and writing a 102×126 24-bit BMP into `bmp`. The function name is configurable.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable
from pathlib import Path

from terminal.reader.errors import PhotoDecoderNotConfigured, PhotoDecoderUnavailable
from terminal.reader.frames import PHOTO_LENGTH

log = logging.getLogger("terminal.reader.photo")

BMP_BUFFER = 38862  # what vendor SDKs allocate for the 102×126×3 BMP and its header
BMP_SIZE = 54 + 102 * 126 * 3


class WltDecoder:
    def __init__(self, library: Path, function: str = "unpack") -> None:
        try:
            lib = ctypes.CDLL(str(library))
            self._unpack = getattr(lib, function)
        except (OSError, AttributeError) as exc:
            log.info("photo decoder %s not usable: %s", library.name, type(exc).__name__)
            raise PhotoDecoderUnavailable(detail=library.name) from exc
        self._unpack.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int]
        self._unpack.restype = ctypes.c_int

    def decode(self, wlt: bytes) -> bytes:
        """The photo as BMP bytes; PhotoDecoderUnavailable if the library refuses this WLT."""
        if len(wlt) != PHOTO_LENGTH:
            raise PhotoDecoderUnavailable(detail=f"photo block of {len(wlt)} bytes")
        out = ctypes.create_string_buffer(BMP_BUFFER)
        if self._unpack(wlt, out, 0) != 1:
            raise PhotoDecoderUnavailable(detail="the decoder refused this photo")
        bmp = out.raw[:BMP_SIZE]
        if not bmp.startswith(b"BM"):
            raise PhotoDecoderUnavailable(detail="the decoder returned no BMP")
        return bmp


def load_decoder(library: str | None, function: str = "unpack") -> WltDecoder:
    """The configured decoder; PhotoDecoderUnavailable when none is configured or it does not load."""
    if not library:
        raise PhotoDecoderNotConfigured()
    return WltDecoder(Path(library), function)


def decoder_for(transport: object, library: str | None, function: str = "unpack") -> Callable[[bytes], bytes]:
    """How the app decodes the card photo of a read from `transport`: a vendor SDK reader's helper loads the
    vendor's decoder itself (often 32-bit, like the reader's DLL); any other reader uses `library` in-process."""
    from terminal.reader.sdt import SdtTransport

    if isinstance(transport, SdtTransport):
        return transport.decode_photo

    def decode(wlt: bytes) -> bytes:
        return load_decoder(library, function).decode(wlt)

    return decode
