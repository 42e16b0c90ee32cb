//! Extraction tests: tars built in memory, applied into a temporary directory
//! and checked with plain std::fs reads. They run as any user; where root and
//! non-root behaviour differ, each branch asserts its own outcome.

use std::fs;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{ApplyStats, LayerError, apply_layer};

const T_FILE: u64 = 1_600_000_000;
const T_DIR: u64 = 1_500_000_000;

fn euid() -> u32 {
    rustix::process::geteuid().as_raw()
}

fn egid() -> u32 {
    rustix::process::getegid().as_raw()
}

fn is_root() -> bool {
    euid() == 0
}

/// Builds tar streams entry by entry. Names and link names are written into the
/// header verbatim (or as PAX records when long), so hostile names that
/// `tar::Builder`'s own path setters refuse can be produced.
struct Tar {
    builder: tar::Builder<Vec<u8>>,
    uid: u64,
    gid: u64,
}

struct Entry<'a> {
    path: &'a str,
    kind: tar::EntryType,
    mode: u32,
    mtime: u64,
    link: Option<&'a str>,
    data: &'a [u8],
    pax: Vec<(&'a str, Vec<u8>)>,
    owner: Option<(u64, u64)>,
    device: (u32, u32),
    /// Type flag byte written verbatim (tar::EntryType normalises '\0' to '0').
    raw_type: Option<u8>,
}

impl<'a> Entry<'a> {
    fn new(path: &'a str, kind: tar::EntryType) -> Self {
        Self {
            path,
            kind,
            mode: if kind == tar::EntryType::Directory {
                0o755
            } else {
                0o644
            },
            mtime: if kind == tar::EntryType::Directory {
                T_DIR
            } else {
                T_FILE
            },
            link: None,
            data: b"",
            pax: Vec::new(),
            owner: None,
            device: (0, 0),
            raw_type: None,
        }
    }
    fn mode(mut self, mode: u32) -> Self {
        self.mode = mode;
        self
    }
    fn mtime(mut self, mtime: u64) -> Self {
        self.mtime = mtime;
        self
    }
    fn link(mut self, link: &'a str) -> Self {
        self.link = Some(link);
        self
    }
    fn data(mut self, data: &'a [u8]) -> Self {
        self.data = data;
        self
    }
    fn pax(mut self, key: &'a str, value: &[u8]) -> Self {
        self.pax.push((key, value.to_vec()));
        self
    }
    fn owner(mut self, uid: u64, gid: u64) -> Self {
        self.owner = Some((uid, gid));
        self
    }
    fn device(mut self, major: u32, minor: u32) -> Self {
        self.device = (major, minor);
        self
    }
    fn raw_type(mut self, type_flag: u8) -> Self {
        self.raw_type = Some(type_flag);
        self
    }
}

fn pax_record(key: &str, value: &[u8]) -> Vec<u8> {
    let body_len = key.len() + value.len() + 3; // ' ', '=', '\n'
    let mut len = body_len + 1;
    while len != body_len + len.to_string().len() {
        len = body_len + len.to_string().len();
    }
    let mut record = format!("{len} {key}=").into_bytes();
    record.extend_from_slice(value);
    record.push(b'\n');
    assert_eq!(record.len(), len);
    record
}

impl Tar {
    fn new() -> Self {
        Self {
            builder: tar::Builder::new(Vec::new()),
            uid: u64::from(euid()),
            gid: u64::from(egid()),
        }
    }

