"""The one tree of typed errors.

TerminalError                      anything the terminal expects and explains to a person
│                                  (= wirecontract.errors.ExplainedError, shared with the centre)
├── ContractError                  from the wire contract: MalformedPayload, PayloadTooLarge (wirecontract/errors.py)
├── EnvironmentFault               the world outside the code is not as needed
│   ├── StoreFault                 WrongKey, CorruptDatabase, NewerSchema, DiskFull, ReadOnly, DatabaseLocked,
│   │                              DatabaseBusy, DatabaseRolledBack, KeyUnavailable, BackupInvalid
│   ├── ReaderFault                NoReader, NoCard, CardRemoved, ReaderTimeout, FrameFault, CardResultFault,
│   │                              PcscUnavailable
│   ├── SyncFault                  carries a SyncErrorKind
│   └── PrintFault                 PrinterUnavailable, PrintJobFailed
└── RuleViolation                  a domain rule refused the request
    ├── InvalidIdNumber, CardExpired, Underage, InvalidCardText
    ├── PermissionDenied, InvalidTransition, IssuePreconditionFailed, StaleCentralData
    ├── MissingProvenance, IdentityImmutable, DuplicateWorker, RegisteredElsewhere
    └── AuthenticationFailed, AccountLocked, NotSignedIn, InvalidInput

Everything else is a bug and goes to the crash handler. Code decides by type (or by `kind` for sync
faults), never by message text. Each error carries a Chinese and an English message saying what is wrong
and what to do.
"""

from __future__ import annotations

import enum

from wirecontract.errors import ExplainedError, InvalidCardText, InvalidIdNumber
from wirecontract.errors import RuleViolation as ContractRuleViolation

__all__ = ["InvalidCardText", "InvalidIdNumber"]  # re-exported: part of this tree, defined with the card read
# The root's machinery (code, the two message templates, message(lang)) lives in the wire contract, so that
# the contract's own errors (MalformedPayload, PayloadTooLarge) are expected errors here too.
TerminalError = ExplainedError


# --- environment faults -------------------------------------------------------------------------


class EnvironmentFault(TerminalError):
    code = "environment"


class StoreFault(EnvironmentFault):
    code = "store"


class WrongKey(StoreFault):
    code = "wrong_key"
    zh_template = "密钥或恢复密钥不正确，无法打开数据库。请核对后重试；如遗失，请使用管理员保管的恢复密钥。"
    en_template = (
        "The key or recovery key is wrong, so the database cannot be opened. Check it and try again; "
        "if it is lost, use the recovery key the administrator keeps."
    )


class KeyUnavailable(StoreFault):
    code = "key_unavailable"
    zh_template = (
        "找不到解锁数据库的密钥。请设置 TERMINAL_UNLOCK_SECRET 或 TERMINAL_UNLOCK_SECRET_FILE，"
        "或使用恢复密钥解锁。"
    )
    en_template = (
        "No key to unlock the database was found. Set TERMINAL_UNLOCK_SECRET or "
        "TERMINAL_UNLOCK_SECRET_FILE, or unlock with the recovery key."
    )


class CorruptDatabase(StoreFault):
    code = "corrupt_database"
    zh_template = "数据库文件已损坏（页面校验失败）。请勿继续写入，请用最近的备份恢复并联系技术支持。"
    en_template = (
        "The database file is corrupted (page authentication failed). Stop writing to it, restore the "
        "latest backup and contact support."
    )


class NewerSchema(StoreFault):
    code = "newer_schema"
    zh_template = "数据库由较新版本（结构版本 {found}）写入，本程序只支持到 {supported}。请升级本程序。"
    en_template = (
        "The database was written by a newer version (schema {found}); this program supports up to "
        "{supported}. Please upgrade the program."
    )


class DiskFull(StoreFault):
    code = "disk_full"
    zh_template = "磁盘空间已满，刚才的操作未保存（已保存的数据不受影响）。请清理磁盘后重试。"
    en_template = (
        "The disk is full; the last operation was not saved (saved data is safe). Free some space and "
        "try again."
    )


