"""Reader faults: every way a card read can fail, each with a Chinese and an English message.

All derive from ReaderFault (an EnvironmentFault): the card, the reader or the PC/SC service is not as
needed, and a person can fix it by placing the card again, plugging the reader in, or restarting a service.
The SAM result codes (SW3) map to classes through `fault_for_result`; code decides by type, never by text.
"""

from __future__ import annotations

from dataclasses import dataclass

from terminal.core.errors import ReaderFault


class NoReader(ReaderFault):
    code = "no_reader"
    zh_template = "找不到读卡器{name}。请连接读卡器，或在设置中选择正确的读卡器。"
    en_template = (
        "No card reader{name} was found. Plug the reader in, or choose the right reader in the settings."
    )

    def __init__(self, name: str = "", detail: str = "") -> None:
        super().__init__(detail, name=f"“{name}”" if name else "")


class PcscUnavailable(ReaderFault):
    code = "pcsc_unavailable"
    zh_template = "智能卡服务（PC/SC）未运行。请启动智能卡服务（pcscd / Smart Card 服务）后重试。"
    en_template = (
        "The smart card service (PC/SC) is not running. Start it (pcscd / Smart Card service) and retry."
    )


class NoCard(ReaderFault):
    code = "no_card"
    zh_template = "读卡器上没有证件。请把证件平放在读卡器上。"
    en_template = "There is no card on the reader. Place the card flat on the reader."


class CardRemoved(ReaderFault):
    code = "card_removed"
    zh_template = "读卡过程中证件被移开。请把证件放稳，重新读取。"
    en_template = "The card was moved away during the read. Hold the card still on the reader and read again."


class ReaderTimeout(ReaderFault):
    code = "reader_timeout"
    zh_template = "读卡器在 {seconds} 秒内没有应答。请拔插读卡器后重试。"
    en_template = "The card reader did not answer within {seconds} s. Unplug and replug it, then retry."

    def __init__(self, seconds: float, detail: str = "") -> None:
        super().__init__(detail, seconds=f"{seconds:g}")


class ReadCancelled(ReaderFault):
    code = "read_cancelled"
    zh_template = "已取消读卡。"
    en_template = "The card read was cancelled."


class FrameFault(ReaderFault):
    """The bytes from the reader are not a valid frame: noise on the line, a cut-off transfer, a bad cable."""

    code = "frame_fault"
    zh_template = "读卡器返回的数据无效：{reason_zh}。请重新放卡读取；如反复出现，请检查读卡器连接线。"
    en_template = (
        "The reader sent invalid data: {reason_en}. Place the card again; "
        "if it keeps happening, check the cable."
    )

    def __init__(self, reason_zh: str, reason_en: str, detail: str = "") -> None:
        super().__init__(detail, reason_zh=reason_zh, reason_en=reason_en)


class BadPreamble(FrameFault):
    code = "frame_bad_preamble"

    def __init__(self, detail: str = "") -> None:
        super().__init__("帧头不是 AA AA AA 96 69", "the frame does not start with AA AA AA 96 69", detail)


class TruncatedFrame(FrameFault):
    code = "frame_truncated"

    def __init__(self, expected: int, got: int) -> None:
        super().__init__(
            f"数据不完整（应为 {expected} 字节，收到 {got} 字节）",
            f"the frame is truncated (expected {expected} bytes, got {got})",
        )


class BadLength(FrameFault):
    code = "frame_bad_length"

    def __init__(self, detail: str = "") -> None:
        super().__init__("长度字段与内容不符", "the length field does not match the content", detail)


class BadChecksum(FrameFault):
    code = "frame_bad_checksum"

    def __init__(self, expected: int, got: int) -> None:
        super().__init__(
            f"校验和错误（应为 {expected:02X}，实为 {got:02X}）",
            f"bad checksum (expected {expected:02X}, got {got:02X})",
        )


class BadPayload(FrameFault):
    code = "frame_bad_payload"

    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_zh, reason_en)


class ReaderDriverFault(ReaderFault):
    """The vendor's reader DLL (the SDT_* API, run in the helper process sdthelper.exe) is not as needed."""

    code = "reader_driver"
    zh_template = "读卡器厂商驱动出错。请拔插读卡器后重试；如反复出现，请联系技术支持。"
    en_template = "The reader vendor's driver failed. Unplug and replug the reader and retry; if it repeats, call support."


class DriverUnavailable(ReaderDriverFault):
    code = "reader_driver_unavailable"
    zh_template = (
        "无法加载读卡器厂商驱动 {dll}：{reason_zh}。请按安装指南把厂商的 sdtapi.dll 放到配置的位置，"
        "或在设置中选择其他读卡器。"
    )
    en_template = (
        "The reader vendor's driver {dll} cannot be loaded: {reason_en}. Put the vendor's sdtapi.dll where the "
        "installation guide says, or choose another reader in the settings."
    )

    def __init__(self, dll: str, reason_zh: str, reason_en: str, detail: str = "") -> None:
        super().__init__(detail, dll=dll, reason_zh=reason_zh, reason_en=reason_en)


class DriverHung(ReaderDriverFault):
    code = "reader_driver_hung"
    zh_template = (
        "读卡器驱动在 {seconds} 秒内没有应答，已将其结束并会自动重新启动。请拔插读卡器，然后重新放卡。"
    )
    en_template = (
        "The reader driver did not answer within {seconds} s; it was ended and will start again by itself. "
        "Unplug and replug the reader, then place the card again."
    )

    def __init__(self, seconds: float, detail: str = "") -> None:
        super().__init__(detail, seconds=f"{seconds:g}")


