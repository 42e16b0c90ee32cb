//! `write_diff` tests: the pure header encoding, and round trips through
//! `apply_layer` (apply(diff(tree)) == tree) on trees made in a temporary
//! directory. Device nodes, foreign owners and trusted xattrs need root; as
//! another user those parts of the tree are left out.

use std::collections::BTreeMap;
use std::ffi::CString;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::Path;

use rustix::fs::{self as rfs, FileType, Mode, XattrFlags};

use super::diff::{EntryHeader, header_blocks, layer_xattr_kept, pax_record, whiteout_name};
use super::{DiffOptions, apply_layer, write_diff};

fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

fn set_xattr(path: &Path, name: &str, value: &[u8]) {
    rfs::lsetxattr(path, name, value, XattrFlags::empty()).unwrap();
}

fn set_mtime(path: &Path, secs: i64) {
    let time = rfs::Timespec {
        tv_sec: secs,
        tv_nsec: 0,
    };
    rfs::utimensat(
        rfs::CWD,
        path,
        &rfs::Timestamps {
            last_access: time,
            last_modification: time,
        },
        rfs::AtFlags::SYMLINK_NOFOLLOW,
    )
    .unwrap();
}

/// Everything about a tree that a layer records, keyed by path.
fn snapshot(root: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut inodes: BTreeMap<(u64, u64), String> = BTreeMap::new();
    fn walk(
        root: &Path,
        dir: &Path,
        out: &mut BTreeMap<String, String>,
        inodes: &mut BTreeMap<(u64, u64), String>,
    ) {
        let mut entries: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap()).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let meta = fs::symlink_metadata(&path).unwrap();
            let kind = FileType::from_raw_mode(meta.mode());
            let mut xattrs = Vec::new();
            if kind == FileType::RegularFile || kind == FileType::Directory {
                let mut names = vec![0u8; 4096];
                let len = rfs::llistxattr(&path, &mut names[..]).unwrap();
                let mut list: Vec<&[u8]> = names[..len]
                    .split(|&b| b == 0)
                    .filter(|n| !n.is_empty())
                    .collect();
                list.sort();
                for name in list {
                    let cname = CString::new(name).unwrap();
                    let mut value = vec![0u8; 4096];
                    let n = rfs::lgetxattr(&path, cname.as_c_str(), &mut value[..]).unwrap();
                    xattrs.push(format!(
                        "{}={:?}",
                        String::from_utf8_lossy(name),
                        &value[..n]
                    ));
                }
            }
            let link = if meta.nlink() > 1 && kind != FileType::Directory {
                match inodes.get(&(meta.dev(), meta.ino())) {
                    Some(first) => format!(" hardlink-of={first}"),
                    None => {
                        inodes.insert((meta.dev(), meta.ino()), rel.clone());
                        String::new()
                    }
                }
            } else {
                String::new()
            };
            let detail = match kind {
                FileType::RegularFile => format!("{:?}", fs::read(&path).unwrap()),
                FileType::Symlink => format!("-> {}", fs::read_link(&path).unwrap().display()),
                FileType::CharacterDevice | FileType::BlockDevice => format!(
                    "dev {}:{}",
                    rfs::major(meta.rdev()),
                    rfs::minor(meta.rdev())
                ),
                _ => String::new(),
            };
            // A symlink's own mode and time are not kept by apply (nor by overlay).
            let (mode, mtime) = if kind == FileType::Symlink {
                (0, 0)
            } else {
                (meta.mode() & 0o7777, meta.mtime())
            };
            out.insert(
                rel,
                format!(
                    "{kind:?} {mode:o} {}:{} t={mtime} {detail}{link} [{}]",
                    meta.uid(),
                    meta.gid(),
                    xattrs.join(",")
                ),
            );
            if kind == FileType::Directory {
                walk(root, &path, out, inodes);
            }
        }
    }
    walk(root, root, &mut out, &mut inodes);
    out
}

