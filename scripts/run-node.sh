#!/usr/bin/env bash
# Starts the node on its embedded defaults: installs what a fresh machine lacks, builds the
# release binaries and (until the kiosk screen lands) runs a short demo of the whole loop
# in a fresh folder: a local reference hub that decides by itself, the node set up against
# it, the catalogue's sample birth application filed, synced, and its decisions shown.
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
