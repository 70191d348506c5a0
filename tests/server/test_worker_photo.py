"""The worker's photo (the face printed on the card) goes to the centre with the registration and appears on the
verification page for every credential the centre holds, so the consumer at the door can compare the face; never
for a QR the centre cannot vouch for, never in the JSON answer. Against a real centre process on SQLite and
PostgreSQL (tests/server/conftest.py)."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PIL import Image

from centre.limits import PUSH_BODY_LIMIT
from terminal.core.roles import Action, Role
from terminal.store.db import Database
from terminal.store.home import Home
from terminal.store.migrate import migrate
from terminal.sync.client import SyncClient
from terminal.sync.wiring import engine_for, enrol_terminal
from terminal.usecases import credentials, printing, setup
from terminal.usecases.registration import PhotoSource, Scan
from tests.builders import actor, agency, profile, register_eligible, sign_in_staff
from tests.server.centre_builders import TODAY, CredentialOnTerminal, number_for, push_worker, qr_url
from tests.server.postgres import PrivatePostgres
from tests.server.test_protocol import wire
from tests.sync.conftest import Terminal, enrol
from tests.sync.liveserver import LiveServer
from wirecontract import idnumber
from wirecontract.photo import MAX_PHOTO_BYTES, PHOTO_BOX, WirePhoto
from wirecontract.protocol import DEFAULT_PUSH_BATCH
from wirecontract.signing import TerminalKey, b64url

AGENCY_B = ("91310000MA1FLBBBBX", "乙家政服务有限公司")
_DATA_URL = re.compile(r'<img src="data:(image/[a-z]+);base64,([A-Za-z0-9+/=]+)"')


def jpeg(size: tuple[int, int] = (102, 126), colour: tuple[int, int, int] = (180, 150, 130)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def card_photo(colour: tuple[int, int, int] = (180, 150, 130)) -> WirePhoto:
    return WirePhoto("image/jpeg", jpeg(colour=colour), "card")


def html(url: str) -> str:
    response = requests.get(url, timeout=10)
    assert response.status_code == 200
    return response.text


def shown(url: str) -> tuple[str, bytes | None]:
    """The page's state and the photo it shows (None: no photo element at all)."""
    text = html(url)
    state = re.search(r'data-state="(\w+)"', text)
    assert state is not None
    found = _DATA_URL.search(text)
    return state.group(1), None if found is None else base64.b64decode(found.group(2))


def worker_with_photo(client: SyncClient, photo: WirePhoto, id_number: str = "310101199001011234") -> str:
    return push_worker(client, id_number=id_number, photo=photo.to_json())


def test_the_photo_is_shown_in_every_state_of_a_credential_the_centre_holds(
    live_server: LiveServer, terminal: Terminal
) -> None:
    client = terminal.client(live_server.url)
    photo = card_photo()
    credential = CredentialOnTerminal(client, number_for(live_server, terminal, 1), worker_with_photo(client, photo))
    url = qr_url(live_server, terminal, credential.number)
    assert credential.send("applied").status == "accepted"
    assert shown(url) == ("not_issued", photo.data)
    assert {credential.send(s).status for s in ("approved", "printed", "issued")} == {"accepted"}
    assert shown(url) == ("valid", photo.data)
    page = html(url)  # the photo's source as data (the card's own), the caption in the page's one language
    assert 'data-photo="card"' in page and "请核对上门人员是否为本人" in page
    answer = requests.get(url, timeout=10, headers={"Accept": "application/json"})
    assert answer.json()["state"] == "valid" and "photo" not in answer.json() and "data:image" not in answer.text
    assert credential.send("approved", new_version=True).status == "accepted"  # a reprint: the old card
    assert shown(url) == ("replaced", photo.data)
    assert credential.send("printed").status == "accepted" and credential.send("issued").status == "accepted"
    current = qr_url(live_server, terminal, credential.number, version=2)
    live_server.set_credential_status(credential.number, "suspended", "核查中")
    assert shown(current) == ("suspended", photo.data)
    live_server.set_credential_status(credential.number, "revoked", "违规")
    assert shown(current) == ("revoked", photo.data)

    lapsed = CredentialOnTerminal(client, number_for(live_server, terminal, 2), credential.worker_uid)
    assert {r.status for r in lapsed.issue(health_valid_to=(TODAY - dt.timedelta(days=1)).isoformat())} == {"accepted"}
    assert shown(qr_url(live_server, terminal, lapsed.number)) == ("attention", photo.data)
    old = CredentialOnTerminal(client, number_for(live_server, terminal, 3), credential.worker_uid)
    assert {r.status for r in old.issue()} == {"accepted"} and old.send("expired").status == "accepted"
    assert shown(qr_url(live_server, terminal, old.number)) == ("expired", photo.data)