    fn add(&mut self, entry: Entry<'_>) -> &mut Self {
        let mut pax = entry.pax.clone();
        if entry.path.len() > 100 {
            pax.push(("path", entry.path.as_bytes().to_vec()));
        }
        if let Some(link) = entry.link
            && link.len() > 100
        {
            pax.push(("linkpath", link.as_bytes().to_vec()));
        }
        if !pax.is_empty() {
            let body: Vec<u8> = pax.iter().flat_map(|(k, v)| pax_record(k, v)).collect();
            let mut header = tar::Header::new_ustar();
            header.as_ustar_mut().unwrap().name[..9].copy_from_slice(b"PaxHeader");
            header.set_entry_type(tar::EntryType::XHeader);
            header.set_size(body.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            self.builder.append(&header, body.as_slice()).unwrap();
        }

        let mut header = tar::Header::new_ustar();
        let ustar = header.as_ustar_mut().unwrap();
        let name = &entry.path.as_bytes()[..entry.path.len().min(100)];
        ustar.name[..name.len()].copy_from_slice(name);
        if let Some(link) = entry.link {
            let link = &link.as_bytes()[..link.len().min(100)];
            ustar.linkname[..link.len()].copy_from_slice(link);
        }
        header.set_entry_type(entry.kind);
        header.set_mode(entry.mode);
        header.set_mtime(entry.mtime);
        let (uid, gid) = entry.owner.unwrap_or((self.uid, self.gid));
        header.set_uid(uid);
        header.set_gid(gid);
        header.set_size(entry.data.len() as u64);
        if matches!(entry.kind, tar::EntryType::Char | tar::EntryType::Block) {
            header.set_device_major(entry.device.0).unwrap();
            header.set_device_minor(entry.device.1).unwrap();
        }
        if let Some(type_flag) = entry.raw_type {
            header.as_mut_bytes()[156] = type_flag;
        }
        header.set_cksum();
        self.builder.append(&header, entry.data).unwrap();
        self
    }

    fn file(&mut self, path: &str, data: &[u8]) -> &mut Self {
        self.add(Entry::new(path, tar::EntryType::Regular).data(data))
    }
    fn dir(&mut self, path: &str) -> &mut Self {
        self.add(Entry::new(path, tar::EntryType::Directory))
    }
    fn symlink(&mut self, path: &str, target: &str) -> &mut Self {
        self.add(Entry::new(path, tar::EntryType::Symlink).link(target))
    }
    fn hardlink(&mut self, path: &str, target: &str) -> &mut Self {
        self.add(Entry::new(path, tar::EntryType::Link).link(target))
    }

    fn finish(&mut self) -> Vec<u8> {
        let builder = std::mem::replace(&mut self.builder, tar::Builder::new(Vec::new()));
        builder.into_inner().unwrap()
    }
}

/// A scratch area: `dest` is the (empty) layer directory, `outside` a sibling
/// directory that hostile entries try to reach.
struct Scratch {
    _dir: tempfile::TempDir,
    dest: PathBuf,
    outside: PathBuf,
}

fn scratch() -> Scratch {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("diff");
    let outside = dir.path().join("outside");
    fs::create_dir(&dest).unwrap();
    fs::create_dir(&outside).unwrap();
    Scratch {
        _dir: dir,
        dest,
        outside,
    }
}

fn apply(tar: &mut Tar, dest: &Path) -> Result<ApplyStats, LayerError> {
    apply_layer(tar.finish().as_slice(), dest)
}

fn lmeta(path: impl AsRef<Path>) -> fs::Metadata {
    let path = path.as_ref();
    fs::symlink_metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn perm(path: impl AsRef<Path>) -> u32 {
    lmeta(path).mode() & 0o7777
}

fn xattr(path: impl AsRef<Path>, name: &str) -> Option<Vec<u8>> {
    let mut buf = vec![0u8; 4096];
    match rustix::fs::lgetxattr(path.as_ref(), name, &mut buf) {
        Ok(n) => Some(buf[..n].to_vec()),
        Err(rustix::io::Errno::NODATA) => None,
        Err(e) => panic!("getxattr {name} on {}: {e}", path.as_ref().display()),
    }
}

fn assert_outside_untouched(s: &Scratch) {
    let entries: Vec<_> = fs::read_dir(&s.outside).unwrap().collect();
    assert!(entries.is_empty(), "outside dir was written: {entries:?}");
    let parent = s.dest.parent().unwrap();
    let mut siblings: Vec<_> = fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    siblings.sort();
    assert_eq!(
        siblings,
        vec!["diff", "outside"],
        "something was created next to the layer"
    );
}

#[test]
fn extracts_files_directories_and_modes() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.add(Entry::new("etc/", tar::EntryType::Directory).mode(0o750))
        .add(
            Entry::new("etc/hosts", tar::EntryType::Regular)
                .data(b"127.0.0.1 localhost\n")
                .mtime(T_FILE + 7),
        )
        .add(
            Entry::new("usr/bin/su", tar::EntryType::Regular)
                .data(b"#!suid")
                .mode(0o4755),
        )
        .add(
            Entry::new("usr/bin/wall", tar::EntryType::Regular)
                .data(b"sgid")
                .mode(0o2755),
        )
        .add(
            Entry::new("ro", tar::EntryType::Regular)
                .data(b"read only")
                .mode(0o400),
        )
        .add(Entry::new("empty", tar::EntryType::Regular).mode(0o600))
        .add(Entry::new("tmp/", tar::EntryType::Directory).mode(0o1777))
        .file("tmp/child", b"x");
    let stats = apply(&mut tar, &s.dest).unwrap();
    assert_eq!(stats.entries, 8);
    assert_eq!(stats.bytes, 20 + 6 + 4 + 9 + 1);

    let d = &s.dest;
    assert_eq!(
        fs::read(d.join("etc/hosts")).unwrap(),
        b"127.0.0.1 localhost\n"
    );
    assert_eq!(perm(d.join("etc/hosts")), 0o644);
    assert_eq!(lmeta(d.join("etc/hosts")).mtime(), (T_FILE + 7) as i64);
    assert_eq!(perm(d.join("etc")), 0o750);
    assert_eq!(
        perm(d.join("usr/bin/su")),
        0o4755,
        "setuid bit must survive"
    );
    assert_eq!(
        perm(d.join("usr/bin/wall")),
        0o2755,
        "setgid bit must survive"
    );
    assert_eq!(fs::read(d.join("ro")).unwrap(), b"read only");
    assert_eq!(perm(d.join("ro")), 0o400);
    assert_eq!(lmeta(d.join("empty")).len(), 0);
    assert_eq!(perm(d.join("tmp")), 0o1777);
    // Parents without their own entry are created 0755.
    assert!(lmeta(d.join("usr/bin")).is_dir());
    assert_eq!(perm(d.join("usr")), 0o755);
    assert_eq!(perm(d.join("usr/bin")), 0o755);
    // Directory mtimes are set after their children were created.
    assert_eq!(lmeta(d.join("etc")).mtime(), T_DIR as i64);
    assert_eq!(lmeta(d.join("tmp")).mtime(), T_DIR as i64);
    for path in ["etc/hosts", "usr/bin/su", "tmp", "etc"] {
        let m = lmeta(d.join(path));
        assert_eq!((m.uid(), m.gid()), (euid(), egid()), "{path}");
    }
}

#[test]
fn read_only_directory_still_receives_its_children() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.add(Entry::new("ro/", tar::EntryType::Directory).mode(0o555))
        .file("ro/a", b"a")
        .add(Entry::new("ro/sub/", tar::EntryType::Directory).mode(0o500))
        .file("ro/sub/b", b"b");
    apply(&mut tar, &s.dest).unwrap();
    assert_eq!(fs::read(s.dest.join("ro/sub/b")).unwrap(), b"b");
    assert_eq!(perm(s.dest.join("ro")), 0o555);
    assert_eq!(perm(s.dest.join("ro/sub")), 0o500);
    assert_eq!(lmeta(s.dest.join("ro/sub")).mtime(), T_DIR as i64);
    // Let the tempdir cleanup in as a normal user.
    fs::set_permissions(s.dest.join("ro/sub"), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(s.dest.join("ro"), fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn root_entry_updates_the_layer_root() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.add(Entry::new("./", tar::EntryType::Directory).mode(0o711))
        .file("./a", b"a");
    apply(&mut tar, &s.dest).unwrap();
    assert_eq!(perm(&s.dest), 0o711);
    assert_eq!(lmeta(&s.dest).mtime(), T_DIR as i64);
    assert_eq!(fs::read(s.dest.join("a")).unwrap(), b"a");
}

#[test]
fn old_style_directory_entry_with_trailing_slash() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.add(
        Entry::new("v7dir/", tar::EntryType::Regular)
            .raw_type(0)
            .mode(0o700),
    )
    .file("v7dir/f", b"f");
    apply(&mut tar, &s.dest).unwrap();
    assert!(lmeta(s.dest.join("v7dir")).is_dir());
    assert_eq!(perm(s.dest.join("v7dir")), 0o700);
}

#[test]
fn symlinks_keep_targets_verbatim() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.dir("usr/bin/")
        .symlink("usr/bin/rel", "../a/./b")
        .symlink("abs", "/usr/bin/env")
        .symlink("dotdot", "../../../../etc/shadow")
        .add(
            Entry::new("old", tar::EntryType::Symlink)
                .link("abs")
                .mtime(1_234_567),
        );
    apply(&mut tar, &s.dest).unwrap();
    let d = &s.dest;
    assert_eq!(
        fs::read_link(d.join("usr/bin/rel")).unwrap(),
        Path::new("../a/./b")
    );
    assert_eq!(
        fs::read_link(d.join("abs")).unwrap(),
        Path::new("/usr/bin/env")
    );
    assert_eq!(
        fs::read_link(d.join("dotdot")).unwrap(),
        Path::new("../../../../etc/shadow")
    );
    let m = lmeta(d.join("old"));
    assert!(m.file_type().is_symlink());
    assert_eq!(m.mtime(), 1_234_567);
    assert_eq!(lmeta(d.join("usr/bin")).mtime(), T_DIR as i64);
}

