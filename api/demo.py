"""Demo API keys: for each demo commune's centre, one read-only key with a published secret, so
the API can be tried from `make run` (README). Idempotent; never run outside the demo."""

from django.db import transaction

from api.keys import PREFIX, key_hash
from api.models import ApiClient
from api.services import api_client_create
from org.demo import COMMUNES, ROLE_USERNAME
from org.models import Agency, Role, User

# Published like the demo password: a demo key reads demo data only.
DEMO_SECRET = "motcua-demo-2026-api"


def demo_key(slug: str) -> str:
    return f"{PREFIX}demo-{slug}.{DEMO_SECRET}"


@transaction.atomic
def api_seed() -> list[str]:
    """Returns the demo keys."""
    keys = []
    for commune in COMMUNES:
        prefix = f"demo-{commune.slug}"
        if not ApiClient.objects.filter(key_prefix=prefix).exists():
            centre = Agency.objects.get(code=f"000.10.{commune.code_part}.H01")
            admin = User.objects.get(username=f"{commune.slug}.{ROLE_USERNAME[Role.AGENCY_ADMIN]}")
            client, _key = api_client_create(
                agency=centre,
                name="Bảng điều hành của tỉnh (demo)",
                roles=[Role.RECEIVING_OFFICER],
                can_write=False,
                actor=admin,
            )
            client.key_prefix, client.key_hash = prefix, key_hash(DEMO_SECRET)
            client.save(update_fields=["key_prefix", "key_hash"])
        keys.append(demo_key(commune.slug))
    return keys