def test_no_photo_where_the_centre_vouches_for_no_one(live_server: LiveServer, terminal: Terminal) -> None:
    client = terminal.client(live_server.url)
    credential = CredentialOnTerminal(client, number_for(live_server, terminal, 1),
                                      worker_with_photo(client, card_photo()))  # fmt: skip
    assert {r.status for r in credential.issue()} == {"accepted"}
    assert shown(qr_url(live_server, terminal, credential.number))[1] is not None
    unsynced = html(qr_url(live_server, terminal, number_for(live_server, terminal, 2)))
    assert 'data-state="unsynced"' in unsynced and "data-photo" not in unsynced
    # A QR the centre's record disagrees with (another holder's name) and one signed by no enrolled terminal,
    # both for the real credential: a forger must not get the real holder's face shown.
    disagreeing = html(qr_url(live_server, terminal, credential.number, name="李四"))
    forged_key = Terminal(terminal.db, TerminalKey.generate(), "T0", b"")
    forged = html(qr_url(live_server, forged_key, credential.number))
    for page in (disagreeing, forged):
        assert 'data-state="refused"' in page and "data-photo" not in page and "data:image" not in page
    unknown = requests.get(f"{live_server.url}/V/NOTAPAYLOAD", timeout=10).text
    assert "data-photo" not in unknown


def test_a_credential_without_a_photo_says_so(live_server: LiveServer, terminal: Terminal) -> None:
    client = terminal.client(live_server.url)
    credential = CredentialOnTerminal(client, number_for(live_server, terminal, 1), push_worker(client))
    assert {r.status for r in credential.issue()} == {"accepted"}
    page = html(qr_url(live_server, terminal, credential.number))
    assert 'data-photo="none"' in page and "没有持证人的照片" in page and "data:image" not in page


def test_a_photo_outside_the_contract_refuses_the_registration(live_server: LiveServer, terminal: Terminal) -> None:
    client = terminal.client(live_server.url)
    good = card_photo().to_json()
    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, "PNG")
    oversize = jpeg() + b"\0" * MAX_PHOTO_BYTES  # still a JPEG's first bytes, one photo's worth too long
    bad = {
        "oversize": {**good, "data": b64url(oversize)},
        "not the type it says": {**good, "data": b64url(png.getvalue())},
        "unknown source": {**good, "source": "scanner"},
        "bmp": {**good, "mime": "image/bmp"},
        "not base64": {**good, "data": "%%%%"},
        "not an object": "data:image/jpeg;base64,AAAA",
    }
    for i, (what, photo) in enumerate(bad.items()):
        uid = uuid.uuid4().hex
        identity = {"id_number": idnumber.make_valid_18(f"31010119900102{i:03d}"), "name": "王秀英"}
        [result] = client.push([wire(uid, 1, {"identity": identity, "photo": photo}, kind="worker.registered")])
        assert (result.status, result.code) == ("rejected", "invalid_payload"), what
        assert live_server.record_version("worker", uid) is None, what
    assert live_server.query("SELECT count(*) FROM worker_photos") == [(0,)]


def test_a_later_worker_event_replaces_the_photo_and_only_the_owner_may(
    live_server: LiveServer, terminal: Terminal, tmp_path: Path
) -> None:
    client = terminal.client(live_server.url)
    first, second = card_photo((10, 20, 30)), WirePhoto("image/jpeg", jpeg(colour=(200, 10, 10)), "camera")
    uid = worker_with_photo(client, first)
    credential = CredentialOnTerminal(client, number_for(live_server, terminal, 1), uid)
    assert {r.status for r in credential.issue()} == {"accepted"}
    url = qr_url(live_server, terminal, credential.number)
    [changed] = client.push([wire(uid, 2, {"photo": second.to_json()}, kind="worker.photo_changed")])
    assert changed.status == "accepted"
    assert shown(url) == ("valid", second.data) and 'data-photo="camera"' in html(url)  # the source, as data
    other_db = Database.open(tmp_path / "agency-b.db", os.urandom(32))
    try:
        migrate(other_db)
        other = enrol(other_db, live_server, agency=AGENCY_B).client(live_server.url)
        [refused] = other.push([wire(uid, 3, {"photo": first.to_json()}, kind="worker.photo_changed")])
        assert (refused.status, refused.code) == ("rejected", "not_owner")
    finally:
        other_db.close()
    assert shown(url) == ("valid", second.data)
    # The worker's record keeps the rest of the payload; the photo lives in its own table only.
    [(data,)] = live_server.query("SELECT data FROM records WHERE entity = 'worker' AND entity_uid = ?", uid)
    record = data if isinstance(data, dict) else json.loads(data)
    assert "photo" not in record and record["identity"]["name"] == "王秀英"


