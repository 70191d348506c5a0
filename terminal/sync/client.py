"""HTTP client for the central server: signs each request, types every failure as a SyncFault.

Failures are classified by HTTP status and the server's machine-readable `error.code`, never by message
text. The client learns the server's clock from every answer and signs with the corrected time, so a
terminal whose clock is wrong can still talk to the centre (the drift is shown to the user).

The terminal trusts only its own centre (docs/keys-and-trust.md): the centre's key is pinned at enrolment
(checked against the fingerprint the enrolment code carries) and every answer the terminal acts on must be
signed with it, bound to the request; the address must be https:// except on this machine (loopback).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import ipaddress
import itertools
import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from terminal.core.errors import SyncErrorKind, SyncFault
from terminal.sync import errors
from terminal.sync.transport import HttpResponse, RequestsTransport, Transport
from wirecontract import keyhandover
from wirecontract import protocol as p
from wirecontract.receipt import Receipt
from wirecontract.signing import TerminalKey, b64url, b64url_decode, verify

log = logging.getLogger("terminal.sync.client")

_ENROL_ERRORS: dict[str, type[errors.EnrolmentRefused]] = {
    p.ErrorCode.UNKNOWN_CODE: errors.UnknownEnrolmentCode,
    p.ErrorCode.USED_CODE: errors.EnrolmentCodeUsed,
    p.ErrorCode.BAD_KEY: errors.EnrolmentKeyRefused,
    p.ErrorCode.EXPIRED_CODE: errors.EnrolmentCodeExpired,
    p.ErrorCode.AGENCY_MISMATCH: errors.EnrolmentAgencyMismatch,
    p.ErrorCode.WRONG_CENTRE: errors.NotOurCentre,
}


@dataclass(frozen=True)
class Enrolment:
    terminal_id: str
    agency_id: str
    key_id: str
    terminal_number: str = ""  # the credential number range the centre gave this terminal
    centre_public_key: bytes = b""  # pinned: every later answer must be signed with it
    agency_name: str = ""


def check_centre_address(base_url: str) -> None:
    """https:// for any centre; plain http:// only on this machine (loopback: the demo, tests)."""
    parts = urlsplit(base_url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname and _is_loopback(parts.hostname):
        return
    raise errors.InsecureCentreAddress(url=base_url)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class EventResult:
    event_id: str
    status: p.EventStatus
    code: str | None
    reason: str | None


@dataclass(frozen=True)
class PullPage:
    changes: list[dict[str, Any]]
    cursor: str
    more: bool


@dataclass(frozen=True)
class HeldEvent:
    """One of this terminal's own events the centre holds as accepted (recovery after a rolled-back store)."""

    event_id: str
    seq: int
    entity: str
    entity_uid: str
    record_version: int
    kind: str
    payload: dict[str, Any]
    provenance: dict[str, Any] | None
    simulated: bool
    created_at: str


@dataclass(frozen=True)
class HeldPage:
    events: list[HeldEvent]
    more: bool


def _held_event(raw: Any) -> HeldEvent:
    if not isinstance(raw, dict):
        raise TypeError("event is not an object")
    payload, provenance = raw["payload"], raw["provenance"]
    if not isinstance(payload, dict) or not (provenance is None or isinstance(provenance, dict)):
        raise TypeError("payload or provenance is not an object")
    seq, version, simulated = raw["seq"], raw["record_version"], raw["simulated"]
    if type(seq) is not int or type(version) is not int or type(simulated) is not bool or seq < 1:
        raise TypeError("seq, record_version or simulated has the wrong type")
    texts = [raw[k] for k in ("event_id", "entity", "entity_uid", "kind", "created_at")]
    if not all(isinstance(t, str) and t for t in texts):
        raise TypeError("a text field is missing")
    event_id, entity, entity_uid, kind, created_at = texts
    return HeldEvent(event_id, seq, entity, entity_uid, version, kind, payload, provenance, simulated, created_at)


class SyncClient:
    def __init__(
        self,
        base_url: str,
        key: TerminalKey,
        terminal_id: str | None = None,
        transport: Transport | None = None,
        timeout: float = 30.0,
        clock: Callable[[], dt.datetime] = p.utc_now,
        centre_key: bytes | None = None,
        on_centre_key_handover: Callable[[bytes], None] | None = None,
    ) -> None:
        check_centre_address(base_url)
        self.base_url = base_url.rstrip("/")
        self.centre_key = centre_key  # the centre's pinned Ed25519 key (raw); None until enrolment
        # Called with the centre's next key when the pinned key handed over to it (keeps the pin in the store).
        self.on_centre_key_handover = on_centre_key_handover
        self.key = key
        self.terminal_id = terminal_id
        self.transport: Transport = transport or RequestsTransport()
        self.timeout = timeout
        self.clock = clock
        self.clock_offset: float | None = None  # server minus local, seconds, from the latest answer
        self.last_server_time: dt.datetime | None = None

    # --- protocol operations -------------------------------------------------------------------

    def enrol(self, code: str, agency_id: str, agency_name: str, terminal_name: str,
              requested_number: str = "") -> Enrolment:  # fmt: skip
        """`requested_number`: the number this terminal already drew credential numbers from (granted if free)."""
        normalised = p.normalise_enrolment_code(code)
        body = {
            "code": code,
            "terminal_number": requested_number,
            "public_key": b64url(self.key.public_raw),
            "proof": b64url(self.key.sign(p.ENROL_PROOF_PREFIX + normalised.encode("utf-8"))),
            "agency_id": agency_id,
            "agency_name": agency_name,
            "terminal_name": terminal_name,
        }
        expected = p.code_fingerprint(normalised)
        if not expected:
            raise errors.UnknownEnrolmentCode("the code does not carry the centre's fingerprint")
        data = self._call("POST", p.ENROL_PATH, body=body, signed=False, enrolling=True, enrol_code=normalised)
        number = _text_field(data, "terminal_number", "enrol")
        if not (number.isascii() and number.isdigit() and len(number) == 4):
            raise SyncFault(SyncErrorKind.PROTOCOL, "enrol answer is malformed: terminal_number")
        assert self.centre_key is not None  # pinned by _call from the verified answer
        enrolment = Enrolment(
            _text_field(data, "terminal_id", "enrol"),
            _text_field(data, "agency_id", "enrol"),
            _text_field(data, "key_id", "enrol"),
            number,
            self.centre_key,
            str(data.get("agency_name") or ""),
        )
        self.terminal_id = enrolment.terminal_id
        return enrolment

    def push(self, events: Sequence[dict[str, Any]]) -> list[EventResult]:
        data = self._call("POST", p.PUSH_PATH, body={"events": list(events)})
        try:
            return [
                EventResult(
                    str(r["event_id"]),
                    p.EventStatus(r["status"]),
                    _optional_text(r, "code"),
                    _optional_text(r, "reason"),
                )
                for r in data["results"]
            ]
        except (KeyError, TypeError, ValueError) as exc:
            raise SyncFault(SyncErrorKind.PROTOCOL, "push answer is malformed") from exc

    def pull(self, cursor: str | None, limit: int = p.DEFAULT_PULL_LIMIT) -> PullPage:
        query = {"cursor": cursor or "", "limit": str(limit)}
        data = self._call("GET", p.PULL_PATH, query=query)
        try:
            return PullPage([dict(c) for c in data["changes"]], str(data["cursor"]), bool(data["more"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise SyncFault(SyncErrorKind.PROTOCOL, "pull answer is malformed") from exc

    def receipt(self) -> Receipt:
        data = self._call("GET", p.RECEIPT_PATH)
        try:
            return Receipt.from_json(data)
        # OverflowError: JSON allows Infinity, and int(inf) overflows.
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise SyncFault(SyncErrorKind.PROTOCOL, "receipt answer is malformed") from exc

    def my_events(self, after_seq: int, limit: int = p.DEFAULT_PULL_LIMIT) -> HeldPage:
        """This terminal's own accepted events after `after_seq`, in seq order (docs/sync-protocol.md, Recovery)."""
        data = self._call("GET", p.MY_EVENTS_PATH, query={"after_seq": str(after_seq), "limit": str(limit)})
        try:
            events = [_held_event(raw) for raw in data["events"]]
            more = data["more"]
            if type(more) is not bool or any(b.seq <= a.seq for a, b in itertools.pairwise(events)):
                raise ValueError("more is not a bool, or the events are out of order")
            if events and events[0].seq <= after_seq:
                raise ValueError("an event at or before after_seq")
            return HeldPage(events, more)
        except (KeyError, TypeError, ValueError) as exc:
            raise SyncFault(SyncErrorKind.PROTOCOL, "events/mine answer is malformed") from exc

    def registered_elsewhere(self, id_number: str) -> bool:
        """Whether the centre holds this person as registered by another agency."""
        data = self._call("POST", p.IDENTITY_STATUS_PATH, body={"id_number": id_number})
        try:
            return bool(data["registered_elsewhere"])
        except (KeyError, TypeError) as exc:
            raise SyncFault(SyncErrorKind.PROTOCOL, "identity-status answer is malformed") from exc

    def probe(self) -> dt.datetime:
        """Cheap unsigned call: is the centre reachable, and what time does it say it is."""
        data = self._call("GET", p.TIME_PATH, signed=False)
        stamp = _text_field(data, "server_time", "time")
        try:
            return p.parse_iso(stamp)
        except ValueError as exc:
            raise SyncFault(SyncErrorKind.PROTOCOL, "time answer is malformed") from exc

    # --- plumbing --------------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        query: Mapping[str, str] | None = None,
        signed: bool = True,
        enrolling: bool = False,
        enrol_code: str = "",
    ) -> dict[str, Any]:
        target = path + (f"?{urlencode(query)}" if query else "")
        raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8") if body is not None else b""
        for attempt in (1, 2):
            headers = {"Accept": "application/json"}
            if body is not None:
                headers["Content-Type"] = "application/json"
            if signed:
                if not self.terminal_id:
                    raise errors.NotEnrolled()
                if self.centre_key is None:
                    raise errors.CentreKeyMissing()
                now = self.clock() + dt.timedelta(seconds=self.clock_offset or 0.0)
                headers.update(p.signed_headers(self.key, self.terminal_id, method, target, raw, now))
            response = self.transport.send(method, self.base_url + target, headers, raw, self.timeout)
            if 200 <= response.status < 300:
                data = _json_object(response)
                if enrol_code:
                    self._pin_centre_key(data, enrol_code)
                self._check_centre_signature(response, method, target, raw, headers.get(p.HEADER_NONCE, ""))
                self._learn_server_time(response)
                return data
            self._learn_server_time(response)
            code = _error_code(response)
            # A wrong local clock is corrected from the answer's server time; one retry is enough.
            if code == p.ErrorCode.CLOCK_SKEW and attempt == 1 and self.clock_offset is not None:
                continue
            raise self._fault(response, code, enrolling)
        raise SyncFault(SyncErrorKind.AUTH, p.ErrorCode.CLOCK_SKEW.value)

    def _pin_centre_key(self, data: Mapping[str, Any], code: str) -> None:
        """At enrolment: the key the centre presents must be the one the code names."""
        try:
            key = b64url_decode(_text_field(data, "centre_public_key", "enrol"))
        except ValueError as exc:
            raise SyncFault(SyncErrorKind.PROTOCOL, "enrol answer is malformed: centre_public_key") from exc
        if len(key) != 32 or p.centre_key_fingerprint(key, p.code_secret(code)) != p.code_fingerprint(code):
            raise errors.NotOurCentre("the centre's key does not match the code's fingerprint")
        self.centre_key = key

    def _check_centre_signature(self, response: HttpResponse, method: str, target: str, body: bytes,
                                nonce: str) -> None:  # fmt: skip
        if self.centre_key is None:
            if method == "GET" and target == p.TIME_PATH:
                return  # a reachability probe before enrolment: nothing is believed from it but "it answers"
            raise errors.CentreKeyMissing()
        signature = response.headers.get(p.HEADER_CENTRE_SIGNATURE.lower(), "")
        try:
            raw_signature = b64url_decode(signature)
        except ValueError:
            raw_signature = b""
        message = p.canonical_response(method, target, body, nonce, response.status, response.body)
        if raw_signature and verify(self.centre_key, message, raw_signature):
            return
        successor = self._handed_over_key(response)
        if not raw_signature or successor is None or not verify(successor, message, raw_signature):
            log.warning("an answer from %s was not signed by the pinned centre key: refused", self.base_url)
            raise errors.UntrustedAnswer()
        # The centre rotated its key and the pinned key vouched for this one (wirecontract/keyhandover.py).
        self.centre_key = successor
        log.info("the centre's key was handed over to %s: pinned", b64url(successor)[:8])
        if self.on_centre_key_handover is not None:
            self.on_centre_key_handover(successor)

    def _handed_over_key(self, response: HttpResponse) -> bytes | None:
        """The key the answer's hand-over chain leads to from the pinned key, if it leads anywhere."""
        header = response.headers.get(p.HEADER_CENTRE_KEY_HANDOVER.lower(), "")
        if not header or self.centre_key is None:
            return None
        try:
            successor = keyhandover.follow(self.centre_key, keyhandover.decode_chain(header))
        except ValueError:
            return None
        return successor if successor != self.centre_key else None

    def _learn_server_time(self, response: HttpResponse) -> None:
        stamp = response.headers.get(p.HEADER_SERVER_TIME.lower())
        if not stamp:
            return
        try:
            server_time = p.parse_iso(stamp)
        except ValueError:
            return
        self.last_server_time = server_time
        self.clock_offset = (server_time - self.clock()).total_seconds()

    def _fault(self, response: HttpResponse, code: str | None, enrolling: bool) -> SyncFault:
        status = response.status
        retry_after = parse_retry_after(response.headers.get("retry-after"), self.clock())
        log.info("central server answered %s (%s)", status, code or "no code")
        if enrolling and code in _ENROL_ERRORS:
            return _ENROL_ERRORS[code](code)
        if status == 429:
            return SyncFault(SyncErrorKind.RATE_LIMITED, "429", retry_after=retry_after)
        if status >= 500:
            return SyncFault(SyncErrorKind.SERVER_ERROR, str(status), retry_after=retry_after)
        if code == p.ErrorCode.NOT_ENROLLED:
            return errors.NotEnrolled(code)
        if code == p.ErrorCode.TERMINAL_REVOKED:
            return errors.TerminalRevoked(code)
        if status in (401, 403):
            return SyncFault(SyncErrorKind.AUTH, code or str(status))
        if 400 <= status < 500:
            return SyncFault(SyncErrorKind.REJECTED, code or str(status))
        return SyncFault(SyncErrorKind.PROTOCOL, f"unexpected HTTP {status}")


def parse_retry_after(value: str | None, now: dt.datetime) -> float | None:
    """Retry-After as seconds from now: either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    # isascii: str.isdigit() also accepts superscripts and other scripts' digits, which float() refuses.
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


def _json_object(response: HttpResponse) -> dict[str, Any]:
    try:
        data = json.loads(response.body)
    # RecursionError: a deeply nested answer exhausts the decoder's stack.
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise SyncFault(SyncErrorKind.PROTOCOL, "the answer is not JSON") from exc
    if not isinstance(data, dict):
        raise SyncFault(SyncErrorKind.PROTOCOL, "the answer is not a JSON object")
    return data


def _text_field(data: Mapping[str, Any], name: str, call: str) -> str:
    """A required non-empty string field of an answer; anything else is the centre breaking the protocol."""
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise SyncFault(SyncErrorKind.PROTOCOL, f"{call} answer is malformed: {name}")
    return value


def _optional_text(data: Mapping[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{name} is not text")
    return value


def _error_code(response: HttpResponse) -> str | None:
    try:
        data = json.loads(response.body)
        code = data["error"]["code"]
    except (ValueError, UnicodeDecodeError, KeyError, TypeError, RecursionError):
        return None
    return str(code) if isinstance(code, str) else None
