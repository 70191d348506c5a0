"""`terminal reader …`: list readers, read a card, decode or dump a raw exchange for support cases.

Identity fields can only be printed here, never set: there is no option that takes them. Printing a card
(`read`, `decode`) and saving a read's raw exchange (`dump`) sign an operator in first, as every command that
shows personal data does: ID numbers are masked unless the role may see them, and full numbers are audited.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from terminal.cli.common import signed_in
from terminal.cli.language import cli_lang, say
from terminal.core.errors import TerminalError
from terminal.reader import discovery, frames
from terminal.reader.frames import Command
from terminal.reader.recording import RecordingTransport
from terminal.reader.service import ReaderService, decode, utc_now
from terminal.reader.virtual import Fault, VirtualSamReader
from terminal.usecases import queries
from wirecontract.cardtext import sha256_hex
from wirecontract.identity import CardRead, Identity, Provenance


def register(subparsers: Any) -> None:
    reader = subparsers.add_parser("reader", help="ID card reader / 读卡器")
    sub = reader.add_subparsers(dest="reader_command", metavar="ACTION", required=True)

    listing = sub.add_parser("list", help="readers found, with their state")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list)

    for name, func, text in (("read", cmd_read, "wait for a card and print it"),
                             ("dump", cmd_dump, "save the raw exchange of one read to FILE")):  # fmt: skip
        p = sub.add_parser(name, help=text)
        if name == "dump":
            p.add_argument("file", type=Path)
        else:
            p.add_argument("--json", action="store_true")
        p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for a card (default 30)")
        p.add_argument("--reader", help=f"reader name, serial:PORT, sdt:DLL or 'virtual' (default: ${discovery.READER_ENV})")
        p.add_argument("--virtual", action="store_true", help="use the in-process virtual reader")
        p.add_argument("--card", default="resident", help="virtual card to place (label in the identities file)")
        p.add_argument("--fault", choices=[f.value for f in Fault], default=Fault.NONE.value,
                       help="fault the virtual reader injects")  # fmt: skip
        p.set_defaults(func=func)

    dec = sub.add_parser("decode", help="decode a saved raw response frame (hex text or binary)")
    dec.add_argument("file", type=Path)
    dec.add_argument("--json", action="store_true")
    dec.set_defaults(func=cmd_decode)


def cmd_list(args: argparse.Namespace) -> int:
    found = discovery.discover(discovery.default_backends(_config(args)))
    if args.json:
        rows = [{"name": r.name, "kind": r.kind, "state": r.state.value, "simulated": r.simulated}
                for r in found.readers]  # fmt: skip
        print(json.dumps({"readers": rows, "faults": [f.message("en") for f in found.faults]}, ensure_ascii=False))
        return 0
    for r in found.readers:
        print("\t".join([r.name, r.kind, r.state.value] + (["simulated"] if r.simulated else [])))
    for fault in found.faults:
        print(fault.message(cli_lang()), file=sys.stderr)
    if not found.readers:
        print(say("没有找到读卡器", "no reader found"), file=sys.stderr)
    return 0


def _service(args: argparse.Namespace) -> ReaderService:
    name = discovery.VIRTUAL if args.virtual else discovery.chosen_reader(args.reader) or _configured_reader(args)
    device = None
    if name == discovery.VIRTUAL:
        device = VirtualSamReader()
        device.insert(args.card)
        device.set_fault(Fault(args.fault))
    return ReaderService(discovery.open_reader(name, device=device, config=_config(args)))


def _read(service: ReaderService, timeout: float) -> CardRead:
    try:
        return service.read_next(timeout=timeout)
    finally:
        service.close()


def cmd_read(args: argparse.Namespace) -> int:
    # Signed in before waiting for a card: a refused operator should not have to present one first.
    with signed_in(args) as (_home, db, actor):
        identity = decode(_read(_service(args), args.timeout))
        _print_identity(queries.card_as_seen_by(db, actor, identity), args.json)
    return 0


def cmd_dump(args: argparse.Namespace) -> int:
    with signed_in(args) as (_home, db, actor):
        service = _service(args)
        try:
            queries.allow_card_exchange_saved(db, actor, service.transport.name)
        except TerminalError:
            service.close()
            raise
        recorder = RecordingTransport(service.transport)
        service.transport = recorder
        try:
            _read(service, args.timeout)
        finally:
            args.file.write_text(recorder.transcript(), encoding="utf-8")
    print(f"{len(recorder.exchanges)} exchanges saved to {args.file}")
    return 0


def _load_frame(path: Path) -> bytes:
    data = path.read_bytes()
    if data.startswith(frames.PREAMBLE):
        return data
    try:
        return bytes.fromhex("".join(data.decode("ascii").split()))
    except ValueError:
        return data  # neither a frame nor hex: decoding names the fault


def cmd_decode(args: argparse.Namespace) -> int:
    try:
        response = frames.expect(Command.READ_TEXT_PHOTO, _load_frame(args.file))
        payload = frames.split_read(response.data, with_fingerprint=len(response.data) > 4 + 256 + 1024)
        provenance = Provenance(
            reader=f"file:{args.file.name}", sam_id="unknown", read_at=utc_now(),
            raw_sha256=sha256_hex(payload.text), simulated=True,  # not a live read: never a production identity
        )  # fmt: skip
        identity = decode(CardRead(payload.text, payload.photo or None, provenance))
    except TerminalError as fault:
        print(f"{args.file}: {fault.message(cli_lang())}", file=sys.stderr)
        return 1
    with signed_in(args) as (_home, db, actor):
        _print_identity(queries.card_as_seen_by(db, actor, identity), args.json)
    return 0


def _print_identity(identity: Identity, as_json: bool) -> None:
    data = identity.to_json()
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for key, value in data.items():
        if key != "provenance" and value is not None:
            print(f"{key}: {value}")
    for key, value in data["provenance"].items():
        print(f"provenance.{key}: {value}")
    if identity.valid_to is not None and identity.valid_to < dt.date.today():
        print(say(f"注意：证件已于 {identity.valid_to} 过期", f"note: the card expired on {identity.valid_to}"))


def _configured_reader(args: argparse.Namespace) -> str | None:
    """The reader IT chose for this terminal (config.json "reader"), after --reader and TERMINAL_READER."""
    chosen = _config(args).get("reader")
    return str(chosen) if chosen else None


def _config(args: argparse.Namespace) -> dict[str, Any]:
    """config.json of the home: the chosen reader, the vendor DLL (`sdt_dll`) and the photo decoder."""
    from terminal.store.home import Home

    home = Home.resolve(getattr(args, "home", None))
    return home.config() if home.root.exists() else {}
