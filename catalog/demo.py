"""The seed catalogue: real commune-level procedures from a reviewable data file."""

import json
from pathlib import Path

from catalog.models import Procedure
from org.models import Agency, AgencyKind

SEED_FILE = Path(__file__).resolve().parent / "data" / "commune-procedures.json"


def catalog_seed() -> int:
    """Import the seed file once and let every commune committee handle its procedures.
    Idempotent: procedures already present are left alone. Returns procedures created."""
    from catalog.interchange import catalog_import

    data = json.loads(SEED_FILE.read_text("utf-8"))
    # Left alone means not compared either: a newer seed file (a fee given its rule) must not
    # stop an instance seeded from an older one; its administrators publish new versions.
    present = set(Procedure.objects.values_list("national_code", "local_code"))
    data["procedures"] = [
        procedure
        for procedure in data["procedures"]
        if (procedure["national_code"], procedure["local_code"]) not in present
    ]
    result = catalog_import(data=data)
    if result.problems:
        details = "; ".join(f"{p.where}: {p.message}" for p in result.problems[:5])
        raise ValueError(f"The seed catalogue does not import: {details}")
    committees = list(Agency.objects.filter(kind=AgencyKind.COMMUNE_COMMITTEE))
    for procedure in Procedure.objects.all():
        procedure.agencies.add(*committees)
    return result.created_procedures