#[test]
fn hardlinks_share_the_inode() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.file("bin/a", b"shared")
        .hardlink("bin/b", "bin/a")
        .hardlink("c", "/bin/a")
        .file("d/f", b"through a symlink")
        .symlink("s", "d")
        .hardlink("h", "s/f")
        .symlink("sym", "bin/a")
        .hardlink("sym2", "sym");
    apply(&mut tar, &s.dest).unwrap();
    let d = &s.dest;
    let ino = lmeta(d.join("bin/a")).ino();
    assert_eq!(lmeta(d.join("bin/b")).ino(), ino);
    assert_eq!(lmeta(d.join("c")).ino(), ino);
    assert_eq!(lmeta(d.join("bin/a")).nlink(), 3);
    assert_eq!(fs::read(d.join("c")).unwrap(), b"shared");
    assert_eq!(lmeta(d.join("h")).ino(), lmeta(d.join("d/f")).ino());
    // A hard link to a symlink links the symlink itself.
    assert_eq!(lmeta(d.join("sym2")).ino(), lmeta(d.join("sym")).ino());
    assert!(lmeta(d.join("sym2")).file_type().is_symlink());
}

#[test]
fn hardlink_errors_name_both_paths() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.hardlink("x", "missing/file");
    match apply(&mut tar, &s.dest) {
        Err(e @ LayerError::HardlinkTargetMissing { .. }) => {
            let msg = e.to_string();
            assert!(
                msg.contains("\"x\"") && msg.contains("missing/file"),
                "{msg}"
            );
        }
        other => panic!("unexpected {other:?}"),
    }

    let s = scratch();
    let mut tar = Tar::new();
    tar.dir("d/").hardlink("x", "d");
    match apply(&mut tar, &s.dest) {
        Err(LayerError::HardlinkToDirectory { path, target }) => {
            assert_eq!((path.as_str(), target.as_str()), ("x", "d"));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn whiteouts_become_character_devices() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.dir("etc/")
        .file("etc/.wh.passwd", b"")
        .file(".wh.top", b"")
        .file("var/lib/.wh.gone", b"");
    apply(&mut tar, &s.dest).unwrap();
    for path in ["etc/passwd", "top", "var/lib/gone"] {
        let m = lmeta(s.dest.join(path));
        assert!(m.file_type().is_char_device(), "{path}");
        assert_eq!(m.rdev(), 0, "{path}");
    }
    assert!(fs::symlink_metadata(s.dest.join("etc/.wh.passwd")).is_err());
    assert_eq!(lmeta(s.dest.join("etc")).mtime(), T_DIR as i64);
}

#[test]
fn opaque_markers_set_the_overlay_xattr() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.dir("var/")
        .dir("var/cache/")
        .file("var/cache/.wh..wh..opq", b"")
        .file("var/cache/new", b"n")
        .file("implicit/dir/.wh..wh..opq", b"")
        .file(".wh..wh..opq", b"")
        .file("a/.wh..wh.plnk", b"ignored")
        .dir("plain/");
    apply(&mut tar, &s.dest).unwrap();
    let d = &s.dest;
    assert_eq!(
        xattr(d.join("var/cache"), "user.overlay.opaque").as_deref(),
        Some(&b"y"[..])
    );
    assert_eq!(
        xattr(d.join("implicit/dir"), "user.overlay.opaque").as_deref(),
        Some(&b"y"[..])
    );
    assert_eq!(xattr(d, "user.overlay.opaque").as_deref(), Some(&b"y"[..]));
    assert_eq!(xattr(d.join("plain"), "user.overlay.opaque"), None);
    assert_eq!(xattr(d.join("var"), "user.overlay.opaque"), None);
    assert!(fs::symlink_metadata(d.join("var/cache/.wh..wh..opq")).is_err());
    assert!(fs::symlink_metadata(d.join("a/.wh..wh.plnk")).is_err());
    assert_eq!(fs::read(d.join("var/cache/new")).unwrap(), b"n");
}

