"""`terminal enrol` and `terminal sync now|status|receipt` on a demo home against a demo centre."""

from __future__ import annotations

import json

import pytest

from terminal.cli.main import main
from terminal.usecases.demo import DEMO_AGENCY
from tests.sync.liveserver import LiveServer


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, object]]:
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.expected_logs("terminal.message")
def test_enrol_sync_status_receipt(capsys: pytest.CaptureFixture[str], demo_server: LiveServer) -> None:
    assert main(["demo", "init", "--workers", "5"]) == 0
    assert main(["sync", "now"]) == 1  # not enrolled yet: a clear message, not a traceback
    assert "terminal enrol" in capsys.readouterr().err
    assert main(["enrol", "NOPE-NOPE-NOPE", "--server", demo_server.url]) == 1
    assert "注册码不存在" in capsys.readouterr().err
    assert main(["enrol", demo_server.enrolment_code(DEMO_AGENCY.credit_code, DEMO_AGENCY.name), "--server", demo_server.url]) == 0
    assert "注册成功" in capsys.readouterr().out

    code, before = run_json(capsys, "sync", "status", "--json")
    assert code == 0 and before["enrolled"] is True and before["issuing_blocked"] is True
    code, report = run_json(capsys, "sync", "now", "--json")
    assert code == 0 and report["rejected"] == 0 and int(str(report["accepted"])) > 0
    code, after = run_json(capsys, "sync", "status", "--json")
    assert after["issuing_blocked"] is False and after["last_pull_at"] and after["drift_seconds"] is not None
    assert after["outbox"] == {**after["outbox"], "queued": 0, "sent": 0}  # type: ignore[dict-item]
    code, receipt = run_json(capsys, "sync", "receipt", "--json")
    assert code == 0 and receipt["matches"] is True

    # Text for a person: one language a run, as chosen.
    assert main(["--lang", "en", "sync", "status"]) == 0
    said = capsys.readouterr().out
    assert "enrolled: yes" in said and "issuing allowed" in said and not any("\u4e00" <= c <= "\u9fff" for c in said)
    assert main(["--lang", "zh", "sync", "receipt"]) == 0
    said = capsys.readouterr().out
    assert "对账：一致" in said and "match" not in said
