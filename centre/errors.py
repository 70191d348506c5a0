"""The centre's typed errors: whole-request failures of the terminal API, each an HTTP status plus a stable code
from the wire contract (`wirecontract.protocol.ErrorCode`), and the centre's operational errors.

ExplainedError (wirecontract.errors)
├── ApiError                 a terminal request refused as a whole: status + ErrorCode
├── UnknownCredential        the centre holds no credential with that number
└── NewerSchema              the database was migrated by a newer centre
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


class NewerSchema(ExplainedError):
    code = "newer_schema"
    zh_template = "数据库已由较新版本的中心程序迁移（{migrations}），本程序不能使用它。请升级中心程序。"
    en_template = (
        "The database was migrated by a newer version of the centre ({migrations}); this program cannot use it. "
        "Upgrade the centre."
    )
