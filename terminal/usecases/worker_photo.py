"""The copy of a worker's photo that goes to the centre with the registration, for the verification page.

The terminal keeps and prints the original; the centre gets a JPEG fitted to wirecontract.photo.PHOTO_BOX and
under MAX_PHOTO_BYTES, so every registration fits the push whatever camera or file the photo came from. The
centre refuses the whole event for a photo outside the bound, and the terminal has no later path to send
another one, so the bound is met here, never left to the centre to enforce.
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError

from terminal.core.errors import InvalidInput
from wirecontract.errors import Text
from wirecontract.photo import MAX_PHOTO_BYTES, PHOTO_BOX, WirePhoto

# Tried in order until the JPEG fits; a camera photo of a face fits at the first, noise-like pictures need
# the lower ones, and only then is the picture made smaller.
_QUALITIES = (85, 70, 55, 40)


def for_centre(data: bytes, source: str) -> WirePhoto:
    """The photo as the centre receives it; InvalidInput when the bytes are not a picture Pillow can read."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            # A phone's photo may be stored sideways with an EXIF turn; the page must show it upright.
            picture = ImageOps.exif_transpose(opened).convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise InvalidInput(field=Text("照片无法读取，请重新拍照或选择图片", "the photo cannot be read: take or choose it again")) from None
    picture.thumbnail(PHOTO_BOX, Image.Resampling.LANCZOS)
    while True:
        for quality in _QUALITIES:
            out = io.BytesIO()
            # Saved without the original's metadata: a phone photo's EXIF can hold where it was taken.
            picture.save(out, "JPEG", quality=quality, optimize=True)
            if out.tell() <= MAX_PHOTO_BYTES:
                return WirePhoto("image/jpeg", out.getvalue(), source)
        picture = picture.resize((max(picture.width // 2, 1), max(picture.height // 2, 1)), Image.Resampling.LANCZOS)
