"""A consumer (or a stranger with a card's QR) against the public pages: a stranger's complaint does not turn a
worker's light yellow; every public POST needs its CSRF token; a slip's complaint reaches the agency whose
service it was, not the agency the person works for now; photos are pictures re-encoded and nothing more."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from centre.complaints import actions
from centre.complaints.errors import ComplaintRefused
from centre.complaints.models import Complaint
from centre.complaints.rules import Source
from centre.credentials.standing import standing_of
from tests.attacks.conftest import signed_terminal
from tests.console_workflows.centre_data import AGENCY_A, AGENCY_B, feed_of, push, register, terminal
from tests.server.test_protocol import wire
from wirecontract import evalslip
from wirecontract.protocol import utc_now

BASE = "http://testserver"
TODAY = dt.date.today()


def _slip(key: Any, worker_uid: str, contract_uid: str | None = None) -> str:
    contract_uid = contract_uid or uuid.uuid4().hex
    claims = evalslip.SlipClaims(evalslip.slip_code(key, contract_uid), contract_uid, worker_uid, "王**", "甲家政",
                                 "cleaning", TODAY, TODAY, TODAY)  # fmt: skip
    return evalslip.encode(claims, key, BASE)


def test_a_strangers_complaint_counts_at_the_door_only_once_staff_send_it(users: dict[str, Any]) -> None:
    worker_uid, number = register(terminal(AGENCY_A), 1)
    reference = actions.register_complaint(None, source=Source.CONSUMER, summary="她偷了东西", id_number=number)
    assert standing_of(worker_uid).open_complaints == 0  # registered only: nobody at the centre has read it
    uid = Complaint.objects.get(reference=reference).uid
    actions.send_to_agency(users["staff"], uid)
    assert standing_of(worker_uid).open_complaints == 1
    actions.escalate(users["staff"], uid, "机构未答复")
    assert standing_of(worker_uid).open_complaints == 1
    actions.close(users["staff"], uid, "查无实据")
    assert standing_of(worker_uid).open_complaints == 0


@pytest.mark.expected_logs("Forbidden (CSRF token missing.)")
def test_every_public_post_needs_its_csrf_token(users: dict[str, Any]) -> None:
    term, key = signed_terminal(AGENCY_A, "0001")
    worker_uid, _ = register(term, 2)
    slip = _slip(key, worker_uid)
    path = slip[slip.index("/S/") :]
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(path).status_code == 200  # the slip is good: a refusal below is CSRF's
    scores = {"punctuality": "5", "attitude": "5", "skill": "5", "cleanliness": "5", "comment": "好"}
    assert browser.post(path, scores).status_code == 403
    complaint = {"from": path, "what": "迟到", "when": utc_now().strftime("%Y-%m-%dT%H:%M"), "phone": "13912345678"}
    assert browser.post("/complain", complaint).status_code == 403
    assert not Complaint.objects.exists()
    # The same forms with the page's token go through (so the 403s above were the token's doing).
    token = browser.cookies["csrftoken"].value
    assert browser.post("/complain", {**complaint, "csrfmiddlewaretoken": token}).status_code == 200
    assert Complaint.objects.count() == 1


def test_a_slips_complaint_goes_to_the_agency_of_the_service_not_the_persons_new_one(users: dict[str, Any]) -> None:
    term_a, key_a = signed_terminal(AGENCY_A, "0001")
    worker_uid, number = register(term_a, 3)
    slip = _slip(key_a, worker_uid)
    [left] = push(term_a, wire(worker_uid, 2, {"reason": "离职"}, kind="worker.released"))
    assert left.status.value == "accepted"
    register(terminal(AGENCY_B, "0002"), 3)  # the same person, now with agency B

    from centre.public.complaints import file_complaint, origin_of_slip

    origin = origin_of_slip(slip)
    file_complaint(origin, "上次服务打碎了花瓶", (utc_now() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
                   "13912345678", [], utc_now())  # fmt: skip
    complaint = Complaint.objects.get()
    actions.send_to_agency(users["staff"], complaint.uid)
    assert Complaint.objects.get().agency_id == AGENCY_A
    assert not feed_of(AGENCY_B, "complaint")  # agency B never reads what happened at agency A
    assert number not in str(feed_of(AGENCY_A, "complaint"))  # nor does A get the person's new whereabouts


def _jpeg_with_gps() -> bytes:
    picture = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretCamMaker"
    exif.get_ifd(0x8825)[2] = (31.0, 14.0, 0.0)  # GPS latitude
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims `width`×`height` pixels over a tiny body (a decompression bomb's header)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def test_photos_are_pictures_and_only_the_picture_is_kept() -> None:
    from centre.public.complaints import reencoded

    kept, _, _ = reencoded(_jpeg_with_gps() + b"<script>alert(1)</script>PK\x03\x04zip")  # a polyglot's tail
    assert b"SecretCamMaker" not in kept and b"<script>" not in kept and b"PK\x03\x04" not in kept
    with Image.open(io.BytesIO(kept)) as again:
        assert again.format == "JPEG" and not again.getexif()
    for bad in (_png_claiming(9000, 9000), b"<svg onload=alert(1)>", b"%PDF-1.4 x", b"\x89PNG\r\n\x1a\n broken"):
        with pytest.raises(ComplaintRefused):
            reencoded(bad)


def test_a_typed_code_opens_only_the_slip_that_carries_it(users: dict[str, Any]) -> None:
    term_a, key_a = signed_terminal(AGENCY_A, "0001")
    term_b, key_b = signed_terminal(AGENCY_B, "0002")
    worker_a, _ = register(term_a, 4)
    worker_b, _ = register(term_b, 5)
    slip_a, slip_b = _slip(key_a, worker_a), _slip(key_b, worker_b)
    code = evalslip.decode(slip_a).claims.code

    def slip_record(term: Any, slip: str) -> None:
        own_worker = worker_a if term is term_a else worker_b  # a record may name only the agency's own worker
        data = {"worker_uid": own_worker, "contract_uid": uuid.uuid4().hex, "code": code, "slip": slip}
        [verdict] = push(term, wire(uuid.uuid4().hex, 1, data, entity="evaluation_slip", kind="evaluation_slip.issued"))
        assert verdict.status.value == "accepted"

    # Agency B claims A's code for its own slip, for A's slip, and for a link that would break the redirect.
    for claimed in (slip_b, slip_a, slip_a.replace("/S/", "/S/\r\nSet-Cookie: x=1\r\n")):
        slip_record(term_b, claimed)
    browser = Client()
    assert browser.get("/S/", {"code": code}).status_code == 404  # none of them is A's slip for A's code
    slip_record(term_a, slip_a)
    answer = browser.get("/S/", {"code": code.lower()})
    assert answer.status_code == 302 and answer["Location"] == slip_a[slip_a.index("/S/") :]


def test_spelling_a_reference_or_code_differently_is_still_the_same_one_to_the_limit(users: dict[str, Any]) -> None:
    browser = Client()
    spellings = ["TS000000-ABCDEF", "ts000000-abcdef", "TS000000ABCDEF", " TS000000 - ABCDEF", "Ts000000－ABCDEF"]
    looks = [browser.get("/complain/state", {"ref": spellings[i % 5]}).status_code for i in range(11)]  # 10/h per code
    assert looks[0] == 404 and looks[-1] == 429
    codes = ["ABCDE-FGHIJ", "abcdefghij", "ABCDE FGHIJ", "ABC-DEF-GHIJ", "abcde.fghij"]
    looks = [browser.get("/S/", {"code": codes[i % 5]}).status_code for i in range(11)]  # 10/h per code
    assert looks[0] == 404 and looks[-1] == 429


def test_the_evaluators_token_travels_only_over_tls(users: dict[str, Any]) -> None:
    from django.test import override_settings

    from centre.evaluations.standard import standard

    term, key = signed_terminal(AGENCY_A, "0001")
    worker_uid, _ = register(term, 6)
    slip = _slip(key, worker_uid)
    with override_settings(SESSION_COOKIE_SECURE=True):  # as the centre runs behind TLS
        answer = Client().post(slip[slip.index("/S/") :], {code: "4" for code in standard().codes})
    assert answer.status_code == 200
    cookie = answer.cookies["hsc_client"]
    assert cookie["secure"] and cookie["httponly"]


def test_the_slip_page_names_the_worker_and_agency_as_the_centre_knows_them(users: dict[str, Any]) -> None:
    term, key = signed_terminal(AGENCY_A, "0001")
    worker_uid, _ = register(term, 8, name="王秀英")
    contract = uuid.uuid4().hex
    lying = evalslip.SlipClaims(evalslip.slip_code(key, contract), contract, worker_uid, "李**", "上海最好家政（乙）",
                                "cleaning", TODAY, TODAY, TODAY)  # fmt: skip
    slip = evalslip.encode(lying, key, BASE)
    page = Client().get(slip[slip.index("/S/") :]).content.decode()
    assert "<td data-worker>王**</td>" in page and "<td data-agency>机构1A</td>" in page
    assert "上海最好家政" not in page and "李**" not in page


def test_a_slip_rates_once_changes_only_from_its_browser_within_7_days(users: dict[str, Any]) -> None:
    from centre.evaluations.models import Evaluation
    from centre.evaluations.standard import standard

    term, key = signed_terminal(AGENCY_A, "0001")
    worker_uid, _ = register(term, 9)
    slip = _slip(key, worker_uid)
    path = slip[slip.index("/S/") :]
    scores = {code: "5" for code in standard().codes}
    client, stranger = Client(), Client()
    assert client.post(path, scores).status_code == 200
    assert stranger.post(path, {**scores, "comment": "刷差评"}).status_code == 409  # a second rating
    assert client.post(path, {**scores, "comment": "改一下"}).status_code == 200  # the rater's own change
    tampered = path[:-6] + ("A" if path[-6] != "A" else "B") + path[-5:]
    assert client.post(tampered, scores).status_code == 400
    claims = evalslip.decode(slip).claims  # the same code on a slip for another contract of the same terminal
    other = evalslip.SlipClaims(
        claims.code, uuid.uuid4().hex, worker_uid, "王**", "甲", "cleaning", TODAY, TODAY, TODAY
    )
    moved = evalslip.encode(other, key, BASE)
    assert Client().post(moved[moved.index("/S/") :], scores).status_code == 409
    Evaluation.objects.update(created_at=utc_now() - dt.timedelta(days=7, minutes=1))
    assert client.post(path, {**scores, "comment": "过期再改"}).status_code == 409
    row = Evaluation.objects.get()
    assert (row.revision, row.comment) == (2, "改一下")
    assert [item["revision"] for item in feed_of(AGENCY_A, evalslip.FEED_KIND)] == [1, 2]


def test_a_large_phone_photo_is_decoded_small_and_kept_at_2048() -> None:
    from centre.public.complaints import KEPT_SIDE, reencoded

    picture = Image.new("RGB", (6000, 4000), "blue")
    exif = Image.Exif()
    exif[0x0112] = 6  # taken upright with the phone turned: shown rotated
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=50, exif=exif)
    kept, width, height = reencoded(out.getvalue())
    assert (width, height) == (KEPT_SIDE * 4000 // 6000, KEPT_SIDE)
    with Image.open(io.BytesIO(kept)) as again:
        assert again.size == (width, height)


def test_another_agency_cannot_train_or_rate_a_worker_before_the_worker_reaches_the_centre(
    users: dict[str, Any],
) -> None:
    from centre.evaluations.actions import summary
    from centre.evaluations.standard import standard
    from tests.sync import conftest as sync_helpers

    worker_uid = uuid.uuid4().hex  # learnt, say, from a slip agency A printed while offline
    term_b, key_b = signed_terminal(AGENCY_B, "0002")
    training = {"worker_uid": worker_uid, "passed": True, "course": "岗前培训"}
    [taken] = push(term_b, wire(uuid.uuid4().hex, 1, training, entity="training"))
    # The worker is not at the centre yet, so not B's to write about (centre/sync/ingest.py _check_references).
    assert taken.status.value == "rejected" and taken.code == "not_owner"
    slip = _slip(key_b, worker_uid)
    assert Client().post(slip[slip.index("/S/") :], {c: "5" for c in standard().codes}).status_code == 200
    identity = {"identity": {"id_number": sync_helpers.test_number(10), "name": "王秀英"}}
    [registered] = push(terminal(AGENCY_A), wire(worker_uid, 1, identity, kind="worker.registered"))
    assert registered.status.value == "accepted"
    assert not standing_of(worker_uid).training_passed
    assert summary(worker_uid).count == 0
