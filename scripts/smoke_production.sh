#!/usr/bin/env bash
# The production shape on real parts, tried end to end through nginx (docs/deployment.md):
# nginx with deploy/nginx/motcua.conf (TLS with a throw-away certificate), gunicorn with
# deploy/gunicorn.conf.py and the production settings, PostgreSQL, the RQ worker on Redis, and
# files in an S3-compatible bucket (moto's server). Then tests/browser/test_production_smoke.py
# receives a dossier with a scan at the counter, looks it up as a citizen, reads the scan back
# (from the bucket) and waits for the worker to send the applicant's SMS.
#
# Usage: scripts/smoke_production.sh   (needs .venv from `make setup-dev`, nginx, openssl,
#        PostgreSQL at 127.0.0.1:5432 as postgres, Redis at 127.0.0.1:6379, Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=$ROOT/.venv/bin/python
WEB_PORT=${SMOKE_WEB_PORT:-8443}
APP_PORT=${SMOKE_APP_PORT:-8011}
S3_PORT=${SMOKE_S3_PORT:-9011}
DB=motcua_smoke
WORK=$(mktemp -d "${TMPDIR:-/tmp}/motcua-smoke.XXXXXX")
chmod 755 "$WORK"  # nginx's workers (not root) read the static files and certificates here
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  dropdb -h 127.0.0.1 -U postgres --if-exists --force "$DB" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in nginx openssl createdb; do
  command -v "$tool" >/dev/null || { echo "smoke: $tool is not installed" >&2; exit 1; }
done

wait_for() {  # url, what
  for _ in $(seq 1 60); do
    if curl -ksf -o /dev/null "$1"; then return 0; fi
    sleep 1
  done
  echo "smoke: $2 did not answer at $1" >&2
  tail -n 40 "$WORK"/*.log >&2 || true
  exit 1
}

export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY="smoke-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export ALLOWED_HOSTS=127.0.0.1,localhost
export REDIS_URL=redis://127.0.0.1:6379/13
export TASKS_BACKEND=rq
export S3_BUCKET=motcua-smoke S3_ENDPOINT_URL="http://127.0.0.1:$S3_PORT"
export S3_ACCESS_KEY=smoke S3_SECRET_KEY=smoke-secret AWS_DEFAULT_REGION=us-east-1
export STATIC_ROOT="$WORK/static"
export SMS_PROVIDER=file SMS_FILE_PATH="$WORK/sms"
export AUDIT_CHECKPOINT_FILE="$WORK/checkpoints.log"
export TRUSTED_PROXY_COUNT=1

echo "smoke: database, bucket, schema and demo data"
dropdb -h 127.0.0.1 -U postgres --if-exists --force "$DB"
createdb -h 127.0.0.1 -U postgres "$DB"
"$PY" -c "import redis; redis.Redis.from_url('$REDIS_URL').flushdb()"
"$ROOT/.venv/bin/moto_server" -H 127.0.0.1 -p "$S3_PORT" >"$WORK/s3.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$S3_PORT/" "the S3 server"
"$PY" - <<PYTHON
import boto3
boto3.client("s3", endpoint_url="$S3_ENDPOINT_URL", aws_access_key_id="smoke",
             aws_secret_access_key="smoke-secret", region_name="us-east-1").create_bucket(Bucket="$S3_BUCKET")
PYTHON
"$PY" manage.py migrate --no-input -v0
"$PY" manage.py compile_translations >/dev/null
"$PY" manage.py load_admin_units >/dev/null
"$PY" manage.py collectstatic --no-input -v0
"$PY" manage.py seed_demo --force >"$WORK/seed.log"

echo "smoke: gunicorn, the RQ worker and nginx"
GUNICORN_BIND="127.0.0.1:$APP_PORT" GUNICORN_WORKERS=2 \
  "$ROOT/.venv/bin/gunicorn" -c deploy/gunicorn.conf.py config.wsgi:application >"$WORK/gunicorn.log" 2>&1 &
PIDS+=($!)
"$PY" manage.py rqworker default --job-class django_tasks_rq.Job >"$WORK/worker.log" 2>&1 &
PIDS+=($!)

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -keyout "$WORK/privkey.pem" -out "$WORK/fullchain.pem" 2>/dev/null
# The repository's site configuration with this run's ports and paths, and no port 80 server.
sed -e "s|listen 443 ssl|listen 127.0.0.1:$WEB_PORT ssl|" \
    -e "s|127.0.0.1:8001|127.0.0.1:$APP_PORT|" \
    -e "s|/etc/ssl/motcua/|$WORK/|" \
    -e "s|/srv/motcua/var/static/|$STATIC_ROOT/|" \
    -e "s|/srv/motcua/deploy/nginx|$ROOT/deploy/nginx|" \
    -e "s|listen 80;|listen 127.0.0.1:$((WEB_PORT + 1));|" \
    deploy/nginx/motcua.conf >"$WORK/site.conf"
cat >"$WORK/nginx.conf" <<NGINX
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    access_log $WORK/nginx-access.log;
    client_body_temp_path $WORK/body;
    proxy_temp_path $WORK/proxy;
    fastcgi_temp_path $WORK/fastcgi;
    uwsgi_temp_path $WORK/uwsgi;
    scgi_temp_path $WORK/scgi;
    include $WORK/site.conf;
}
NGINX
nginx -t -q -c "$WORK/nginx.conf" -p "$WORK"
nginx -c "$WORK/nginx.conf" -p "$WORK" -g "daemon off;" >"$WORK/nginx.log" 2>&1 &
PIDS+=($!)
wait_for "https://127.0.0.1:$WEB_PORT/healthz" "nginx → gunicorn"

echo "smoke: the scenario through nginx"
curl -ks "https://127.0.0.1:$WEB_PORT/healthz"; echo
SMOKE_URL="https://127.0.0.1:$WEB_PORT" SMOKE_SMS_PATH="$SMS_FILE_PATH" \
SMOKE_S3_URL="$S3_ENDPOINT_URL" SMOKE_S3_BUCKET="$S3_BUCKET" \
  env -u DJANGO_SETTINGS_MODULE -u DATABASE_URL -u TASKS_BACKEND -u REDIS_URL -u S3_BUCKET \
  "$PY" -m pytest tests/browser/test_production_smoke.py -q -p no:cacheprovider -p no:xdist
echo "smoke: passed"
