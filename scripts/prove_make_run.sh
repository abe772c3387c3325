#!/usr/bin/env bash
# Proves the README's first command as a new user meets it: a fresh clone of this checkout, the
# machine's own python3 and the pip its venv brings, `make run` until the home page answers 200 in
# Vietnamese and the demo accounts are printed. Prints the fresh venv's pip and the time taken.
# Usage: scripts/prove_make_run.sh [PORT]
set -euo pipefail
port=${1:-8765}
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill -TERM -- "-$pid" 2>/dev/null || true
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT

git clone -q "$src" "$work/motcua"
cd "$work/motcua"
start=$SECONDS
setsid make run PORT="$port" >"$work/run.log" 2>&1 &
pid=$!

url="http://127.0.0.1:$port/"
status=
for _ in $(seq 1 900); do
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  status=$(python3 - "$url" <<'PY' 2>/dev/null || true
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=5) as r:
    body = r.read().decode()
    print(r.status, "vi" if 'lang="vi"' in body else "not-vi")
PY
)
  [ -n "$status" ] && break
  sleep 1
done
elapsed=$((SECONDS - start))

echo "fresh venv: $(.venv/bin/python --version), $(.venv/bin/python -m pip --version | cut -d' ' -f1-2)"
echo "make run: home page answered '$status' after ${elapsed} s"
if [ "$status" != "200 vi" ] || ! grep -q 'hoankiem.tiepnhan' "$work/run.log"; then
  echo "make run did not serve the Vietnamese home page with the demo accounts printed:" >&2
  tail -n 30 "$work/run.log" >&2
  exit 1
fi

# The demo runs with DEBUG off: a wrong address gets the Vietnamese 404 page, and the
# stylesheet is still served.
checks=$(python3 - "http://127.0.0.1:$port" <<'PY' 2>&1 || true
import sys, urllib.error, urllib.request
base = sys.argv[1]
try:
    urllib.request.urlopen(base + "/khong-co-trang-nay/", timeout=5)
    print("404 page: answered 200")
except urllib.error.HTTPError as error:
    body = error.read().decode()
    print("404 page:", error.code, "vi" if "Không tìm thấy trang" in body else "not-vi")
with urllib.request.urlopen(base + "/static/core/css/motcua.css", timeout=5) as response:
    print("stylesheet:", response.status)
PY
)
echo "$checks"
if ! grep -q "404 page: 404 vi" <<<"$checks" || ! grep -q "stylesheet: 200" <<<"$checks"; then
  echo "make run did not show the Vietnamese 404 page or did not serve the stylesheet." >&2
  exit 1
fi
