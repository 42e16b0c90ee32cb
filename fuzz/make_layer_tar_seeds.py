#!/usr/bin/env python3
"""Writes the seed tars of the layer_tar fuzz target into fuzz/corpus/layer_tar/.

The seeds are committed; run this again only to change them. Paths aiming outside the
layer name /tmp/outside, the canary directory the fuzz target watches.
"""

import io
import os
import tarfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "layer_tar")
MTIME = 1_600_000_000


def entry(name, kind=tarfile.REGTYPE, data=b"", mode=0o644, link="", uid=0, gid=0, pax=None):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.mode = mode
    info.mtime = MTIME
    info.uid, info.gid = uid, gid
    info.uname = info.gname = ""
    info.linkname = link
    if pax:
        info.pax_headers = pax
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    return info, data


def write(name, entries, fmt=tarfile.PAX_FORMAT):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        for info, data in entries:
            tar.addfile(info, io.BytesIO(data) if info.size else None)
    # tarfile pads to a 10 KiB record; the two zero blocks that end the archive suffice.
    raw = buf.getvalue()
    end = len(raw)
    while end >= 512 and raw[end - 512 : end] == bytes(512):
        end -= 512
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(raw[:end] + bytes(1024))


def main():
    os.makedirs(OUT, exist_ok=True)
    D, L, H, F = tarfile.DIRTYPE, tarfile.SYMTYPE, tarfile.LNKTYPE, tarfile.FIFOTYPE
    write(
        "whiteout-hardlink.tar",
        [
            entry("./", D, mode=0o755),
            entry("etc/", D, mode=0o755),
            entry("etc/hostname", data=b"burrow\n"),
            entry("etc/hostname.link", H, link="etc/hostname"),
            entry("etc/.wh.removed"),
            entry("usr/", D, mode=0o755),
            entry("usr/.wh..wh..opq"),
            entry("usr/bin/sh", L, link="/bin/busybox", mode=0o777),
            entry("run/fifo", F, mode=0o600),
        ],
        fmt=tarfile.USTAR_FORMAT,
    )
    # apply_layer stops at the first refused entry: the refused ones come last.
    write(
        "escapes.tar",
        [
            entry("/tmp/outside/abs", data=b"x"),
            entry("esc", L, link="/tmp/outside"),
            entry("esc/through-symlink", data=b"x"),
            entry("up", L, link=".."),
            entry("up/outside/rel", data=b"x"),
            entry("wh", L, link="../outside"),
            entry("wh/.wh.canary"),
            entry("wh/.wh..wh..opq"),
            entry("hl", H, link="/tmp/outside/canary"),
        ],
        fmt=tarfile.GNU_FORMAT,
    )
    write("climb.tar", [entry("../outside/up", data=b"x")], fmt=tarfile.GNU_FORMAT)
    write("hardlink-climb.tar", [entry("hl", H, link="../outside/canary")], fmt=tarfile.GNU_FORMAT)
    write(
        "pax-records.tar",
        [
            entry(
                "d/" + "long-name-" * 12 + "/f",
                data=b"content",
                mode=0o4755,
                uid=1000,
                gid=1000,
                pax={
                    "mtime": "1600000000.123456789",
                    "SCHILY.xattr.user.comment": "hello",
                    "SCHILY.xattr.user.overlay.opaque": "y",
                    "SCHILY.xattr.trusted.x": "1",
                },
            ),
            entry("d/", D, mode=0o500, pax={"mtime": "-1.5"}),
            entry("d/sub/", D, mode=0o000),
        ],
    )
    write(
        "replace-and-relink.tar",
        [
            entry("a/", D),
            entry("a/f", data=b"one"),
            entry("b/", D),
            entry("a", L, link="b"),
            entry("a/f", data=b"two"),
            entry("b/g", H, link="a/f"),
            entry("b/.wh.g"),
            entry("b/g", data=b"three"),
        ],
        fmt=tarfile.USTAR_FORMAT,
    )


if __name__ == "__main__":
    main()
