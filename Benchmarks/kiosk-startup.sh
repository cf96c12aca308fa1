#!/usr/bin/env bash
# Kiosk start-up: from launching `onething kiosk` under a real terminal (tmux, 80x24) to
# its first frame (the sign-in screen) showing; RUNS times, median and worst. Release build.
#
#   Benchmarks/kiosk-startup.sh [RUNS]     (default 20; ONETHING_BENCH_BIN as sync-drain.sh)
#
# The figure includes tmux's own latency (capture-pane is polled every 2 ms), so it is an
# upper bound of the kiosk's start-up.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
bin=${ONETHING_BENCH_BIN:-.build/release}
[ -x "$bin/onething" ] || swift build -c release --product onething >&2
work=$(mktemp -d)
# Its own tmux server (-L), so that no other tmux session on the machine is touched.
sock="kiosk-bench-$$"
trap 'rm -rf "$work"; tmux -L "$sock" kill-server 2>/dev/null || true' EXIT
"$bin/onething" operators add bench --name 示例 --db "$work/node.sqlite" <<< 246810 > /dev/null
times=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  tmux -L "$sock" new-session -d -s "kb$i" -x 80 -y 24 "LANG=C.UTF-8 $bin/onething kiosk --db $work/node.sqlite"
  until tmux -L "$sock" capture-pane -p -t "kb$i" 2>/dev/null | grep -q PIN; do sleep 0.002; done
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  tmux -L "$sock" kill-session -t "kb$i"
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
worst=$(echo "$sorted" | tail -1)
echo "kiosk start-up to the first frame (tmux 80x24, $runs runs): median ${median} ms, worst ${worst} ms"
