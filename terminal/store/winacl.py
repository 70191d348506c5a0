"""The data folder's access list on Windows: the signed-in user, the administrators and SYSTEM, nobody else.

Windows has no mode bits; a folder under the user's profile inherits what its parent allows, and a folder an
administrator picked elsewhere (D:\\terminal) usually lets every local user read it. So the folder gets a
*protected* DACL (nothing inherited from above) with three full-control entries that its files and
sub-folders inherit: the account running the terminal, BUILTIN\\Administrators (IT staff restore and back
up), and LocalSystem (the backup service). Everyone, Users and Authenticated Users get nothing.

The Win32 calls (advapi32 through ctypes, no extra dependency) sit behind `AclApi`, so the rule and the check
are tested on any system with a fake; `Win32Acl` is the real one. Access lists are exchanged as SDDL text
(`D:PAI(A;OICI;FA;;;SY)…`), which both sides can read and compare.
"""

from __future__ import annotations

import ctypes
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

SYSTEM = "SY"  # LocalSystem, S-1-5-18
ADMINISTRATORS = "BA"  # BUILTIN\Administrators, S-1-5-32-544
_SID_ALIASES = {"S-1-5-18": SYSTEM, "S-1-5-32-544": ADMINISTRATORS}
# Full control that containers and objects below inherit (OICI), for each of the three.
_ACE = "(A;OICI;FA;;;{sid})"
_FULL_ACCESS = {"FA", "0x1f01ff", "GA", "0x10000000"}
_ACE_RE = re.compile(r"\(([^)]*)\)")


class AclApi(Protocol):
    """Reads and writes a folder's DACL as SDDL; names the account the program runs as."""

    def user_sid(self) -> str: ...

    def dacl_of(self, path: Path) -> str: ...

    def set_protected_dacl(self, path: Path, sddl: str) -> None: ...


@dataclass(frozen=True)
class Ace:
    kind: str  # "A" allow, "D" deny, …
    flags: str
    rights: str
    sid: str


@dataclass(frozen=True)
class Dacl:
    protected: bool
    aces: tuple[Ace, ...]


def parse_dacl(sddl: str) -> Dacl:
    """The DACL part of an SDDL string (`D:` flags, then ACEs; other parts such as `O:` or `S:` ignored)."""
    start = sddl.find("D:")
    if start < 0:
        return Dacl(False, ())
    rest = sddl[start + 2 :]
    cut = rest.find(")S:")  # a SACL after the DACL's entries (SIDs inside entries read "S-1-…", never "S:")
    if cut >= 0:
        rest = rest[: cut + 1]
    flags = rest[: rest.find("(")] if "(" in rest else rest
    aces = []
    for body in _ACE_RE.findall(rest):
        fields = body.split(";")
        if len(fields) >= 6:
            aces.append(Ace(fields[0], fields[1], fields[2], _SID_ALIASES.get(fields[5], fields[5])))
    return Dacl("P" in flags, tuple(aces))


def wanted_sddl(user_sid: str) -> str:
    """Protected (P), auto-inherited (AI): full control for the user, the administrators and SYSTEM."""
    return "D:PAI" + "".join(_ACE.format(sid=sid) for sid in (SYSTEM, ADMINISTRATORS, user_sid))


def problems(sddl: str, user_sid: str) -> list[str]:
    """What is wrong with a folder's DACL (empty: right). Messages name SIDs and flags, never a path."""
    dacl = parse_dacl(sddl)
    found: list[str] = []
    if not dacl.protected:
        found.append("the access list inherits from the parent folder")
    allowed = {SYSTEM, ADMINISTRATORS, user_sid}
    for ace in dacl.aces:
        if ace.kind == "A" and ace.sid not in allowed:
            found.append(f"{ace.sid} is allowed in")
    for sid, label in ((user_sid, "the user"), (ADMINISTRATORS, "Administrators"), (SYSTEM, "SYSTEM")):
        if not any(a.kind == "A" and a.sid == sid and a.rights in _FULL_ACCESS and "CI" in a.flags and "OI" in a.flags
                   for a in dacl.aces):  # fmt: skip
            found.append(f"{label} lacks inherited full control")
    return found


def restrict(path: Path, api: AclApi) -> bool:
    """Give `path` the wanted DACL unless it already has it; True if it had to be changed."""
    user = api.user_sid()
    if not problems(api.dacl_of(path), user):
        return False
    api.set_protected_dacl(path, wanted_sddl(user))
    return True


def check(path: Path, api: AclApi) -> list[str]:
    return problems(api.dacl_of(path), api.user_sid())


# --- the Win32 side ---------------------------------------------------------------------------------------------

_SE_FILE_OBJECT = 1
_DACL_SECURITY_INFORMATION = 0x00000004
_PROTECTED_DACL_SECURITY_INFORMATION = 0x80000000
_SDDL_REVISION_1 = 1
_TOKEN_QUERY = 0x0008
_TOKEN_USER = 1


