"""What the portal does when something happens elsewhere: a changed dossier drops the cached
public answers for its code, so the lookup never shows a stale state."""

from django.dispatch import receiver

from dossiers.signals import dossier_changed
from portal.lookup import forget_cached_answer


@receiver(dossier_changed)
def forget_lookup_answer(sender, *, code: str, **kwargs) -> None:
    forget_cached_answer(code)
