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

from terminal.cli.language import say
from terminal.core.errors import InvalidInput, KeyUnavailable
from terminal.store.db import Database
from terminal.store.home import Home
from terminal.usecases import operators
from terminal.usecases.context import Actor
from wirecontract.errors import Text


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
        db = home.open(recovery_key=getpass.getpass(say("恢复密钥：", "recovery key: ")))
    try:
        yield home, db
    finally:
        db.close()


ENV_OPERATOR = "TERMINAL_OPERATOR"
ENV_OPERATOR_PASSWORD = "TERMINAL_OPERATOR_PASSWORD"


@contextmanager
def signed_in(args: argparse.Namespace) -> Iterator[tuple[Home, Database, Actor]]:
    """Open the home and sign an operator in, as the app's sign-in screen does: commands that show personal
    data or change state act as that operator, with that operator's role, and the audit log names them.
    The user name and password come from TERMINAL_OPERATOR / TERMINAL_OPERATOR_PASSWORD (scripts) or a
    prompt, never from the command line."""
    with opened(args) as (home, db):
        username = os.environ.get(ENV_OPERATOR) or (_prompt(say("操作员：", "operator: ")) if sys.stdin.isatty() else "")
        if not username:
            raise InvalidInput(field=Text(f"{ENV_OPERATOR} 未设置", f"{ENV_OPERATOR} is not set"))
        password = secret_from_env_or_prompt(ENV_OPERATOR_PASSWORD, say("密码：", "password: "), confirm=False)
        yield home, db, operators.sign_in(db, username, password)


def _prompt(text: str) -> str:
    return input(text).strip()


def secret_from_env_or_prompt(env_name: str, prompt: str, confirm: bool = True) -> str:
    """Secrets never come from command-line arguments: the environment (scripts) or a prompt."""
    value = os.environ.get(env_name)
    if value:
        return value
    if not sys.stdin.isatty():
        raise InvalidInput(field=Text(f"{env_name} 未设置", f"{env_name} is not set"))
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(say("再次输入：", "again: ")) != first:
        raise InvalidInput(field=Text("两次输入不一致", "the two entries differ"))
    return first


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
