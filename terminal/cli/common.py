"""Helpers shared by command modules: opening the home, prompting for secrets, JSON output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from terminal.core.errors import InvalidInput, KeyUnavailable
from terminal.store.db import Database
from terminal.store.home import Home


def home_of(args: argparse.Namespace) -> Home:
    return Home.resolve(args.home)


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[tuple[Home, Database]]:
    """Open the home's database: protectors first, then (interactively) the recovery key."""
    home = home_of(args)
    try:
        db = home.open()
    except KeyUnavailable:
        if not sys.stdin.isatty():
            raise
        db = home.open(recovery_key=getpass.getpass("恢复密钥 / recovery key: "))
    try:
        yield home, db
    finally:
        db.close()


def secret_from_env_or_prompt(env_name: str, prompt: str, confirm: bool = True) -> str:
    """Secrets never come from command-line arguments: the environment (scripts) or a prompt."""
    value = os.environ.get(env_name)
    if value:
        return value
    if not sys.stdin.isatty():
        raise InvalidInput(field=f"{env_name} 未设置 / {env_name} is not set")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("再次输入 / again: ") != first:
        raise InvalidInput(field="两次输入不一致 / the two entries differ")
    return first


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