class Win32Acl:
    """advapi32 through ctypes. Only constructed on Windows (and under Wine)."""

    def __init__(self) -> None:
        from ctypes import wintypes

        self._w = wintypes
        self._advapi = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
        self._kernel = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        self._kernel.GetCurrentProcess.restype = wintypes.HANDLE
        self._kernel.LocalFree.argtypes = [ctypes.c_void_p]
        self._kernel.CloseHandle.argtypes = [wintypes.HANDLE]
        a = self._advapi
        a.OpenProcessToken.argtypes = [wintypes.HANDLE, wintypes.DWORD, ctypes.POINTER(wintypes.HANDLE)]
        a.GetTokenInformation.argtypes = [wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD,
                                          ctypes.POINTER(wintypes.DWORD)]  # fmt: skip
        a.ConvertSidToStringSidW.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_wchar_p)]
        a.GetNamedSecurityInfoW.argtypes = [wintypes.LPCWSTR, ctypes.c_int, wintypes.DWORD, ctypes.c_void_p,
                                            ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p,
                                            ctypes.POINTER(ctypes.c_void_p)]  # fmt: skip
        a.GetNamedSecurityInfoW.restype = wintypes.DWORD
        a.ConvertSecurityDescriptorToStringSecurityDescriptorW.argtypes = [
            ctypes.c_void_p, wintypes.DWORD, wintypes.DWORD, ctypes.POINTER(ctypes.c_wchar_p), ctypes.c_void_p]
        a.ConvertStringSecurityDescriptorToSecurityDescriptorW.argtypes = [
            wintypes.LPCWSTR, wintypes.DWORD, ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p]
        a.GetSecurityDescriptorDacl.argtypes = [ctypes.c_void_p, ctypes.POINTER(wintypes.BOOL),
                                                ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(wintypes.BOOL)]  # fmt: skip
        a.SetNamedSecurityInfoW.argtypes = [wintypes.LPWSTR, ctypes.c_int, wintypes.DWORD, ctypes.c_void_p,
                                            ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]  # fmt: skip
        a.SetNamedSecurityInfoW.restype = wintypes.DWORD

    def _fail(self, what: str, code: int | None = None) -> OSError:
        code = ctypes.get_last_error() if code is None else code  # type: ignore[attr-defined]
        return OSError(code, f"{what} failed (Windows error {code})")

    def user_sid(self) -> str:
        w, a = self._w, self._advapi
        token = w.HANDLE()
        if not a.OpenProcessToken(self._kernel.GetCurrentProcess(), _TOKEN_QUERY, ctypes.byref(token)):
            raise self._fail("OpenProcessToken")
        try:
            size = w.DWORD()
            a.GetTokenInformation(token, _TOKEN_USER, None, 0, ctypes.byref(size))
            buffer = ctypes.create_string_buffer(size.value)
            if not a.GetTokenInformation(token, _TOKEN_USER, buffer, size, ctypes.byref(size)):
                raise self._fail("GetTokenInformation")
            sid = ctypes.c_void_p.from_buffer(buffer).value  # TOKEN_USER starts with SID_AND_ATTRIBUTES.Sid
            text = ctypes.c_wchar_p()
            if not a.ConvertSidToStringSidW(sid, ctypes.byref(text)):
                raise self._fail("ConvertSidToStringSidW")
            try:
                return str(text.value)
            finally:
                self._kernel.LocalFree(ctypes.cast(text, ctypes.c_void_p))
        finally:
            self._kernel.CloseHandle(token)

    def dacl_of(self, path: Path) -> str:
        a = self._advapi
        descriptor = ctypes.c_void_p()
        dacl = ctypes.c_void_p()
        code = a.GetNamedSecurityInfoW(str(path), _SE_FILE_OBJECT, _DACL_SECURITY_INFORMATION, None, None,
                                       ctypes.byref(dacl), None, ctypes.byref(descriptor))  # fmt: skip
        if code:
            raise self._fail("GetNamedSecurityInfoW", code)
        try:
            text = ctypes.c_wchar_p()
            if not a.ConvertSecurityDescriptorToStringSecurityDescriptorW(
                descriptor, _SDDL_REVISION_1, _DACL_SECURITY_INFORMATION, ctypes.byref(text), None
            ):
                raise self._fail("ConvertSecurityDescriptorToStringSecurityDescriptorW")
            try:
                return str(text.value)
            finally:
                self._kernel.LocalFree(ctypes.cast(text, ctypes.c_void_p))
        finally:
            self._kernel.LocalFree(descriptor)

    def set_protected_dacl(self, path: Path, sddl: str) -> None:
        w, a = self._w, self._advapi
        descriptor = ctypes.c_void_p()
        if not a.ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, _SDDL_REVISION_1,
                                                                      ctypes.byref(descriptor), None):  # fmt: skip
            raise self._fail("ConvertStringSecurityDescriptorToSecurityDescriptorW")
        try:
            present, defaulted = w.BOOL(), w.BOOL()
            dacl = ctypes.c_void_p()
            if not a.GetSecurityDescriptorDacl(descriptor, ctypes.byref(present), ctypes.byref(dacl),
                                               ctypes.byref(defaulted)):  # fmt: skip
                raise self._fail("GetSecurityDescriptorDacl")
            # SetNamedSecurityInfo also passes the inheritable entries on to what the folder already holds.
            code = a.SetNamedSecurityInfoW(
                str(path), _SE_FILE_OBJECT, _DACL_SECURITY_INFORMATION | _PROTECTED_DACL_SECURITY_INFORMATION,
                None, None, dacl, None,
            )  # fmt: skip
            if code:
                raise self._fail("SetNamedSecurityInfoW", code)
        finally:
            self._kernel.LocalFree(descriptor)


def running_under_wine() -> bool:
    """Wine's ntdll exports wine_get_version. Wine 8 accepts an access list and keeps none: what it reports
    is made up from the Unix mode bits, so the check cannot pass there (docs/packaging.md)."""
    if sys.platform != "win32":
        return False
    try:
        return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")
    except OSError:
        return False


def default_api() -> AclApi | None:
    """The real API on Windows, None elsewhere (POSIX has its mode bits instead)."""
    return Win32Acl() if sys.platform == "win32" else None


__all__ = [
    "AclApi", "Win32Acl", "check", "default_api", "parse_dacl", "problems", "restrict", "running_under_wine",
    "wanted_sddl",
]  # fmt: skip
