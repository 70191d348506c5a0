"""The centre is the authority: each attack an outsider tried on the old server, tried again against a real
centre process on SQLite and on PostgreSQL, with two agencies, revoked terminals, forged QRs and a fake centre.
Every one must be refused, and nothing of the victim may change."""

from __future__ import annotations

import itertools
import json
import os
import threading
import uuid
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests

from terminal.core.errors import SyncFault
from terminal.store.db import Database
from terminal.store.migrate import migrate
from terminal.sync import errors
from terminal.sync.client import SyncClient
from tests.server.centre_builders import CredentialOnTerminal, number_for, push_worker, qr_url
from tests.server.test_protocol import wire
from tests.sync.conftest import Terminal, enrol
from tests.sync.liveserver import LiveServer
from wirecontract.protocol import RejectCode
from wirecontract.signing import TerminalKey

AGENCY_B = ("91310000MA1FLBBBBX", "乙家政服务有限公司")
_names = itertools.count()


@pytest.fixture
def centre(live_server: LiveServer) -> LiveServer:
    """On SQLite and on PostgreSQL (tests/server/conftest.py)."""
    return live_server


@pytest.fixture
def agency_a(store: Database, centre: LiveServer) -> Terminal:
    return enrol(store, centre)


@pytest.fixture
def agency_b(tmp_path: Path, centre: LiveServer) -> Iterator[Terminal]:
    db = Database.open(tmp_path / "agency-b.db", os.urandom(32))
    migrate(db)
    yield enrol(db, centre, agency=AGENCY_B)
    db.close()


def state_of(url: str) -> str:
    return str(requests.get(url, timeout=10, headers={"Accept": "application/json"}).json()["state"])


def issued(centre: LiveServer, term: Terminal, seq: int, name: str = "王秀英",
           id_number: str = "310101199001011234") -> CredentialOnTerminal:  # fmt: skip
    client = term.client(centre.url)
    credential = CredentialOnTerminal(client, number_for(centre, term, seq), push_worker(client, name, id_number))
    assert {r.status for r in credential.issue()} == {"accepted"}
    return credential


def test_another_agency_cannot_touch_a_worker_or_a_credential(centre: LiveServer, agency_a: Terminal,
                                                              agency_b: Terminal) -> None:  # fmt: skip
    mine = issued(centre, agency_a, 1)
    url = qr_url(centre, agency_a, mine.number)
    assert state_of(url) == "valid"
    thief = agency_b.client(centre.url)
    # B writes A's worker record: a new version with a new name, number and phone.
    [renamed] = thief.push([wire(mine.worker_uid, 2, {"phone": "13900000000", "name": "李四"}, kind="worker.updated")])
    assert renamed.code == RejectCode.NOT_OWNER
    # B revokes, then un-revokes, A's credential under A's record uid and as a record of its own.
    stolen = CredentialOnTerminal(thief, mine.number, mine.worker_uid, uid=mine.uid, record_version=4)
    assert stolen.send("revoked").code == RejectCode.NOT_OWNER
    own_uid = CredentialOnTerminal(thief, mine.number, mine.worker_uid)
    assert own_uid.send("applied").code in (RejectCode.NOT_OWNER, RejectCode.NUMBER_OUT_OF_RANGE)
    # B files records about A's worker.
    [record] = thief.push([wire(uuid.uuid4().hex, 1, {"worker_uid": mine.worker_uid, "summary": "x"}, entity="complaint")])
    assert record.code == RejectCode.NOT_OWNER
    assert centre.record_version("worker", mine.worker_uid) == 1
    assert state_of(url) == "valid"


def test_a_push_never_undoes_the_centres_revocation(centre: LiveServer, agency_a: Terminal) -> None:
    credential = issued(centre, agency_a, 2)
    url = qr_url(centre, agency_a, credential.number)
    centre.set_credential_status(credential.number, "revoked", "中心核查：信息不实")
    # The terminal, offline, reprints and issues the card again, then syncs.
    refused = credential.send("approved", new_version=True)
    assert refused.code == RejectCode.CENTRE_DECISION and "revoked" in (refused.reason or "")
    assert credential.send("printed").code == RejectCode.CENTRE_DECISION
    assert credential.send("issued").code == RejectCode.CENTRE_DECISION
    assert state_of(url) == "revoked"
    # Agreeing with the centre is accepted (the terminal applied the pulled revocation).
    assert credential.send("revoked").status == "accepted"


