"""Which typed error each injected virtual-reader fault must produce (shared by unit and PC/SC tests)."""

from __future__ import annotations

from terminal.core.errors import ReaderFault
from terminal.reader import errors
from terminal.reader.virtual import Fault

EXPECTED_ERROR: dict[Fault, type[ReaderFault]] = {
    Fault.NO_CARD: errors.NoCard,
    Fault.READ_FAILURE: errors.CardReadFailed,
    Fault.BAD_CHECKSUM: errors.BadChecksum,
    Fault.TRUNCATED_FRAME: errors.TruncatedFrame,
    Fault.REMOVED_MID_READ: errors.CardRemoved,
    Fault.NEVER_ANSWERS: errors.ReaderTimeout,
}
# Faults that show before a card is found; the others show during the read.
BEFORE_FIND = (Fault.NO_CARD, Fault.NEVER_ANSWERS)