#[test]
fn fifos_and_device_nodes() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.add(Entry::new("run/fifo", tar::EntryType::Fifo).mode(0o640))
        .add(
            Entry::new("dev/null", tar::EntryType::Char)
                .mode(0o666)
                .device(1, 3),
        )
        .add(
            Entry::new("dev/loop9", tar::EntryType::Block)
                .mode(0o660)
                .device(7, 9),
        );
    apply(&mut tar, &s.dest).unwrap();
    let fifo = lmeta(s.dest.join("run/fifo"));
    assert!(fifo.file_type().is_fifo());
    assert_eq!(fifo.mode() & 0o7777, 0o640);
    assert_eq!(fifo.mtime(), T_FILE as i64);
    let null = fs::symlink_metadata(s.dest.join("dev/null"));
    let loop9 = fs::symlink_metadata(s.dest.join("dev/loop9"));
    if is_root() && can_mknod() {
        let null = null.unwrap();
        assert!(null.file_type().is_char_device());
        assert_eq!(null.rdev(), rustix::fs::makedev(1, 3));
        assert_eq!(null.mode() & 0o7777, 0o666);
        assert!(loop9.unwrap().file_type().is_block_device());
    } else {
        // Not permitted: skipped, like podman rootless.
        assert!(null.is_err());
        assert!(loop9.is_err());
    }
}

/// Whether this process may create real device nodes (root with CAP_MKNOD).
fn can_mknod() -> bool {
    let dir = tempfile::tempdir().unwrap();
    rustix::fs::mknodat(
        rustix::fs::CWD,
        dir.path().join("probe"),
        rustix::fs::FileType::CharacterDevice,
        rustix::fs::Mode::from_raw_mode(0o600),
        rustix::fs::makedev(1, 3),
    )
    .is_ok()
}

#[test]
fn later_entries_replace_earlier_ones() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.file("f", b"first")
        .file("f", b"second")
        // file -> directory
        .file("fd", b"file")
        .dir("fd/")
        .file("fd/inner", b"i")
        // directory with children -> file
        .dir("df/")
        .dir("df/sub/")
        .file("df/sub/x", b"x")
        .file("df", b"now a file")
        // directory over directory keeps the children, takes the new metadata
        .dir("dd/")
        .file("dd/keep", b"k")
        .add(
            Entry::new("dd/", tar::EntryType::Directory)
                .mode(0o700)
                .mtime(42),
        )
        // symlink -> file, file -> symlink
        .symlink("sf", "f")
        .file("sf", b"plain")
        .file("fs", b"plain")
        .symlink("fs", "f")
        // an entry replacing this layer's whiteout
        .file(".wh.w", b"")
        .file("w", b"w");
    apply(&mut tar, &s.dest).unwrap();
    let d = &s.dest;
    assert_eq!(fs::read(d.join("f")).unwrap(), b"second");
    assert!(lmeta(d.join("fd")).is_dir());
    assert_eq!(fs::read(d.join("fd/inner")).unwrap(), b"i");
    assert_eq!(fs::read(d.join("df")).unwrap(), b"now a file");
    assert_eq!(fs::read(d.join("dd/keep")).unwrap(), b"k");
    assert_eq!(perm(d.join("dd")), 0o700);
    assert_eq!(lmeta(d.join("dd")).mtime(), 42);
    assert!(lmeta(d.join("sf")).is_file());
    assert_eq!(fs::read(d.join("sf")).unwrap(), b"plain");
    assert_eq!(fs::read_link(d.join("fs")).unwrap(), Path::new("f"));
    assert_eq!(fs::read(d.join("w")).unwrap(), b"w");
}

#[test]
fn whiteouts_and_entries_of_the_same_layer() {
    let s = scratch();
    let mut tar = Tar::new();
    // OCI: a whiteout hides only lower layers; this layer's own entry stays.
    tar.file("kept", b"mine")
        .file(".wh.kept", b"")
        .dir("dir/")
        .file("dir/own", b"own")
        .file(".wh.dir", b"")
        // Deleted and recreated: the new directory must hide the lower one.
        .file(".wh.again", b"")
        .dir("again/")
        .file("again/new", b"new")
        .file(".wh.twice", b"")
        .file(".wh.twice", b"");
    apply(&mut tar, &s.dest).unwrap();
    let d = &s.dest;
    assert_eq!(fs::read(d.join("kept")).unwrap(), b"mine");
    assert_eq!(fs::read(d.join("dir/own")).unwrap(), b"own");
    assert_eq!(
        xattr(d.join("dir"), "user.overlay.opaque").as_deref(),
        Some(&b"y"[..])
    );
    assert_eq!(fs::read(d.join("again/new")).unwrap(), b"new");
    assert_eq!(
        xattr(d.join("again"), "user.overlay.opaque").as_deref(),
        Some(&b"y"[..])
    );
    assert!(lmeta(d.join("twice")).file_type().is_char_device());
}

#[test]
fn replacing_a_cached_parent_with_a_symlink_is_seen() {
    let s = scratch();
    let mut tar = Tar::new();
    // After "d/a" the parent cache holds "d"; replacing "d" must drop it,
    // otherwise "d/f" would go to the deleted directory.
    tar.dir("d/")
        .file("d/a", b"a")
        .dir("e/")
        .symlink("d", "e")
        .file("d/f", b"via symlink");
    apply(&mut tar, &s.dest).unwrap();
    assert_eq!(fs::read(s.dest.join("e/f")).unwrap(), b"via symlink");
    assert!(lmeta(s.dest.join("d")).file_type().is_symlink());

    // Same when the cached parent was reached through a symlink that is
    // then pointed elsewhere.
    let s = scratch();
    let mut tar = Tar::new();
    tar.dir("e/")
        .dir("f/")
        .symlink("l", "e")
        .file("l/a", b"a")
        .symlink("l", "f")
        .file("l/b", b"b");
    apply(&mut tar, &s.dest).unwrap();
    assert_eq!(fs::read(s.dest.join("e/a")).unwrap(), b"a");
    assert_eq!(fs::read(s.dest.join("f/b")).unwrap(), b"b");
    assert!(!s.dest.join("e/b").exists());

    let s = scratch();
    let mut tar = Tar::new();
    tar.dir("d/")
        .file("d/a", b"a")
        .file("d", b"now a file")
        .file("d/b", b"b");
    assert!(matches!(
        apply(&mut tar, &s.dest),
        Err(LayerError::ParentNotDirectory { .. })
    ));
}

