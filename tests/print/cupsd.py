"""A private CUPS scheduler with a cups-pdf queue, per /work/shared/reference/cups-printing.md.

cups-pdf reads its configuration only from /etc/cups/cups-pdf-TAG.conf, so each instance writes one
with a unique TAG (removed again on stop). Missing cupsd is an error, never a skip.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
QUEUE = "PDF"


class PrivateCups:
    def __init__(self) -> None:
        # Not under pytest's tmp_path: that is mode 700, and filters and cups-pdf run as user lp.
        self.root = Path(tempfile.mkdtemp(prefix="terminal-cups-"))
        self.tag = f"t{uuid.uuid4().hex[:10]}"
        self.socket = self.root / "run" / "cups.sock"
        self.out = self.root / "out"
        self.cups_pdf_conf = Path(f"/etc/cups/cups-pdf-{self.tag}.conf")
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": str(self.socket), "LANG": "C", "LC_ALL": "C"}

    def start(self) -> None:
        cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
        if not Path(cupsd).exists() or not PPD.exists():
            raise RuntimeError("cupsd or the cups-pdf PPD is missing: run ./scripts/dev setup as root")
        for sub in ("etc", "run", "spool", "tmp", "cache", "state", "log", "out", "cups-pdf-spool"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        for path in [self.root, *self.root.iterdir()]:
            path.chmod(0o755)
        (self.root / "spool").chmod(0o710)
        os.chown(self.root / "spool", 0, 7)  # lp group reads the spool, as Debian sets it up
        (self.root / "tmp").chmod(0o1777)
        (self.out).chmod(0o1777)
        (self.root / "cups-pdf-spool").chmod(0o1777)
        r = self.root
        (r / "etc" / "cups-files.conf").write_text(
            f"ServerRoot {r}/etc\nRequestRoot {r}/spool\nTempDir {r}/tmp\nCacheDir {r}/cache\n"
            f"StateDir {r}/state\nAccessLog {r}/log/access_log\nErrorLog {r}/log/error_log\n"
            f"PageLog {r}/log/page_log\nUser lp\nSystemGroup root lpadmin\n"
        )
        (r / "etc" / "cupsd.conf").write_text(
            f"Listen {self.socket}\nBrowsing No\nWebInterface No\nLogLevel info\nMaxJobTime 60\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
        )
        self.cups_pdf_conf.write_text(
            f"Out {self.out}\nAnonDirName {self.out}\nSpool {r}/cups-pdf-spool\nLog {r}/log\n"
            "UserUMask 0022\nLabel 2\nTitlePref 1\nOutputFile ${NAME}\n"
        )
        self.process = subprocess.Popen(
            [cupsd, "-f", "-c", str(r / "etc" / "cupsd.conf"), "-s", str(r / "etc" / "cups-files.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while not self.socket.exists():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"private cupsd did not start; see {r}/log/error_log")
            time.sleep(0.02)
        self.run("lpadmin", "-p", QUEUE, "-E", "-v", f"cups-pdf:/{self.tag}", "-P", str(PPD), "-o", "TitlePref=1")

    def run(self, *argv: str) -> str:
        done = subprocess.run(list(argv), env=self.env, capture_output=True, text=True, timeout=30, check=True)
        return done.stdout

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.cups_pdf_conf.unlink(missing_ok=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def reset_queue(self) -> None:
        """Back to enabled and accepting with no pending jobs, for the next test."""
        self.run("cupsenable", QUEUE)
        self.run("cupsaccept", QUEUE)
        subprocess.run(["cancel", "-a", QUEUE], env=self.env, capture_output=True, timeout=30)

    def wait_for_pdf(self, count: int = 1, timeout: float = 20.0) -> list[Path]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = sorted(self.out.rglob("*.pdf"))
            # cups-pdf's Ghostscript writes the file in place: a PDF is whole once it ends in %%EOF.
            if len(found) >= count and all(_finished(pdf) for pdf in found):
                return found
            time.sleep(0.05)  # the check interval
        raise AssertionError(f"cups-pdf wrote no PDF into {self.out}; see {self.root}/log")


def _finished(pdf: Path) -> bool:
    try:
        with pdf.open("rb") as f:
            f.seek(max(pdf.stat().st_size - 1024, 0))
            return b"%%EOF" in f.read()
    except OSError:
        return False  # moved or still being created


_shared: PrivateCups | None = None


def shared_cups() -> PrivateCups:
    """One scheduler for the whole test run: libcups (inside Qt) caches the server per process, so
    CUPS_SERVER is set once, before anything asks CUPS. Stopped at interpreter exit."""
    global _shared
    if _shared is None:
        import atexit

        _shared = PrivateCups()
        _shared.start()
        os.environ["CUPS_SERVER"] = str(_shared.socket)
        atexit.register(_shared.stop)
    return _shared
