"""Search terms for the front-desk search, and the search itself.

Every kind of query becomes one indexed prefix lookup on `search_terms.term`:
- `n:` + each suffix of the Chinese name (so 2-character names and given names match too);
- `p:` + full pinyin and each syllable-suffix of it, `i:` + initials and their suffixes (zs, zhangsan → 张三;
  polyphonic characters add their readings, a few combinations at most);
- `r:` + the ID number reversed (an ID suffix becomes a prefix), `t:` + phone and `tr:` + phone reversed;
- `c:` + credential number.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pypinyin import Style, pinyin

from terminal.store.db import Connection, Database

MAX_READINGS = 6
_CJK = re.compile(r"^[\u3400-\u9fff·]+$")
_DIGITS = re.compile(r"^[0-9Xx]+$")
_LETTERS = re.compile(r"^[A-Za-z]+$")
_CREDENTIAL = re.compile(r"^[A-Za-z]{2,4}[0-9]{4,}$")


def _readings(name: str) -> list[list[str]]:
    chars = [c for c in name if c != "·"]
    per_char = pinyin(chars, style=Style.NORMAL, heteronym=True, errors="ignore", strict=False)
    # Surnames are where polyphony bites (单 shan, 曾 zeng, 仇 qiu): keep three readings of the first
    # character, two of the others.
    options = [r[: 3 if i == 0 else 2] for i, r in enumerate(per_char) if r]
    combos = itertools.islice(itertools.product(*options), MAX_READINGS)
    return [list(c) for c in combos]


def name_terms(name: str) -> set[str]:
    terms: set[str] = set()
    clean = name.replace(" ", "")
    for i in range(len(clean)):
        terms.add("n:" + clean[i:])
    for syllables in _readings(clean):
        for i in range(len(syllables)):
            terms.add("p:" + "".join(syllables[i:]))
            terms.add("i:" + "".join(s[0] for s in syllables[i:] if s))
    return terms


def worker_terms(
    name: str, english_name: str | None, id_number: str, phone: str | None, credential_nos: Iterable[str]
) -> set[str]:
    terms = name_terms(name) if name else set()
    if english_name:
        terms.add("p:" + re.sub(r"[^a-z]", "", english_name.lower()))
    terms.add("r:" + id_number.upper()[::-1])
    if phone:
        terms.add("t:" + phone)
        terms.add("tr:" + phone[::-1])
    for no in credential_nos:
        terms.add("c:" + no.upper())
    return terms


def reindex_worker(conn: Connection, worker_id: int) -> None:
    row = conn.execute(
        """SELECT r.name, r.english_name, w.id_number, w.phone FROM workers w
           JOIN identity_reads r ON r.id = w.identity_read_id WHERE w.id = ?""",
        (worker_id,),
    ).fetchone()
    creds = [r[0] for r in conn.execute("SELECT credential_no FROM credentials WHERE worker_id = ?", (worker_id,))]
    conn.execute("DELETE FROM search_terms WHERE worker_id = ?", (worker_id,))
    if row is None:
        return
    terms = worker_terms(row[0], row[1], row[2], row[3], creds)
    conn.executemany("INSERT INTO search_terms(term, worker_id) VALUES (?, ?)", [(t, worker_id) for t in terms])


def index_all(conn: Connection) -> None:
    for (worker_id,) in conn.execute("SELECT id FROM workers").fetchall():
        reindex_worker(conn, int(worker_id))


@dataclass(frozen=True)
class Query:
    prefixes: tuple[str, ...]


def plan(text: str) -> Query | None:
    """Which term prefixes a typed query means. None: too short or not a search (nothing to look up)."""
    q = text.strip().replace(" ", "")
    if not q:
        return None
    if _CJK.match(q):
        return Query(("n:" + q,))
    if _CREDENTIAL.match(q):
        return Query(("c:" + q.upper(),))
    if _DIGITS.match(q):
        if len(q) >= 11 and q.isascii() and q.isdigit():
            return Query(("t:" + q, "r:" + q.upper()[::-1]) if len(q) == 18 else ("t:" + q,))
        if len(q) == 18:
            return Query(("r:" + q.upper()[::-1],))
        if len(q) >= 4:
            return Query(("r:" + q.upper()[::-1], "tr:" + q[::-1]))
        return None
    if _LETTERS.match(q):
        low = q.lower()
        return Query(("i:" + low, "p:" + low))
    return None


def search(db: Database, text: str, limit: int = 50) -> list[int]:
    """Worker ids matching the query, best kinds first, at most `limit`."""
    query = plan(text)
    if query is None:
        return []
    found: list[int] = []
    seen: set[int] = set()
    for prefix in query.prefixes:
        rows = db.query(
            "SELECT DISTINCT worker_id FROM search_terms WHERE term >= ? AND term < ? LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit * 4),
        )
        for (worker_id,) in rows:
            if worker_id not in seen:
                seen.add(worker_id)
                found.append(int(worker_id))
        if len(found) >= limit:
            break
    return found[:limit]
