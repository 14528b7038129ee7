#!/usr/bin/env bash
# The real-Pagure test tier (`npm run test:pagure`, part of `npm run check`): starts a fresh seeded
# Pagure 5.14.1 with start.sh (which builds the chroot with setup.sh the first time), runs the
# tests in vitest.pagure.config.ts against it, and stops it again, also when the tests fail or the
# run is interrupted. Extra arguments go to vitest.
#
# This tier never skips: if the server cannot be set up or started (not root, no debootstrap, the
# Debian mirror unreachable on a first setup, a busy port), the run fails and says why.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib.sh"

started=$(date +%s.%N)
fail() {
  echo "test:pagure: FAILED: $1" >&2
  echo "test:pagure: (the real-Pagure tier does not skip; docs/pagure.md lists what it needs)" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] ||
  fail "must run as root: the real Pagure runs in a Debian chroot (debootstrap, chroot, mount)"
command -v flock >/dev/null || fail "'flock' not found (apt-get install util-linux)"
command -v curl >/dev/null || fail "'curl' not found (apt-get install curl)"

# start.sh stops whatever server runs from this cache, so two runs at once would break each
# other: the second waits for the first.
mkdir -p "$SIGMEET_CACHE" || fail "cannot create $SIGMEET_CACHE"
exec 8>"$SIGMEET_CACHE/pagure-tier.lock"
if ! flock -n 8; then
  echo "test:pagure: another real-Pagure run holds $SIGMEET_CACHE/pagure-tier.lock; waiting" >&2
  flock -w "${PAGURE_TIER_WAIT:-1200}" 8 ||
    fail "another real-Pagure run still held $SIGMEET_CACHE/pagure-tier.lock after ${PAGURE_TIER_WAIT:-1200} s"
fi

stop_server() {
  "$here/stop.sh" --quiet || echo "test:pagure: warning: scripts/pagure/stop.sh failed" >&2
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 8>&-: the server must not inherit the lock, or it would hold it for as long as it lives.
"$here/start.sh" 8>&- || fail "could not set up or start the real Pagure (see the messages above)"

rc=0
(cd "$root" && "$root/node_modules/.bin/vitest" run --config vitest.pagure.config.ts "$@" 8>&-) || rc=$?
elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
if [ "$rc" -ne 0 ]; then
  echo "test:pagure: FAILED: the tests against the real Pagure failed (vitest exit $rc; server log: $PAGURE_RUN/pagure.log) after ${elapsed}s" >&2
  exit "$rc"
fi
echo "test:pagure: passed against a real Pagure in ${elapsed}s (server start included)" >&2
