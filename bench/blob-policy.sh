#!/usr/bin/env bash
# The numbers behind keeping each layer's registry blob (ARCHITECTURE.md, "Layer blobs"):
# what keeping it costs a pull (time, disk) against what recompressing on demand would cost
# each push or save. Compares two burrow builds: one that keeps blobs, one that does not.
#
# Run as root after `bash tests/fixtures/setup.sh`:
#   bash bench/blob-policy.sh BURROW_KEEPING_BLOBS BURROW_WITHOUT_BLOBS
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
user="${BURROW_TEST_USER:-burrowtest}"
registry="${BURROW_TEST_REGISTRY:-127.0.0.1:5000}"
image="$registry/big:latest"
[ $# -eq 2 ] || { echo "usage: $0 BURROW_KEEPING_BLOBS BURROW_WITHOUT_BLOBS" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }

work="$(mktemp -d /var/tmp/burrow-blobs.XXXXXX)"
chmod 0755 "$work"
trap 'rm -rf "$work"' EXIT
install -m 0755 "$1" "$work/keep"
install -m 0755 "$2" "$work/nokeep"
mkdir -p "$work/home/.config/containers"
cat > "$work/home/.config/containers/registries.conf" <<CONF
[[registry]]
location = "$registry"
insecure = true
CONF
chown -R "$user:" "$work/home"
as_user() { runuser -u "$user" -- env -i HOME="$work/home" PATH=/usr/bin:/bin:/usr/sbin:/sbin "$@"; }

# A fresh store for every run (see bench/run.sh on why old stores are deleted only at the end);
# burrow refuses a store root that is a symlink, so the link is read for each run.
reset() { echo "ln -sfn \$(mktemp -d $work/home/$1.XXXXXX) $work/home/$1"; }
echo "== pull of big:latest, fresh storage each run"
as_user hyperfine --warmup 1 --runs 7 \
    --prepare "$(reset k)" -n keeps-blobs "$work/keep --root \$(readlink $work/home/k) pull -q $image" \
    --prepare "$(reset n)" -n no-blobs "$work/nokeep --root \$(readlink $work/home/n) pull -q $image"

layers="$(readlink -f "$work/home/k")/layers"
blobs=$(find "$layers" -mindepth 2 -maxdepth 2 -name blob -printf '%s\n' | awk '{s+=$1} END {print s}')
trees=$(du -sb "$layers" | cut -f1)
echo "== disk: blobs $((blobs / 1024)) KiB of $((trees / 1024)) KiB in layers/ ($((100 * blobs / trees)) %)"

# What recompressing on demand would cost each push or save: gzip of every layer's tar.
tars="$work/tars"
mkdir "$tars"
for b in "$layers"/*/blob; do
    gzip -dc "$b" >"$tars/$(basename "$(dirname "$b")").tar" 2>/dev/null || cp "$b" "$tars/"
done
echo "== recompressing the layers on demand (gzip -6, one core), per push or save"
hyperfine --warmup 1 --runs 5 -n gzip-6 "cat $tars/*.tar | gzip -6 >/dev/null"