def test_suspension_and_an_adverse_check_stand(centre: LiveServer, agency_a: Terminal) -> None:
    credential = issued(centre, agency_a, 3)
    centre.set_credential_status(credential.number, "suspended", "投诉核查中")
    credential.state = "suspended"
    assert credential.send("issued").code == RejectCode.CENTRE_DECISION  # only the centre lifts its suspension
    centre.set_credential_status(credential.number, "valid", "核查完毕")
    assert state_of(qr_url(centre, agency_a, credential.number)) == "valid"
    client = agency_a.client(centre.url)
    blocked = CredentialOnTerminal(client, number_for(centre, agency_a, 4),
                                   push_worker(client, "赵六", "310101198502021233"))  # fmt: skip
    centre.post_check_result("310101198502021233", "adverse")
    assert blocked.send("applied").status == "accepted"
    assert blocked.send("approved").code == RejectCode.CENTRE_DECISION


def test_forged_qr_codes_are_refused(centre: LiveServer, agency_a: Terminal, agency_b: Terminal) -> None:
    real = issued(centre, agency_a, 5)
    # B's terminal signs A's real number with a made-up holder.
    assert state_of(qr_url(centre, agency_b, real.number, name="冒名者")) == "refused"
    # A's own key, a made-up holder: the claims disagree with the centre's record.
    assert state_of(qr_url(centre, agency_a, real.number, name="冒名者")) == "refused"
    # An invented number in B's range: not "valid", not "signature valid".
    invented = number_for(centre, agency_b, 99)
    html = requests.get(qr_url(centre, agency_b, invented), timeout=10).text
    assert 'data-state="unsynced"' in html and "签名有效" not in html and "有效期" not in html
    # After B's terminal is revoked as compromised, nothing it signed is believed.
    centre.command("terminal", "revoke", agency_b.terminal_id, "--reason", "被盗", "--compromised")
    assert state_of(qr_url(centre, agency_b, invented)) == "refused"
    with pytest.raises(errors.TerminalRevoked):
        agency_b.client(centre.url).receipt()
    # Sequential numbers cannot be walked on a public page.
    assert requests.get(f"{centre.url}/c/{real.number}", timeout=10).status_code == 404


def test_trust_list_is_signed_and_says_which_keys_count(centre: LiveServer, agency_a: Terminal,
                                                        agency_b: Terminal) -> None:  # fmt: skip
    from wirecontract.protocol import canonical_json
    from wirecontract.signing import b64url_decode, verify

    centre.command("terminal", "revoke", agency_b.terminal_id, "--reason", "停用")
    body = requests.get(f"{centre.url}/v1/trust-list", timeout=10).json()
    signature = b64url_decode(body.pop("signature"))
    assert verify(agency_a.centre_key, canonical_json(body), signature)
    keys = {k["key_id"]: k for agency in body["agencies"] for k in agency["keys"]}
    assert keys[agency_a.key.key_id]["status"] == "active"
    assert keys[agency_b.key.key_id]["status"] == "retired" and keys[agency_b.key.key_id]["valid_until"]


def test_enrolment_codes_are_bound_single_use_and_expire(centre: LiveServer, agency_a: Terminal) -> None:
    code = centre.enrolment_code()  # for agency A
    with pytest.raises(errors.EnrolmentAgencyMismatch):
        SyncClient(centre.url, TerminalKey.generate()).enrol(code, AGENCY_B[0], AGENCY_B[1], "冒充")
    expired = centre.command("enrol-code", "--agency", agency_a_id(centre), "--hours", "0").stdout.split()[-1]
    with pytest.raises(errors.EnrolmentCodeExpired):
        SyncClient(centre.url, TerminalKey.generate()).enrol(expired, "", "", "t")
    listed = centre.command("terminal", "list").stdout
    assert agency_a.terminal_id in listed and "active" in listed


def agency_a_id(centre: LiveServer) -> str:
    return str(centre.query("SELECT id FROM agencies ORDER BY id LIMIT 1")[0][0])


