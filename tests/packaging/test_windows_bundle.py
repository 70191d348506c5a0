"""The Windows program, built here with Windows CPython under Wine from Windows wheels (scripts/build-windows-
under-wine): the bundle's self-test under Wine, the NSIS installer's silent install, upgrade and uninstall.

The script installs what it needs (Debian wine, mingw-w64, nsis) when run as root and otherwise fails: this test
fails, never skips, when something is missing. It takes several minutes (docs/packaging.md has the figures)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.packaging.background_build import SCRIPT, background_build
from tests.packaging.conftest import run_script

pytestmark = [pytest.mark.slow, pytest.mark.timeout(2400)]

INSTALLER_LIMIT_BYTES = 80 * 1024 * 1024


@pytest.fixture(scope="module")
def windows_build(repo: Path, pytestconfig: pytest.Config) -> tuple[str, Path]:
    started = background_build(pytestconfig)  # the session started it at collection (background_build.py)
    done = started.result(timeout=2300) if started else run_script(SCRIPT, timeout=2300)
    assert done.returncode == 0, done.stdout[-8000:]
    return done.stdout, repo / "installer" / "build" / "windows"


def test_bundle_self_test_passes_under_wine(windows_build: tuple[str, Path]) -> None:
    output, work = windows_build
    reports = re.findall(r"terminal self-test \(bundle, Python 3\.12\.\d+, win32\)", output)
    assert len(reports) == 2  # the freshly built folder, then the installed program
    assert output.count("self-test passed") == 2
    assert "[FAIL]" not in output
    assert output.count("[OK  ] keys          dpapi: key wrapped and unwrapped") == 2  # DPAPI through ctypes
    assert (work / "dist" / "terminal" / "terminal.exe").is_file()


def test_installer_installs_upgrades_and_uninstalls_keeping_data(windows_build: tuple[str, Path]) -> None:
    output, work = windows_build
    assert "uninstall keeping data, uninstall with /DELETEDATA: ok" in output
    installers = list(work.glob("terminal-setup-*.exe"))
    assert len(installers) == 1
    assert installers[0].stat().st_size <= INSTALLER_LIMIT_BYTES


def test_wine_only_stand_ins_stay_out_of_the_bundle(windows_build: tuple[str, Path]) -> None:
    _, work = windows_build
    shipped = {p.name.lower() for p in (work / "dist" / "terminal").rglob("*.dll")}
    assert not shipped & {"icuuc.dll", "bcryptprimitives.dll", "cfgmgr32.dll", "wine_cfgmgr32.dll"}
    assert "opengl32sw.dll" not in shipped
    assert "qt6core.dll" in shipped


def test_the_bundle_ships_the_vendor_reader_helpers_and_reads_through_the_stand_in(
    windows_build: tuple[str, Path],
) -> None:
    output, work = windows_build
    bundle = work / "dist" / "terminal"
    assert {p.name for p in (bundle / "_internal" / "sdt").iterdir()} == {"sdthelper32.exe", "sdthelper64.exe"}
    # The built folder's self-test reads the virtual card through the 32-bit stand-in DLL and decodes its photo.
    read = r"\[OK  \] vendor reader .*sdtapi\.dll, 32-bit, version 9\.9\.0\.1, USB 1001, SAM 99\..*card read.*photo decoded"
    assert re.search(read, output), output[-3000:]
    shipped = {p.name.lower() for p in bundle.rglob("*")}
    assert not shipped & {"sdtapi.dll", "wltrs.dll"}  # the stand-ins are for tests only