/// A tree with every kind of entry a container's upper directory can hold.
fn build_tree(root: &Path) {
    fs::create_dir_all(root.join("etc/conf.d")).unwrap();
    fs::write(root.join("etc/hostname"), b"box\n").unwrap();
    fs::write(root.join("etc/conf.d/a"), vec![7u8; 70_000]).unwrap();
    fs::set_permissions(
        root.join("etc/conf.d/a"),
        fs::Permissions::from_mode(0o4755),
    )
    .unwrap();
    fs::hard_link(root.join("etc/conf.d/a"), root.join("etc/a-link")).unwrap();
    symlink("../etc/hostname", root.join("etc/hn")).unwrap();
    symlink("/nowhere/at/all", root.join("dangling")).unwrap();
    let long = "d".repeat(90);
    fs::create_dir_all(root.join(&long).join(&long)).unwrap();
    fs::write(root.join(&long).join(&long).join("f".repeat(120)), b"deep").unwrap();
    symlink("t".repeat(150), root.join("longlink")).unwrap();
    fs::create_dir(root.join("opaque")).unwrap();
    fs::write(root.join("opaque/new"), b"new").unwrap();
    set_xattr(&root.join("opaque"), "user.overlay.opaque", b"y");
    set_xattr(&root.join("etc/hostname"), "user.mime", b"text/plain");
    rfs::mkfifoat(rfs::CWD, root.join("fifo"), Mode::from_raw_mode(0o600)).unwrap();
    fs::create_dir(root.join("locked")).unwrap();
    fs::write(root.join("locked/inside"), b"x").unwrap();
    if is_root() {
        // A whiteout, a real device, a foreign owner, a file capability.
        rfs::mknodat(
            rfs::CWD,
            root.join("etc/gone"),
            FileType::CharacterDevice,
            Mode::empty(),
            rfs::makedev(0, 0),
        )
        .unwrap();
        rfs::mknodat(
            rfs::CWD,
            root.join("null"),
            FileType::CharacterDevice,
            Mode::from_raw_mode(0o666),
            rfs::makedev(1, 3),
        )
        .unwrap();
        std::os::unix::fs::lchown(root.join("etc/hostname"), Some(1234), Some(5678)).unwrap();
        // VFS_CAP_REVISION_2 with CAP_NET_RAW permitted.
        let mut cap = vec![0u8; 20];
        cap[0..4].copy_from_slice(&0x0200_0001u32.to_le_bytes());
        cap[4..8].copy_from_slice(&(1u32 << 13).to_le_bytes());
        set_xattr(&root.join("etc/conf.d/a"), "security.capability", &cap);
        set_xattr(&root.join("etc/conf.d"), "trusted.overlay.origin", b"x");
    }
    for (i, path) in [
        "etc/hostname",
        "etc/conf.d/a",
        "etc/conf.d",
        "etc",
        "opaque/new",
        "opaque",
        "locked/inside",
        "fifo",
    ]
    .iter()
    .enumerate()
    {
        set_mtime(&root.join(path), 1_600_000_000 + i as i64);
    }
    fs::set_permissions(root.join("locked"), fs::Permissions::from_mode(0o500)).unwrap();
    set_mtime(&root.join("locked"), 1_500_000_000);
}

fn diff_bytes(root: &Path, options: &DiffOptions<'_>) -> Vec<u8> {
    write_diff(root, Vec::new(), options).unwrap().0
}

fn entry_names(tar_bytes: &[u8]) -> Vec<String> {
    let mut archive = tar::Archive::new(tar_bytes);
    archive
        .entries()
        .unwrap()
        .map(|e| String::from_utf8_lossy(&e.unwrap().path_bytes()).into_owned())
        .collect()
}

#[test]
fn round_trip_through_apply_restores_the_tree() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    let dest = tmp.path().join("dest");
    fs::create_dir(&src).unwrap();
    fs::create_dir(&dest).unwrap();
    build_tree(&src);
    let tar_bytes = diff_bytes(&src, &DiffOptions::default());
    apply_layer(tar_bytes.as_slice(), &dest).unwrap();
    let mut expected = snapshot(&src);
    if is_root() {
        // Overlay's own bookkeeping is not part of a layer.
        let conf = expected.get_mut("etc/conf.d").unwrap();
        *conf = conf.replace("trusted.overlay.origin=[120]", "");
    }
    assert_eq!(snapshot(&dest), expected);
    // The same tree gives the same bytes.
    assert_eq!(diff_bytes(&src, &DiffOptions::default()), tar_bytes);
}

#[test]
fn writes_overlay_markers_as_oci_whiteouts_in_path_order() {
    let tmp = tempfile::tempdir().unwrap();
    build_tree(tmp.path());
    let names = entry_names(&diff_bytes(tmp.path(), &DiffOptions::default()));
    let long = "d".repeat(90);
    let root = is_root();
    let mut expected: Vec<String> = Vec::new();
    let mut push = |name: &str, when: bool| {
        if when {
            expected.push(name.to_owned());
        }
    };
    push("dangling", true);
    push(&format!("{long}/"), true);
    push(&format!("{long}/{long}/"), true);
    push(&format!("{long}/{long}/{}", "f".repeat(120)), true);
    push("etc/", true);
    push("etc/a-link", true);
    push("etc/conf.d/", true);
    push("etc/conf.d/a", true);
    push("etc/.wh.gone", root);
    push("etc/hn", true);
    push("etc/hostname", true);
    push("fifo", true);
    push("locked/", true);
    push("locked/inside", true);
    push("longlink", true);
    push("null", root);
    push("opaque/", true);
    push("opaque/.wh..wh..opq", true);
    push("opaque/new", true);
    assert_eq!(names, expected);
    // The second name of a hard-linked file is a link to the first.
    let bytes = diff_bytes(tmp.path(), &DiffOptions::default());
    let mut archive = tar::Archive::new(bytes.as_slice());
    let link = archive
        .entries()
        .unwrap()
        .map(|e| e.unwrap())
        .find(|e| e.path_bytes().as_ref() == b"etc/conf.d/a")
        .unwrap();
    assert_eq!(link.header().entry_type(), tar::EntryType::Link);
    assert_eq!(link.link_name_bytes().unwrap().as_ref(), b"etc/a-link");
}

