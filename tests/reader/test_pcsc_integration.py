"""The whole read path through the real pcscd + vpcd: every card type, every fault, restart, removal."""

from __future__ import annotations

import time

import pytest

from terminal.reader import errors
from terminal.reader.identities import load_identities
from terminal.reader.pcsc import PcscBackend, PcscTransport
from terminal.reader.service import ReaderService, Timeouts, decode
from terminal.reader.virtual import Fault
from tests.support.pcsc_stack import PcscdProcess
from tests.support.vpcd import VpcdVirtualCard
from wirecontract.identity import CardType

from .conftest import BLOCK_READER, SAM_READER, reader_ready, wait_until, wait_until_no_card_seen
from .faults import BEFORE_FIND, EXPECTED_ERROR

pytestmark = pytest.mark.pcsc
IDENTITIES = load_identities()
FAST = Timeouts(command=0.5, read=1.0)


def service_for(name: str) -> ReaderService:
    return ReaderService(PcscTransport(name), timeouts=FAST, poll_interval=0.02)


def test_readers_are_listed_with_state(sam_card: VpcdVirtualCard) -> None:
    readers = {r.name: r for r in PcscBackend().list_readers()}
    assert readers[SAM_READER].state.value == "ready" and readers[SAM_READER].simulated
    assert readers[BLOCK_READER].state.value == "empty"


@pytest.mark.parametrize("label", sorted(IDENTITIES))
def test_each_card_type_reads_through_pcscd(sam_card: VpcdVirtualCard, label: str) -> None:
    sam_card.device.insert(label)
    service = service_for(SAM_READER)
    try:
        card = service.read_next(timeout=3)
    finally:
        service.close()
    identity = decode(card)
    got = identity.to_json()
    assert {k: got[k] for k in IDENTITIES[label]} == IDENTITIES[label]
    assert card.provenance.reader == SAM_READER
    assert card.provenance.simulated and card.provenance.sam_id.startswith("SIM-99.01-")


def test_block_read_mode_through_pcscd(block_card: VpcdVirtualCard) -> None:
    service = service_for(BLOCK_READER)
    try:
        with pytest.raises(errors.NoCard):
            service.read_next(timeout=0.2)
        block_card.device.insert("hmt_residence")
        card = service.read_next(timeout=3)
        assert decode(card).card_type is CardType.HMT_RESIDENCE
        assert card.provenance.simulated and card.provenance.sam_id == "SIM-none"
        with pytest.raises(errors.NoCard):  # the card has not left the field yet
            service.read_next(timeout=0.3)
        block_card.device.remove()
        wait_until_no_card_seen(service)
        block_card.device.insert("foreign_permanent")
        assert decode(service.read_next(timeout=3)).card_type is CardType.FOREIGN_PERMANENT
    finally:
        service.close()




@pytest.mark.parametrize(("fault", "error"), EXPECTED_ERROR.items())
def test_each_injected_fault_through_pcscd(
    sam_card: VpcdVirtualCard, fault: Fault, error: type[Exception]
) -> None:
    device = sam_card.device
    device.insert("resident")
    service = service_for(SAM_READER)
    try:
        if fault in BEFORE_FIND:
            device.set_fault(fault)
            started = time.monotonic()
            with pytest.raises(error):
                service.read_next(timeout=0.6)
            assert time.monotonic() - started < 3  # a silent reader never hangs the caller
        else:
            service.wait_for_card(timeout=3)
            device.set_fault(fault)
            with pytest.raises(error):
                service.read_present_card()
        # The reader recovers once the fault is gone (after a replug for a hung one).
        device.set_fault(Fault.NONE)
        device.remove()
        wait_until(lambda: reader_ready(SAM_READER))
        wait_until_no_card_seen(service)
        device.insert("resident")
        assert decode(service.read_next(timeout=5)).card_type is CardType.RESIDENT
    finally:
        service.close()


def test_survives_pcscd_restart_and_reader_replug(pcscd: PcscdProcess, sam_card: VpcdVirtualCard) -> None:
    service = service_for(SAM_READER)
    try:
        sam_card.device.insert("resident")
        service.read_next(timeout=3)
        pcscd.restart()
        wait_until(lambda: reader_ready(SAM_READER))
        sam_card.device.remove()
        with pytest.raises(errors.NoCard):  # what the polling worker sees while the card is away
            service.read_next(timeout=0.2)
        sam_card.device.insert("resident_long_term")
        assert decode(service.read_next(timeout=5)).valid_to is None

        sam_card.unplug()
        wait_until(lambda: not reader_ready(SAM_READER))
        with pytest.raises(errors.NoCard):
            service.read_next(timeout=0.3)
        sam_card.device.remove()
        sam_card.device.insert("foreign_permanent_2023")
        sam_card.plug()
        assert decode(service.read_next(timeout=5)).card_type is CardType.FOREIGN_PERMANENT_2023
    finally:
        service.close()


def test_pcscd_down_is_a_typed_fault(pcscd: PcscdProcess) -> None:
    pcscd.stop()
    try:
        with pytest.raises(errors.PcscUnavailable):
            PcscBackend().list_readers()
        with pytest.raises(errors.PcscUnavailable):
            service_for(SAM_READER).read_next(timeout=0.2)
    finally:
        pcscd.start()
