"""The Linux bundle built from installer/terminal.spec: it builds, its self-test passes, and it ships what the
terminal needs and not what it does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.packaging.conftest import run_script

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


@pytest.fixture(scope="module")
def linux_build(repo: Path) -> tuple[str, Path]:
    done = run_script("build-linux-bundle", timeout=580)
    assert done.returncode == 0, done.stdout[-6000:]
    return done.stdout, repo / "installer" / "build" / "linux" / "dist" / "terminal"


def test_bundle_self_test_passes(linux_build: tuple[str, Path]) -> None:
    output, _ = linux_build
    assert "terminal self-test (bundle" in output
    assert "[FAIL]" not in output
    assert "self-test passed" in output


def test_bundle_ships_resources_in_the_source_layout(linux_build: tuple[str, Path], repo: Path) -> None:
    _, bundle = linux_build
    internal = bundle / "_internal"
    for pattern in ("fonts/*.ttf", "layouts/*.json", "demo/*.json"):
        shipped = sorted(p.name for p in (internal / "resources").glob(pattern))
        source = sorted(p.name for p in (repo / "resources").glob(pattern))
        assert shipped == source and shipped, pattern
    qm = sorted(p.name for p in (internal / "resources" / "translations").glob("*.qm"))
    assert qm == sorted(p.with_suffix(".qm").name for p in (repo / "resources" / "translations").glob("*.ts"))
    assert (internal / "reportlab" / "fonts" / "Vera.ttf").is_file()


def test_bundle_leaves_out_what_the_terminal_never_uses(linux_build: tuple[str, Path]) -> None:
    _, bundle = linux_build
    names = [str(p.relative_to(bundle)).lower() for p in bundle.rglob("*")]
    for unwanted in ("qt6quick", "qt6qml", "qt6svg", "opengl32sw", "qtwebengine", "fastapi", "sqlalchemy", "uvicorn"):
        assert not [n for n in names if unwanted in n], unwanted
    assert not (bundle / "_internal" / "server").exists()
    platforms = sorted(p.name for p in bundle.rglob("plugins/platforms/*"))
    assert platforms and all("wayland" not in p and "eglfs" not in p for p in platforms)
    assert [p for p in platforms if "offscreen" in p]
    qt_translations = [n for n in names if "/translations/" in n and n.endswith(".qm") and "pyside6" in n]
    assert qt_translations and all("zh_cn" in n for n in qt_translations)
