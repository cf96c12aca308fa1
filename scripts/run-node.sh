#!/usr/bin/env bash
# Starts the node on its embedded defaults: installs what a fresh machine lacks, builds the
# release binaries and, in a fresh folder, sets up the whole loop: a local reference hub
# that decides by itself, the node set up against it, the catalogue's sample birth
# application filed, synced and its decisions shown, and a demo clerk (operator "demo",
# PIN 246810). On a terminal it then opens the intake screen (`onething kiosk`) on that
# node, syncing in the background every 10 seconds; without a terminal it stops there.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product onething >&2
swift build -c release --product onething-hub >&2
bin=$PWD/.build/release
demo=$(mktemp -d "${TMPDIR:-/tmp}/onething-demo.XXXXXX")
export ONETHING_DB="$demo/node.sqlite"
echo "demo folder: $demo"

"$bin/onething-hub" serve --db "$demo/hub.sqlite" --port 0 --auto-decide 1 > "$demo/hub.out" 2> "$demo/hub.log" &
hub_pid=$!
trap 'kill $hub_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q "listening on" "$demo/hub.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$demo/hub.out")
echo "== reference hub: $url (auto-decides every second)"
"$bin/onething-hub" nodes add demo-ward --db "$demo/hub.sqlite" | tail -n 1 > "$demo/token"
chmod 600 "$demo/token"
"$bin/onething" init --hub "$url" --node-id demo-ward --token-file "$demo/token"
echo
echo "== the bundles this node offers"
"$bin/onething" catalog list
echo
echo "== filing the sample birth application"
id=$("$bin/onething" catalog example birth | "$bin/onething" apply --bundle birth --data -)
echo "filed $id"
echo
echo "== onething sync (push), then the hub decides, then onething sync (pull)"
"$bin/onething" sync
sleep 3
"$bin/onething" sync
echo
echo "== onething show $id"
"$bin/onething" show "$id"
echo
echo "== onething status"
"$bin/onething" status
"$bin/onething" operators add demo --name "示例护士" <<< 246810 > /dev/null
if [ -t 0 ] && [ -t 1 ]; then
  echo
  echo "== the intake screen: sign in as demo, PIN 246810 (Ctrl-Q on the sign-in screen quits)"
  ( while sleep 10; do "$bin/onething" sync > /dev/null 2>&1 || true; done ) &
  sync_pid=$!
  trap 'kill $hub_pid $sync_pid 2>/dev/null || true' EXIT
  sleep 2
  "$bin/onething" kiosk --idle-timeout 600
else
  echo
  echo "== no terminal here: run \"ONETHING_DB=$ONETHING_DB $bin/onething kiosk\" in one (operator demo, PIN 246810)"
fi
