#!/usr/bin/env bash
# push of big:latest (the ~49 MB fixture of 6 gzip layers) to an empty repository of the local
# registry, burrow and podman side by side in one run; every run pushes to a repository name
# of its own. Podman's blob-info cache is emptied before each of its runs, so neither tool
# knows where the registry already keeps the blobs (podman would mount them from the
# repository it pulled from instead of uploading). Podman keeps layers uncompressed and
# gzips them while it pushes; burrow sends the blobs it pulled as they are.
#
# Run as root after `bash tests/fixtures/setup.sh` (needs podman, runc, hyperfine):
#   bash bench/push.sh [path/to/burrow]
# shellcheck disable=SC2086
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
big="$registry/big:latest"
as_user $B pull -q "$big" >/dev/null
as_user $P pull -q --tls-verify=false "$big" >/dev/null
runs="${BENCH_RUNS:-10}"
cache="$home/.local/share/containers/cache"

echo "== push big:latest to a fresh repository ($runs runs each)"
as_user hyperfine --warmup 1 --runs "$runs" --export-json "$work/results/push.json" \
    --prepare true --prepare "rm -rf $cache" \
    -n burrow "$B push -q $big $registry/bench-push/burrow-\$(date +%s%N):latest" \
    -n podman "$P push -q --tls-verify=false $big $registry/bench-push/podman-\$(date +%s%N):latest"

python3 - "$work/results/push.json" <<'PY'
import json, sys
data = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
b, p = data["burrow"]["mean"], data["podman"]["mean"]
print()
print(f"{'benchmark':<10} {'burrow ms':>10} {'podman ms':>10} {'podman/burrow':>14}")
print(f"{'push':<10} {b * 1000:>10.1f} {p * 1000:>10.1f} {p / b:>13.2f}x")
PY
