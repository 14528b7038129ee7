#!/usr/bin/env bash
# The real-Synapse end-to-end tier (`npm run test:e2e`, part of `npm run check`): starts a fresh
# Synapse 1.160 with start.sh (which builds the chroot with setup.sh the first time), runs the tests
# in vitest.e2e.config.ts against it, and stops it again, also when the tests fail or the run is
# interrupted. Extra arguments go to vitest. SYNAPSE_RATE_LIMITS=stock runs the tier against
# Synapse's default message rate limit (see start.sh).
#
# This tier never skips: if the server cannot be set up or started (not root, no debootstrap, the
# Debian mirror unreachable on a first setup, a busy port), the run fails and says why.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=scripts/synapse/lib.sh
. "$here/lib.sh"

started=$(date +%s.%N)
fail() {
  echo "test:e2e: FAILED: $1" >&2
  echo "test:e2e: (the real-Synapse tier does not skip; docs/synapse.md lists what it needs)" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] ||
  fail "must run as root: the real Synapse runs in a Debian chroot (debootstrap, chroot, mount)"
command -v flock >/dev/null || fail "'flock' not found (apt-get install util-linux)"
command -v curl >/dev/null || fail "'curl' not found (apt-get install curl)"
[ -x "$root/node_modules/.bin/vitest" ] || fail "no $root/node_modules/.bin/vitest (run npm ci)"

# start.sh stops whatever server runs from this cache, so two runs at once would break each other:
# the second waits for the first.
mkdir -p "$SIGMEET_CACHE" || fail "cannot create $SIGMEET_CACHE"
exec 8>"$SIGMEET_CACHE/synapse-tier.lock"
if ! flock -n 8; then
  echo "test:e2e: another real-Synapse run holds $SIGMEET_CACHE/synapse-tier.lock; waiting" >&2
  flock -w "${SYNAPSE_TIER_WAIT:-1200}" 8 ||
    fail "another real-Synapse run still held $SIGMEET_CACHE/synapse-tier.lock after ${SYNAPSE_TIER_WAIT:-1200} s"
fi

stop_server() {
  "$here/stop.sh" --quiet || echo "test:e2e: warning: scripts/synapse/stop.sh failed" >&2
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 8>&-: the server must not inherit the lock, or it would hold it for as long as it lives.
"$here/start.sh" 8>&- || fail "could not set up or start the real Synapse (see the messages above)"

rc=0
(cd "$root" && "$root/node_modules/.bin/vitest" run --config vitest.e2e.config.ts "$@" 8>&-) || rc=$?
elapsed=$(elapsed_since "$started")
if [ "$rc" -ne 0 ]; then
  echo "test:e2e: FAILED: the tests against the real Synapse failed (vitest exit $rc; server log: $SYNAPSE_RUN/synapse.log) after ${elapsed}s" >&2
  exit "$rc"
fi
echo "test:e2e: passed against a real Synapse in ${elapsed}s (server start included)" >&2
