//! What `diff` reports: the paths a layer (or a container's upper directory) adds,
//! changes and deletes, and the difference between two whole trees, computed as
//! containers/storage does for podman.
//!
//! Scanning is fd-relative and never follows a symlink, like `write_diff`; the
//! comparisons are pure and unit-tested.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::os::fd::{AsFd, BorrowedFd};
use std::path::{Path, PathBuf};

use rustix::fs::{self as rfs, AtFlags, FileType, Mode, OFlags};

use rustix::io::Errno;

use super::diff::read_error;

use super::DiffError;

/// What a comparison looks at for one path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Info {
    /// The full `st_mode`: type and permission bits.
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub size: u64,
    pub mtime: (i64, i64),
    pub rdev: u64,
}

impl Info {
    pub fn is_dir(&self) -> bool {
        FileType::from_raw_mode(self.mode) == FileType::Directory
    }
}

/// How overlay marks an entry of an upper directory or layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// A 0:0 character device: the path is deleted.
    Whiteout,
    /// A directory whose lower contents are hidden.
    Opaque,
}

/// One scanned entry; `path` has no leading `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scanned {
    pub path: Vec<u8>,
    pub info: Info,
    pub mark: Mark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    Changed,
    Added,
    Deleted,
}

impl ChangeKind {
    /// podman's letter.
    pub fn letter(self) -> char {
        match self {
            ChangeKind::Changed => 'C',
            ChangeKind::Added => 'A',
            ChangeKind::Deleted => 'D',
        }
    }
}

/// One reported path, absolute (`/etc/passwd`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Change {
    pub path: String,
    pub kind: ChangeKind,
}

/// A merged view: every path (no leading `/`) and what it is.
pub type Tree = BTreeMap<Vec<u8>, Info>;

/// Scans the tree at `root` depth first, parents before children, siblings sorted.
pub fn scan(root: &Path) -> Result<Vec<Scanned>, DiffError> {
    let dir = super::diff::open_root(root)?;
    let mut out = Vec::new();
    scan_dir(dir.as_fd(), &mut Vec::new(), &mut out)?;
    Ok(out)
}

fn scan_dir(
    dir: BorrowedFd<'_>,
    path: &mut Vec<u8>,
    out: &mut Vec<Scanned>,
) -> Result<(), DiffError> {
    for name in super::diff::sorted_names(dir, path)? {
        let len = path.len();
        if !path.is_empty() {
            path.push(b'/');
        }
        path.extend_from_slice(&name);
        let result = scan_entry(dir, &name, path, out);
        path.truncate(len);
        result?;
    }
    Ok(())
}

fn scan_entry(
    parent: BorrowedFd<'_>,
    name: &[u8],
    path: &mut Vec<u8>,
    out: &mut Vec<Scanned>,
) -> Result<(), DiffError> {
    let stat = match rfs::statat(parent, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(stat) => stat,
        Err(Errno::NOENT) => return Ok(()),
        Err(source) => return Err(read_error(path, "inspect", source)),
    };
    let info = Info {
        mode: stat.st_mode,
        uid: stat.st_uid,
        gid: stat.st_gid,
        size: u64::try_from(stat.st_size).unwrap_or(0),
        mtime: (stat.st_mtime, stat.st_mtime_nsec as i64),
        rdev: stat.st_rdev,
    };
    match FileType::from_raw_mode(stat.st_mode) {
        FileType::CharacterDevice if stat.st_rdev == 0 => {
            out.push(Scanned {
                path: path.clone(),
                info,
                mark: Mark::Whiteout,
            });
            Ok(())
        }
        FileType::Directory => {
            let fd = match rfs::openat(
                parent,
                name,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            ) {
                Ok(fd) => fd,
                Err(Errno::NOENT) => return Ok(()),
                Err(source) => return Err(read_error(path, "open", source)),
            };
            let mut value = [0u8; 1];
            let opaque = ["user.overlay.opaque", "trusted.overlay.opaque"]
                .iter()
                .any(|key| matches!(rfs::fgetxattr(&fd, *key, &mut value[..]), Ok(1) if value == *b"y"));
            out.push(Scanned {
                path: path.clone(),
                info,
                mark: if opaque { Mark::Opaque } else { Mark::Plain },
            });
            scan_dir(fd.as_fd(), path, out)
        }
        _ => {
            out.push(Scanned {
                path: path.clone(),
                info,
                mark: Mark::Plain,
            });
            Ok(())
        }
    }
}

/// The merged view of layer directories given bottom first, as overlay shows it.
pub fn merged_tree(layers: &[PathBuf]) -> Result<Tree, DiffError> {
    let mut tree = Tree::new();
    for layer in layers {
        apply_scanned(&mut tree, scan(layer)?);
    }
    Ok(tree)
}

