"""A helper that speaks sdthelper.exe's protocol but misbehaves on purpose (run as a script by test_sdt_helper).

Usage: fake_sdthelper.py BEHAVIOUR STATE_FILE. Behaviours: `ok`, `garbage` (junk instead of an answer to
find), `hang` (never answers a read), `die` (exits mid-read), `no_dll` (hello says the DLL did not load),
`cut` (dies halfway through the read's answer). Each start appends a line to STATE_FILE, so a test can count
restarts; a file `STATE_FILE.heal` present at start makes it behave `ok`.
"""

from __future__ import annotations

import struct
import sys
import time
from pathlib import Path

# Run as a script, its own folder is first on the path; the test-support package lives at the repository's root.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from terminal.reader.identities import load_identities, text_block_of
from tests.support.sdt_standin import wlt_photo

HEAD = struct.Struct("<4scii")


def main() -> int:
    behaviour, state = sys.argv[1], Path(sys.argv[2])
    with state.open("a") as f:
        f.write("start\n")
    if Path(str(state) + ".heal").exists():
        behaviour = "ok"
    text = text_block_of(next(iter(load_identities().values())))
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer

    def answer(op: bytes, status: int, payload: bytes = b"") -> None:
        stdout.write(HEAD.pack(b"SDTR", op, status, len(payload)) + payload)
        stdout.flush()

    while True:
        head = stdin.read(HEAD.size)
        if len(head) < HEAD.size:
            return 0
        _magic, op, _port, length = HEAD.unpack(head)
        payload = stdin.read(length)
        if op == b"H":
            answer(op, -9001 if behaviour == "no_dll" else 0, b"bits=64\ndll=fake.dll\ndll_version=1.2.3.4\nerror=\n")
        elif op == b"Q":
            return 0
        elif op in (b"O", b"M"):
            answer(op, 0x90)
        elif op == b"S":
            answer(op, 0x90, b"99.01-20240101-0000000001-0000000001")
        elif op == b"F":
            if behaviour == "garbage":
                stdout.write(b"debug: find card\r\n" * 3)
                stdout.flush()
            answer(op, 0x9F, bytes(8))
        elif op == b"L":
            answer(op, 0x90, bytes(8))
        elif op == b"R":
            if behaviour == "hang":
                time.sleep(3600)  # the hung DLL itself: the terminal must kill this helper, not wait for it
            if behaviour == "die":
                return 3
            payload = struct.pack("<II", 256, 1024) + text + wlt_photo(text)
            if behaviour == "cut":
                stdout.write(HEAD.pack(b"SDTR", op, 0x90, len(payload)) + payload[:100])
                stdout.flush()
                return 3
            answer(op, 0x90, payload)
        elif op == b"D":  # a "decoder" that answers a recognisable BMP for a WLT-like block
            answer(op, 1, b"BM" + bytes(60)) if payload.startswith(b"SIMWLT01") else answer(op, -1)
        else:
            answer(op, -9003)


if __name__ == "__main__":
    sys.exit(main())