def test_the_feed_reaches_only_the_persons_agency(centre: LiveServer, agency_a: Terminal, agency_b: Terminal) -> None:
    issued(centre, agency_a, 6, id_number="310101199003031239")
    centre.post_check_result("310101199003031239", "adverse")
    page = agency_b.client(centre.url).pull(None)
    assert all("310101199003031239" not in json.dumps(change) for change in page.changes)
    assert any(c["kind"] == "background_check" for c in agency_a.client(centre.url).pull(None).changes)


def test_identity_rules_at_the_centre(centre: LiveServer, agency_a: Terminal, agency_b: Terminal) -> None:
    a = agency_a.client(centre.url)
    push_worker(a, "钱七", "31010119900404105X")
    b = agency_b.client(centre.url)
    # A card block with a lower-case check letter, and the stated number written differently from the block's.
    lower_case_card = wire(uuid.uuid4().hex, 1, {"identity": {"id_number": "31010119900404105x", "name": "钱七"}})
    assert b.push([lower_case_card])[0].code == RejectCode.IDENTITY_REGISTERED_ELSEWHERE
    for disguised in ("31010119900404105x", " 31010119900404105X", "３１０１０１１９９００４０４１０５Ｘ"):
        event = wire(uuid.uuid4().hex, 1, {"identity": {"id_number": "31010119900404105X", "name": "钱七"}})
        event["payload"]["identity"]["id_number"] = disguised
        [result] = b.push([event])
        assert result.code == RejectCode.IDENTITY_REGISTERED_ELSEWHERE, disguised
        assert b.registered_elsewhere(disguised) is True
    # A card read whose block is not the one its provenance hashed, or that states another person than its block.
    swapped = wire(uuid.uuid4().hex, 1, {"identity": {"id_number": "310101199009091232", "name": "某人"}})
    swapped["provenance"]["raw_sha256"] = "0" * 64
    assert b.push([swapped])[0].code == RejectCode.IDENTITY_NOT_FROM_CARD
    renamed_read = wire(uuid.uuid4().hex, 1, {"identity": {"id_number": "310101199009091232", "name": "某人"}})
    renamed_read["payload"]["identity"]["name"] = "别人"
    assert b.push([renamed_read])[0].code == RejectCode.IDENTITY_NOT_FROM_CARD
    # A hand-built read: typed fields, no reader provenance.
    hand_built = wire(uuid.uuid4().hex, 1, {"identity": {"id_number": "310101199005051233", "name": "假人"}})
    hand_built["provenance"] = {"reader": "", "simulated": False}
    assert b.push([hand_built])[0].code == RejectCode.MISSING_PROVENANCE
    # A later event that carries identity fields: a rename is not a card read.
    uid = push_worker(b, "孙八", "310101199006061230")
    [renamed] = b.push([wire(uid, 2, {"identity": {"id_number": "310101199006061230", "name": "改名"}},
                             kind="worker.updated")])  # fmt: skip
    assert renamed.code == RejectCode.IDENTITY_NOT_FROM_CARD


def test_leaving_an_agency_lets_another_register_the_person(centre: LiveServer, agency_a: Terminal,
                                                            agency_b: Terminal) -> None:  # fmt: skip
    credential = issued(centre, agency_a, 7, "周九", "310101199007071238")
    b = agency_b.client(centre.url)
    person = {"identity": {"id_number": "310101199007071238", "name": "周九"}}
    assert b.push([wire(uuid.uuid4().hex, 1, person)])[0].code == RejectCode.IDENTITY_REGISTERED_ELSEWHERE
    refused = centre.command("release", "310101199007071238", "--reason", "离职", check=False)
    assert refused.returncode == 1 and "请先注销" in refused.stderr  # a live credential: revoke it first
    assert credential.send("revoked", reason="离职").status == "accepted"
    centre.command("release", "310101199007071238", "--reason", "离职")
    assert b.push([wire(uuid.uuid4().hex, 1, person)])[0].status == "accepted"
    history = centre.query("SELECT agency_id, released_at FROM identity_registry WHERE id_number = ?",
                           "310101199007071238")  # fmt: skip
    assert len(history) == 2 and sum(1 for _agency, released in history if released is None) == 1


