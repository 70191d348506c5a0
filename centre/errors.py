"""The centre's typed errors: whole-request failures of the terminal API, each an HTTP status plus a stable code
from the wire contract (`wirecontract.protocol.ErrorCode`), and the centre's operational errors.

ExplainedError (wirecontract.errors)
├── ApiError                 a terminal request refused as a whole: status + ErrorCode
├── UnknownCredential, UnknownAgency, UnknownTerminal    a staff command named something the centre lacks
├── DecisionNotApplicable    a centre decision that does not fit the credential's state
├── ReleaseRefused           a person cannot be released from their agency yet
├── NewerSchema              the database was migrated by a newer centre
├── DatabaseUnavailable      a command could not open or use the database (not running, wrong address, no rights)
├── AddressUnavailable       `serve` cannot listen on its address (the port is taken, or not ours to take)
├── WeakPassword             `init`: the first administrator's password fails the password rules
└── KeyRotationRefused       `key rotate`: the key files cannot be replaced safely
"""

from __future__ import annotations

from wirecontract.errors import ExplainedError
from wirecontract.protocol import ErrorCode, iso, utc_now


class ApiError(ExplainedError):
    code = "api_error"
    zh_template = "{message}"
    en_template = "{message}"

    def __init__(self, status: int, error_code: ErrorCode, message: str) -> None:
        super().__init__(message=message)
        self.status = status
        self.error_code = error_code
        self.text = message

    def body(self) -> dict[str, object]:
        return error_body(self.error_code.value, self.text)


def error_body(code: str, message: str) -> dict[str, object]:
    return {"error": {"code": code, "message": message}, "server_time": iso(utc_now())}


class UnknownCredential(ExplainedError):
    code = "unknown_credential"
    zh_template = "找不到证件：{credential_no}"
    en_template = "Unknown credential: {credential_no}"


class DecisionNotApplicable(ExplainedError):
    code = "decision_not_applicable"
    zh_template = "不能对证件 {credential_no} 作出该决定：{why}"
    en_template = "That decision does not apply to credential {credential_no}: {why}"


class UnknownAgency(ExplainedError):
    code = "unknown_agency"
    zh_template = "找不到机构：{agency_id}。请先用 “terminal-server agency add” 登记机构。"
    en_template = "Unknown agency: {agency_id}. Add it first with 'terminal-server agency add'."


class UnknownTerminal(ExplainedError):
    code = "unknown_terminal"
    zh_template = "找不到终端：{terminal_id}"
    en_template = "Unknown terminal: {terminal_id}"


class ReleaseRefused(ExplainedError):
    code = "release_refused"
    zh_template = "不能解除 {who} 的登记：{why}"
    en_template = "Cannot release {who}: {why}"


class NewerSchema(ExplainedError):
    code = "newer_schema"
    zh_template = "数据库已由较新版本的中心程序迁移（{migrations}），本程序不能使用它。请升级中心程序。"
    en_template = (
        "The database was migrated by a newer version of the centre ({migrations}); this program cannot use it. "
        "Upgrade the centre."
    )


class DatabaseUnavailable(ExplainedError):
    code = "database_unavailable"
    zh_template = "无法使用中心数据库（{database}）：{why}。请检查数据库是否在运行，地址和权限是否正确。"
    en_template = "The centre's database ({database}) cannot be used: {why}. Check that it is running and that its address and rights are right."


class AddressUnavailable(ExplainedError):
    code = "address_unavailable"
    zh_template = "中心不能在 {address} 上接收连接：{why}。请检查地址，以及是否已有进程占用该端口。"
    en_template = "The centre cannot listen on {address}: {why}. Check the address, and whether another process holds the port."


class WeakPassword(ExplainedError):
    code = "weak_password"
    zh_template = "密码不能使用：{why}"
    en_template = "The password cannot be used: {why}"


class KeyRotationRefused(ExplainedError):
    code = "key_rotation_refused"
    zh_template = "不能轮换中心签名密钥：{why}"
    en_template = "The centre's signing key cannot be rotated: {why}"
