#!/usr/bin/env bash
# `commit` of a container with 10 MB of changes (100 files of 100 KB), burrow and podman side by
# side (the target: burrow at least 3x faster). Each run commits the same stopped container to a
# new untagged image; the images are removed between runs so every commit writes its layer.
#
# Run as root after `bash tests/fixtures/setup.sh` (needs podman, runc, hyperfine, GNU time):
#   bash bench/commit.sh [path/to/burrow]
# shellcheck disable=SC2086
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

changes='for i in $(seq 1 100); do head -c 102400 /dev/urandom > /f$i; done'
as_user $B run --name changed "$image" sh -c "$changes"
as_user $P run --name changed "$image" sh -c "$changes"

# Between runs: drop the committed images (the base keeps its name, so only they go).
cat > "$work/prune-b.sh" <<EOF
$B image prune -f >/dev/null
EOF
cat > "$work/prune-p.sh" <<EOF
$P image prune -f >/dev/null
EOF

echo "== commit of a container with 10 MB of changes"
as_user hyperfine --warmup 2 --runs 15 --export-json "$work/results/commit.json" \
    -n burrow --prepare "sh $work/prune-b.sh" "$B commit -q changed" \
    -n podman --prepare "sh $work/prune-p.sh" "$P commit -q changed"

python3 - "$work/results" <<'PY'
import json, os, sys
results = sys.argv[1]
m = {r["command"]: (r["mean"] * 1000, r["stddev"] * 1000)
     for r in json.load(open(os.path.join(results, "commit.json")))["results"]}
b, p = m["burrow"], m["podman"]
print()
print(f"commit 10 MB: burrow {b[0]:.1f} ± {b[1]:.1f} ms, podman {p[0]:.1f} ± {p[1]:.1f} ms, "
      f"podman/burrow {p[0] / b[0]:.1f}x (target >= 3x)")
PY
