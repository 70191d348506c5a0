"""Sync errors that need their own words. All are SyncFaults, so code still decides by `kind`."""

from __future__ import annotations

from terminal.core.errors import SyncErrorKind, SyncFault


class EnrolmentRefused(SyncFault):
    code = "enrolment_refused"
    zh_template = "中心拒绝了本终端的注册。请联系中心重新获取注册码。"
    en_template = "The centre refused to enrol this terminal. Ask the centre for a new enrolment code."

    def __init__(self, detail: str = "") -> None:
        super().__init__(SyncErrorKind.REJECTED, detail)


class UnknownEnrolmentCode(EnrolmentRefused):
    code = "unknown_enrolment_code"
    zh_template = "注册码不存在。请核对中心发放的注册码（注意区分字母和数字）后重试。"
    en_template = "This enrolment code does not exist. Check the code the centre gave you and try again."


class EnrolmentCodeUsed(EnrolmentRefused):
    code = "enrolment_code_used"
    zh_template = "该注册码已被使用过，每个注册码只能用一次。请向中心申请新的注册码。"
    en_template = "This enrolment code was already used; each code works once. Ask the centre for a new one."


class EnrolmentKeyRefused(EnrolmentRefused):
    code = "enrolment_key_refused"
    zh_template = "中心无法接受本终端的密钥。请重新运行注册；如仍失败，请联系技术支持。"
    en_template = "The centre could not accept this terminal's key. Run enrolment again; if it fails, call support."


class NotEnrolled(SyncFault):
    code = "not_enrolled"
    zh_template = "本终端尚未在中心注册，无法同步。请用中心发放的注册码运行“terminal enrol 注册码 --server 地址”。"
    en_template = (
        "This terminal is not enrolled with the centre, so it cannot sync. Run "
        "'terminal enrol CODE --server URL' with the code the centre gave you."
    )

    def __init__(self, detail: str = "") -> None:
        super().__init__(SyncErrorKind.AUTH, detail)


class TerminalRevoked(SyncFault):
    code = "terminal_revoked"
    zh_template = "中心已停用本终端的注册。数据仍保存在本机。请联系中心。"
    en_template = "The centre has revoked this terminal's enrolment. Data stays on this PC. Contact the centre."

    def __init__(self, detail: str = "") -> None:
        super().__init__(SyncErrorKind.AUTH, detail)


class SyncStopped(SyncFault):
    """Not raised: the words for the state a bug left the sync worker in (the bug itself is in the crash report)."""

    code = "sync_stopped"
    zh_template = (
        "同步已停止：程序出现意外错误，已保存错误报告（请发给技术支持）。数据仍保存在本机。"
        "请在“同步与对账”页点“重新启动同步”，或重新启动程序。"
    )
    en_template = (
        "Sync has stopped: the program hit an unexpected error and saved a crash report (send it to support). "
        "Data stays on this PC. Press 'Restart sync' on the Sync page, or restart the program."
    )

    def __init__(self, detail: str = "") -> None:
        super().__init__(SyncErrorKind.PROTOCOL, detail)
