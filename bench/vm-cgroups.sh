#!/usr/bin/env bash
# cgroup costs, in the VM tier's guest (systemd user session, cgroup v2), burrow beside podman:
#   bash tests/vm/run.sh bench/vm-cgroups.sh
# 1. `run` with its systemd scope against `--cgroups disabled` (target: the scope adds <= 5 ms);
# 2. `stats --no-stream` of 10 running containers, burrow against podman (target: >= 5x faster).
set -euo pipefail
img="${BURROW_TEST_REGISTRY:-127.0.0.1:5000}/busybox:latest"
burrow pull -q "$img" >/dev/null
podman pull -q "$img" >/dev/null 2>&1 || podman pull --tls-verify=false -q "$img" >/dev/null

hyperfine --warmup 3 --runs 20 --export-json /tmp/run.json \
    -n 'burrow run (scope)' "burrow run --rm $img true" \
    -n 'burrow run --cgroups disabled' "burrow run --rm --cgroups disabled $img true"

ids=()
for i in $(seq 10); do
    ids+=("$(burrow run -d "$img" sleep 1000)")
    podman run -d --name "bench$i" "$img" sleep 1000 >/dev/null
done
if burrow stats --no-stream >/dev/null 2>&1; then
    hyperfine --warmup 2 --runs 10 --export-json /tmp/stats.json \
        -n 'burrow stats --no-stream' 'burrow stats --no-stream' \
        -n 'podman stats --no-stream' 'podman stats --no-stream'
else
    echo "burrow stats is not there yet: the stats comparison is skipped"
fi
burrow rm -f "${ids[@]}" >/dev/null
podman rm -f $(seq -f 'bench%g' 10) >/dev/null
jq -r '.results[] | "\(.command): \(.mean * 1000 | floor) ms"' /tmp/run.json
