#!/usr/bin/env bash
# Fuzzes the real hub against its protocol document with schemathesis: starts
# `onething-hub serve` on a fresh database (a registered node, an admin token and one filed
# birth application), then lets schemathesis generate requests for every operation of
# sync/openapi.yaml (valid and invalid, seeded, a bounded number per operation) and check
# each answer: no 5xx, a documented status, content type and body schema, bad input
# refused, valid input accepted, authentication not ignored.
#
#     scripts/schemathesis.sh [BIN_DIR] [-- extra `st run` options]
#
# BIN_DIR holds the built onething and onething-hub (default .build/debug); nothing is
# built here. schemathesis (pinned below) is installed into .build/schemathesis-venv,
# never into the system Python. Exits non-zero on any failure; schemathesis prints each
# failure with a curl command that reproduces it. The hub is stopped at the end.
#
# ONETHING_ST_SEED (default 20261101) and ONETHING_ST_EXAMPLES (default 100, per operation
# and phase) change the run; the seed and the hub's log are printed for a failed run.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
bin=.build/debug
if [ "$#" -gt 0 ] && [ "$1" != "--" ]; then
  bin=$1
  shift
fi
[ "${1:-}" = "--" ] && shift
seed=${ONETHING_ST_SEED:-20261101}
examples=${ONETHING_ST_EXAMPLES:-100}

for b in onething onething-hub; do
  [ -x "$bin/$b" ] || { echo "schemathesis.sh: $bin/$b is missing; build first (swift build)" >&2; exit 1; }
done

venv=.build/schemathesis-venv
installed=""
[ -x "$venv/bin/python" ] &&
  installed=$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null || true)
if [ "$installed" != "$SCHEMATHESIS_VERSION" ]; then
  echo "installing schemathesis $SCHEMATHESIS_VERSION into $venv" >&2
  python3 -m venv "$venv" || {
    echo "schemathesis.sh: python3 cannot make a virtualenv; install python3-venv (scripts/install-deps.sh does)" >&2
    exit 1
  }
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/onething-schemathesis.XXXXXX")
hub_pid=""
cleanup() {
  if [ -n "$hub_pid" ] && kill -0 "$hub_pid" 2>/dev/null; then
    kill -TERM "$hub_pid" 2>/dev/null || true
    wait "$hub_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

db=$work/hub.sqlite
node_id=st-node-1
admin_token="admin-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
(umask 077 && printf '%s\n' "$admin_token" >"$work/admin-token")
node_token=$("$bin/onething-hub" nodes add "$node_id" --db "$db" 2>"$work/nodes-add.log") || {
  echo "schemathesis.sh: registering the node failed:" >&2
  cat "$work/nodes-add.log" >&2
  exit 1
}

"$bin/onething-hub" serve --db "$db" --port 0 --admin-token-file "$work/admin-token" \
  >"$work/hub.out" 2>"$work/hub.log" &
hub_pid=$!
url=""
for _ in $(seq 1 600); do
  url=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)$/\1/p' "$work/hub.out" | head -n 1)
  [ -n "$url" ] && break
  kill -0 "$hub_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "schemathesis.sh: the hub did not start; its log:" >&2
  cat "$work/hub.log" >&2
  exit 1
fi

# One real application (the catalogue's synthetic example birth), so that the admin
# operations have something to show, amend and decide: FJ0000000001 on a fresh hub.
"$bin/onething" catalog example birth >"$work/example.json"
python3 - "$url" "$node_id" "$node_token" "$work/example.json" <<'PY'
import hashlib, json, sys, urllib.request
url, node, token, example = sys.argv[1:5]
with open(example) as f:
    fields = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in json.load(f).items()}
app_id = "OT-SCHEMATH00"
payload = json.dumps({"application_id": app_id, "revision": 1, "base_revision": None, "bundle": "birth",
                      "items": ["birth-certificate", "vaccination-certificate", "household-registration",
                                "maternity-insurance", "medical-insurance-enrolment", "social-security-card"],
                      "fields": fields, "situations": [], "catalog_version": "2026.11-1", "region": "350100",
                      "operator": None}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
entry = {"seq": 1, "idempotency_key": "schemathesis-seed-1", "application_id": app_id, "revision": 1,
         "base_revision": None, "payload_sha256": hashlib.sha256(payload.encode()).hexdigest()}
# Protocol 2: the payload object itself, its bytes exactly as hashed (spliced in, not re-encoded).
body = '{"entries":[' + json.dumps(entry)[:-1] + ',"payload":' + payload + '}]}'
request = urllib.request.Request(f"{url}/v1/nodes/{node}/push", data=body.encode(),
                                 method="POST", headers={"Authorization": "Bearer " + token,
                                                         "Content-Type": "application/json"})
with urllib.request.urlopen(request, timeout=30) as response:
    result = json.load(response)["results"][0]
if result.get("province_no") != "FJ0000000001":
    sys.exit(f"schemathesis.sh: the seed application was not accepted as FJ0000000001: {result.get('status')} {result.get('reason_code')}")
PY

echo "schemathesis $SCHEMATHESIS_VERSION against $url (seed $seed, $examples examples per operation)" >&2
status=0
# Run from .build, where schemathesis keeps its .schemathesis cache (ignored by git).
root=$PWD
(cd .build && ONETHING_ST_NODE_TOKEN=$node_token ONETHING_ST_ADMIN_TOKEN=$admin_token ONETHING_ST_NODE_ID=$node_id \
  "$root/$venv/bin/st" --config-file "$root/scripts/schemathesis.toml" run "$root/sync/openapi.yaml" \
  --url "$url" \
  --checks all \
  --seed "$seed" \
  --max-examples "$examples" \
  --workers 1 \
  --generation-database none \
  --request-timeout 30 \
  --no-color \
  "$@") || status=$?
if [ "$status" -ne 0 ]; then
  echo "schemathesis.sh: failed (seed $seed); the hub's log:" >&2
  tail -n 50 "$work/hub.log" >&2
fi
exit "$status"