#[test]
fn maps_owners_and_clamps_times() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("f"), b"x").unwrap();
    set_mtime(&tmp.path().join("f"), 2_000_000_000);
    fs::write(tmp.path().join("old"), b"x").unwrap();
    set_mtime(&tmp.path().join("old"), 1_000);
    let me = rustix::process::geteuid().as_raw();
    let shift = |uid: u32, gid: u32| (uid == me).then_some((uid + 100_000, gid + 100_000));
    let options = DiffOptions {
        owners: Some(&shift),
        clamp_mtime: Some(1_700_000_000),
        skip_empty: &[],
    };
    let bytes = diff_bytes(tmp.path(), &options);
    let mut archive = tar::Archive::new(bytes.as_slice());
    let headers: Vec<(u64, u64)> = archive
        .entries()
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            assert_eq!(e.header().uid().unwrap(), u64::from(me) + 100_000);
            (e.header().mtime().unwrap(), e.header().size().unwrap())
        })
        .collect();
    assert_eq!(headers, vec![(1_700_000_000, 1), (1_000, 1)]);

    let refuse = |_: u32, _: u32| None;
    let options = DiffOptions {
        owners: Some(&refuse),
        clamp_mtime: None,
        skip_empty: &[],
    };
    let error = write_diff(tmp.path(), Vec::new(), &options).unwrap_err();
    assert!(
        error.to_string().contains("\"f\" is owned by uid"),
        "{error}"
    );
}

#[test]
fn never_follows_a_symlinked_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("secret"), b"s").unwrap();
    let root = tmp.path().join("root");
    fs::create_dir(&root).unwrap();
    symlink(&outside, root.join("escape")).unwrap();
    let names = entry_names(&diff_bytes(&root, &DiffOptions::default()));
    assert_eq!(names, vec!["escape"]);
}

#[test]
fn encodes_long_names_and_big_ids_as_pax() {
    let mut entry = EntryHeader {
        kind: tar::EntryType::Symlink,
        mode: 0o777,
        uid: 3_000_000,
        gid: 7,
        mtime: 5,
        size: 0,
        device: (0, 0),
        link: Some(vec![b'l'; 101]),
        xattrs: vec![(b"user.a".to_vec(), b"b".to_vec())],
    };
    let name = vec![b'n'; 101];
    let blocks = header_blocks(&name, &entry);
    let mut archive = tar::Archive::new(blocks.as_slice());
    let mut entries = archive.entries().unwrap();
    let mut first = entries.next().unwrap().unwrap();
    assert_eq!(first.path_bytes().as_ref(), name.as_slice());
    assert_eq!(first.link_name_bytes().unwrap().as_ref(), &[b'l'; 101][..]);
    assert_eq!(first.header().uid().unwrap(), 3_000_000);
    let pax: Vec<(String, Vec<u8>)> = first
        .pax_extensions()
        .unwrap()
        .unwrap()
        .map(|p| {
            let p = p.unwrap();
            (p.key().unwrap().to_owned(), p.value_bytes().to_vec())
        })
        .collect();
    assert!(pax.contains(&("SCHILY.xattr.user.a".to_owned(), b"b".to_vec())));

    entry.xattrs.clear();
    entry.uid = 0;
    entry.link = Some(b"short".to_vec());
    assert_eq!(header_blocks(b"short", &entry).len(), 512);
}

#[test]
fn pure_helpers() {
    assert_eq!(pax_record(b"path", b"abc"), b"12 path=abc\n");
    // The length counts its own digits: 98 bytes of body need 3 of them.
    assert_eq!(pax_record(b"k", &[b'v'; 93]).len(), 99);
    assert!(pax_record(b"k", &[b'v'; 94]).starts_with(b"101 "));
    assert_eq!(whiteout_name(b"a/b/c", b".wh."), b"a/b/.wh.c");
    assert_eq!(whiteout_name(b"top", b".wh."), b".wh.top");
    assert!(layer_xattr_kept(b"user.mime"));
    assert!(layer_xattr_kept(b"security.capability"));
    assert!(layer_xattr_kept(b"trusted.md5"));
    assert!(!layer_xattr_kept(b"user.overlay.origin"));
    assert!(!layer_xattr_kept(b"trusted.overlay.opaque"));
    assert!(!layer_xattr_kept(b"security.selinux"));
}

#[test]
fn leaves_out_empty_mount_points() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("etc")).unwrap();
    fs::write(tmp.path().join("etc/hosts"), b"").unwrap();
    fs::write(tmp.path().join("etc/resolv.conf"), b"kept: not empty").unwrap();
    fs::create_dir(tmp.path().join("run")).unwrap();
    fs::write(tmp.path().join("run/.containerenv"), b"").unwrap();
    let options = DiffOptions {
        skip_empty: &["etc/hosts", "etc/resolv.conf", "run", "run/.containerenv"],
        ..DiffOptions::default()
    };
    let names = entry_names(&write_diff(tmp.path(), Vec::new(), &options).unwrap().0);
    assert_eq!(names, ["etc/", "etc/resolv.conf"]);
}