class ReadOnlyStore(StoreFault):
    code = "read_only"
    zh_template = "数据文件夹是只读的，无法保存。请检查文件夹权限或磁盘。"
    en_template = "The data folder is read-only, so nothing can be saved. Check the folder's permissions or disk."


class DatabaseLocked(StoreFault):
    code = "database_locked"
    zh_template = "数据库正被另一个程序使用。请关闭其他终端窗口或命令后重试。"
    en_template = "The database is in use by another program. Close other terminal windows or commands and retry."


class DatabaseRolledBack(StoreFault):
    code = "database_rolled_back"
    zh_template = (
        "数据库比本终端已确认的记录旧：最后一条记录应至少为第 {expected} 条，现在只有第 {found} 条（可能是 -wal 文件被删除，"
        "或换上了旧的数据库文件）。为免丢失或重复上传，本机已停止写入，数据仍可查看。请用最近的备份恢复"
        "（terminal restore），或由管理员从中心取回本终端已上传的记录（terminal sync recover）。"
    )
    en_template = (
        "The database is older than this terminal has confirmed: its last record should be at least number "
        "{expected}, but it ends at {found} (a deleted -wal file, or an old copy of the database). To avoid "
        "losing or re-sending records, this PC has stopped writing; data can still be viewed. Restore the latest "
        "backup ('terminal restore'), or have an administrator fetch this terminal's accepted records back from the "
        "centre ('terminal sync recover')."
    )


class DatabaseBusy(StoreFault):
    code = "database_busy"
    zh_template = "本机数据库忙，{seconds} 秒内没有完成操作。请稍后重试；如经常出现，请运行 “terminal doctor”。"
    en_template = (
        "The local database is busy and did not finish within {seconds} s. Try again later; if this keeps "
        "happening, run 'terminal doctor'."
    )


class DatabaseClosed(StoreFault):
    code = "database_closed"
    zh_template = "程序正在关闭，本机数据库已停止接受操作。请重新打开程序后再试。"
    en_template = "The app is closing and the local database no longer takes work. Open the app again and retry."


class BackupInvalid(StoreFault):
    code = "backup_invalid"
    zh_template = "备份文件无效或已损坏，无法恢复。请选择正确的备份文件。"
    en_template = "The backup file is invalid or damaged and cannot be restored. Choose the right backup file."


class HomeNotInitialised(StoreFault):
    code = "home_not_initialised"
    zh_template = "数据文件夹 {home} 尚未初始化。请先运行 “terminal init”（或 “terminal demo init”）。"
    en_template = "The data folder {home} is not set up yet. Run 'terminal init' (or 'terminal demo init') first."


class HomeAlreadyInitialised(StoreFault):
    code = "home_already_initialised"
    zh_template = "数据文件夹 {home} 已经初始化，不会覆盖。"
    en_template = "The data folder {home} is already set up; it will not be overwritten."


class ReaderFault(EnvironmentFault):
    code = "reader"
    zh_template = "读卡器出错。请检查读卡器连接后重试。"
    en_template = "The card reader failed. Check its connection and try again."


class SyncErrorKind(enum.StrEnum):
    OFFLINE = "offline"  # no route, connection refused, DNS
    TIMEOUT = "timeout"
    SERVER_ERROR = "server_error"  # 5xx
    RATE_LIMITED = "rate_limited"  # 429
    AUTH = "auth"  # enrolment missing, bad signature, revoked terminal
    PROTOCOL = "protocol"  # the server answered something we do not understand
    REJECTED = "rejected"  # the server refused a request as a whole (4xx)


class SyncFault(EnvironmentFault):
    code = "sync"
    zh_template = "与中心服务器同步失败：{kind}。数据已安全保存在本机，网络恢复后会自动补传。"
    en_template = (
        "Sync with the central server failed: {kind}. Everything is saved on this PC and will be sent "
        "when the network is back."
    )

    def __init__(
        self, kind: SyncErrorKind, detail: str = "", retry_after: float | None = None, **params: object
    ) -> None:
        self.kind = kind
        self.retry_after = retry_after
        super().__init__(detail, kind=kind.value, **params)


