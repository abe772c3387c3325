"""The national public-service portal as a plugin kind (`national_portal`): the demo, which
accepts everything offline, and the DVCQG adapter (docs/national-portal-sync.md).

A portal takes a batch of messages of one agency, all or nothing, and says, for a message
whose fate is unknown (a worker died, a call timed out), whether it already holds it."""

import enum
import json
import logging
import threading
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from django.conf import settings

from core.logging import redact
from core.plugins import Plugin, registry
from sync.payload import Message

logger = logging.getLogger(__name__)


class PortalError(Exception):
    """The portal did not take a batch. `maybe_applied` is True when it may have applied part
    or all of it anyway (no answer, or a second call failing after the first succeeded): the
    next attempt then asks before sending again."""

    def __init__(self, text: str, *, maybe_applied: bool) -> None:
        super().__init__(text)
        self.text = text
        self.maybe_applied = maybe_applied


class Presence(enum.Enum):
    ABSENT = "absent"  # the portal does not know the dossier
    KNOWN = "known"  # it knows the dossier, not this step
    APPLIED = "applied"  # it holds this step already


class NationalPortal(Plugin):
    def send(self, messages: list[Message]) -> None:
        """Deliver every message or raise PortalError."""
        raise NotImplementedError

    def presence(self, message: Message) -> Presence:
        """Whether the portal already holds `message`; raise PortalError when it cannot say."""
        raise NotImplementedError


registry.declare_kind(
    "national_portal", base=NationalPortal, demo="demo", setting="NATIONAL_PORTAL"
)


@registry.register("national_portal", "demo")
class DemoPortal(NationalPortal):
    """Takes everything and keeps nothing: a commune trying MotCua has no portal account. The
    sync state still moves, so the staff page and the 766 rate can be tried."""

    verbose_name = "demo"

    def send(self, messages: list[Message]) -> None:
        logger.info("Demo national portal: %s event(s) taken", len(messages))

    def presence(self, message: Message) -> Presence:
        return Presence.ABSENT