#[test]
fn pax_records_time_xattrs_and_long_names() {
    let s = scratch();
    let long_dir = "l".repeat(120);
    let long_path = format!("{long_dir}/{}", "f".repeat(150));
    let long_target = format!("/{}", "t".repeat(200));
    let mut tar = Tar::new();
    tar.add(
        Entry::new("precise", tar::EntryType::Regular)
            .data(b"p")
            .pax("mtime", b"1700000000.123456789")
            .pax("SCHILY.xattr.user.comment", b"hello")
            .pax("SCHILY.xattr.trusted.secret", b"no")
            .pax("SCHILY.xattr.user.overlay.opaque", b"y")
            .pax("SCHILY.xattr.user.overlay.redirect", b"/etc"),
    )
    .add(
        Entry::new("xdir/", tar::EntryType::Directory)
            .pax("SCHILY.xattr.user.dir", b"d")
            .pax("mtime", b"1400000000.5"),
    )
    .file(&long_path, b"long")
    .symlink("longlink", &long_target)
    .add(
        Entry::new("bigid", tar::EntryType::Regular)
            .pax("uid", euid().to_string().as_bytes())
            .pax("gid", egid().to_string().as_bytes())
            .owner(7, 7),
    );
    apply(&mut tar, &s.dest).unwrap();
    let d = &s.dest;
    let m = lmeta(d.join("precise"));
    assert_eq!((m.mtime(), m.mtime_nsec()), (1_700_000_000, 123_456_789));
    assert_eq!(
        xattr(d.join("precise"), "user.comment").as_deref(),
        Some(&b"hello"[..])
    );
    assert_eq!(xattr(d.join("precise"), "user.overlay.opaque"), None);
    assert_eq!(xattr(d.join("precise"), "user.overlay.redirect"), None);
    assert_eq!(
        xattr(d.join("xdir"), "user.dir").as_deref(),
        Some(&b"d"[..])
    );
    let m = lmeta(d.join("xdir"));
    assert_eq!((m.mtime(), m.mtime_nsec()), (1_400_000_000, 500_000_000));
    assert_eq!(fs::read(d.join(&long_path)).unwrap(), b"long");
    assert_eq!(
        fs::read_link(d.join("longlink")).unwrap(),
        Path::new(&long_target)
    );
    // The PAX owner overrides the header's.
    let m = lmeta(d.join("bigid"));
    assert_eq!((m.uid(), m.gid()), (euid(), egid()));
}

#[test]
fn file_capabilities_need_privilege() {
    // VFS_CAP_REVISION_2 granting cap_net_bind_service (bit 10) permitted+effective.
    let mut cap = Vec::new();
    for word in [0x0200_0001u32, 1 << 10, 0, 0, 0] {
        cap.extend_from_slice(&word.to_le_bytes());
    }
    let s = scratch();
    let mut tar = Tar::new();
    tar.add(
        Entry::new("ping", tar::EntryType::Regular)
            .data(b"elf")
            .mode(0o755)
            .pax("SCHILY.xattr.security.capability", &cap),
    );
    apply(&mut tar, &s.dest).unwrap();
    let got = xattr(s.dest.join("ping"), "security.capability");
    if is_root() {
        assert_eq!(got.as_deref(), Some(cap.as_slice()));
    } else {
        assert_eq!(got, None, "unprivileged: skipped, not an error");
    }
    assert_eq!(perm(s.dest.join("ping")), 0o755);
}

