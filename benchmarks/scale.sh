#!/usr/bin/env bash
# The issue-4 scale measurements in one run, against a benchmark database that already holds the
# synthetic dossiers (benchmarks/README.md, "Set-up"). Needs wrk (apt-get install wrk).
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench bash benchmarks/scale.sh
#
# Starts gunicorn (WORKERS sync workers, default one per core plus one) on 127.0.0.1:8100 with
# the benchmark settings, measures, prints one line per measure and stops gunicorn. It writes
# dossiers (the reception benchmark): never point it at a database that matters.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the benchmark database}"
case "$DATABASE_URL" in */test|*/test_*) echo "refusing to run on a test database" >&2; exit 1;; esac

PY=.venv/bin/python
WORKERS=${WORKERS:-$(( $(nproc) + 1 ))}
SECONDS_EACH=${SECONDS_EACH:-20}
BASE=http://127.0.0.1:8100
export DJANGO_SETTINGS_MODULE=benchmarks.bench_settings ALLOWED_HOSTS=127.0.0.1 \
  SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 TRUSTED_PROXY_COUNT=0 \
  SECRET_KEY=${SECRET_KEY:-bench-only-$($PY -c 'import secrets; print(secrets.token_urlsafe(40))')}
work=$(mktemp -d)
trap 'kill $(cat "$work/pid") 2>/dev/null || true; rm -rf "$work"' EXIT

psql_() { psql "$DATABASE_URL" -tAc "$1"; }
echo "machine: $(nproc) cores, python loop calibration $($PY -m timeit -n 2000 'sum(range(1000))' | sed 's/.*: //')"
echo "dossiers: $(psql_ 'select count(*) from dossiers_dossier')"

$PY manage.py collectstatic --noinput -v0
.venv/bin/gunicorn config.wsgi:application -w "$WORKERS" -b 127.0.0.1:8100 -D \
  --pid "$work/pid" --access-logfile /dev/null --error-logfile "$work/gunicorn.log"
sleep 3

# Lookups: one code again and again (a citizen refreshing, the QR scanned twice), then 5,000
# different codes in turn (no cached answer to reuse).
psql_ "select '/tra-cuu/?ma=' || code from dossiers_dossier tablesample bernoulli (1) \
  repeatable (7) limit 5000" > "$work/codes"
one=$(head -n 1 "$work/codes")
run_wrk() { wrk -t2 -c16 -d"${SECONDS_EACH}s" -s benchmarks/wrk_report.lua "$@" | tail -n 1; }
echo "hello          $(run_wrk "$BASE/hello/")"
echo "healthz        $(run_wrk "$BASE/healthz")"
echo "lookup 1 code  $(run_wrk "$BASE$one")"
echo "lookup 5000    $(WRK_PATHS=$work/codes run_wrk "$BASE")"
echo "hello again    $(run_wrk "$BASE/hello/")"

# The work queues of Hoàn Kiếm's receiving officer: 16 officers reading each page for 1 to 3 s,
# then 16 connections without pause (the worst case).
cookie=$($PY benchmarks/http_load.py "$BASE/can-bo/ho-so/" --login "$BASE/dang-nhap/" \
  --username hoankiem.tiepnhan --print-cookie)
queues=("$BASE/can-bo/ho-so/" "$BASE/can-bo/ho-so/?hang=can-xu-ly" \
  "$BASE/can-bo/ho-so/?hang=tra-ket-qua" "$BASE/can-bo/ho-so/?hang=qua-han")
$PY benchmarks/http_load.py "${queues[@]}" -c 16 -d $((SECONDS_EACH * 3)) --think 2 \
  --cookie "$cookie"
for url in "${queues[@]}"; do
  echo "queue closed   $url  $(WRK_COOKIE=$cookie run_wrk "$url")"
done
echo "worker RSS KB  $(ps -o rss= --ppid "$(cat "$work/pid")" | tr '\n' ' ')"

$PY benchmarks/dossier_reception.py --count 600 --processes 3 --counters 2 2>/dev/null | tail -n 2