/// Lays one scanned layer over `tree`.
pub fn apply_scanned(tree: &mut Tree, layer: Vec<Scanned>) {
    for entry in layer {
        match entry.mark {
            Mark::Whiteout => {
                tree.remove(&entry.path);
                remove_below(tree, &entry.path);
            }
            Mark::Opaque => {
                remove_below(tree, &entry.path);
                tree.insert(entry.path, entry.info);
            }
            Mark::Plain => {
                if !entry.info.is_dir() {
                    remove_below(tree, &entry.path);
                }
                tree.insert(entry.path, entry.info);
            }
        }
    }
}

fn below_range(path: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let mut low = path.to_vec();
    low.push(b'/');
    let mut high = path.to_vec();
    high.push(b'/' + 1);
    (low, high)
}

fn remove_below(tree: &mut Tree, path: &[u8]) {
    let (low, high) = below_range(path);
    let doomed: Vec<Vec<u8>> = tree.range(low..high).map(|(k, _)| k.clone()).collect();
    for key in doomed {
        tree.remove(&key);
    }
}

fn parent_of(path: &[u8]) -> Option<&[u8]> {
    path.iter()
        .rposition(|&b| b == b'/')
        .map(|slash| &path[..slash])
}

fn change(path: &[u8], kind: ChangeKind) -> Change {
    Change {
        path: format!("/{}", String::from_utf8_lossy(path)),
        kind,
    }
}

/// The changes an upper directory (or a layer) makes to `lower`, as podman's overlay
/// driver reports them: a whiteout is a deletion, an entry missing below is an
/// addition, one present below a change unless it is a directory with the same
/// metadata; an opaque directory deletes what it hides; the parent of an addition or
/// deletion is changed. Sorted by path.
pub fn upper_changes(lower: &Tree, upper: &[Scanned]) -> Vec<Change> {
    let in_upper: HashSet<&[u8]> = upper.iter().map(|e| e.path.as_slice()).collect();
    let mut found: BTreeMap<Vec<u8>, ChangeKind> = BTreeMap::new();
    let mark_parent = |found: &mut BTreeMap<Vec<u8>, ChangeKind>, path: &[u8]| {
        if let Some(parent) = parent_of(path) {
            found.entry(parent.to_vec()).or_insert(ChangeKind::Changed);
        }
    };
    for entry in upper {
        let path = entry.path.as_slice();
        match (entry.mark, lower.get(path)) {
            (Mark::Whiteout, _) => {
                found.insert(path.to_vec(), ChangeKind::Deleted);
                mark_parent(&mut found, path);
            }
            (_, None) => {
                found.insert(path.to_vec(), ChangeKind::Added);
                mark_parent(&mut found, path);
            }
            (mark, Some(below)) => {
                let same_dir = below.is_dir()
                    && entry.info.is_dir()
                    && below.mode == entry.info.mode
                    && below.uid == entry.info.uid
                    && below.gid == entry.info.gid
                    && below.mtime == entry.info.mtime;
                if !same_dir || mark == Mark::Opaque {
                    found.insert(path.to_vec(), ChangeKind::Changed);
                }
                if mark == Mark::Opaque {
                    let (low, high) = below_range(path);
                    for hidden in lower.range(low..high).map(|(k, _)| k) {
                        let child_of_dir = parent_of(hidden) == Some(path);
                        if child_of_dir && !in_upper.contains(hidden.as_slice()) {
                            found.insert(hidden.clone(), ChangeKind::Deleted);
                        }
                    }
                }
            }
        }
    }
    found.into_iter().map(|(p, k)| change(&p, k)).collect()
}

