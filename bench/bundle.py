"""Bundle budgets: `python -m bench bundle --json [--build]`.

Size: each built bundle (installer/build/linux, installer/build/windows) against the full environment of the
same packages: that Python's own files plus every installed distribution the terminal's runtime dependencies
pull in (read from the distributions' RECORD files, so the Windows site-packages is measured from Linux).
Targets: the Windows bundle ≤ 60 % of it, the installer ≤ 80 MB.

Start: the Linux bundle from process start to the sign-in window on a demo home (`--exit-when-ready` prints
"ready" when it shows) against the same from source, in the same run (target ≤ 1.5×).
`--build` runs scripts/build-linux-bundle first; the Windows figures need scripts/build-windows-under-wine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "installer" / "build"
WINDOWS_TARGET_RATIO = 0.60
INSTALLER_LIMIT_MB = 80.0
START_TARGET_RATIO = 1.5


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def runtime_requirements() -> list[str]:
    deps = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    return [re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0] for d in deps]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def distribution_closure(site_packages: Path, roots: list[str], platform: str) -> dict[str, int]:
    """Bytes of every distribution in `site_packages` reachable from `roots` (markers evaluated for `platform`)."""
    from packaging.markers import default_environment
    from packaging.requirements import Requirement

    env: dict[str, str] = {key: str(value) for key, value in default_environment().items()} | {"extra": ""}
    env.update({"sys_platform": platform, "platform_system": "Windows" if platform == "win32" else "Linux"})
    by_name = {_normal(d.metadata["Name"]): d for d in metadata.distributions(path=[str(site_packages)])}
    sizes: dict[str, int] = {}
    todo = [_normal(r) for r in roots]
    while todo:
        name = todo.pop()
        dist = by_name.get(name)
        if dist is None or name in sizes:
            continue
        files = dist.files or []
        sizes[name] = sum(f.size or 0 for f in files)
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate(env):
                todo.append(_normal(req.name))
    return sizes


def environment_bytes(python_files: int, site_packages: Path, platform: str) -> int:
    return python_files + sum(distribution_closure(site_packages, runtime_requirements(), platform).values())


def linux_sizes() -> dict[str, object] | None:
    bundle = BUILD / "linux" / "dist" / "terminal"
    if not bundle.is_dir():
        return None
    stdlib = Path(sys.base_prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    python_files = folder_bytes(stdlib) - folder_bytes(stdlib / "site-packages") if stdlib.is_dir() else 0
    site = Path(next(p for p in sys.path if p.endswith("site-packages")))
    env = environment_bytes(python_files, site, "linux")
    size = folder_bytes(bundle)
    return {"bundle_mb": round(size / 2**20, 1), "environment_mb": round(env / 2**20, 1), "ratio": round(size / env, 3)}


def windows_sizes() -> dict[str, object] | None:
    work = BUILD / "windows"
    bundle, python = work / "dist" / "terminal", work / "python"
    if not bundle.is_dir() or not python.is_dir():
        return None
    site = python / "Lib" / "site-packages"
    env = environment_bytes(folder_bytes(python) - folder_bytes(site), site, "win32")
    size = folder_bytes(bundle)
    result: dict[str, object] = {
        "bundle_mb": round(size / 2**20, 1), "environment_mb": round(env / 2**20, 1), "ratio": round(size / env, 3),
        "ratio_target": WINDOWS_TARGET_RATIO, "ratio_ok": size / env <= WINDOWS_TARGET_RATIO,
    }  # fmt: skip
    installers = sorted(work.glob("terminal-setup-*.exe"))
    if installers:
        mb = installers[-1].stat().st_size / 2**20
        result.update({"installer_mb": round(mb, 1), "installer_limit_mb": INSTALLER_LIMIT_MB,
                       "installer_ok": mb <= INSTALLER_LIMIT_MB})  # fmt: skip
    return result


def _until_ready(command: list[str], runs: int) -> float:
    """Median seconds from spawning the process to its 'ready' line (the sign-in window is shown)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")} | {"QT_QPA_PLATFORM": "offscreen"}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True) as proc:  # fmt: skip
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.strip() == "ready":
                    times.append(time.perf_counter() - started)
                    break
            proc.wait(60)
        if proc.returncode != 0 or len(times) < _ + 1:
            raise RuntimeError(f"{command[0]} did not reach the sign-in window")
    return statistics.median(times)


def start_times(runs: int) -> dict[str, object] | None:
    """Process start until the sign-in window shows (`--exit-when-ready`), on the same demo home."""
    cli = BUILD / "linux" / "dist" / "terminal" / "terminal-cli"
    if not cli.is_file():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        home = str(Path(tmp) / "demo")
        subprocess.run([sys.executable, "-m", "terminal", "--home", home, "demo", "init", "--workers", "20"],
                       cwd=REPO, check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        args = ["--home", home, "--demo", "--exit-when-ready"]
        source = _until_ready([sys.executable, "-m", "terminal", *args], runs)
        bundled = _until_ready([str(cli), *args], runs)
    return {"what": "start to the sign-in window, bundle vs source", "runs": runs,
            "source_s": round(source, 3), "bundle_s": round(bundled, 3), "ratio": round(bundled / source, 3),
            "ratio_target": START_TARGET_RATIO, "ratio_ok": bundled / source <= START_TARGET_RATIO}  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench bundle")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--build", action="store_true", help="build the Linux bundle first")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if args.build:
        subprocess.run([str(REPO / "scripts" / "build-linux-bundle"), "--no-self-test"], check=True)
    result = {"linux_size": linux_sizes(), "windows_size": windows_sizes(), "start": start_times(args.runs)}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value if value is not None else 'not built'}")
    return 0
