"""The reader service against the in-process virtual reader: every card type, every fault, removal rule."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import pytest

from terminal.core.errors import InvalidCardText, ReaderFault
from terminal.reader import errors
from terminal.reader.identities import load_identities
from terminal.reader.service import ReaderService, Timeouts, decode
from terminal.reader.virtual import Fault, VirtualSamReader, VirtualTransport
from wirecontract.cardtext import sha256_hex
from wirecontract.identity import CardType, Identity

from .faults import BEFORE_FIND, EXPECTED_ERROR

FIXED_NOW = dt.datetime(2025, 5, 6, 7, 8, 9, tzinfo=dt.UTC)
IDENTITIES = load_identities()


@pytest.fixture
def device() -> VirtualSamReader:
    return VirtualSamReader()


@pytest.fixture
def service(device: VirtualSamReader) -> ReaderService:
    return ReaderService(
        VirtualTransport(device), timeouts=Timeouts(0.2, 0.3), poll_interval=0.01, clock=lambda: FIXED_NOW
    )


@pytest.mark.parametrize("label", sorted(IDENTITIES))
def test_each_identity_reads_back_exactly(
    device: VirtualSamReader, service: ReaderService, label: str
) -> None:
    device.insert(label)
    card = service.read_next(timeout=1)
    identity = decode(card)
    expected = IDENTITIES[label]
    got = identity.to_json()
    assert {k: got[k] for k in expected} == expected
    assert card.provenance.simulated is True
    assert card.provenance.sam_id == "SIM-99.01-20240101-0000000001-0000000001"
    assert card.provenance.raw_sha256 == sha256_hex(card.raw_text)
    assert card.provenance.read_at == FIXED_NOW
    assert card.provenance.reader == "Virtual ID card reader (demo)"


def test_all_card_types_are_in_the_demo_file() -> None:
    assert {CardType(v["card_type"]) for v in IDENTITIES.values()} == set(CardType)
    expired = [v for v in IDENTITIES.values() if v["valid_to"] and v["valid_to"] < "2024-01-01"]
    assert expired, "the demo file needs an expired card"


def test_card_must_leave_the_field_before_the_next_read(
    device: VirtualSamReader, service: ReaderService
) -> None:
    device.insert("resident")
    service.read_next(timeout=1)
    with pytest.raises(errors.NoCard):
        service.read_next(timeout=0.1)
    device.remove()
    device.insert("hmt_residence")
    assert decode(service.read_next(timeout=1)).card_type is CardType.HMT_RESIDENCE


def test_a_card_already_found_before_the_read_still_needs_removal_once(service: ReaderService) -> None:
    # A reader that does not latch: the service itself refuses a card that never left.
    class NonLatching(VirtualSamReader):
        def _read(self, label: str, with_fingerprint: bool) -> bytes:
            response = super()._read(label, with_fingerprint)
            self._latched = False
            return response

    device = NonLatching()
    svc = ReaderService(VirtualTransport(device), timeouts=Timeouts(0.2, 0.3), poll_interval=0.01)
    device.insert("resident")
    svc.read_next(timeout=1)
    assert svc.card_found() is False
    with pytest.raises(errors.NoCard):
        svc.wait_for_card(timeout=0.05)
    held = svc.empty_finds
    device.remove()
    assert svc.card_found() is False
    assert svc.empty_finds == held + 1  # only the empty reader counts, not the card that had not left
    device.insert("resident")
    assert svc.card_found() is True
    assert svc.empty_finds == held + 1




@pytest.mark.parametrize(("fault", "error"), EXPECTED_ERROR.items())
def test_each_fault_gives_its_typed_error(
    device: VirtualSamReader, service: ReaderService, fault: Fault, error: type[ReaderFault]
) -> None:
    device.insert("resident")
    if fault in BEFORE_FIND:
        device.set_fault(fault)
        with pytest.raises(error):
            service.read_next(timeout=0.3)
        return
    service.wait_for_card(timeout=1)
    device.set_fault(fault)
    with pytest.raises(error):
        service.read_present_card()


def test_reader_recovers_after_a_fault_is_cleared(device: VirtualSamReader, service: ReaderService) -> None:
    device.insert("resident")
    device.set_fault(Fault.NEVER_ANSWERS)
    with pytest.raises(errors.ReaderTimeout):
        service.wait_for_card(timeout=0.25)
    device.set_fault(Fault.NONE)
    assert decode(service.read_next(timeout=1)).card_type is CardType.RESIDENT


def test_stop_cancels_a_wait_from_another_thread(service: ReaderService) -> None:
    threading.Timer(0.05, service.stop).start()
    with pytest.raises(errors.ReadCancelled):
        service.read_next(timeout=5)


def test_faults_while_polling_are_reported_once(device: VirtualSamReader) -> None:
    seen: list[ReaderFault] = []
    svc = ReaderService(
        VirtualTransport(device), timeouts=Timeouts(0.02, 0.02), poll_interval=0.005, on_fault=seen.append
    )
    device.set_fault(Fault.NEVER_ANSWERS)
    with pytest.raises(errors.ReaderTimeout):
        svc.wait_for_card(timeout=0.1)
    assert len(seen) == 1 and isinstance(seen[0], errors.ReaderTimeout)


def test_identity_fields_cannot_be_edited(device: VirtualSamReader, service: ReaderService) -> None:
    device.insert("resident")
    card = service.read_next(timeout=1)
    identity = decode(card)
    with pytest.raises(dataclasses.FrozenInstanceError):
        identity.name = "someone else"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        card.provenance.simulated = False  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        card.raw_text = b""  # type: ignore[misc]
    # A changed copy no longer matches the hash of what was read, so it cannot be decoded as read.
    forged = dataclasses.replace(card, raw_text=card.raw_text[:-2] + "X".encode("utf-16-le"))
    with pytest.raises(InvalidCardText):
        decode(forged)
    assert isinstance(identity, Identity)


def test_simulated_identity_is_marked_even_in_a_non_simulated_transport(device: VirtualSamReader) -> None:
    class Disguised(VirtualTransport):
        @property
        def simulated(self) -> bool:
            return False

    svc = ReaderService(Disguised(device), poll_interval=0.01)
    device.insert("resident")
    card = svc.read_next(timeout=1)
    assert card.provenance.simulated and card.provenance.sam_id.startswith("SIM-99.")