/// The changes that turn `old` into `new`, as podman reports the difference between
/// two images or containers: everything added, the topmost deleted path of a deleted
/// subtree, what differs in type, mode, owner or device (and for non-directories
/// size or time), and every directory that holds a change. Sorted by path.
pub fn tree_changes(old: &Tree, new: &Tree) -> Vec<Change> {
    let mut found: BTreeMap<Vec<u8>, ChangeKind> = BTreeMap::new();
    for (path, info) in new {
        match old.get(path) {
            None => {
                found.insert(path.clone(), ChangeKind::Added);
            }
            Some(before) => {
                let differs = before.mode != info.mode
                    || before.uid != info.uid
                    || before.gid != info.gid
                    || before.rdev != info.rdev
                    || (!info.is_dir() && (before.mtime != info.mtime || before.size != info.size));
                if differs {
                    found.insert(path.clone(), ChangeKind::Changed);
                }
            }
        }
    }
    for path in old.keys() {
        let topmost = parent_of(path).is_none_or(|parent| new.contains_key(parent));
        if !new.contains_key(path) && topmost {
            found.insert(path.clone(), ChangeKind::Deleted);
        }
    }
    // Every directory above a change that is itself neither added nor deleted.
    let mut parents = BTreeSet::new();
    for path in found.keys() {
        let mut current = path.as_slice();
        while let Some(parent) = parent_of(current) {
            parents.insert(parent.to_vec());
            current = parent;
        }
    }
    for parent in parents {
        found.entry(parent).or_insert(ChangeKind::Changed);
    }
    found.into_iter().map(|(p, k)| change(&p, k)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIR: u32 = 0o040_755;
    const FILE: u32 = 0o100_644;

    fn info(mode: u32, mtime: i64) -> Info {
        Info {
            mode,
            mtime: (mtime, 0),
            ..Info::default()
        }
    }

    fn scanned(path: &str, info: Info, mark: Mark) -> Scanned {
        Scanned {
            path: path.as_bytes().to_vec(),
            info,
            mark,
        }
    }

    fn tree(entries: &[(&str, Info)]) -> Tree {
        entries
            .iter()
            .map(|(p, i)| (p.as_bytes().to_vec(), *i))
            .collect()
    }

    fn lines(changes: &[Change]) -> Vec<String> {
        changes
            .iter()
            .map(|c| format!("{} {}", c.kind.letter(), c.path))
            .collect()
    }

    fn busybox_like() -> Tree {
        tree(&[
            ("bin", info(DIR, 1)),
            ("bin/ls", info(FILE, 1)),
            ("bin/sh", info(FILE, 1)),
            ("etc", info(DIR, 1)),
            ("etc/group", info(FILE, 1)),
            ("etc/passwd", info(FILE, 1)),
            ("home", info(DIR, 1)),
            ("home/app", info(DIR, 1)),
            ("home/app/.profile", info(FILE, 1)),
            ("var", info(DIR, 1)),
        ])
    }

    #[test]
    fn upper_directory_changes_match_podman() {
        // The upper directory of: echo hi > /etc/newfile; echo x >> /etc/passwd;
        // rm /etc/group; rm -rf /home; mkdir /home; touch /home/x; mkdir -p /a/b;
        // touch /a/b/c; rm /bin/ls
        let upper = vec![
            scanned("a", info(DIR, 9), Mark::Plain),
            scanned("a/b", info(DIR, 9), Mark::Plain),
            scanned("a/b/c", info(FILE, 9), Mark::Plain),
            scanned("bin", info(DIR, 9), Mark::Plain),
            scanned("bin/ls", info(0o020_000, 9), Mark::Whiteout),
            scanned("etc", info(DIR, 9), Mark::Plain),
            scanned("etc/group", info(0o020_000, 9), Mark::Whiteout),
            scanned("etc/newfile", info(FILE, 9), Mark::Plain),
            scanned("etc/passwd", info(FILE, 9), Mark::Plain),
            scanned("home", info(DIR, 9), Mark::Opaque),
            scanned("home/x", info(FILE, 9), Mark::Plain),
            // Copied up only as a parent: same metadata, not a change by itself.
            scanned("var", info(DIR, 1), Mark::Plain),
        ];
        assert_eq!(
            lines(&upper_changes(&busybox_like(), &upper)),
            [
                "A /a",
                "A /a/b",
                "A /a/b/c",
                "C /bin",
                "D /bin/ls",
                "C /etc",
                "D /etc/group",
                "A /etc/newfile",
                "C /etc/passwd",
                "C /home",
                "D /home/app",
                "A /home/x",
            ]
        );
    }

    #[test]
    fn tree_difference_matches_podman() {
        // podman diff OLDIMAGE NEWIMAGE after the changes above, reversed: the first
        // argument is the new tree.
        let old = busybox_like();
        let mut new = old.clone();
        new.remove(b"bin/ls".as_slice());
        new.remove(b"home/app".as_slice());
        new.remove(b"home/app/.profile".as_slice());
        new.insert(b"home/x".to_vec(), info(FILE, 9));
        new.insert(b"etc/passwd".to_vec(), info(FILE, 9));
        new.insert(b"a".to_vec(), info(DIR, 9));
        new.insert(b"a/b".to_vec(), info(DIR, 9));
        // A directory whose own mtime changed is not a change by that alone.
        new.insert(b"var".to_vec(), info(DIR, 9));
        assert_eq!(
            lines(&tree_changes(&old, &new)),
            [
                "A /a",
                "A /a/b",
                "C /bin",
                "D /bin/ls",
                "C /etc",
                "C /etc/passwd",
                "C /home",
                "D /home/app",
                "A /home/x",
            ]
        );
        assert!(tree_changes(&old, &old).is_empty());
    }

    #[test]
    fn layers_merge_with_whiteouts_and_opaque_directories() {
        let mut merged = busybox_like();
        apply_scanned(
            &mut merged,
            vec![
                scanned("bin", info(DIR, 2), Mark::Plain),
                scanned("bin/ls", info(0o020_000, 2), Mark::Whiteout),
                scanned("home", info(DIR, 2), Mark::Opaque),
                scanned("home/new", info(FILE, 2), Mark::Plain),
                scanned("etc", info(FILE, 2), Mark::Plain),
            ],
        );
        let paths: Vec<String> = merged
            .keys()
            .map(|k| String::from_utf8_lossy(k).into_owned())
            .collect();
        assert_eq!(paths, ["bin", "bin/sh", "etc", "home", "home/new", "var"]);
    }
}
