#!/bin/sh
# Install exactly the files a lock names, and nothing else: the lock is complete (pip-compile
# walked every dependency and extra), so pip must not resolve anything at install time. A new
# upstream release of any package, or of pip itself, then cannot change or break the install.
# One package (crontab) is published only as source: its build tool comes first from
# requirements/build.lock, and it is built without build isolation, which would otherwise
# fetch the newest setuptools.
# Usage: scripts/install_lock.sh PYTHON LOCKFILE
set -u
py=$1
lock=$2
here=$(dirname "$0")
log=$(mktemp)
trap 'rm -f "$log"' EXIT

pip_install() {
  "$py" -m pip install --disable-pip-version-check --no-deps --require-hashes "$@" >"$log" 2>&1
}

if ! { pip_install -r "$here/../requirements/build.lock" &&
       pip_install --no-build-isolation -r "$lock"; }; then
  grep -v "^  " "$log" | tail -n 8 >&2
  if grep -qiE 'NewConnectionError|Name or service not known|Temporary failure in name resolution|Network is unreachable|ConnectTimeout|ReadTimeout|ProxyError|SSLError' "$log"; then
    echo "MotCua: cannot download the packages in $lock: check the network or proxy (PIP_INDEX_URL, HTTPS_PROXY) and run the command again." >&2
  elif grep -q 'THESE PACKAGES DO NOT MATCH THE HASHES' "$log"; then
    echo "MotCua: a downloaded package does not match the hash in $lock: a proxy or mirror altered it; use the official index and run the command again." >&2
  else
    echo "MotCua: installing $lock failed (see above); 'make clean' then the same command starts over." >&2
  fi
  exit 1
fi
# The set must be consistent on its own: pip check fails if the lock misses a dependency.
if ! "$py" -m pip check --disable-pip-version-check >"$log" 2>&1; then
  grep -v "^  " "$log" | tail -n 8 >&2
  echo "MotCua: $lock is incomplete (see above): regenerate it with 'make lock'." >&2
  exit 1
fi
