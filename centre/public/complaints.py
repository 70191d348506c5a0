"""A consumer's complaint from the verification page or the evaluation page: who it is about comes from the page it
was opened from (the QR or the slip, checked again here, never taken from the form), what happened and when, a
contact phone and up to three photos. It enters the centre's complaint workflow through
centre.complaints.actions.register_complaint (source consumer); the consumer keeps the reference and follows the
public state with it. Photos are re-encoded (no metadata, no foreign bytes) and kept for staff only."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError

from centre.complaints.actions import register_complaint
from centre.complaints.errors import ComplaintRefused
from centre.complaints.models import Complaint
from centre.complaints.rules import Source
from centre.credentials.models import Credential
from centre.credentials.qr_trust import check_scanned
from centre.credentials.standing import id_number_of
from centre.evaluations.errors import SlipRefused
from centre.evaluations.slips import check_slip
from centre.public.models import ComplaintDetail, ComplaintPhoto
from centre.sync import feed
from wirecontract.errors import Text

MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 5 * 1024 * 1024  # one file as sent; the request as a whole is bounded by centre/limits.py
MAX_PIXELS = 40_000_000  # larger pictures are refused before they are decoded (decompression bombs)
KEPT_SIDE = 2048  # photos are kept at most this many pixels on the long side
ACCEPTED_FORMATS = {"JPEG", "PNG"}
MAX_WHAT = 1000
OLDEST = dt.timedelta(days=365)
CLOCK_SLACK = dt.timedelta(minutes=10)  # a phone's clock a little ahead is not "in the future"


@dataclass(frozen=True)
class Origin:
    """Who the complaint is about, as the page it came from proves it."""

    kind: str  # verification | evaluation
    credential_no: str = ""  # a credential the centre holds
    id_number: str = ""  # the person, when known from the slip's worker
    agency_id: str = ""
    note: str = ""  # for staff: what the page showed (a refused QR, the slip's contract)
    holder: str = ""  # the masked name the consumer saw, to confirm on the form


def refuse(zh: str, en: str) -> ComplaintRefused:
    return ComplaintRefused(why=Text(zh, en))


def origin_of_qr(scanned: str, today: dt.date) -> Origin:
    """From the verification page's QR. A QR that fails the check still takes a complaint (a forged card at the
    door is worth one): it names no credential, and staff are told what was scanned."""
    checked = check_scanned(scanned, today, allow_demo=settings.DEMO)
    if checked.claims is None:
        raise refuse(
            "无法识别该二维码，请从核验页面进入投诉",
            "the QR code is not recognised: open the complaint from the check page",
        )
    number = checked.claims.credential_no[:64]
    if checked.refusal is not None:
        return Origin("verification", note=f"二维码未通过核验（所称证件号 {number}）：{checked.refusal}")
    row = Credential.objects.filter(pk=number).first()
    if row is None:
        return Origin("verification", note=f"中心尚无该证件记录（证件号 {number}）")
    holder = checked.claims.name[:1] + "*" * max(len(checked.claims.name) - 1, 0)
    return Origin("verification", credential_no=number, agency_id=row.agency_id or "", holder=holder)


def origin_of_slip(url: str) -> Origin:
    """From the evaluation slip: its signature names the worker, the contract and the agency."""
    try:
        slip = check_slip(url)
    except SlipRefused as refused:
        raise refuse("评价单无效，不能据此投诉", "the evaluation slip is not valid") from refused
    claims = slip.claims
    number = id_number_of(claims.worker_uid) or ""
    if number and feed.agency_of(number) != slip.agency_id:
        # The person has left the agency whose service it was: the complaint is that agency's to answer (the
        # workflow would send it, with the person's number, to the agency they work for now).
        number = ""
    return Origin("evaluation", id_number=number, agency_id=slip.agency_id,
                  note=f"来自服务评价单（合同 {claims.contract_uid}）", holder=slip.shown_names()[0])  # fmt: skip


def checked_when(text: str, now: dt.datetime) -> dt.datetime:
    """'YYYY-MM-DDTHH:MM' from the phone's date-time field, in the centre's time zone; not ahead, not ancient."""
    from django.utils import timezone

    try:
        naive = dt.datetime.fromisoformat(text.strip())
    except ValueError as err:
        raise refuse("请填写发生时间", "say when it happened") from err
    when = timezone.make_aware(naive) if timezone.is_naive(naive) else naive
    if when > now + CLOCK_SLACK:
        raise refuse("发生时间不能晚于现在", "the time it happened is in the future")
    if when < now - OLDEST:
        raise refuse("只受理一年内发生的事情", "only what happened within the last year can be taken")
    return when


def reencoded(raw: bytes) -> tuple[bytes, int, int]:
    """A photo as it is kept: decoded, turned upright, shrunk, saved as a fresh JPEG (no EXIF, no location, no
    bytes of the original file). Anything that is not a JPEG or PNG picture is refused."""
    if len(raw) > MAX_PHOTO_BYTES:
        raise refuse("照片太大（每张不超过 5 MB）", "a photo is too large (at most 5 MB each)")
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise refuse("照片只接受 JPEG 或 PNG", "photos must be JPEG or PNG")
            if probe.width * probe.height > MAX_PIXELS:
                raise refuse("照片像素过多", "a photo has too many pixels")
            longest = max(probe.width, probe.height)
            if probe.format == "JPEG" and longest > KEPT_SIDE:  # decoded at 1/2…1/8 scale: a quarter of the memory or less
                probe.draft("RGB", (probe.width * KEPT_SIDE // longest, probe.height * KEPT_SIDE // longest))
            probe.load()
            picture = ImageOps.exif_transpose(probe).convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as err:
        raise refuse("无法读取照片，请换一张 JPEG 或 PNG", "the photo cannot be read: send a JPEG or PNG") from err
    picture.thumbnail((KEPT_SIDE, KEPT_SIDE))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue(), picture.width, picture.height


def file_complaint(origin: Origin, what: str, when_text: str, phone: str, photos: list[bytes],
                   now: dt.datetime) -> str:  # fmt: skip
    """Register the complaint with its photos in one transaction; returns the consumer's reference."""
    what = (what or "").strip()
    if not what:
        raise refuse("请填写发生了什么", "say what happened")
    if len(what) > MAX_WHAT:
        raise refuse(f"内容不能超过 {MAX_WHAT} 字", f"the text is over {MAX_WHAT} characters")
    if not phone.strip():
        raise refuse("请填写联系电话，以便机构和中心联系您", "a contact phone is needed to reach you")
    if len(photos) > MAX_PHOTOS:
        raise refuse(f"最多 {MAX_PHOTOS} 张照片", f"at most {MAX_PHOTOS} photos")
    when = checked_when(when_text, now)
    kept = [reencoded(raw) for raw in photos]  # before the transaction: a bad photo changes nothing
    from django.utils import timezone

    lines = [f"发生时间：{timezone.localtime(when):%Y-%m-%d %H:%M}"]
    if origin.note:
        lines.append(origin.note)
    if kept:
        lines.append(f"附照片 {len(kept)} 张（在中心查看）")
    summary = "\n".join([*lines, "", what])
    with transaction.atomic():
        reference = register_complaint(None, source=Source.CONSUMER, summary=summary, id_number=origin.id_number,
                                       credential_no=origin.credential_no, agency_id=origin.agency_id,
                                       complainant_phone=phone, now=now)  # fmt: skip
        complaint = Complaint.objects.get(reference=reference)
        ComplaintDetail.objects.create(complaint=complaint, origin=origin.kind, occurred_at=when)
        for position, (data, width, height) in enumerate(kept, start=1):
            ComplaintPhoto.objects.create(complaint=complaint, position=position, mime="image/jpeg", data=data,
                                          width=width, height=height, size=len(data))  # fmt: skip
    return reference