@registry.register("national_portal", "dvcqg")
class DvcqgAdapter(NationalPortal):
    """The portal's adapter as deployed provinces call it: log in with a user name and password
    for a session, then POST JSON envelopes `{session, madonvi, service, …}` with the header
    `dstcode`; every answer carries `error_code` (0 is success) and `message`.

    A batch is one `DongBoHoSoMC` per isUpdating value (the dossiers' records), then one
    `CapNhatTienDoHoSoMC` (their steps). `TraCuuHoSo` reads a dossier back, its steps included,
    for a message in doubt. Settings: NATIONAL_PORTAL_URL, _AUTH_PATH, _SERVICE_PATH,
    _USERNAME, _PASSWORD, _DSTCODE, _UNIT (madonvi; the agency's code when empty), _TIMEOUT."""

    verbose_name = "DVCQG adapter"
    _sessions: dict[str, str] = {}
    _lock = threading.Lock()

    # --- transport ----------------------------------------------------------------------------
    def _post(self, path: str, body: dict) -> dict:
        url = settings.NATIONAL_PORTAL_URL.rstrip("/") + path
        if not url.startswith(("https://", "http://")):
            raise PortalError("NATIONAL_PORTAL_URL is not an http(s) address", maybe_applied=False)
        request = Request(  # noqa: S310 (the scheme is checked above)
            url,
            data=json.dumps(body, ensure_ascii=False).encode(),
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "dstcode": settings.NATIONAL_PORTAL_DSTCODE,
            },
            method="POST",
        )
        try:
            # The scheme is checked above: http(s) only.
            timeout = settings.NATIONAL_PORTAL_TIMEOUT
            with urlopen(request, timeout=timeout) as response:  # noqa: S310 # nosec B310
                answer = response.read(1 << 20)
        except HTTPError as error:
            # A 5xx may come from a proxy after the portal applied the call.
            raise PortalError(f"HTTP {error.code}", maybe_applied=error.code >= 500) from None
        except (TimeoutError, URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            text = "timeout" if isinstance(reason, TimeoutError) else "unreachable"
            # Unreachable before the request left: nothing applied; after, we cannot tell.
            return_unknown = not isinstance(reason, ConnectionRefusedError)
            raise PortalError(text, maybe_applied=return_unknown) from None
        try:
            reply = json.loads(answer or b"{}")
        except ValueError:
            raise PortalError("unreadable answer", maybe_applied=True) from None
        if not isinstance(reply, dict):
            raise PortalError("unreadable answer", maybe_applied=True)
        return reply

    def _unit(self) -> str:
        return settings.NATIONAL_PORTAL_UNIT or self.agency

    def _session(self, *, fresh: bool = False) -> str:
        with self._lock:
            if fresh:
                self._sessions.pop(self.agency, None)
            session = self._sessions.get(self.agency)
        if session:
            return session
        reply = self._post(
            settings.NATIONAL_PORTAL_AUTH_PATH,
            {
                "username": settings.NATIONAL_PORTAL_USERNAME,
                "password": settings.NATIONAL_PORTAL_PASSWORD,
            },
        )
        if str(reply.get("error_code")) != "0" or not reply.get("session"):
            raise PortalError(_refusal("login", reply), maybe_applied=False)
        with self._lock:
            self._sessions[self.agency] = str(reply["session"])
        return str(reply["session"])

    def _call(self, service: str, fields: dict) -> dict:
        """One service call; a refused session is renewed once (sessions expire)."""
        for fresh in (False, True):
            body = {"session": self._session(fresh=fresh), "madonvi": self._unit()}
            body.update(service=service, **fields)
            reply = self._post(settings.NATIONAL_PORTAL_SERVICE_PATH, body)
            if str(reply.get("error_code")) == "0":
                return reply
            if not fresh and _session_refused(reply):
                continue
            raise PortalError(_refusal(service, reply), maybe_applied=False)
        raise AssertionError("unreachable")  # pragma: no cover

    # --- the plugin -------------------------------------------------------------------------
    def send(self, messages: list[Message]) -> None:
        calls = [
            ("DongBoHoSoMC", {"isUpdating": "False" if is_new else "True", "data": records})
            for is_new in (True, False)
            if (records := [m.record for m in messages if m.is_new == is_new])
        ]
        if calls:
            calls.append(("CapNhatTienDoHoSoMC", {"data": [m.progress for m in messages]}))
        applied_some = False
        for service, fields in calls:
            try:
                self._call(service, fields)
            except PortalError as error:
                # After a call that succeeded, part of the batch is in: ask before resending.
                raise PortalError(
                    error.text, maybe_applied=error.maybe_applied or applied_some
                ) from None
            applied_some = True

    def presence(self, message: Message) -> Presence:
        reply = self._call("TraCuuHoSo", {"mahoso": message.code})
        found = reply.get("result")
        if not isinstance(found, dict) or not found:
            return Presence.ABSENT
        for row in found.get("QuaTrinhXuLy") or []:
            if isinstance(row, dict) and _step(row) == _step(message.progress):
                return Presence.APPLIED
        return Presence.KNOWN


def _step(row: dict) -> tuple:
    """What names a step: its time (to the second), the status it led to and what it was."""
    return (row.get("ThoiDiemXuLy"), row.get("TrangThai"), row.get("NoiDungXuLy"))


def _session_refused(reply: dict) -> bool:
    return "session" in str(reply.get("message", "")).lower()


def _refusal(service: str, reply: dict) -> str:
    """What staff read: the service, the portal's code and message, personal numbers masked
    (a portal's message may quote the ID number it refused)."""
    message = redact(str(reply.get("message", "")))[:150]
    return f"{service}: error_code {str(reply.get('error_code'))[:10]} {message}".strip()