def test_a_complaint_the_agency_resolves_is_closed_at_the_centre(centre: LiveServer, agency_a: Terminal) -> None:
    issued(centre, agency_a, 8, "吴十", "310101199008081235")
    out = centre.command("complaint", "310101199008081235", "--summary", "服务态度差").stdout
    uid = out.split()[1]
    # The terminal counts the centre's copy as version 1, so its resolution is version 2 (usecases/records.py).
    [result] = agency_a.client(centre.url).push([wire(uid, 2, {"status": "resolved", "response": "已道歉"},
                                                      entity="complaint", kind="complaint.resolved")])  # fmt: skip
    assert result.status == "accepted"
    assert centre.query("SELECT status FROM complaints WHERE uid = ?", uid)[0][0] == "resolved"


class _FakeCentre:
    """A server on the terminal's configured address that answers whatever it likes, signed with its own key."""

    def __init__(self, answer: Mapping[str, object], key: TerminalKey) -> None:
        body = json.dumps(answer).encode()
        from wirecontract.signing import b64url

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("X-Centre-Signature", b64url(key.sign(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, format: str, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> _FakeCentre:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.expected_logs("not signed by the pinned centre key")
def test_a_fake_centre_is_not_believed(centre: LiveServer, agency_a: Terminal) -> None:
    feed = {"changes": [{"seq": 1, "kind": "credential.revoked", "data": {"credential_no": "X", "reason": "fake"}},
                        {"seq": 2, "kind": "background_check", "data": {"id_number": "1", "result": "adverse"}}],
            "cursor": "2", "more": False, "server_time": "2026-11-29T00:00:00Z"}  # fmt: skip
    with _FakeCentre(feed, TerminalKey.generate()) as fake:
        with pytest.raises(errors.UntrustedAnswer):
            agency_a.client(fake.url).pull(None)
        enrol_answer = {"terminal_id": "T1", "agency_id": "A", "agency_name": "a", "key_id": "k",
                        "terminal_number": "0001", "centre_public_key": "A" * 43, "server_time": "x"}  # fmt: skip
    with _FakeCentre(enrol_answer, TerminalKey.generate()) as fake, pytest.raises(errors.NotOurCentre):
        SyncClient(fake.url, TerminalKey.generate()).enrol(centre.enrolment_code(), "", "", "t")
    with pytest.raises(errors.InsecureCentreAddress):
        SyncClient("http://centre.example.cn", agency_a.key, agency_a.terminal_id, centre_key=agency_a.centre_key)
    with pytest.raises(SyncFault):
        SyncClient("ftp://127.0.0.1", agency_a.key)


def test_public_pages_say_not_issued_and_send_no_store(centre: LiveServer, agency_a: Terminal) -> None:
    client = agency_a.client(centre.url)
    credential = CredentialOnTerminal(client, number_for(centre, agency_a, 9), push_worker(client, "郑一", "310101199009091232"))
    assert credential.send("applied").status == "accepted"
    response = requests.get(qr_url(centre, agency_a, credential.number, name="郑一"), timeout=10)
    assert 'data-state="not_issued"' in response.text
    assert "no-store" in response.headers.get("Cache-Control", "")
    assert "default-src" in response.headers.get("Content-Security-Policy", "")


def test_a_credential_keeps_its_holder_and_the_holder_must_be_registered(centre: LiveServer, agency_a: Terminal) -> None:
    client = agency_a.client(centre.url)
    blocked_uid = push_worker(client, "张三", "310101198502021233")
    centre.post_check_result("310101198502021233", "adverse")
    credential = CredentialOnTerminal(client, number_for(centre, agency_a, 10), blocked_uid)
    assert credential.send("applied").status == "accepted"
    assert credential.send("approved").code == RejectCode.CENTRE_DECISION
    # The same credential with another (made-up) holder, to slip past the adverse check.
    credential.worker_uid = "phantom" + uuid.uuid4().hex[:8]
    assert credential.send("approved").code == RejectCode.NOT_OWNER  # nobody this agency registered at the centre
    # A new credential for a worker the centre never registered.
    phantom = CredentialOnTerminal(client, number_for(centre, agency_a, 11), "phantom" + uuid.uuid4().hex[:8])
    assert phantom.send("applied").code == RejectCode.NOT_OWNER
    # Renaming or wiping the person's identity by a later worker event, then trying again.
    updates: list[dict[str, Any]] = [{"identity": {"name": "王五"}}, {"id_number": ""}, {"card_read": {}}]
    for fields in updates:
        update = wire(blocked_uid, 2, {"phone": "13900000000"}, kind="worker.updated")
        update["payload"] = fields  # as an attacker builds it: no card read beside the fields
        [renamed] = client.push([update])
        assert renamed.code == RejectCode.IDENTITY_NOT_FROM_CARD, fields
    again = CredentialOnTerminal(client, number_for(centre, agency_a, 12), blocked_uid)
    assert again.send("applied").status == "accepted"
    assert again.send("approved").code == RejectCode.CENTRE_DECISION


def test_leaving_needs_the_card_revoked_first(centre: LiveServer, agency_a: Terminal, agency_b: Terminal) -> None:
    credential = issued(centre, agency_a, 13, "冯二", "310101199005051233")
    a = agency_a.client(centre.url)
    [early] = a.push([wire(credential.worker_uid, 2, {"reason": "离职"}, kind="worker.released")])
    assert early.code == RejectCode.CENTRE_DECISION
    person = {"identity": {"id_number": "310101199005051233", "name": "冯二"}}
    assert agency_b.client(centre.url).push([wire(uuid.uuid4().hex, 1, person)])[0].code == \
        RejectCode.IDENTITY_REGISTERED_ELSEWHERE
    assert credential.send("revoked", reason="离职").status == "accepted"
    [released] = a.push([wire(credential.worker_uid, 3, {"reason": "离职"}, kind="worker.released")])
    assert released.status == "accepted"
    after = CredentialOnTerminal(a, number_for(centre, agency_a, 14), credential.worker_uid)
    assert after.send("applied").code == RejectCode.CENTRE_DECISION  # a released worker's cards can only end
    assert agency_b.client(centre.url).push([wire(uuid.uuid4().hex, 1, person)])[0].status == "accepted"


def test_a_stated_name_must_be_the_cards(centre: LiveServer, agency_a: Terminal) -> None:
    event = wire(uuid.uuid4().hex, 1, {"identity": {"id_number": "310101199008081235", "name": "吴十"}})
    del event["payload"]["identity"]["name"]
    event["payload"]["identity"]["english_name"] = "MALLORY"
    assert agency_a.client(centre.url).push([event])[0].code == RejectCode.IDENTITY_NOT_FROM_CARD


def test_decisions_about_an_unregistered_person_stay_at_the_centre(centre: LiveServer, agency_a: Terminal,
                                                                   agency_b: Terminal) -> None:  # fmt: skip
    centre.post_check_result("310101199009091232", "adverse")
    for term in (agency_a, agency_b):
        changes = term.client(centre.url).pull(None).changes
        assert all("310101199009091232" not in json.dumps(change) for change in changes)


def test_another_agencys_parked_versions_are_never_applied(centre: LiveServer, agency_a: Terminal,
                                                           agency_b: Terminal) -> None:  # fmt: skip
    uid = uuid.uuid4().hex
    [parked] = agency_b.client(centre.url).push([wire(uid, 2, {"summary": "B 的内容"}, entity="service_contract")])
    assert parked.status == "accepted"  # parked, waiting for version 1
    [first] = agency_a.client(centre.url).push([wire(uid, 1, {"summary": "A 的内容"}, entity="service_contract")])
    assert first.status == "accepted"
    assert centre.record_version("service_contract", uid) == 1


def test_back_office_sign_in_is_rate_limited(centre: LiveServer) -> None:
    session = requests.Session()
    session.get(f"{centre.url}/admin/login/", timeout=10)
    token = session.cookies.get("csrftoken", "")
    statuses = [session.post(f"{centre.url}/admin/login/", timeout=30,
                             data={"username": "nobody", "password": "guess", "csrfmiddlewaretoken": token}).status_code
                for _ in range(20)]  # fmt: skip
    # Refused from the 5th guess on: django-axes locks the name at its 5th failure (the per-client rate limit
    # would refuse later).
    assert 429 not in statuses[:4] and set(statuses[4:]) == {429}
