#!/usr/bin/env bash
# VNPay IPN throughput (issue 14): gunicorn with 3 sync workers on PostgreSQL, wrk as the load.
# Needs wrk (apt-get install wrk) and a benchmark database that may be written:
#
#   createdb -h 127.0.0.1 -U postgres motcua_bench
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench bash benchmarks/ipn.sh
#
# Measures, in one run: the bare /hello/ baseline (same gunicorn and middleware, no database);
# IPNs each paying a different pending attempt (signature check, amount check, row lock, the
# attempt and obligation settled, the receipt numbered from its agency's series under a row lock,
# the audit rows and the domain event: the full path); the same IPN replayed (answered "02",
# read-only); /hello/ again. Then counts the attempts the IPNs paid, from the database.
# Target: ≥ 200 IPNs/s. PORT, WORKERS, COUNT, SECONDS_EACH and REDIS_URL may be set.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the benchmark database}"
case "$DATABASE_URL" in */test|*/test_*) echo "refusing to run on a test database" >&2; exit 1;; esac

PY=.venv/bin/python
PORT=${PORT:-8100}
WORKERS=${WORKERS:-3}
COUNT=${COUNT:-6000}
SECONDS_EACH=${SECONDS_EACH:-15}
BASE=http://127.0.0.1:$PORT
export DJANGO_SETTINGS_MODULE=benchmarks.bench_settings ALLOWED_HOSTS=127.0.0.1 \
  SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 TRUSTED_PROXY_COUNT=0 \
  VNPAY_TMN_CODE=BENCH001 VNPAY_HASH_SECRET=bench-only-secret-0123456789 \
  REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0} \
  SECRET_KEY=${SECRET_KEY:-bench-only-$($PY -c 'import secrets; print(secrets.token_urlsafe(40))')}
work=$(mktemp -d)
trap 'kill $(cat "$work/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT

psql_() { psql "$DATABASE_URL" -tAc "$1"; }
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), python loop calibration $($PY -m timeit -n 2000 'sum(range(1000))' | sed 's/.*: //')"
$PY manage.py migrate --no-input -v0
$PY benchmarks/ipn_prepare.py --count "$COUNT" --out "$work/ipn"
head -n 1 "$work/ipn" > "$work/replay"
paid_before=$(psql_ "select count(*) from payments_paymentattempt where state = 'succeeded'")

$PY manage.py collectstatic --noinput -v0
.venv/bin/gunicorn config.wsgi:application -w "$WORKERS" -b "127.0.0.1:$PORT" -D \
  --pid "$work/pid" --access-logfile /dev/null --error-logfile "$work/gunicorn.log"
sleep 3

run_wrk() { wrk -t2 -c16 -d"${SECONDS_EACH}s" -s benchmarks/wrk_report.lua "$@" | tail -n 1; }
echo "hello          $(run_wrk "$BASE/hello/")"
start=$(date +%s.%N)
echo "ipn, each new  $(WRK_PATHS=$work/ipn run_wrk "$BASE")"
end=$(date +%s.%N)
paid=$(( $(psql_ "select count(*) from payments_paymentattempt where state = 'succeeded'") - paid_before ))
echo "ipn payments   $paid attempts paid in $(printf '%.1f' "$(echo "$end - $start" | bc)") s: $(echo "scale=1; $paid / ($end - $start)" | bc)/s; receipts $(psql_ "select count(*) from payments_receipt")"
echo "ipn replayed   $(WRK_PATHS=$work/replay run_wrk "$BASE")"
echo "hello again    $(run_wrk "$BASE/hello/")"
echo "errors logged  $(grep -c -i 'error' "$work/gunicorn.log" || true)"
