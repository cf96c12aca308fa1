#!/usr/bin/env bash
# Starts the node on its embedded defaults: installs what a fresh machine lacks, builds
# the release binary, and (until the kiosk screen lands) runs a short demo that files the
# catalogue's sample birth application and shows it. The database is $ONETHING_DB, or
# ~/.local/share/onething/node.sqlite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product onething >&2
bin=.build/release/onething
echo "== the bundles this node offers"
"$bin" catalog list
echo
echo "== filing the sample birth application (onething catalog example birth | onething apply --bundle birth --data -)"
id=$("$bin" catalog example birth | "$bin" apply --bundle birth --data -)
echo "$id"
echo
echo "== onething show $id"
"$bin" show "$id"
echo
echo "== onething status"
"$bin" status
