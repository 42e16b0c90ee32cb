#!/usr/bin/env bash
# How fast a TAB answers: `__complete exec ''` (what the shell scripts run for
# `burrow exec <TAB>`) and `__complete run ''` (images), with 100 containers and 100 image
# names in the store, burrow beside podman on a similar store. The goal is under 10 ms.
#
# Run as root after `bash tests/fixtures/setup.sh` (needs podman, runc, hyperfine):
#   bash bench/completion.sh [path/to/burrow]
# shellcheck disable=SC2086
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Containers made cheaply: created, not started, and one running so that exec has a candidate;
# the image gets 99 more names (tags cost a record, not a pull).
echo "filling both stores: 100 containers, 100 image names"
for t in B P; do
    as_user ${!t} run -d --name run0 "$image" sleep 100000 >/dev/null
    for i in $(seq 1 99); do
        as_user ${!t} create --name "c$i" "$image" true >/dev/null
        as_user ${!t} tag "$image" "localhost/tag$i:latest" >/dev/null
    done
done
echo "burrow offers: $(as_user $B __complete exec '' | head -3 | tr '\n' ' ')..."

bench() {
    local name="$1"
    shift
    echo "== $name"
    as_user hyperfine -N --warmup 5 --runs 100 --export-json "$work/results/$name.json" \
        -n burrow "$B __complete $*" -n podman "$P __complete $*"
}
bench exec "exec ''"
bench run "run ''"
bench ps-filter "ps --filter status="

python3 - "$work/results" <<'PY'
import json, os, sys
results = sys.argv[1]
# Wall time is what a user waits; CPU time (user + system) is what the answer costs, and
# stays meaningful on a machine busy with other work, where wall time does not.
print()
print(f"{'completion':<11} {'burrow ms':>10} {'burrow cpu':>11} {'podman ms':>10} {'podman cpu':>11} {'podman/burrow':>14} {'under 10 ms':>12}")
for name in ["exec", "run", "ps-filter"]:
    data = json.load(open(os.path.join(results, name + ".json")))["results"]
    wall = {r["command"]: r["mean"] * 1000 for r in data}
    cpu = {r["command"]: (r["user"] + r["system"]) * 1000 for r in data}
    b, p = wall["burrow"], wall["podman"]
    print(f"{name:<11} {b:>10.2f} {cpu['burrow']:>11.2f} {p:>10.2f} {cpu['podman']:>11.2f} {p / b:>13.1f}x {'yes' if b < 10 else 'NO':>12}")
PY