class DriverCrashed(ReaderDriverFault):
    code = "reader_driver_crashed"
    zh_template = "读卡器驱动意外退出，会自动重新启动。请重新放卡读取。"
    en_template = "The reader driver stopped unexpectedly; it will start again by itself. Place the card again."


class DriverGarbled(ReaderDriverFault):
    code = "reader_driver_garbled"
    zh_template = "读卡器驱动返回了无法识别的数据，已将其重新启动。请重新放卡读取。"
    en_template = "The reader driver sent data that makes no sense; it was restarted. Place the card again."


@dataclass(frozen=True)
class ResultMeaning:
    zh: str
    en: str


# SW3 result codes from the SAM (docs/card-reader.md). 90, 91 and 9F are not faults.
RESULT_MEANINGS: dict[int, ResultMeaning] = {
    0x10: ResultMeaning("读卡器收到的命令校验和错误", "the reader got a command with a bad checksum"),
    0x11: ResultMeaning("读卡器收到的命令长度错误", "the reader got a command with a bad length"),
    0x21: ResultMeaning("读卡器不认识该命令", "the reader does not know the command"),
    0x23: ResultMeaning("操作不被允许", "the operation is not permitted"),
    0x24: ResultMeaning("读卡器内部未知错误", "an unrecognised error inside the reader"),
    0x31: ResultMeaning("证件认证安全模块失败", "the card failed to authenticate the security module"),
    0x32: ResultMeaning("安全模块认证证件失败", "the security module failed to authenticate the card"),
    0x33: ResultMeaning("信息验证错误", "the information check failed"),
    0x40: ResultMeaning("无法识别的证件类型", "unknown card type"),
    0x41: ResultMeaning("读证件失败", "reading the card failed"),
    0x47: ResultMeaning("取随机数失败", "could not get a random number"),
    0x60: ResultMeaning("安全模块自检失败", "the security module failed its self-test"),
    0x66: ResultMeaning("安全模块未经授权", "the security module is not authorised"),
    0x80: ResultMeaning("找卡失败（无卡）", "finding the card failed (no card)"),
    0x81: ResultMeaning("选卡失败", "selecting the card failed"),
}


class CardResultFault(ReaderFault):
    """The reader answered with a result code that means failure."""

    code = "card_result"
    zh_template = "读卡器报告错误 {sw3}：{meaning_zh}。请重新放卡；如反复出现，请联系技术支持。"
    en_template = (
        "The reader reported error {sw3}: {meaning_en}. Place the card again; if it repeats, call support."
    )

    def __init__(self, sw3: int, detail: str = "") -> None:
        self.sw3 = sw3
        meaning = RESULT_MEANINGS.get(sw3, ResultMeaning("未定义的结果码", "an undefined result code"))
        super().__init__(detail, sw3=f"{sw3:02X}", meaning_zh=meaning.zh, meaning_en=meaning.en)


class CardReadFailed(CardResultFault):
    code = "card_read_failed"
    zh_template = "读证件失败（结果码 {sw3}）。请把证件放稳后重新读取。"
    en_template = "Reading the card failed (result {sw3}). Hold the card still on the reader and read again."


class SelectFailed(CardResultFault):
    code = "card_select_failed"
    zh_template = "选卡失败（结果码 {sw3}）。请拿开证件，重新放置。"
    en_template = "Selecting the card failed (result {sw3}). Take the card away and place it again."


class SamFault(CardResultFault):
    code = "sam_fault"
    zh_template = "读卡器安全模块故障（结果码 {sw3}：{meaning_zh}）。请重启读卡器；如仍失败，请联系厂商。"
    en_template = (
        "The reader's security module failed (result {sw3}: {meaning_en}). Restart the reader; "
        "if it still fails, contact the vendor."
    )


class CardAuthenticationFault(CardResultFault):
    code = "card_authentication"
    zh_template = "证件与读卡器相互认证失败（结果码 {sw3}）。可能不是有效证件，请核查证件。"
    en_template = (
        "The card and the reader could not authenticate each other (result {sw3}). The card may not be "
        "genuine; check it."
    )


class PhotoDecoderUnavailable(ReaderFault):
    code = "photo_decoder_unavailable"
    zh_template = "证件照片解码库不可用，无法显示证件照片。请用摄像头拍照或选择照片文件。"
    en_template = (
        "The card photo decoder library is not available, so the card photo cannot be shown. "
        "Take a photo with the camera or choose an image file."
    )


class PhotoDecoderNotConfigured(PhotoDecoderUnavailable):
    """No vendor decoder is chosen: the common case on a new PC, said as what is missing and what to do."""

    code = "photo_decoder_not_configured"
    zh_template = (
        "未设置读卡器厂商的照片解码库（如 WltRS.dll），所以显示不了证件照片。请管理员在“设置 → 读卡器 → 照片解码库”"
        "中选择它；现在请用摄像头拍照或选择照片文件。"
    )
    en_template = (
        "No photo decoder library from the reader's vendor (such as WltRS.dll) is set, so the card photo cannot "
        "be shown. An administrator can choose it in Settings → Reader → Photo decoder; for now, take a photo "
        "with the camera or choose an image file."
    )


def fault_for_result(sw3: int) -> ReaderFault:
    """The typed fault for a failing SW3 (caller has checked it is not the expected success code)."""
    if sw3 == 0x80:
        return NoCard(detail="SW3=80")
    if sw3 == 0x81:
        return SelectFailed(sw3)
    if sw3 == 0x41:
        return CardReadFailed(sw3)
    if sw3 in (0x31, 0x32, 0x33):
        return CardAuthenticationFault(sw3)
    if sw3 in (0x47, 0x60, 0x66):
        return SamFault(sw3)
    return CardResultFault(sw3)
