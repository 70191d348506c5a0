"""Without a working vendor decoder the photo is reported unavailable, never made up."""

from __future__ import annotations

from pathlib import Path

import pytest

from terminal.reader.errors import PhotoDecoderUnavailable
from terminal.reader.photo import load_decoder


def test_no_decoder_configured() -> None:
    with pytest.raises(PhotoDecoderUnavailable) as info:
        load_decoder(None)
    assert "摄像头" in info.value.message("zh") and "camera" in info.value.message("en")


def test_decoder_library_that_does_not_load(tmp_path: Path) -> None:
    fake = tmp_path / "libwlt.so"
    fake.write_bytes(b"not a shared library")
    with pytest.raises(PhotoDecoderUnavailable):
        load_decoder(str(fake))


def test_library_without_the_function() -> None:
    with pytest.raises(PhotoDecoderUnavailable):
        load_decoder("libc.so.6", function="no_such_wlt_function")