def test_the_page_stays_small_with_the_largest_photo(live_server: LiveServer, terminal: Terminal) -> None:
    client = terminal.client(live_server.url)
    largest = jpeg()
    largest += b"\0" * (MAX_PHOTO_BYTES - len(largest))  # a browser ignores what follows the image
    uid = worker_with_photo(client, WirePhoto("image/jpeg", largest, "file"))
    credential = CredentialOnTerminal(client, number_for(live_server, terminal, 1), uid)
    assert {r.status for r in credential.issue()} == {"accepted"}
    response = requests.get(qr_url(live_server, terminal, credential.number), timeout=10)
    assert base64.b64decode(_DATA_URL.search(response.text).group(2)) == largest  # type: ignore[union-attr]
    without_photo = len(response.content) - len(base64.b64encode(largest))
    # A phone on a slow line: the photo's base64 and a page of about 2.3 KB without it (the door light's reasons
    # and the offline signature check came after the 1.5 KB page of the first photos).
    assert len(response.content) < 30 * 1024 and without_photo < 3 * 1024


def test_a_push_of_registrations_with_photos_at_the_bound_fits_the_push_body_limit() -> None:
    """The terminal sends DEFAULT_PUSH_BATCH events at a time; all of them registrations with the largest photo
    must still be a body the centre reads."""
    identity = {"id_number": "310101199001011234", "name": "王秀英"}
    event = wire(uuid.uuid4().hex, 1, {"identity": identity, "phone": "13912345678", "service_types": ["cleaning"],
                                       "registered_at": dt.datetime.now(dt.UTC).isoformat(),
                                       "photo": WirePhoto("image/jpeg", b"\xff" * MAX_PHOTO_BYTES, "card").to_json()},
                 kind="worker.registered")  # fmt: skip
    assert event["provenance"] and event["payload"]["card_read"]  # as a production centre needs them
    body = json.dumps({"events": [event] * DEFAULT_PUSH_BATCH}).encode()
    assert len(body) < PUSH_BODY_LIMIT * 0.95, len(body)


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_centre(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    """A demo centre (the terminal's test card reads are simulated) on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        server = LiveServer(tmp_path / "centre.db", demo=True)
    else:
        pg: PrivatePostgres = request.getfixturevalue("cluster")
        server = LiveServer(pg.create_database(f"photo{uuid.uuid4().hex[:8]}"), demo=True)
    server.start()
    yield server
    server.stop()


def test_the_photo_registered_at_the_terminal_is_on_the_page_its_card_opens(
    demo_centre: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERMINAL_UNLOCK_SECRET", "photo-secret-1")
    home = Home(tmp_path / "home")
    setup.init_home(home, agency(), "admin", "A", "admin1234", unlock_secret="photo-secret-1")
    db = home.open()
    try:
        sign_in_staff(db)
        enrol_terminal(db, demo_centre.code_for(db), demo_centre.url)
        camera = io.BytesIO()
        Image.frombytes("RGB", (1600, 1200), os.urandom(1600 * 1200 * 3)).save(camera, "JPEG", quality=95)
        assert len(camera.getvalue()) > 10 * MAX_PHOTO_BYTES  # a camera's photo, far over the bound
        prof = profile(photo=Scan(camera.getvalue(), "image/jpeg"), photo_source=PhotoSource.CAMERA)
        worker, _ = register_eligible(db, photo=prof.photo, photo_source=prof.photo_source)
        number = credentials.apply(db, actor(Role.CLERK), worker, TODAY)
        credentials.transition(db, actor(Role.SUPERVISOR), number, Action.APPROVE, TODAY)
        report = engine_for(db).sync_once()
        assert report.rejected == 0 and report.accepted > 0
        state, photo = shown(printing.card_data(db, number).qr_url)
        assert state == "not_issued" and photo is not None and len(photo) <= MAX_PHOTO_BYTES
        with Image.open(io.BytesIO(photo)) as image:
            assert image.format == "JPEG" and image.width <= PHOTO_BOX[0] and image.height <= PHOTO_BOX[1]
        assert 'data-photo="camera"' in html(printing.card_data(db, number).qr_url)
    finally:
        db.close()
