"""Reading the centre's configuration: database URLs and secrets. No Django imports, so the command line can
check its arguments before Django starts."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from wirecontract.errors import Text

DEFAULT_DB_URL = "sqlite:///terminal-server.db"

# Environment variables the centre reads (documented in docs/centre.md).
ENV_DB_URL = "TERMINAL_SERVER_DB"
ENV_DEMO = "CENTRE_DEMO"
ENV_HOME = "CENTRE_HOME"
ENV_SECRET_KEY = "CENTRE_SECRET_KEY"
ENV_SECRET_KEY_FILE = "CENTRE_SECRET_KEY_FILE"
ENV_TLS = "CENTRE_TLS"  # "1" when a reverse proxy terminates TLS in front of the centre
ENV_API_DOCS = "CENTRE_API_DOCS"  # "1" serves the interactive API documentation
ENV_ALLOWED_HOSTS = "CENTRE_ALLOWED_HOSTS"
ENV_RATE_VERIFY = "CENTRE_RATE_VERIFY"  # per client: verification page (/V/…) requests, e.g. "120/m"
ENV_RATE_ENROL = "CENTRE_RATE_ENROL"  # per client: enrolment attempts (unsigned: anyone can try a code), e.g. "60/h"
ENV_RATE_LIMITS = "CENTRE_RATE_LIMITS"  # "0" turns every per-client rate limit off (load tests on loopback)
ENV_BULK_PROCESSES = "CENTRE_BULK_PROCESSES"  # worker processes for push, pull and receipt; 0: served in-process
ENV_BULK_LAZY = "CENTRE_BULK_LAZY"  # "1": start those workers on the first bulk request, not with the server


class ConfigurationError(ValueError):
    """The configuration cannot work: which setting and why, in either language (`message(lang)`); the exception's
    own text is the English one, for tracebacks."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.text = Text(zh, en)

    def message(self, lang: str) -> str:
        return self.text.in_lang(lang)


def default_db_url() -> str:
    return os.environ.get(ENV_DB_URL, DEFAULT_DB_URL)


def flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def rate(name: str, default: str) -> str:
    """A per-client rate from the environment, as `COUNT/PERIOD` with PERIOD one of s, m, h, d (optionally
    with a multiplier: `100/5m`)."""
    value = os.environ.get(name, default).strip()
    count, _, period = value.partition("/")
    if not (count.isascii() and count.isdigit() and int(count) > 0 and _valid_period(period)):
        raise ConfigurationError(f"{name}={value!r} is not a rate such as 60/m (count/s|m|h|d)",
                                 f"{name}={value!r} 不是频率，应写作 60/m 这样（次数/s|m|h|d）")
    return value


def count(name: str, default: int) -> int:
    """A whole number of at least 0 from the environment."""
    value = os.environ.get(name, str(default)).strip()
    if not (value.isascii() and value.isdigit()):
        raise ConfigurationError(f"{name}={value!r} is not a whole number", f"{name}={value!r} 不是非负整数")
    return int(value)


def _valid_period(period: str) -> bool:
    multiplier, unit = period[:-1], period[-1:]
    return unit in ("s", "m", "h", "d") and (multiplier == "" or (multiplier.isascii() and multiplier.isdigit()
                                                                   and int(multiplier) > 0))  # fmt: skip


def database_settings(url: str) -> dict[str, Any]:
    """A Django DATABASES entry from `sqlite:///relative.db`, `sqlite:////absolute.db` or
    `postgresql://user:password@host:port/name` (also `postgresql+psycopg://`, and `?host=/socket/dir&port=N`)."""
    parts = urlsplit(url)
    scheme = parts.scheme.split("+", 1)[0]
    if scheme == "sqlite":
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if not path:
            raise ConfigurationError(f"the SQLite URL {url!r} names no file", f"SQLite 数据库地址 {url!r} 没有指明文件")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(Path(path).absolute()),
            "OPTIONS": {
                # IMMEDIATE: a writer takes the lock at BEGIN, so two writers wait (busy timeout) instead of
                # failing with "database is locked" when a read transaction tries to become a write one.
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                # NORMAL sync is crash-safe in WAL (the journal mode is set once, when the schema is migrated:
                # it stays with the file, so connections need not ask for it again).
                "init_command": "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
        }
    if scheme in ("postgresql", "postgres"):
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        name = unquote(parts.path.lstrip("/"))
        if not name:
            shown = shown_url(url)
            raise ConfigurationError(f"the PostgreSQL URL {shown!r} names no database",
                                     f"PostgreSQL 数据库地址 {shown!r} 没有指明数据库")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": query.pop("host", parts.hostname or ""),
            "PORT": query.pop("port", str(parts.port or "")),
            "OPTIONS": query,
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ConfigurationError(f"unsupported database URL scheme {parts.scheme!r} (sqlite or postgresql)",
                             f"不支持的数据库地址类型 {parts.scheme!r}（应为 sqlite 或 postgresql）")


def shown_url(url: str) -> str:
    """The database URL as it may be shown or logged: without its password."""
    parts = urlsplit(url)
    return url.replace(f":{parts.password}@", ":***@") if parts.password else url


def centre_home() -> Path:
    """Where the centre keeps what must not live in the database or the repository (the secret key)."""
    return Path(os.environ.get(ENV_HOME, "centre-data")).absolute()


def secret_key() -> str:
    """From CENTRE_SECRET_KEY, else the file CENTRE_SECRET_KEY_FILE, else `secret-key` in the centre's home if
    it is there (ensure_secret_key makes it). Empty when there is none: Django then refuses whatever needs it."""
    value = os.environ.get(ENV_SECRET_KEY, "").strip()
    if value:
        return value
    path = _secret_key_path()
    if not path.is_file():
        return ""
    text = path.read_text(encoding="ascii").strip()
    if len(text) < 32:
        raise ConfigurationError(f"the secret key in {path} is shorter than 32 characters",
                                 f"{path} 中的密钥短于 32 个字符")
    return text


def _secret_key_path() -> Path:
    named = os.environ.get(ENV_SECRET_KEY_FILE, "").strip()
    path = Path(named) if named else centre_home() / "secret-key"
    if named and not path.is_file():
        raise ConfigurationError(f"{ENV_SECRET_KEY_FILE} names {path}, which does not exist",
                                 f"{ENV_SECRET_KEY_FILE} 指向的文件 {path} 不存在")
    return path


def ensure_secret_key() -> None:
    """Before serving: create the home's `secret-key` once (mode 0600) unless a key is configured, so that every
    process of one installation signs sessions alike."""
    if os.environ.get(ENV_SECRET_KEY, "").strip():
        return
    path = _secret_key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process of this installation created it first: use theirs
        else:
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(secrets.token_urlsafe(50))
