"""Messages from the core carry both languages and say one: error parameters as Text, the older
"中文 / English" pairs split, field names, states, roles and actions in the reader's language."""

from __future__ import annotations

import re

import pytest

import terminal.core.errors as errors
from terminal.core import lifecycle, messages
from terminal.core.lifecycle import State
from terminal.core.roles import Action, Role, require
from terminal.usecases import validation
from wirecontract.errors import ExplainedError, Text, in_lang

CJK = re.compile(r"[\u3400-\u9fff]")


def _all_errors(root: type[ExplainedError]) -> list[type[ExplainedError]]:
    found = []
    for sub in root.__subclasses__():
        found += [sub, *_all_errors(sub)]
    return found


def _has_words(template: str) -> bool:
    """A template that only passes a message through ("{message}", as the centre's API errors do) has no
    language of its own to check."""
    return bool(re.sub(r"\{[^}]*\}|[\s.,:;/()\-]", "", template))


def test_every_error_template_is_in_its_own_language() -> None:
    # Every subclass loaded in this session, the centre's too when other tests imported it first.
    for cls in _all_errors(ExplainedError):
        if cls.en_template != ExplainedError.en_template:
            assert not CJK.search(cls.en_template), cls.__name__
        if cls.zh_template != ExplainedError.zh_template and _has_words(cls.zh_template):
            assert CJK.search(cls.zh_template), cls.__name__


def test_a_pass_through_template_is_not_taken_for_words() -> None:
    assert not _has_words("{message}") and _has_words("输入有误：{detail}") and _has_words("{field} is required")


def test_required_field_is_named_in_one_language() -> None:
    with pytest.raises(errors.InvalidInput) as caught:
        validation.required(" ", Text("现住址", "current address"))
    assert caught.value.message("zh") == "输入有误：现住址不能为空。"
    assert caught.value.message("en") == "Invalid input: current address is required."
    with pytest.raises(errors.InvalidInput) as old_style:  # a caller still passing "中文 / English"
        validation.required("", "现住址 / current address")
    assert old_style.value.message("en") == "Invalid input: current address is required."
    assert not CJK.search(old_style.value.message("en")) and "current" not in old_style.value.message("zh")


def test_lists_and_pairs_follow_the_language() -> None:
    missing = errors.IssuePreconditionFailed(missing=[Text("无照片", "no photo"), Text("未培训", "no training")])
    assert missing.message("zh") == "不能发证：无照片；未培训。"
    assert missing.message("en") == "Cannot issue the credential: no photo; no training."
    assert errors.NotFound(what="人员 / worker", key="7").message("en") == "No worker found: 7."
    assert in_lang("a / b", "zh") == "a / b"  # not a Chinese/English pair: left as it is


def test_states_roles_and_actions_in_the_readers_language() -> None:
    with pytest.raises(errors.InvalidTransition) as caught:
        lifecycle.check(Action.RESUME, State.ISSUED, Role.SUPERVISOR)
    assert "已发证" in caught.value.message("zh") and "恢复" in caught.value.message("zh")
    assert not CJK.search(caught.value.message("en")) and "issued" in caught.value.message("en")
    with pytest.raises(errors.PermissionDenied) as denied:
        require(Role.CLERK, Action.APPROVE)
    assert "登记员" in denied.value.message("zh") and "审核" in denied.value.message("zh")
    assert "clerk" in denied.value.message("en") and not CJK.search(denied.value.message("en"))
    with pytest.raises(errors.InvalidInput) as reason:
        lifecycle.check(Action.REVOKE, State.ISSUED, Role.SUPERVISOR, reason=" ")
    assert not CJK.search(reason.value.message("en"))


def test_tell_hands_both_languages_and_the_sink_picks_one() -> None:
    shown: list[str] = []

    def sink(message: messages.Message) -> None:
        shown.append(message.text("en"))

    messages.add_sink(sink)
    try:
        messages.info("已保存", "Saved")
    finally:
        messages.remove_sink(sink)
    assert shown == ["Saved"]


def test_use_cases_name_things_with_text_not_combined_pairs() -> None:
    """Each language whole: no "中文 / English" string literal left in the use cases, the core or the store (a
    document's own bilingual title and an actor's display name are not messages)."""
    import ast
    from pathlib import Path

    root = Path(__file__).parents[2] / "terminal"
    pair = re.compile(r"[\u3400-\u9fff][^\n]* / [A-Za-z{]")
    found = []
    for folder in ("usecases", "core", "store"):
        for path in sorted((root / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                          if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body
                          and isinstance(node.body[0], ast.Expr)}  # fmt: skip
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                        "setTitle", "Actor"):  # fmt: skip
                    for arg in node.args:
                        docstrings.add(id(arg))
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                        and pair.search(node.value):  # fmt: skip
                    found.append(f"{path.relative_to(root)}:{node.lineno}")
    assert found == []


@pytest.mark.expected_logs("invalid_input", "not_found")  # the channel logs each message it is told
def test_credential_and_printing_refusals_reach_the_channel_in_one_language() -> None:
    """The refusals that were "中文 / English" pairs: typed, and each language whole through messages.tell()."""
    from terminal.usecases import credentials, printing

    told: list[messages.Message] = []
    messages.add_sink(told.append)
    try:
        for error in (credentials.AlreadyHoldsCredential(credential_no="SH0001234"), credentials.HolderMustTapCard(),
                      credentials.TappedCardNotHolders(), printing.NoVerificationPage(),
                      errors.NotFound(what=Text("证件", "credential"), key="SH0001234")):  # fmt: skip
            assert isinstance(error, errors.InvalidInput | errors.NotFound)  # callers decide by type, as before
            messages.tell_error(error)
    finally:
        messages.remove_sink(told.append)
    assert len(told) == 5
    for message in told:
        assert CJK.search(message.zh) and " / " not in message.zh, message.zh
        assert not CJK.search(message.en) and " / " not in message.en, message.en
        # Chinese words only, apart from a credential number or a command to type.
        assert not re.search(r"[A-Za-z]{3,}", message.zh.replace("terminal enrol", "")), message.zh
