"""R9: administrators must prove a TOTP code before any page but the sign-in steps."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from org.access import needs_mfa

# Pages an administrator may open before verifying: the MFA steps themselves, logging out,
# switching language, and static files.
_OPEN_PREFIXES = ("/static/", "/ngon-ngu/", "/healthz")
_OPEN_NAMES = ("org:mfa-setup", "org:mfa-verify", "core:logout")


class RequireVerifiedAdminMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        unverified = user.is_authenticated and not user.is_verified()
        if unverified and not self._is_open(request.path) and needs_mfa(user):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('org:mfa-verify')}?{query}")
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        if path.startswith(_OPEN_PREFIXES):
            return True
        return path in {reverse(name) for name in _OPEN_NAMES}
