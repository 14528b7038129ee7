# shellcheck shell=bash
# The body of a real-server test tier (scripts/pagure/test.sh, scripts/synapse/test.sh), sourced
# after the tier's lib.sh: checks the host, takes the tier's lock (two runs at once would stop each
# other's server: the second waits), starts a fresh server with the tier's start.sh, runs vitest
# with the tier's config, and stops the server again, also when the tests fail or the run is
# interrupted. A tier never skips: whatever keeps it from running fails the run and says why.
#
#   run_tier_tests LABEL SERVER DOC CONFIG SERVER_LOG [vitest args...]
#   e.g. run_tier_tests test:pagure "real Pagure" docs/pagure.md vitest.pagure.config.ts "$PAGURE_RUN/pagure.log" "$@"
# The tier's directory (start.sh, stop.sh) is where its test.sh lives; TIER_WAIT (seconds, default
# 1200) bounds the wait for another run's lock. Needs elapsed_since from chroot.sh.
run_tier_tests() {
  local label=$1 server=$2 doc=$3 config=$4 server_log=$5
  shift 5
  local here root started rc=0 elapsed
  here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
  root=$(cd "$here/../.." && pwd)
  started=$(date +%s.%N)
  tier_fail() {
    echo "$label: FAILED: $1" >&2
    echo "$label: (the $server tier does not skip; $doc lists what it needs)" >&2
    exit 1
  }

  [ "$(id -u)" -eq 0 ] ||
    tier_fail "must run as root: the $server runs in a Debian chroot (debootstrap, chroot, mount)"
  command -v flock >/dev/null || tier_fail "'flock' not found (apt-get install util-linux)"
  command -v curl >/dev/null || tier_fail "'curl' not found (apt-get install curl)"
  [ -x "$root/node_modules/.bin/vitest" ] || tier_fail "no $root/node_modules/.bin/vitest (run npm ci)"

  mkdir -p "$SIGMEET_CACHE" || tier_fail "cannot create $SIGMEET_CACHE"
  local lock="$SIGMEET_CACHE/$CHROOT_NAME-tier.lock" wait=${TIER_WAIT:-1200}
  exec 8>"$lock"
  if ! flock -n 8; then
    echo "$label: another $server run holds $lock; waiting" >&2
    flock -w "$wait" 8 || tier_fail "another $server run still held $lock after $wait s"
  fi

  TIER_STOP="$here/stop.sh"
  TIER_LABEL=$label
  trap 'tier_stop_server' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # 8>&-: the server must not inherit the lock, or it would hold it for as long as it lives.
  "$here/start.sh" 8>&- || tier_fail "could not set up or start the $server (see the messages above)"

  (cd "$root" && "$root/node_modules/.bin/vitest" run --config "$config" "$@" 8>&-) || rc=$?
  elapsed=$(elapsed_since "$started")
  if [ "$rc" -ne 0 ]; then
    echo "$label: FAILED: the tests against the $server failed (vitest exit $rc; server log: $server_log) after ${elapsed}s" >&2
    exit "$rc"
  fi
  echo "$label: passed against a $server in ${elapsed}s (server start included)" >&2
}

tier_stop_server() {
  "$TIER_STOP" --quiet || echo "$TIER_LABEL: warning: $TIER_STOP failed" >&2
}
