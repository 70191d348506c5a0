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


class EnrolmentCodeExpired(EnrolmentRefused):
    code = "enrolment_code_expired"
    zh_template = "该注册码已过期（有效期一般为 72 小时）。请向中心申请新的注册码。"
    en_template = "This enrolment code has expired (codes are valid for 72 hours). Ask the centre for a new one."


class EnrolmentAgencyMismatch(EnrolmentRefused):
    code = "enrolment_agency_mismatch"
    zh_template = "该注册码是发给另一家机构的，不能用于本机构的终端。请核对后向中心申请本机构的注册码。"
    en_template = "This enrolment code was issued for another agency. Ask the centre for a code for this agency."


class NotOurCentre(EnrolmentRefused):
    code = "not_our_centre"
    zh_template = "所连接的服务器不是发放该注册码的中心（密钥指纹不符），已停止注册。请核对中心地址，必要时联系中心。"
    en_template = (
        "The server is not the centre that issued this code (its key fingerprint differs); enrolment stopped. "
        "Check the centre's address and contact the centre if needed."
    )


class InsecureCentreAddress(SyncFault):
    code = "insecure_centre_address"
    zh_template = "中心地址 {url} 不安全：必须使用 https://（只有本机地址可用 http://）。请改用中心提供的 https 地址。"
    en_template = "The centre address {url} is not secure: it must be https:// (http:// only on this PC). Use the centre's https address."

    def __init__(self, detail: str = "", *, url: str) -> None:
        super().__init__(SyncErrorKind.REJECTED, detail, url=url)


class UntrustedAnswer(SyncFault):
    code = "untrusted_answer"
    zh_template = "收到的回复没有中心的有效签名，已拒绝（可能连接到了假冒的服务器）。请检查网络和中心地址。"
    en_template = (
        "An answer without the centre's valid signature was refused (the server may be an impostor). "
        "Check the network and the centre's address."
    )

    def __init__(self, detail: str = "") -> None:
        super().__init__(SyncErrorKind.PROTOCOL, detail)


class CentreKeyMissing(SyncFault):
    code = "centre_key_missing"
    zh_template = "本终端没有保存中心的密钥，无法核实中心的回复。请用新的注册码重新注册本终端。"
    en_template = "This terminal holds no key of its centre, so it cannot check the centre's answers. Enrol again with a new code."

    def __init__(self, detail: str = "") -> None:
        super().__init__(SyncErrorKind.AUTH, detail)


class DemoCentreUnavailable(SyncFault):
    code = "demo_centre_unavailable"
    zh_template = (
        "演示中心没有运行，演示在离线状态下进行：登记、审核、打印照常可用，同步不可用。"
        "（安装包版本的终端不含中心程序；开发环境中请检查 terminal-server 能否启动。）"
    )
    en_template = (
        "The demo centre is not running, so the demo works offline: registration, approval and printing work as "
        "usual, syncing does not. (The packaged terminal does not include the centre; in a development set-up, "
        "check that terminal-server starts.)"
    )

    def __init__(self, detail: str = "") -> None:
        super().__init__(SyncErrorKind.OFFLINE, detail)


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
