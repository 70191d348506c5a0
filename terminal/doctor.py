"""`terminal doctor`: checks of everything the terminal depends on, each with what to do when it fails."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass

from terminal.core.errors import TerminalError
from terminal.store.home import Home

MIN_FREE_BYTES = 500 * 1024 * 1024
HEALTH_PATH = "/healthz"  # what the centre serves (centre/urls.py): up, and its database reachable


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    advice: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"check": self.name, "ok": self.ok, "detail": self.detail, "advice": self.advice}


def _check_home(home: Home) -> CheckResult:
    if not home.exists():
        return CheckResult("home", False, f"{home.root}: 未初始化 / not set up",
                           "运行 terminal init / run 'terminal init' (or 'terminal demo init')")  # fmt: skip
    demo = " (DEMO)" if home.is_demo else ""
    return CheckResult("home", True, f"{home.root}{demo}")


def _check_key_and_database(home: Home) -> list[CheckResult]:
    if not home.exists():
        return []
    try:
        db = home.open()
    except TerminalError as err:
        return [CheckResult("database", False, err.message("en"), err.message("zh"))]
    try:
        problems = db.integrity_check()
        version = db.scalar("PRAGMA user_version")
        refusal = db.write_refusal  # a rolled-back database (marks.json) or a damaged page: nothing can be saved
    finally:
        db.close()
    results = [CheckResult("key", True, "解锁成功 / unlocked")]
    if refusal is not None and not problems:
        results.append(CheckResult("database", False, refusal.message("en"), refusal.message("zh")))
    elif problems:
        results.append(CheckResult("database", False, "; ".join(problems[:3]),
                                   "用备份恢复 / restore the latest backup: terminal restore FILE"))  # fmt: skip
    else:
        results.append(CheckResult("database", True, f"完整性正常 / integrity ok, schema {version}"))
    return results


def _check_disk(home: Home) -> CheckResult:
    target = home.root if home.root.exists() else home.root.parent
    while not target.exists():
        target = target.parent
    free = shutil.disk_usage(target).free
    ok = free >= MIN_FREE_BYTES
    return CheckResult("disk", ok, f"{free // (1024 * 1024)} MB free",
                       "" if ok else "清理磁盘，至少保留500MB / free at least 500 MB")  # fmt: skip


def _server_url(home: Home) -> str | None:
    """The enrolled server (in the database) or, before enrolment, the address IT put in config.json."""
    if home.exists():
        try:
            db = home.open()
        except TerminalError:
            db = None
        if db is not None:
            try:
                enrolled = db.scalar("SELECT value FROM sync_state WHERE key = 'server_url'")
            finally:
                db.close()
            if enrolled:
                return str(enrolled)
    url = home.config().get("server_url") if home.root.exists() else None
    return str(url) if url else None


def _check_server(home: Home) -> CheckResult:
    url = _server_url(home)
    if not url:
        return CheckResult("server", True, "未配置服务器，离线工作 / no server configured: working offline")
    import requests

    try:
        response = requests.get(url.rstrip("/") + HEALTH_PATH, timeout=5)
    except requests.RequestException as exc:
        return CheckResult("server", False, f"{url}: {type(exc).__name__}",
                           "检查网络与服务器地址；登记可离线继续 / check the network and the server address; registration works offline")  # fmt: skip
    ok = response.status_code == 200
    return CheckResult("server", ok, f"{url}: HTTP {response.status_code}",
                       "" if ok else "联系中心服务器管理员 / contact the central server's administrator")  # fmt: skip


def _check_readers(home: Home) -> list[CheckResult]:
    from terminal.reader.discovery import VIRTUAL, default_backends, discover

    config = home.config() if home.root.exists() else {}
    chosen = config.get("reader")
    if chosen == VIRTUAL or (chosen is None and home.exists() and home.is_demo):
        return [CheckResult("reader", True, "虚拟读卡器（演示）/ virtual reader (demo)")]
    found = discover(default_backends(config))
    results = [
        CheckResult("reader", False, f.message("en"), f.message("zh")) for f in found.faults
    ]
    if not found.readers:
        results.append(CheckResult("reader", False, "未发现读卡器 / no card reader found",
                                   "连接读卡器并安装驱动；Windows 检查“智能卡”服务已启动 / connect the reader, install "
                                   "its driver; on Windows check the Smart Card service is running"))  # fmt: skip
    for r in found.readers:
        mark = " ← chosen" if r.name == chosen else ""
        results.append(CheckResult("reader", r.state.value != "unavailable", f"{r.name} ({r.kind}, {r.state.value}){mark}",
                                   "重新插拔读卡器 / replug the reader"))  # fmt: skip
    if chosen and chosen not in {r.name for r in found.readers}:
        results.append(CheckResult("reader", False, f"{chosen}: 所选读卡器未连接 / the chosen reader is not connected",
                                   "连接该读卡器或在设置中重新选择 / connect it or choose another in settings"))  # fmt: skip
    return results


def _check_vendor_readers(home: Home) -> list[CheckResult]:
    """Each vendor SDK DLL configured (config `sdt_dll`, an `sdt:` reader, TERMINAL_SDT_DLL): which DLL, 32- or
    64-bit, its version, the port, and whether a read works (docs/install.md)."""
    from terminal.reader.discovery import sdt_backend
    from terminal.reader.sdt import diagnose

    backend = sdt_backend(home.config() if home.root.exists() else {})
    results = []
    for dll in backend.dlls:
        transport = backend.open(f"sdt:{dll}")
        try:
            found = diagnose(transport)
        finally:
            transport.close()
        detail = found.summary() if found.fault is None else f"{found.summary()}: {found.fault.message('en')}"
        advice = found.fault.message("zh") if found.fault is not None else ""
        results.append(CheckResult("vendor reader", found.ok, detail, advice))
    return results


def _check_printer(home: Home) -> list[CheckResult]:
    from terminal.print.jobs import check_printer, default_print_system

    printer = home.config().get("printer") if home.root.exists() else None
    if not printer:  # a terminal that cannot print cannot issue credentials: this is a failure, not a note
        return [CheckResult("printer", False, "未选择打印机 / no printer chosen",
                            "管理员在程序“工作 → 设置… → 打印机”中点“查找打印机”，选择打印机并保存（写入 config.json 的"
                            " printer）/ an administrator opens Work → Settings… → Printer in the app, clicks 'Find "
                            "printers', chooses the printer and saves (config.json 'printer')")]  # fmt: skip
    try:
        check_printer(default_print_system(), str(printer))
    except TerminalError as err:
        return [CheckResult("printer", False, err.message("en"), err.message("zh"))]
    return [CheckResult("printer", True, f"{printer}: 就绪 / ready")]


Check = Callable[[Home], list[CheckResult]]
CHECKS: tuple[Check, ...] = (
    lambda home: [_check_home(home)],
    _check_key_and_database,
    lambda home: [_check_disk(home)],
    lambda home: [_check_server(home)],
    _check_readers,
    _check_vendor_readers,
    _check_printer,
)


def run_checks(home: Home) -> list[CheckResult]:
    return [result for check in CHECKS for result in check(home)]


def render(results: list[CheckResult]) -> str:
    lines = []
    for r in results:
        mark = "✔" if r.ok else "✘"
        lines.append(f"{mark} {r.name:10} {r.detail}")
        if not r.ok and r.advice:
            lines.append(f"  → {r.advice}")
    return "\n".join(lines)
