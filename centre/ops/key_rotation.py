"""Rotating the centre's signing key (docs/keys-and-trust.md, "Rotating the centre's key").

The old key signs a hand-over link to the new key (wirecontract/keyhandover.py); the chain of links is kept beside
the key (`signing-key.handover`) and every answer to a terminal carries it, so enrolled terminals move to the new
key on their next sync without enrolling again. The old private key is not kept: once the link is signed it has
nothing left to do, and a kept copy could only be stolen. Cards are unaffected (terminals sign them).

Processes read the key when they start: restart every application process after a rotation."""

from __future__ import annotations

import os
from pathlib import Path

from centre.errors import KeyRotationRefused
from centre.signing_key import centre_key, handover_chain, handover_header, handover_path, key_path
from wirecontract.keyhandover import MAX_LINKS, encode_chain, make_link
from wirecontract.protocol import iso, utc_now
from wirecontract.signing import TerminalKey, b64url, public_key_id


def rotate() -> tuple[str, str]:
    """Replace the key; the old key ids the new one in a signed link. Returns (old key id, new key id)."""
    path = key_path()
    if path.is_symlink() or not os.access(path.parent, os.W_OK):
        raise KeyRotationRefused(why=f"{path} is a link or its folder is not writable by this user")
    old = centre_key()
    chain = handover_chain()
    if len(chain) >= MAX_LINKS:
        raise KeyRotationRefused(why=f"the hand-over already has {MAX_LINKS} links: enrol the terminals again")
    new = TerminalKey.generate()
    link = make_link(old, new.public_raw, iso(utc_now()))
    # The hand-over first: if this stops between the two writes, the old key still signs and a terminal that
    # follows the link would find no answer signed by the new key yet, so it keeps the old pin.
    _replace(handover_path(), encode_chain([*chain, link]) + "\n")
    _replace(path, b64url(new.private_raw) + "\n")
    for cached in (centre_key, handover_chain, handover_header):
        cached.cache_clear()
    return old.key_id, new.key_id


def describe() -> list[str]:
    key = centre_key()
    lines = [f"key_id\t{key.key_id}", f"public_key\t{b64url(key.public_raw)}", f"file\t{key_path()}"]
    for link in handover_chain():
        lines.append(f"handover\t{link.at}\t{public_key_id(link.old_key)} → {public_key_id(link.new_key)}")
    return lines


def _replace(path: Path, text: str) -> None:
    """Write beside the file, flush to disk, then rename over it: the file is whole, old or new, at every moment."""
    temporary = path.with_name(path.name + ".new")
    temporary.unlink(missing_ok=True)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
