"""Prepare the VNPay IPN benchmark: N obligations of the demo communes, each with a pending
VNPay attempt, and the signed IPN path of each (a success for the exact amount), one per line,
for wrk (`WRK_PATHS`, benchmarks/wrk_report.lua) — see benchmarks/ipn.sh.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench VNPAY_TMN_CODE=BENCH001 \\
        VNPAY_HASH_SECRET=bench-secret .venv/bin/python benchmarks/ipn_prepare.py \\
        --count 6000 --out /tmp/ipn_paths.txt

The dossiers are received through the real service, spread over the communes' centres (each
has its own receipt series, as in production); their amounts (50 per dossier) and pending
attempts are written in bulk, as set-up. It writes real rows: run it on a benchmark database
only.
"""

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=6000)
    parser.add_argument("--per-dossier", type=int, default=50)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.utils import timezone

    from benchmarks.synthetic.counter import (
        commune_officers,
        counter_checklist,
        counter_reception,
        counter_version,
    )
    from catalog.demo import catalog_seed
    from catalog.models import ProcedureVersion
    from dossiers.services import dossier_receive
    from org.demo import demo_seed
    from payments.gateways.vnpay import canonical_query, sign
    from payments.models import Obligation, ObligationKind, PaymentAttempt
    from payments.services_shared import new_reference

    if not (settings.VNPAY_TMN_CODE and settings.VNPAY_HASH_SECRET):
        sys.exit("Set VNPAY_TMN_CODE and VNPAY_HASH_SECRET (the same as the server's).")
    if not ProcedureVersion.objects.filter(status="published").exists():
        demo_seed()
        catalog_seed()
    version = counter_version()
    officers = commune_officers()
    documents = counter_checklist(version)
    started = time.perf_counter()
    # The dossiers through the real reception; their amounts and pending attempts in bulk (what
    # obligation_add and attempt_start would write, without their audit rows: set-up only, the
    # IPNs are what is measured).
    dossiers = []
    for index in range(-(-args.count // args.per_dossier)):
        reception, receiver = counter_reception(
            version, documents, officers[index % len(officers)], index
        )
        dossiers.append(dossier_receive(reception=reception, actor=receiver))
    obligations = Obligation.objects.bulk_create(
        [
            Obligation(
                dossier=dossier,
                agency_id=dossier.receiving_agency_id,
                kind=ObligationKind.VARIABLE,
                name=f"Phí thẩm định {n + 1}",
                base_amount=10_000 + 1_000 * n,
                amount=10_000 + 1_000 * n,
                reason="Nghị quyết của HĐND tỉnh (dữ liệu đo hiệu năng)",
                reference=new_reference("MC"),
            )
            for dossier in dossiers
            for n in range(args.per_dossier)
        ][: args.count]
    )
    expires = timezone.now() + timedelta(hours=2)
    attempts = PaymentAttempt.objects.bulk_create(
        [
            PaymentAttempt(
                obligation=obligation,
                method="online",
                gateway="vnpay",
                amount=obligation.amount,
                reference=new_reference("TT", 12),
                expires_at=expires,
            )
            for obligation in obligations
        ]
    )
    codes = {dossier.pk: dossier.code for dossier in dossiers}
    lines = []
    for obligation, attempt in zip(obligations, attempts, strict=True):
        params = {
            "vnp_TmnCode": settings.VNPAY_TMN_CODE,
            "vnp_Amount": str(attempt.amount * 100),
            "vnp_BankCode": "NCB",
            "vnp_OrderInfo": f"Thanh toan ho so {codes[obligation.dossier_id]}",
            "vnp_PayDate": "20261208103000",
            "vnp_ResponseCode": "00",
            "vnp_TransactionNo": str(14_000_000 + attempt.pk),
            "vnp_TransactionStatus": "00",
            "vnp_TxnRef": attempt.reference,
        }
        params["vnp_SecureHash"] = sign(canonical_query(params), settings.VNPAY_HASH_SECRET)
        lines.append(f"/thanh-toan/vnpay/ipn/?{urlencode(params)}")
    index = len(dossiers)
    Path(args.out).write_text("\n".join(lines) + "\n")
    print(
        f"{len(lines)} pending VNPay attempts over {index} dossiers and {len(officers)} centres "
        f"in {time.perf_counter() - started:.1f} s; paths in {args.out}"
    )


if __name__ == "__main__":
    main()
