"""The data folder's access list on Windows (terminal/store/winacl.py), through a fake of the Win32 calls: Wine
keeps no access lists, so the rule and the check are tried here and the Win32 side on Windows
(docs/packaging.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from terminal.store import private, winacl

USER = "S-1-5-21-1004336348-1177238915-682003330-1001"
# What Windows reports for a folder made under the user's profile: entries inherited from above (ID).
INHERITED = f"D:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;FA;;;{USER})"
# A folder an administrator made on another drive: every local user may read it.
SHARED = f"D:AI(A;OICIID;FA;;;BA)(A;OICIID;FA;;;SY)(A;OICIID;0x1200a9;;;BU)(A;OICIID;FA;;;{USER})"
# Wine 8: made up from the mode bits, Everyone reads.
WINE = f"D:(A;OICI;FA;;;SY)(A;OICI;FA;;;{USER})(A;OICI;0x1200a9;;;WD)"


class FakeAcl:
    def __init__(self, initial: str, fail_with: int | None = None, keeps: bool = True) -> None:
        self.dacls: dict[Path, str] = {}
        self.initial = initial
        self.sets: list[tuple[Path, str]] = []
        self.fail_with = fail_with
        self.keeps = keeps  # False: accepts and keeps nothing, as Wine does

    def user_sid(self) -> str:
        return USER

    def dacl_of(self, path: Path) -> str:
        return self.dacls.get(path, self.initial)

    def set_protected_dacl(self, path: Path, sddl: str) -> None:
        if self.fail_with is not None:
            raise OSError(self.fail_with, "SetNamedSecurityInfoW failed")
        self.sets.append((path, sddl))
        if self.keeps:
            self.dacls[path] = sddl


def test_the_wanted_list_is_protected_and_names_only_the_user_administrators_and_system() -> None:
    wanted = winacl.wanted_sddl(USER)
    assert wanted == f"D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;{USER})"
    assert winacl.problems(wanted, USER) == []
    dacl = winacl.parse_dacl(f"O:{USER}G:{USER}{wanted}S:AI(AU;SAFA;FA;;;WD)")
    assert dacl.protected and {a.sid for a in dacl.aces} == {"SY", "BA", USER}


@pytest.mark.parametrize(
    ("sddl", "expected"),
    [
        (INHERITED, ["the access list inherits from the parent folder"]),
        (SHARED, ["the access list inherits from the parent folder", "BU is allowed in"]),
        (WINE, ["the access list inherits from the parent folder", "WD is allowed in",
                "Administrators lacks inherited full control"]),
        ("D:P", ["the user lacks inherited full control", "Administrators lacks inherited full control",
                 "SYSTEM lacks inherited full control"]),
        (f"D:PAI(A;OICI;FA;;;S-1-5-18)(A;OICI;FA;;;S-1-5-32-544)(A;;FA;;;{USER})", ["the user lacks inherited full control"]),
        (f"D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;{USER})(A;OICI;FR;;;AU)", ["AU is allowed in"]),
    ],
)  # fmt: skip
def test_each_problem_of_an_access_list_is_named(sddl: str, expected: list[str]) -> None:
    assert winacl.problems(sddl, USER) == expected


def test_a_new_data_folder_gets_the_list_once(tmp_path: Path) -> None:
    api = FakeAcl(SHARED)
    folder = tmp_path / "home"
    private.make_private_folder(folder, acl=api)
    assert folder.is_dir()
    assert api.sets == [(folder, winacl.wanted_sddl(USER))]
    assert winacl.check(folder, api) == []
    private.make_private_folder(folder, acl=api)  # every open checks; a right list is left alone
    assert len(api.sets) == 1


@pytest.mark.expected_logs("access list could not be set")
def test_a_list_that_cannot_be_set_is_logged_and_the_check_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    api = FakeAcl(SHARED, fail_with=5)  # ERROR_ACCESS_DENIED: another account owns the folder
    folder = tmp_path / "home"
    private.make_private_folder(folder, acl=api)
    assert folder.is_dir()
    assert "error 5" in caplog.text and str(tmp_path) not in caplog.text
    assert "BU is allowed in" in winacl.check(folder, api)


def test_a_system_that_keeps_no_list_is_noticed_by_the_check(tmp_path: Path) -> None:
    api = FakeAcl(WINE, keeps=False)
    folder = tmp_path / "home"
    private.make_private_folder(folder, acl=api)
    assert api.sets and "WD is allowed in" in winacl.check(folder, api)
