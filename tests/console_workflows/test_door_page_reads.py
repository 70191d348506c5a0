"""The verification page reads a scanned card in two statements (the signer with its right to the number, then the
credential with everything the page shows of its holder and agency), on SQLite and PostgreSQL, and shows what the
rules one at a time say: the count is checked so that it cannot creep back (it was 13, the page's p99 5–10 s
under the push load: issue #19)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.attacks.conftest import signed_terminal
from tests.console_workflows.centre_data import AGENCY_A, AGENCY_B, push, register
from tests.server.test_protocol import wire
from wirecontract.protocol import shanghai_today, utc_now
from wirecontract.qrpayload import CredentialClaims, encode

BASE = "http://testserver"
NAME = "王秀英"
MOST_STATEMENTS = 1  # the signer with the record (standing.door_record_and_signer)


def _card(term: Any, key: Any, worker_uid: str, seq: int) -> tuple[str, str]:
    """A credential of `worker_uid` taken to issued by `term`; (its number, its page's path)."""
    today = shanghai_today()
    number = f"SH{today.year}{term.terminal_number}{seq:05d}"
    until = today + dt.timedelta(days=365)
    uid = uuid.uuid4().hex
    for version, state in enumerate(("applied", "approved", "printed", "issued"), start=1):
        payload = {"credential_no": number, "worker_uid": worker_uid, "version": 1, "state": state,
                   "valid_from": today.isoformat(), "valid_to": until.isoformat()}  # fmt: skip
        [verdict] = push(term, wire(uid, version, payload, entity="credential", kind=f"credential.{state}"))
        assert verdict.status.value == "accepted", verdict
    claims = CredentialClaims(number, 1, NAME, "310101********1234", "甲家政", ("cleaning",), today, until)
    qr = encode(claims, key, BASE)
    return number, qr[qr.index("/V/") :]


def _facts(term_a: Any, worker_uid: str, id_number: str, number: str) -> None:
    """Everything the page shows beside the light, with rows each rule must leave out."""
    from centre.analytics.models import CreditGrade
    from centre.complaints.models import Complaint
    from centre.credentials.models import WorkerPhoto
    from centre.evaluations.models import Evaluation
    from centre.sync.models import BackgroundCheck, Record

    now = utc_now()
    BackgroundCheck.objects.create(id_number=id_number, result="pending", checked_at=now - dt.timedelta(days=2))
    BackgroundCheck.objects.create(id_number=id_number, result="clear", checked_at=now)
    for about, status in (({"id_number": id_number}, "with_agency"), ({"credential_no": number}, "escalated"),
                          ({"id_number": id_number}, "registered"), ({"credential_no": number}, "closed")):  # fmt: skip
        Complaint.objects.create(uid=uuid.uuid4().hex, summary="迟到", received_at=now, status=status, **about)
    Complaint.objects.create(uid=uuid.uuid4().hex, summary="别人", received_at=now, status="with_agency")  # no one's
    for agency, overall in ((AGENCY_A, 4.0), (AGENCY_A, 5.0), (AGENCY_B, 1.0)):  # B never registered the worker
        Evaluation.objects.create(uid=uuid.uuid4().hex[:32], contract_uid=uuid.uuid4().hex, code=uuid.uuid4().hex[:16],
                                  worker_uid=worker_uid, agency_id=agency, service_type="cleaning", scores={},
                                  overall=overall, editor_hash="x", created_at=now, updated_at=now)  # fmt: skip
    CreditGrade.objects.create(subject="agency", subject_id=AGENCY_A, agency_id=AGENCY_A, district="黄浦区", score=90,
                               grade="4A", contributions=[], rule_version=1, computed_at=now, as_of=now.date())  # fmt: skip
    WorkerPhoto.objects.create(worker_uid=worker_uid, agency_id=AGENCY_A, mime="image/jpeg", data=b"\xff\xd8photo",
                               source="camera", record_version=1, updated_at=now)  # fmt: skip
    profile = {"phone": "021-12345678", "address": "黄浦区中山东一路1号"}
    Record.objects.create(entity="agency", entity_uid=uuid.uuid4().hex, version=1, agency_id=AGENCY_A, data=profile,
                          updated_at=now)  # fmt: skip
    [trained] = push(term_a, wire(uuid.uuid4().hex, 1, {"worker_uid": worker_uid, "passed": True}, entity="training"))
    assert trained.status.value == "accepted", trained


def _get(path: str, json: bool = False) -> tuple[Any, int]:
    from django.core.cache import caches

    caches["ratelimit"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path, HTTP_ACCEPT="application/json" if json else "text/html")
    return response, len(queries.captured_queries)


def test_the_page_reads_a_card_in_one_statement_and_shows_what_each_rule_says(centre_db: str) -> None:
    from centre.credentials.standing import agency_card, door_record, standing_of
    from centre.credentials.worker_photos import photo_for_page
    from centre.evaluations.actions import summary
    from centre.signing_key import ensure_signing_key

    ensure_signing_key()  # the page gives phones the centre's public key

    term_a, key_a = signed_terminal(AGENCY_A, "0001")
    signed_terminal(AGENCY_B, "0002")
    worker_uid, id_number = register(term_a, 31, NAME)
    number, path = _card(term_a, key_a, worker_uid, 1)
    _, plain = _get(path, json=True)  # nothing beside the credential yet
    _facts(term_a, worker_uid, id_number, number)

    html, statements = _get(path)
    assert statements <= MOST_STATEMENTS
    page = html.content.decode("utf-8")
    assert html.status_code == 200 and 'data-state="valid"' in page and "王**" in page
    assert NAME not in page and id_number not in page
    assert "2 件投诉正在处理" in page  # with the agency + escalated; neither the registered nor the closed one
    assert "背景审查：无不良记录" in page and "岗前培训合格" in page  # the latest check; the own agency's training
    assert 'data-rating="2"' in page and "4.5 / 5" in page  # agency B's rating left out
    assert "021-12345678" in page and "中山东一路" in page and ">4A<" in page
    assert 'data-photo="camera"' in page and "data:image/jpeg;base64," in page

    answer, statements = _get(path, json=True)
    assert statements <= MOST_STATEMENTS and plain <= MOST_STATEMENTS
    body = answer.json()
    assert body["state"] == "valid" and body["light"] == "yellow" and body["holder"] == "王**"
    assert "photo" not in answer.content.decode("utf-8") and "021-12345678" not in answer.content.decode("utf-8")

    # The one statement says what the rules asked one at a time say.
    door = door_record(number, with_page=True)
    assert door is not None and door.page is not None
    assert door.standing == standing_of(worker_uid)
    assert door.page.agency == agency_card(AGENCY_A) and door.page.summary == summary(worker_uid)
    assert door.page.photo == photo_for_page(worker_uid, AGENCY_A)
    assert door_record(number + "9", with_page=False) is None


def test_a_card_of_another_agencys_range_or_unknown_to_the_centre(centre_db: str) -> None:
    term_a, key_a = signed_terminal(AGENCY_A, "0003")
    _, key_b = signed_terminal(AGENCY_B, "0004")
    worker_uid, _ = register(term_a, 32, NAME)
    _, path = _card(term_a, key_a, worker_uid, 2)
    today = shanghai_today()
    until = today + dt.timedelta(days=365)
    # A number the centre holds no record of costs a second statement: its signer read on its own.
    for signer, number, state, most in ((key_b, f"SH{today.year}000300002", "refused", 1),  # A's range, signed by B
                                        (key_a, f"SH{today.year}000300099", "unsynced", 2),  # A's, never pushed
                                        (key_a, f"SH{today.year}000400001", "refused", 2)):  # B's range, signed by A  # fmt: skip
        qr = encode(CredentialClaims(number, 1, NAME, "310101********1234", "甲家政", ("cleaning",), today, until),
                    signer, BASE)  # fmt: skip
        answer, statements = _get(qr[qr.index("/V/") :], json=True)
        assert statements <= most and answer.json()["state"] == state, (number, statements, answer.json())
    assert _get(path, json=True)[0].json()["state"] == "valid"
