#!/usr/bin/env bash
# Proves the Dockerfile's install path without a Docker engine: pack the project, install the
# tarball with production dependencies only into an empty folder, and run the installed CLI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
npm pack --silent --pack-destination "$work" >/dev/null
tarball=$(ls "$work"/sigmeet-*.tgz)
mkdir "$work/app"
cd "$work/app"
npm init -y >/dev/null
npm install --omit=dev --no-audit --no-fund --silent "$tarball"
bin="$work/app/node_modules/.bin/sigmeet"
got=$("$bin" --version)
want=$(node -p "require('$root/package.json').version")
[ "$got" = "$want" ] || { echo "check-install: --version printed '$got', expected '$want'" >&2; exit 1; }
# The installed package must regenerate Fedora's published minutes byte for byte.
golden="$root/test/fixtures/mote/magazine.2020-06-10-12.02"
"$bin" minutes --format text "$root/fixtures/demo/magazine.2020-06-10-12.02.log.txt" --channel '#fedora-meeting' > "$work/minutes.txt"
cmp "$work/minutes.txt" "$golden.txt" || { echo "check-install: installed sigmeet's minutes differ from Fedora's" >&2; exit 1; }
# And it must not have pulled in any development dependency.
for dev in vitest typescript eslint; do
  [ ! -e "$work/app/node_modules/$dev" ] || { echo "check-install: dev dependency $dev was installed" >&2; exit 1; }
done
echo "check-install: ok (sigmeet $got installed from $(basename "$tarball") with production dependencies only)"
