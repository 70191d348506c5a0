"""The seam where the network begins: one `send` call, network failures already typed as SyncFault.

`RequestsTransport` is the default; tests pass their own transport (like httpx's MockTransport).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import requests

from terminal import __version__
from terminal.core.errors import SyncErrorKind, SyncFault

USER_AGENT_PRODUCT = "shanghai-terminal"


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: Mapping[str, str]  # names in lower case
    body: bytes


class Transport(Protocol):
    def send(self, method: str, url: str, headers: Mapping[str, str], body: bytes, timeout: float) -> HttpResponse: ...


class RequestsTransport:
    def __init__(self, session: requests.Session | None = None) -> None:
        self._session = session or requests.Session()
        if session is None:  # the centre's terminals page shows the program version each terminal runs
            self._session.headers["User-Agent"] = f"{USER_AGENT_PRODUCT}/{__version__}"

    def send(self, method: str, url: str, headers: Mapping[str, str], body: bytes, timeout: float) -> HttpResponse:
        try:
            response = self._session.request(
                method, url, headers=dict(headers), data=body or None, timeout=timeout, allow_redirects=False
            )
            content = response.content
        except requests.exceptions.ConnectTimeout as exc:
            raise SyncFault(SyncErrorKind.OFFLINE, "connect timeout") from exc
        except requests.exceptions.Timeout as exc:
            raise SyncFault(SyncErrorKind.TIMEOUT, "no answer in time") from exc
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            raise SyncFault(SyncErrorKind.OFFLINE, type(exc).__name__) from exc
        except requests.exceptions.RequestException as exc:
            raise SyncFault(SyncErrorKind.PROTOCOL, type(exc).__name__) from exc
        headers_lower = {name.lower(): value for name, value in response.headers.items()}
        return HttpResponse(response.status_code, headers_lower, content)

    def close(self) -> None:
        self._session.close()
