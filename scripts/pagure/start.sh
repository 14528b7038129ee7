#!/usr/bin/env bash
# Starts a throwaway Pagure 5.14.1 on 127.0.0.1:$PAGURE_PORT from the chroot made by setup.sh
# (run first, and quick when already done): fresh SQLite database, seeded users/projects/tokens,
# Werkzeug server in the background. Writes
#   $SIGMEET_CACHE/pagure-run/pagure.pid    the server's PID
#   $SIGMEET_CACHE/pagure-run/pagure.json   {"baseUrl", "tokens": {"fedora-sig/eln", "demo"}, "users", ...}
#   $SIGMEET_CACHE/pagure-run/pagure.log    the server's output
# and returns once GET /api/0/-/version answers. A server already running is stopped first.
# Stop with stop.sh. Environment: SIGMEET_CACHE, PAGURE_PORT, PAGURE_START_TIMEOUT (default 60 s),
# PAGURE_GIT_HOOKS (default 0): every issue change makes Pagure push to the project's tickets git
# repo, whose three git hooks each start a Python process that imports Pagure (~6 s per change on
# 2 cores). By default the server runs with internal_no_hooks=1, which Pagure's own hookrunner
# honours (it exits before importing anything); set PAGURE_GIT_HOOKS=1 to run the hooks.
# PAGURE_TICKET_REPOS (default 0): 1 keeps the projects' tickets git repositories (see below).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

TIMEOUT=${PAGURE_START_TIMEOUT:-60}
BASE_URL="http://127.0.0.1:$PAGURE_PORT"
LOG="$PAGURE_RUN/pagure.log"
started=$(date +%s.%N)

fail() { # step, why
  echo "pagure start: $1 failed: $2" >&2
  exit 1
}

"$here/setup.sh" || fail "setup" "scripts/pagure/setup.sh exited non-zero (see above)"
"$here/stop.sh" --quiet || fail "stop previous server" "scripts/pagure/stop.sh exited non-zero"

if curl -s -o /dev/null --max-time 2 "$BASE_URL/"; then
  fail "port check" "something already answers on $BASE_URL (set PAGURE_PORT to a free port)"
fi

mkdir -p "$PAGURE_RUN"
rm -f "$PAGURE_RUN/pagure.pid" "$PAGURE_RUN/pagure.json"

server=""
on_exit() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    [ -z "$server" ] || kill "$server" 2>/dev/null || true
    [ -z "$server" ] || wait "$server" 2>/dev/null || true
    rm -f "$PAGURE_RUN/pagure.pid"
    umount_chroot_fs || true
  fi
}
trap on_exit EXIT

# /proc stays mounted while the server runs; stop.sh unmounts it.
mount_chroot_fs || fail "mount /proc" "cannot mount /proc under $PAGURE_ROOT"

CHROOT_ENV="PAGURE_CONFIG=$PAGURE_TEST_CFG"

# Fresh state: database, git repositories, attachments.
state="$PAGURE_ROOT$PAGURE_STATE_DIR"
case "$state" in "$SIGMEET_CACHE"/*) rm -rf "$state" ;; *) fail "reset state" "unexpected state path $state" ;; esac
mkdir -p "$state" || fail "reset state" "cannot create $state"

if ! out=$(in_chroot python3 /usr/share/pagure/createdb.py -c "$PAGURE_TEST_CFG" 2>&1); then
  printf '%s\n' "$out" | tail -n 20 >&2
  fail "createdb" "createdb.py -c $PAGURE_TEST_CFG exited non-zero"
fi

mkdir -p "$PAGURE_ROOT/usr/local/share/sigmeet"
cp "$here/seed.py" "$PAGURE_ROOT/usr/local/share/sigmeet/seed.py" || fail "seed" "cannot copy seed.py into the chroot"
if ! in_chroot python3 /usr/local/share/sigmeet/seed.py "$BASE_URL" >"$PAGURE_RUN/pagure.json.tmp" 2>"$PAGURE_RUN/seed.log"; then
  tail -n 20 "$PAGURE_RUN/seed.log" >&2
  fail "seed" "seed.py exited non-zero (log: $PAGURE_RUN/seed.log)"
fi

# Every issue change makes Pagure clone the project's tickets git repository, commit the issue's
# JSON and push it back: about half of a write's time here. Without that repository Pagure skips
# the step (pagure/lib/git.py TemporaryClone: "No repository of this type"); the API answers are
# the same. PAGURE_TICKET_REPOS=1 keeps the repositories.
if [ "${PAGURE_TICKET_REPOS:-0}" != 1 ] && [ -d "$state/repos/tickets" ]; then
  find "$state/repos/tickets" -mindepth 1 -maxdepth 1 -exec rm -rf {} + ||
    fail "drop ticket repos" "cannot empty $state/repos/tickets"
fi

# The server. env/chroot exec into python3, so $! is the server's own PID.
CHROOT_ENV="$CHROOT_ENV PAGURE_PORT=$PAGURE_PORT PYTHONUNBUFFERED=1"
[ "${PAGURE_GIT_HOOKS:-0}" = 1 ] || CHROOT_ENV="$CHROOT_ENV internal_no_hooks=1"
setsid env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 \
  $CHROOT_ENV chroot "$PAGURE_ROOT" python3 -c '
import os
import pagure.flask_app
app = pagure.flask_app.create_app()
app.run(host="127.0.0.1", port=int(os.environ["PAGURE_PORT"]), debug=False,
        use_reloader=False, threaded=True)
' </dev/null >"$LOG" 2>&1 &
server=$!
echo "$server" >"$PAGURE_RUN/pagure.pid"

deadline=$(($(date +%s) + TIMEOUT))
until version=$(curl -sf --max-time 2 "$BASE_URL/api/0/-/version" 2>/dev/null); do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "--- last lines of $LOG ---" >&2; tail -n 30 "$LOG" >&2
    fail "server start" "the server process exited before answering"
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "--- last lines of $LOG ---" >&2; tail -n 30 "$LOG" >&2
    fail "server start" "no answer from $BASE_URL/api/0/-/version within ${TIMEOUT}s"
  fi
  sleep 0.3
done
mv -f "$PAGURE_RUN/pagure.json.tmp" "$PAGURE_RUN/pagure.json"
elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
echo "pagure start: ready at $BASE_URL ($version) in ${elapsed}s; pid $server; details in $PAGURE_RUN/pagure.json" >&2
