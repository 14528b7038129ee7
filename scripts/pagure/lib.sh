# Shared by setup.sh, start.sh and stop.sh (sourced, not executed).
# Paths, logging, and the mount bookkeeping for the Pagure trixie chroot.

SIGMEET_CACHE=${SIGMEET_CACHE:-/var/cache/sigmeet}
PAGURE_PORT=${PAGURE_PORT:-5005}
PAGURE_MIRROR=${PAGURE_MIRROR:-http://deb.debian.org/debian}
PAGURE_ROOT="$SIGMEET_CACHE/pagure-trixie"
PAGURE_RUN="$SIGMEET_CACHE/pagure-run"
# Written last by setup.sh; its content is the setup recipe version below.
PAGURE_MARKER="$PAGURE_ROOT/.sigmeet-pagure-setup-done"
# Written after a complete debootstrap, so a rerun can keep the base system.
PAGURE_BASE_MARKER="$PAGURE_ROOT/.sigmeet-debootstrap-done"
PAGURE_SETUP_VERSION=1
PAGURE_TEST_CFG=/etc/pagure/pagure-test.cfg   # path inside the chroot
PAGURE_STATE_DIR=/var/lib/pagure-test         # path inside the chroot

pagure_script_dir() { cd "$(dirname "${BASH_SOURCE[0]}")" && pwd; }

# Runs a command inside the chroot with a clean environment (nothing from the host's
# PATH, pyenv or PYTHON* variables leaks in).
in_chroot() {
  env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
    ${PAGURE_CHROOT_ENV:-} chroot "$PAGURE_ROOT" "$@"
}

is_mounted() { # absolute path
  awk -v p="$1" '$5 == p { found = 1 } END { exit !found }' /proc/self/mountinfo
}

# Every mount point at or under the chroot, deepest first.
mounts_under_root() {
  awk -v r="$PAGURE_ROOT" '$5 == r || index($5, r "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

# Mounts /proc, and /dev only when the chroot's /dev lacks a usable /dev/null. Records what
# this process mounted in PAGURE_MOUNTED (for umount_own_fs).
PAGURE_MOUNTED=()
mount_chroot_fs() {
  if ! is_mounted "$PAGURE_ROOT/proc"; then
    mkdir -p "$PAGURE_ROOT/proc"
    mount -t proc proc "$PAGURE_ROOT/proc" || return 1
    PAGURE_MOUNTED+=("$PAGURE_ROOT/proc")
  fi
  if [ ! -c "$PAGURE_ROOT/dev/null" ] && ! is_mounted "$PAGURE_ROOT/dev"; then
    mkdir -p "$PAGURE_ROOT/dev"
    mount --bind /dev "$PAGURE_ROOT/dev" || return 1
    PAGURE_MOUNTED+=("$PAGURE_ROOT/dev")
  fi
}

# Unmounts only what this process mounted (a running server keeps its /proc).
umount_own_fs() {
  local m rc=0
  for m in "${PAGURE_MOUNTED[@]}"; do
    is_mounted "$m" || continue
    umount "$m" 2>/dev/null || umount -l "$m" || { echo "pagure: could not unmount $m" >&2; rc=1; }
  done
  PAGURE_MOUNTED=()
  return $rc
}

# Unmounts everything at or under the chroot (lazy as a last resort).
umount_chroot_fs() {
  local m rc=0
  [ -d "$PAGURE_ROOT" ] || return 0
  for m in $(mounts_under_root); do
    umount "$m" 2>/dev/null || umount -l "$m" || { echo "pagure: could not unmount $m" >&2; rc=1; }
  done
  return $rc
}

# True while the server started by start.sh is alive.
server_pid() {
  local pid
  [ -f "$PAGURE_RUN/pagure.pid" ] || return 1
  pid=$(cat "$PAGURE_RUN/pagure.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}