#[test]
fn owners_are_applied_or_the_error_explains() {
    let s = scratch();
    let foreign = if is_root() {
        12_345
    } else {
        u64::from(euid()) + 1
    };
    let mut tar = Tar::new();
    tar.add(
        Entry::new("owned", tar::EntryType::Regular)
            .data(b"o")
            .mode(0o4750)
            .owner(foreign, foreign),
    )
    .add(Entry::new("odir/", tar::EntryType::Directory).owner(foreign, foreign))
    .add(
        Entry::new("olink", tar::EntryType::Symlink)
            .link("owned")
            .owner(foreign, foreign),
    );
    let result = apply(&mut tar, &s.dest);
    if is_root() {
        result.unwrap();
        for path in ["owned", "odir", "olink"] {
            let m = lmeta(s.dest.join(path));
            assert_eq!(
                (u64::from(m.uid()), u64::from(m.gid())),
                (foreign, foreign),
                "{path}"
            );
        }
        // chown came before chmod, so the setuid bit survived it.
        assert_eq!(perm(s.dest.join("owned")), 0o4750);
    } else {
        match result {
            Err(e @ LayerError::ChownDenied { .. }) => {
                let msg = e.to_string();
                assert!(
                    msg.contains("\"owned\"") && msg.contains(&foreign.to_string()),
                    "{msg}"
                );
                assert!(msg.contains("user namespace"), "{msg}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

#[test]
fn impossible_owner_is_rejected() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.add(
        Entry::new("x", tar::EntryType::Regular)
            .pax("uid", b"4294967295")
            .owner(0, 0),
    );
    match apply(&mut tar, &s.dest) {
        Err(LayerError::UnmappedOwner { path, uid, .. }) => {
            assert_eq!((path.as_str(), uid), ("x", u32::MAX));
        }
        other => panic!("unexpected {other:?}"),
    }
}

/// Runs inside `unshare --user --map-root-user` (started by
/// `unmapped_owner_inside_a_user_namespace`): uid 0 is the only mapped ID.
#[test]
#[ignore = "run by unmapped_owner_inside_a_user_namespace in a user namespace"]
fn userns_child() {
    assert_eq!(euid(), 0, "must run as root of a user namespace");
    let s = scratch();
    let mut tar = Tar::new();
    tar.add(Entry::new("etc/", tar::EntryType::Directory).owner(0, 0))
        .add(
            Entry::new("etc/ok", tar::EntryType::Regular)
                .data(b"ok")
                .owner(0, 0),
        )
        .add(
            Entry::new("dev/null", tar::EntryType::Char)
                .device(1, 3)
                .owner(0, 0),
        )
        .file("etc/.wh.gone", b"")
        .file("etc/.wh..wh..opq", b"");
    apply(&mut tar, &s.dest).unwrap();
    assert_eq!(fs::read(s.dest.join("etc/ok")).unwrap(), b"ok");
    assert!(
        fs::symlink_metadata(s.dest.join("dev/null")).is_err(),
        "devices are skipped in a user namespace"
    );
    assert!(lmeta(s.dest.join("etc/gone")).file_type().is_char_device());
    assert_eq!(
        xattr(s.dest.join("etc"), "user.overlay.opaque").as_deref(),
        Some(&b"y"[..])
    );

    let s = scratch();
    let mut tar = Tar::new();
    tar.add(
        Entry::new("home/user/file", tar::EntryType::Regular)
            .data(b"x")
            .owner(1000, 1000),
    );
    match apply(&mut tar, &s.dest) {
        Err(e @ LayerError::UnmappedOwner { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("\"home/user/file\""), "{msg}");
            assert!(msg.contains("uid 1000"), "{msg}");
            assert!(
                msg.contains("outside the user namespace's mapped IDs"),
                "{msg}"
            );
            assert!(
                msg.contains("/etc/subuid") && msg.contains("usermod --add-subuids"),
                "{msg}"
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}

/// Runs the ignored test `child` of this module under `unshare --user
/// --map-root-user` plus `extra` flags and checks that it passed. A system that does not
/// allow such namespaces fails the test: burrow cannot work there either.
fn run_in_user_namespace(child: &str, extra: &[&str]) {
    let probe = Command::new("unshare")
        .args(["--user", "--map-root-user"])
        .args(extra)
        .arg("true")
        .status();
    assert!(
        probe.is_ok_and(|status| status.success()),
        "cannot create a user namespace with unshare {extra:?} here"
    );
    let test_name = format!(
        "{}::{child}",
        module_path!().split_once("::").map_or("", |(_, rest)| rest)
    );
    let output = Command::new("unshare")
        .args(["--user", "--map-root-user"])
        .args(extra)
        .arg(std::env::current_exe().unwrap())
        .args([
            &test_name,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{child} failed: {}\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn unmapped_owner_inside_a_user_namespace() {
    run_in_user_namespace("userns_child", &[]);
}

/// Runs inside `unshare --user --map-root-user --mount` (started by
/// `overlay_mount_honours_whiteouts_and_opaque_dirs`).
#[test]
#[ignore = "run by overlay_mount_honours_whiteouts_and_opaque_dirs in a user namespace"]
fn overlay_child() {
    let s = scratch();
    let base = s.dest.parent().unwrap();
    let (lower, upper, mnt) = (base.join("l0"), base.join("l1"), base.join("mnt"));
    for dir in [&lower, &upper, &mnt] {
        fs::create_dir(dir).unwrap();
    }
    let mut tar = Tar::new();
    tar.file("etc/passwd", b"root")
        .file("etc/hosts", b"hosts")
        .file("var/cache/old", b"old")
        .file("dir/x", b"x")
        .file("keep/k", b"k");
    apply(&mut tar, &lower).unwrap();
    let mut tar = Tar::new();
    tar.dir("etc/")
        .file("etc/.wh.passwd", b"")
        .dir("var/cache/")
        .file("var/cache/.wh..wh..opq", b"")
        .file("var/cache/new", b"new")
        .file(".wh.dir", b"")
        .dir("dir/")
        .file("dir/y", b"y")
        .file("keep/.wh.gone", b"");
    apply(&mut tar, &upper).unwrap();

    let options = format!("lowerdir={}:{},userxattr", upper.display(), lower.display());
    let options = std::ffi::CString::new(options).unwrap();
    rustix::mount::mount(
        "overlay",
        &mnt,
        "overlay",
        rustix::mount::MountFlags::RDONLY,
        options.as_c_str(),
    )
    .unwrap();
    let exists = |p: &str| fs::symlink_metadata(mnt.join(p)).is_ok();
    let result = std::panic::catch_unwind(|| {
        assert!(!exists("etc/passwd"), "whiteout must hide the lower file");
        assert!(exists("etc/hosts"));
        assert!(
            !exists("var/cache/old"),
            "opaque dir must hide lower contents"
        );
        assert!(exists("var/cache/new"));
        assert!(
            !exists("dir/x"),
            "a recreated directory must hide the lower one"
        );
        assert!(exists("dir/y"));
        assert!(exists("keep/k"));
        assert!(!exists("keep/gone"));
    });
    rustix::mount::unmount(&mnt, rustix::mount::UnmountFlags::empty()).unwrap();
    result.unwrap();
}

#[test]
fn overlay_mount_honours_whiteouts_and_opaque_dirs() {
    run_in_user_namespace("overlay_child", &["--mount"]);
}

#[test]
fn names_climbing_out_are_rejected() {
    for hostile in ["../x", "a/../../x", "./../x", "a/b/../../../x"] {
        let s = scratch();
        let mut tar = Tar::new();
        tar.file("ok", b"").file(hostile, b"evil");
        match apply(&mut tar, &s.dest) {
            Err(e @ LayerError::PathEscapesRoot { .. }) => {
                assert!(e.to_string().contains(hostile), "{e}");
            }
            other => panic!("{hostile}: unexpected {other:?}"),
        }
        assert_outside_untouched(&s);
        assert!(!s.dest.parent().unwrap().join("x").exists());
    }
}

#[test]
fn absolute_names_land_inside() {
    let s = scratch();
    let unique = format!("burrow-layer-test-{}", std::process::id());
    let mut tar = Tar::new();
    tar.file(&format!("/tmp/{unique}"), b"contained")
        .file(&format!("{}/abs", s.outside.display()), b"contained too");
    apply(&mut tar, &s.dest).unwrap();
    assert_eq!(
        fs::read(s.dest.join("tmp").join(&unique)).unwrap(),
        b"contained"
    );
    assert!(!Path::new("/tmp").join(&unique).exists());
    let inner = s
        .dest
        .join(s.outside.strip_prefix("/").unwrap())
        .join("abs");
    assert_eq!(fs::read(inner).unwrap(), b"contained too");
    assert_outside_untouched(&s);
}

#[test]
fn writes_through_symlinks_stay_inside() {
    let s = scratch();
    let unique = format!("burrow-layer-test-{}", std::process::id());
    let outside = s.outside.display().to_string();
    let mut tar = Tar::new();
    // The layer's own copies of the symlink targets exist, so writes through
    // the symlinks have somewhere to land: inside the layer.
    tar.dir("tmp/")
        .dir(&format!("{outside}/"))
        .symlink("esc", "/tmp")
        .file(&format!("esc/{unique}"), b"in layer tmp")
        .symlink("out", &outside)
        .file("out/f", b"in layer copy of outside")
        .file("out/deeper/g", b"implicit dirs inside the copy")
        .symlink("rel", "../../../../../..")
        .file("rel/g", b"at layer root")
        .dir("d/")
        .symlink("d/l", "../../../..")
        .file("d/l/h", b"also at root")
        .symlink("up", "..")
        .file("up/up/up/i", b"root again")
        .symlink("opq", &outside)
        .file("opq/.wh..wh..opq", b"")
        .symlink("wh", &outside)
        .file("wh/.wh.victim", b"")
        .add(Entry::new("out/newdir/", tar::EntryType::Directory).mode(0o700));
    apply(&mut tar, &s.dest).unwrap();
    let d = &s.dest;
    let mirrored = d.join(s.outside.strip_prefix("/").unwrap());
    assert_eq!(
        fs::read(d.join("tmp").join(&unique)).unwrap(),
        b"in layer tmp"
    );
    assert!(
        !Path::new("/tmp").join(&unique).exists(),
        "wrote to the real /tmp"
    );
    assert_eq!(
        fs::read(mirrored.join("f")).unwrap(),
        b"in layer copy of outside"
    );
    assert_eq!(
        fs::read(mirrored.join("deeper/g")).unwrap(),
        b"implicit dirs inside the copy"
    );
    assert_eq!(fs::read(d.join("g")).unwrap(), b"at layer root");
    assert_eq!(fs::read(d.join("h")).unwrap(), b"also at root");
    assert_eq!(fs::read(d.join("i")).unwrap(), b"root again");
    assert_eq!(
        xattr(&mirrored, "user.overlay.opaque").as_deref(),
        Some(&b"y"[..])
    );
    assert_eq!(xattr(&s.outside, "user.overlay.opaque"), None);
    assert!(lmeta(mirrored.join("victim")).file_type().is_char_device());
    assert_eq!(perm(mirrored.join("newdir")), 0o700);
    assert_outside_untouched(&s);
}

#[test]
fn writes_through_dangling_symlinks_are_refused() {
    let unique = format!("burrow-layer-test-dangling-{}", std::process::id());
    let s = scratch();
    let outside = s.outside.display().to_string();
    let cases = [
        ("esc", "/tmp".to_string(), format!("esc/{unique}")),
        ("out", outside.clone(), "out/f".to_string()),
        ("opq", outside.clone(), "opq/.wh..wh..opq".to_string()),
        ("wh", outside, "wh/.wh.victim".to_string()),
    ];
    for (link, target, write) in cases {
        let s = scratch();
        let mut tar = Tar::new();
        tar.symlink(link, &target).file(&write, b"x");
        match apply(&mut tar, &s.dest) {
            Err(e @ LayerError::ParentNotDirectory { .. }) => {
                assert!(e.to_string().contains(&write), "{e}");
            }
            other => panic!("{write}: unexpected {other:?}"),
        }
        assert!(
            !Path::new("/tmp").join(&unique).exists(),
            "wrote to the real /tmp"
        );
        assert_outside_untouched(&s);
    }
    assert_outside_untouched(&s);
}

#[test]
fn final_symlink_is_replaced_not_followed() {
    let s = scratch();
    let victim = s.outside.join("victim");
    let outside = s.outside.display().to_string();
    let mut tar = Tar::new();
    tar.symlink("f", &victim.display().to_string())
        .file("f", b"replaced")
        .symlink("d", &outside)
        .dir("d/")
        .symlink("l", &victim.display().to_string())
        .hardlink("l", "f")
        .symlink("n", &victim.display().to_string())
        .add(Entry::new("n", tar::EntryType::Fifo));
    apply(&mut tar, &s.dest).unwrap();
    assert_eq!(fs::read(s.dest.join("f")).unwrap(), b"replaced");
    assert!(lmeta(s.dest.join("d")).is_dir());
    assert_eq!(lmeta(s.dest.join("l")).ino(), lmeta(s.dest.join("f")).ino());
    assert!(lmeta(s.dest.join("n")).file_type().is_fifo());
    assert_outside_untouched(&s);
}

#[test]
fn hostile_hardlinks_are_refused() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.hardlink("passwd", "../../etc/passwd");
    match apply(&mut tar, &s.dest) {
        Err(e @ LayerError::HardlinkEscapesRoot { .. }) => {
            let msg = e.to_string();
            assert!(
                msg.contains("\"passwd\"") && msg.contains("../../etc/passwd"),
                "{msg}"
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_outside_untouched(&s);

    // A target reached through a symlink that points outside resolves inside
    // the layer, where nothing exists.
    let s = scratch();
    let secret = s.outside.parent().unwrap().join("secret");
    fs::write(&secret, b"host file").unwrap();
    let mut tar = Tar::new();
    tar.symlink("s", &s.outside.parent().unwrap().display().to_string())
        .hardlink("stolen", "s/secret")
        .symlink("etc", "/etc")
        .hardlink("passwd", "etc/passwd");
    let result = apply(&mut tar, &s.dest);
    assert!(
        matches!(result, Err(LayerError::HardlinkTargetMissing { ref path, ref target })
            if path == "stolen" && target == "s/secret"),
        "{result:?}"
    );
    assert_eq!(lmeta(&secret).nlink(), 1);
    assert!(fs::symlink_metadata(s.dest.join("stolen")).is_err());
    fs::remove_file(&secret).unwrap();
    assert_outside_untouched(&s);

    let s = scratch();
    let mut tar = Tar::new();
    tar.symlink("etc", "/etc").hardlink("passwd", "etc/passwd");
    assert!(matches!(
        apply(&mut tar, &s.dest),
        Err(LayerError::HardlinkTargetMissing { .. })
    ));
    assert_eq!(lmeta("/etc/passwd").nlink(), 1);
}

#[test]
fn hostile_whiteouts_are_refused() {
    for hostile in ["a/.wh..", "a/.wh...", ".wh.", "../.wh.x"] {
        let s = scratch();
        let mut tar = Tar::new();
        tar.file(hostile, b"");
        assert!(apply(&mut tar, &s.dest).is_err(), "{hostile}");
        assert_outside_untouched(&s);
    }
}

#[test]
fn stops_at_the_end_of_archive() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.file("a", b"a");
    let mut stream = tar.finish();
    stream.extend_from_slice(b"trailing data the caller hashes");
    let mut reader = stream.as_slice();
    let stats = apply_layer(&mut reader, &s.dest).unwrap();
    assert_eq!(stats.entries, 1);
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).unwrap();
    assert!(rest.ends_with(b"trailing data the caller hashes"));
    assert!(rest[..rest.len() - 31].iter().all(|&b| b == 0));
}

#[test]
fn truncated_content_is_an_error() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.file("big", &[7u8; 5000]);
    let stream = tar.finish();
    let truncated = &stream[..512 + 3000];
    match apply_layer(truncated, &s.dest) {
        Err(LayerError::ReadEntry { path, .. }) => assert_eq!(path, "big"),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn unsupported_entry_types_are_errors() {
    let s = scratch();
    let mut tar = Tar::new();
    tar.add(Entry::new("vol", tar::EntryType::Regular).raw_type(b'V'));
    match apply(&mut tar, &s.dest) {
        Err(LayerError::UnsupportedEntryType { path, type_flag }) => {
            assert_eq!((path.as_str(), type_flag), ("vol", 'V'));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn unmapped_owner_message_says_how_to_fix() {
    let msg = LayerError::UnmappedOwner {
        path: "usr/share/x".into(),
        uid: 200_000,
        gid: 10,
    }
    .to_string();
    assert!(msg.contains("uid 200000"), "{msg}");
    assert!(
        msg.contains("usermod --add-subuids 1000000-1200000 --add-subgids 1000000-1200000"),
        "{msg}"
    );
}

/// `cargo test --release -- --ignored bench_apply --nocapture`; BENCH_SRC picks
/// the source tree (default /usr/lib), BENCH_DIR where to extract, BENCH_TAR_OUT
/// saves the stream for comparison with other tools.
#[test]
#[ignore = "benchmark"]
fn bench_apply_usr_lib() {
    const TARGET: u64 = 100 << 20;
    // Keeps the mix of a distribution layer: mostly small files, not a few huge ones.
    const MAX_FILE: u64 = 4 << 20;
    let mut builder = tar::Builder::new(Vec::new());
    builder.follow_symlinks(false);
    let mut total = 0u64;
    let mut files = 0u64;
    let source =
        std::env::var_os("BENCH_SRC").map_or_else(|| PathBuf::from("/usr/lib"), PathBuf::from);
    let mut stack = vec![source];
    'walk: while let Some(dir) = stack.pop() {
        let Ok(read) = fs::read_dir(&dir) else {
            continue;
        };
        let mut children: Vec<_> = read.filter_map(Result::ok).map(|e| e.path()).collect();
        children.sort();
        for path in children {
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            let name = path.strip_prefix("/").unwrap();
            if meta.is_dir() {
                if builder.append_path_with_name(&path, name).is_ok() {
                    stack.push(path);
                }
            } else if (meta.file_type().is_symlink() || (meta.is_file() && meta.len() <= MAX_FILE))
                && builder.append_path_with_name(&path, name).is_ok()
            {
                total += meta.len();
                files += 1;
                if total >= TARGET {
                    break 'walk;
                }
            }
        }
    }
    let stream = builder.into_inner().unwrap();
    if let Some(out) = std::env::var_os("BENCH_TAR_OUT") {
        fs::write(out, &stream).unwrap();
    }
    let root = std::env::var_os("BENCH_DIR").map_or_else(std::env::temp_dir, PathBuf::from);
    for run in 0..3 {
        let dir = tempfile::tempdir_in(&root).unwrap();
        let start = std::time::Instant::now();
        let stats = apply_layer(stream.as_slice(), dir.path()).unwrap();
        let elapsed = start.elapsed().as_secs_f64();
        println!(
            "run {run}: {} entries ({files} files), {:.1} MB in {:.3} s: {:.0} MB/s, {:.0} entries/s",
            stats.entries,
            stats.bytes as f64 / 1e6,
            elapsed,
            stats.bytes as f64 / 1e6 / elapsed,
            stats.entries as f64 / elapsed
        );
    }
}
