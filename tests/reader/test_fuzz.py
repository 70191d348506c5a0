"""Property-based fuzzing: any bytes give a value or a typed TerminalError, never another exception."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.core.errors import TerminalError
from terminal.reader import frames
from terminal.reader.frames import Command
from wirecontract.cardtext import decode_text_block, sha256_hex
from wirecontract.identity import Identity, Provenance

PROVENANCE = Provenance("fuzz", "none", dt.datetime(2025, 1, 1, tzinfo=dt.UTC), "", simulated=True)


def _framed(body: bytes) -> bytes:
    return frames.encode_frame(body)


any_frame = st.one_of(
    st.binary(max_size=3000),
    st.binary(max_size=3000).map(lambda b: frames.PREAMBLE + b),
    st.binary(max_size=3000).map(_framed),
    st.binary(min_size=4, max_size=1400).map(lambda b: frames.encode_response(0x90, b)),
)


@settings(max_examples=400, deadline=None)
@given(any_frame, st.sampled_from(list(Command)), st.booleans())
def test_frame_decoders_raise_only_typed_errors(data: bytes, command: Command, fingerprint: bool) -> None:
    try:
        response = frames.expect(command, data)
        frames.split_read(response.data, fingerprint)
        frames.decode_sam_id(response.data)
    except TerminalError:
        pass
    try:
        frames.decode_request(data)
    except TerminalError:
        pass


text_like = st.one_of(
    st.binary(min_size=256, max_size=256),
    st.binary(max_size=300),
    st.text(max_size=128).map(lambda t: t.encode("utf-16-le", errors="surrogatepass")[:256].ljust(256, b" ")),
)


@settings(max_examples=400, deadline=None)
@given(text_like)
def test_text_decoder_gives_identity_or_typed_error(raw: bytes) -> None:
    provenance = Provenance("fuzz", "none", PROVENANCE.read_at, sha256_hex(raw), simulated=True)
    try:
        assert isinstance(decode_text_block(raw, provenance), Identity)
    except TerminalError:
        pass
