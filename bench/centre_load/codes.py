"""`python -m bench.centre_load.codes DB_URL AGENCIES PER_AGENCY`: admit the load bench's agencies and print one
enrolment code per terminal as JSON ({credit code: [name, [codes…]]}). One process for all of them: a
`terminal-server enrol-code` per terminal would start Django hundreds of times."""

from __future__ import annotations

import json
import sys


def credit_code(index: int) -> str:
    """A unified social credit code of the bench's own (18 characters, the agency's index in it)."""
    return f"9131000LOAD{index:06d}X"


def main(argv: list[str]) -> int:
    db_url, agencies, per_agency = argv[0], int(argv[1]), int(argv[2])
    from centre.cli import _start_django

    _start_django(db_url, demo=False)
    from centre.console.admission import admit_from_command_line
    from centre.terminals.enrolment import add_agency, new_enrolment_code

    codes: dict[str, list[object]] = {}
    for index in range(agencies):
        name = f"负载测试机构{index:03d}"
        agency = add_agency(credit_code(index), name)
        admit_from_command_line(agency.id, "负载测试 / the load bench")
        codes[agency.id] = [name, [new_enrolment_code(agency.id, hours=2) for _ in range(per_agency)]]
    print(json.dumps(codes, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
