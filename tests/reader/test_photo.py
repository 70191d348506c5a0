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
    zh, en = info.value.message("zh"), info.value.message("en")
    # What is missing and where to set it, in one language each, with no English detail in the Chinese text.
    assert "照片解码库" in zh and "设置 → 读卡器" in zh and not any("a" <= c.lower() <= "z" for c in zh.replace("WltRS.dll", ""))
    assert "photo decoder" in en and "Settings → Reader" in en and not any("\u4e00" <= c <= "\u9fff" for c in en)


def test_decoder_library_that_does_not_load(tmp_path: Path) -> None:
    fake = tmp_path / "libwlt.so"
    fake.write_bytes(b"not a shared library")
    with pytest.raises(PhotoDecoderUnavailable):
        load_decoder(str(fake))


def test_library_without_the_function() -> None:
    with pytest.raises(PhotoDecoderUnavailable):
        load_decoder("libc.so.6", function="no_such_wlt_function")