class PrintFault(EnvironmentFault):
    code = "print"
    zh_template = "打印失败，证件仍处于待打印状态。请检查打印机后重试。"
    en_template = "Printing failed; the credential is still waiting to be printed. Check the printer and retry."


# --- rule violations ----------------------------------------------------------------------------


# The root of the rule branch, and the two rules of a card read, live in the wire contract: the centre decodes
# the same card reads with the same rules (wirecontract/cardtext.py).
RuleViolation = ContractRuleViolation


class InvalidInput(RuleViolation):
    code = "invalid_input"
    zh_template = "输入有误：{field}。"
    en_template = "Invalid input: {field}."


class CardExpired(RuleViolation):
    code = "card_expired"
    zh_template = "证件已于 {valid_to} 过期，不能用于登记。请持有效证件办理。"
    en_template = "The card expired on {valid_to} and cannot be used to register. Please bring a valid card."


class Underage(RuleViolation):
    code = "underage"
    zh_template = "年龄 {age} 岁，未满 16 周岁，不能登记。"
    en_template = "Age {age}: under 16, cannot be registered."


class MissingProvenance(RuleViolation):
    code = "missing_provenance"
    zh_template = "身份信息只能来自读卡器读取，不能手工录入或修改。"
    en_template = "Identity can only come from a card reader read; it cannot be typed in or changed."


class IdentityImmutable(RuleViolation):
    code = "identity_immutable"
    zh_template = "身份信息不可修改。如证件信息变化，请重新读卡。"
    en_template = "Identity fields cannot be changed. If the card changed, read the new card."


class DuplicateWorker(RuleViolation):
    code = "duplicate_worker"
    zh_template = "该人员已在本机构登记，请打开其档案。"
    en_template = "This person is already registered at this agency; open their record."

    def __init__(self, worker_id: int, detail: str = "") -> None:
        self.worker_id = worker_id
        super().__init__(detail)


class RegisteredElsewhere(RuleViolation):
    code = "registered_elsewhere"
    zh_template = "中心记录显示该人员已由其他机构登记（一人一机构）。请原机构先办理注销，再在本机构登记。"
    en_template = (
        "The centre shows this person registered by another agency (one agency per person). The other agency "
        "must deregister them before this agency can register them."
    )


class PermissionDenied(RuleViolation):
    code = "permission_denied"
    zh_template = "当前角色（{role}）无权执行“{action}”。请由有权限的人员操作。"
    en_template = "Your role ({role}) may not '{action}'. Ask someone with that permission."


class InvalidTransition(RuleViolation):
    code = "invalid_transition"
    zh_template = "证件当前状态为“{state}”，不能执行“{action}”。"
    en_template = "The credential is '{state}'; '{action}' is not possible now."


class IssuePreconditionFailed(RuleViolation):
    code = "issue_precondition"
    zh_template = "不能发证：{missing}。"
    en_template = "Cannot issue the credential: {missing}."


class StaleCentralData(RuleViolation):
    code = "stale_central_data"
    zh_template = "已超过 {days} 天未从中心同步，暂停发证。请联网同步后再发证；登记仍可离线进行。"
    en_template = (
        "No sync with the centre for over {days} days, so issuing is paused. Sync online, then issue; "
        "registration still works offline."
    )


class NotSignedIn(RuleViolation):
    code = "not_signed_in"
    zh_template = "操作人“{username}”未登录，或其登录已失效（账号被停用或角色已变更）。请重新登录后再操作。"
    en_template = (
        "The operator '{username}' is not signed in, or the sign-in is no longer valid (account disabled or "
        "role changed). Sign in again, then retry."
    )


class AuthenticationFailed(RuleViolation):
    code = "authentication_failed"
    zh_template = "用户名或密码不正确。"
    en_template = "Wrong user name or password."


class AccountLocked(RuleViolation):
    code = "account_locked"
    zh_template = "密码错误次数过多，账号已锁定至 {until}。请稍后再试或联系管理员。"
    en_template = "Too many wrong passwords: the account is locked until {until}. Retry later or ask an administrator."


class NotFound(RuleViolation):
    code = "not_found"
    zh_template = "找不到{what}：{key}。"
    en_template = "No {what} found: {key}."
