//! The writing side: a tar stream unpacked at the destination `plan` chose. Below the
//! destination every entry is created with `*at` calls on its parent's descriptor, the
//! parent resolved with `RESOLVE_IN_ROOT` from the copy's top directory, so nothing in the
//! stream, and no symlink the other side plants meanwhile, reaches above it.

use std::ffi::OsStr;
use std::fs::File;
use std::io::Read;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;

use rustix::fs::{AtFlags, FileType, Mode, OFlags, Timespec, Timestamps};
use rustix::io::Errno;
use rustix::process::{Gid, Uid};

use super::plan::{self, DestState, SourceKind, Target};
use super::{CopyError, Root, open_beneath};

/// Who owns what is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owners {
    /// The writing process (files copied out to the host belong to the user).
    Caller,
    /// The IDs in the stream (`--archive=false`).
    FromArchive,
    /// One owner for everything (`--archive`: the container's process user).
    Fixed { uid: u32, gid: u32 },
}

/// How a stream lands: `stream` unpacks it as it is into the directory `dest` (`cp -`);
/// otherwise its top entry is the source, put at `dest` by the `docker cp` rules, `contents`
/// when the source path ended in `/.`.
pub struct Extract {
    pub dest: String,
    pub stream: bool,
    pub contents: bool,
    pub owners: Owners,
    pub overwrite: bool,
}

#[derive(Debug, Clone)]
struct Meta {
    uid: u32,
    gid: u32,
    mode: u32,
    mtime: i64,
}

/// Unpacks `input` as `how` says, inside `root`.
pub fn extract_archive(root: &Root, input: impl Read, how: &Extract) -> Result<(), CopyError> {
    let dest = how.dest.as_str();
    let state = dest_state(root, dest)?;
    let not_found = || root.not_found(dest);
    let mut archive = tar::Archive::new(input);
    let mut entries = archive.entries().map_err(CopyError::ReadArchive)?;
    if how.stream {
        plan::target(dest, state, SourceKind::Stream, not_found)?;
        let top = open_dir(root, dest)?;
        let mut writer = Writer::new(top, how, None, true);
        for entry in entries {
            let mut entry = entry.map_err(CopyError::ReadArchive)?;
            let path = entry.path_bytes().into_owned();
            writer.entry(&mut entry, &path)?;
        }
        return writer.finish();
    }
    // The first entry is the source itself: its kind decides where it goes.
    let Some(first) = entries.next() else {
        return Ok(());
    };
    let mut first = first.map_err(CopyError::ReadArchive)?;
    let first_path = first.path_bytes().into_owned();
    let top_name = first_path
        .split(|b| *b == b'/')
        .find(|part| !part.is_empty())
        .unwrap_or(b".")
        .to_vec();
    let is_dir = first.header().entry_type() == tar::EntryType::Directory;
    let kind = if is_dir {
        SourceKind::Directory {
            contents: how.contents,
        }
    } else {
        SourceKind::NotDirectory
    };
    let target = plan::target(dest, state, kind, not_found)?;
    let (parent, name) = match target {
        Target::Merge => (None, Vec::new()),
        Target::Inside => (Some(open_dir(root, dest)?), top_name.clone()),
        Target::Replace => {
            let (parent, name) = plan::split_parent(dest);
            (Some(open_dir(root, parent)?), name.as_bytes().to_vec())
        }
    };
    let top = match parent {
        None => open_dir(root, dest)?,
        Some(parent) => {
            let mut writer = Writer::new(parent, how, None, false);
            let made = writer.place(&mut first, &name)?;
            match made {
                Some(top) => top,
                None => return Ok(()),
            }
        }
    };
    // A merge leaves the destination directory's own mode and times alone.
    let top_meta = (target != Target::Merge)
        .then(|| entry_meta(first.header()))
        .transpose()?;
    drop(first);
    let mut writer = Writer::new(top, how, Some(top_name), true);
    if let Some(meta) = top_meta {
        writer.deferred.push((Vec::new(), meta));
    }
    for entry in entries {
        let mut entry = entry.map_err(CopyError::ReadArchive)?;
        let path = entry.path_bytes().into_owned();
        writer.entry(&mut entry, &path)?;
    }
    writer.finish()
}

fn dest_state(root: &Root, dest: &str) -> Result<DestState, CopyError> {
    match root.open(dest, OFlags::PATH) {
        Ok(fd) => {
            let stat = rustix::fs::fstat(&fd).map_err(|e| root.error("read", dest, e))?;
            Ok(match FileType::from_raw_mode(stat.st_mode) {
                FileType::Directory => DestState::Directory,
                _ => DestState::NotDirectory,
            })
        }
        Err(Errno::NOENT) => {
            let (parent, _) = plan::split_parent(dest);
            let parent_exists = root.open(parent, OFlags::PATH | OFlags::DIRECTORY).is_ok();
            Ok(DestState::Missing { parent_exists })
        }
        // A file where a directory was named (`FILE/`, `FILE/x`).
        Err(Errno::NOTDIR) => Ok(DestState::Missing {
            parent_exists: false,
        }),
        Err(source) => Err(root.error("open", dest, source)),
    }
}

fn open_dir(root: &Root, path: &str) -> Result<OwnedFd, CopyError> {
    root.open(path, OFlags::PATH | OFlags::DIRECTORY)
        .map_err(|e| match e {
            Errno::NOENT | Errno::NOTDIR => root.not_found(path),
            e => root.error("open", path, e),
        })
}

fn entry_meta(header: &tar::Header) -> Result<Meta, CopyError> {
    let bad = |_| CopyError::BadEntry {
        path: String::from_utf8_lossy(&header.path_bytes()).into_owned(),
        reason: "its header cannot be read",
    };
    let id = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    Ok(Meta {
        uid: id(header.uid().map_err(bad)?),
        gid: id(header.gid().map_err(bad)?),
        mode: header.mode().map_err(bad)? & 0o7777,
        mtime: i64::try_from(header.mtime().map_err(bad)?).unwrap_or(i64::MAX),
    })
}

/// Creates entries below one top directory.
struct Writer {
    top: OwnedFd,
    owners: Owners,
    overwrite: bool,
    /// The name of the stream's top entry, stripped from every path below it.
    prefix: Option<Vec<u8>>,
    /// The parent directory of the previous entry: a stream lists a directory's entries
    /// together, so most entries need no path walk.
    parent_cache: Option<(Vec<u8>, OwnedFd)>,
    /// Directory modes and times, applied at the end (children change a directory's mtime,
    /// and a read-only mode would block them), deepest first.
    deferred: Vec<(Vec<u8>, Meta)>,
    /// Whether directories get their modes and times here (not for the source's top
    /// directory, which gets them once its contents are in).
    defer_dirs: bool,
    buf: Vec<u8>,
}

impl Writer {
    fn new(top: OwnedFd, how: &Extract, prefix: Option<Vec<u8>>, defer_dirs: bool) -> Writer {
        Writer {
            top,
            owners: how.owners,
            overwrite: how.overwrite,
            prefix,
            parent_cache: None,
            deferred: Vec::new(),
            defer_dirs,
            buf: Vec::new(),
        }
    }

    fn shown(&self, rel: &[u8]) -> String {
        String::from_utf8_lossy(rel).into_owned()
    }

    fn fs_error(&self, op: &'static str, rel: &[u8], source: Errno) -> CopyError {
        CopyError::Filesystem {
            op,
            path: self.shown(rel),
            place: "the destination".into(),
            source,
        }
    }

    /// The entry's path below the top, as clean components (`None`: the top itself).
    fn relative(&self, raw: &[u8]) -> Result<Option<Vec<u8>>, CopyError> {
        let mut parts: Vec<&[u8]> = Vec::new();
        for part in raw.split(|b| *b == b'/') {
            match part {
                b"" | b"." => {}
                b".." => {
                    return Err(CopyError::BadEntry {
                        path: self.shown(raw),
                        reason: "it climbs above the destination with \"..\"",
                    });
                }
                part => parts.push(part),
            }
        }
        if let Some(prefix) = &self.prefix
            && prefix.as_slice() != b"."
        {
            if parts.first() != Some(&prefix.as_slice()) {
                return Err(CopyError::BadEntry {
                    path: self.shown(raw),
                    reason: "it is not below the copied source",
                });
            }
            parts.remove(0);
        }
        Ok((!parts.is_empty()).then(|| parts.join(&b'/')))
    }

    fn entry<R: Read>(
        &mut self,
        entry: &mut tar::Entry<'_, R>,
        raw: &[u8],
    ) -> Result<(), CopyError> {
        if entry.header().entry_type() == tar::EntryType::XGlobalHeader {
            return Ok(());
        }
        let Some(rel) = self.relative(raw)? else {
            // The top directory itself (`./` of a stream, or the source of a merge).
            return Ok(());
        };
        let (parent, name) = match rel.iter().rposition(|b| *b == b'/') {
            Some(i) => (rel[..i].to_vec(), rel[i + 1..].to_vec()),
            None => (Vec::new(), rel.clone()),
        };
        let dir = self.parent(&parent)?;
        let mut placed = Placing { dir, rel: &rel };
        self.place_in(&mut placed, entry, &name).map(drop)
    }

    fn parent(&mut self, parent: &[u8]) -> Result<OwnedFd, CopyError> {
        if let Some((cached, fd)) = &self.parent_cache
            && cached == parent
        {
            return fd
                .try_clone()
                .map_err(|e| self.fs_error("open", parent, io_errno(&e)));
        }
        let fd = open_beneath(
            self.top.as_fd(),
            &String::from_utf8_lossy(parent),
            OFlags::PATH | OFlags::DIRECTORY,
        )
        .map_err(|e| self.fs_error("open the directory", parent, e))?;
        let copy = fd
            .try_clone()
            .map_err(|e| self.fs_error("open", parent, io_errno(&e)))?;
        self.parent_cache = Some((parent.to_vec(), copy));
        Ok(fd)
    }

    /// Places the source's top entry as `name` in the top directory (the destination's
    /// parent, or the destination directory).
    fn place<R: Read>(
        &mut self,
        entry: &mut tar::Entry<'_, R>,
        name: &[u8],
    ) -> Result<Option<OwnedFd>, CopyError> {
        let dir = self
            .top
            .try_clone()
            .map_err(|e| self.fs_error("open", name, io_errno(&e)))?;
        let mut placed = Placing { dir, rel: name };
        self.place_in(&mut placed, entry, name)
    }

    fn place_in<R: Read>(
        &mut self,
        at: &mut Placing<'_>,
        entry: &mut tar::Entry<'_, R>,
        name: &[u8],
    ) -> Result<Option<OwnedFd>, CopyError> {
        let rel = at.rel;
        let dir = at.dir.as_fd();
        let cname = OsStr::from_bytes(name);
        let meta = entry_meta(entry.header())?;
        let kind = entry.header().entry_type();
        let new_is_dir = kind == tar::EntryType::Directory;
        let existing = match rustix::fs::statat(dir, cname, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(stat) => Some(FileType::from_raw_mode(stat.st_mode)),
            Err(Errno::NOENT) => None,
            Err(e) => return Err(self.fs_error("read", rel, e)),
        };
        match (existing, new_is_dir) {
            (None, _) | (Some(FileType::Directory), true) => {}
            (Some(FileType::Directory), false) if self.overwrite => {
                remove_tree(dir, cname).map_err(|e| self.fs_error("remove", rel, e))?;
            }
            (Some(FileType::Directory), false) => {
                return Err(CopyError::WouldOverwrite {
                    path: self.shown(rel),
                    existing: "directory",
                    new: "non-directory",
                });
            }
            (Some(_), true) if !self.overwrite => {
                return Err(CopyError::WouldOverwrite {
                    path: self.shown(rel),
                    existing: "non-directory",
                    new: "directory",
                });
            }
            (Some(_), _) => rustix::fs::unlinkat(dir, cname, AtFlags::empty())
                .map_err(|e| self.fs_error("replace", rel, e))?,
        }
        let owner = match self.owners {
            Owners::Caller => None,
            Owners::FromArchive => Some((meta.uid, meta.gid)),
            Owners::Fixed { uid, gid } => Some((uid, gid)),
        };
        let chown_at = |what: &Self| -> Result<(), CopyError> {
            if let Some((uid, gid)) = owner {
                rustix::fs::chownat(
                    dir,
                    cname,
                    Some(Uid::from_raw(uid)),
                    Some(Gid::from_raw(gid)),
                    AtFlags::SYMLINK_NOFOLLOW,
                )
                .map_err(|e| what.fs_error("set the owner of", rel, e))?;
            }
            Ok(())
        };
        match kind {
            tar::EntryType::Directory => {
                if existing.is_none() {
                    rustix::fs::mkdirat(dir, cname, Mode::from_raw_mode(0o700))
                        .map_err(|e| self.fs_error("create the directory", rel, e))?;
                }
                let fd = rustix::fs::openat(
                    dir,
                    cname,
                    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                    Mode::empty(),
                )
                .map_err(|e| self.fs_error("open the directory", rel, e))?;
                if let Some((uid, gid)) = owner {
                    rustix::fs::fchown(&fd, Some(Uid::from_raw(uid)), Some(Gid::from_raw(gid)))
                        .map_err(|e| self.fs_error("set the owner of", rel, e))?;
                }
                if self.defer_dirs {
                    self.deferred.push((rel.to_vec(), meta));
                }
                Ok(Some(fd))
            }
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
                let fd = rustix::fs::openat(
                    dir,
                    cname,
                    OFlags::WRONLY
                        | OFlags::CREATE
                        | OFlags::EXCL
                        | OFlags::NOFOLLOW
                        | OFlags::CLOEXEC,
                    Mode::from_raw_mode(0o600),
                )
                .map_err(|e| self.fs_error("create", rel, e))?;
                let mut file = File::from(fd);
                if self.buf.is_empty() {
                    self.buf = vec![0; 256 * 1024];
                }
                loop {
                    let n = match entry.read(&mut self.buf) {
                        Ok(0) => break,
                        Ok(n) => n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(CopyError::ReadArchive(e)),
                    };
                    std::io::Write::write_all(&mut file, &self.buf[..n])
                        .map_err(|e| self.fs_error("write", rel, io_errno(&e)))?;
                }
                if let Some((uid, gid)) = owner {
                    rustix::fs::fchown(&file, Some(Uid::from_raw(uid)), Some(Gid::from_raw(gid)))
                        .map_err(|e| self.fs_error("set the owner of", rel, e))?;
                }
                rustix::fs::fchmod(&file, Mode::from_raw_mode(meta.mode))
                    .map_err(|e| self.fs_error("set the mode of", rel, e))?;
                rustix::fs::futimens(&file, &times(meta.mtime))
                    .map_err(|e| self.fs_error("set the times of", rel, e))?;
                Ok(None)
            }
            tar::EntryType::Symlink => {
                let target = entry.link_name_bytes().ok_or_else(|| CopyError::BadEntry {
                    path: self.shown(rel),
                    reason: "a symbolic link without a target",
                })?;
                rustix::fs::symlinkat(OsStr::from_bytes(&target), dir, cname)
                    .map_err(|e| self.fs_error("create the symbolic link", rel, e))?;
                chown_at(self)?;
                rustix::fs::utimensat(dir, cname, &times(meta.mtime), AtFlags::SYMLINK_NOFOLLOW)
                    .map_err(|e| self.fs_error("set the times of", rel, e))?;
                Ok(None)
            }
            tar::EntryType::Link => {
                let target = entry.link_name_bytes().ok_or_else(|| CopyError::BadEntry {
                    path: self.shown(rel),
                    reason: "a hard link without a target",
                })?;
                let target = self.relative(&target)?.ok_or_else(|| CopyError::BadEntry {
                    path: self.shown(rel),
                    reason: "a hard link to the copied directory",
                })?;
                let (tparent, tname) = match target.iter().rposition(|b| *b == b'/') {
                    Some(i) => (target[..i].to_vec(), target[i + 1..].to_vec()),
                    None => (Vec::new(), target.clone()),
                };
                let tdir = open_beneath(
                    self.top.as_fd(),
                    &String::from_utf8_lossy(&tparent),
                    OFlags::PATH | OFlags::DIRECTORY,
                )
                .map_err(|e| self.fs_error("find the hard link target of", rel, e))?;
                rustix::fs::linkat(
                    &tdir,
                    OsStr::from_bytes(&tname),
                    dir,
                    cname,
                    AtFlags::empty(),
                )
                .map_err(|e| self.fs_error("create the hard link", rel, e))?;
                Ok(None)
            }
            tar::EntryType::Fifo | tar::EntryType::Char | tar::EntryType::Block => {
                let header = entry.header();
                let (file_type, dev) = match kind {
                    tar::EntryType::Fifo => (FileType::Fifo, 0),
                    other => {
                        let major = header.device_major().ok().flatten().unwrap_or(0);
                        let minor = header.device_minor().ok().flatten().unwrap_or(0);
                        let t = if other == tar::EntryType::Char {
                            FileType::CharacterDevice
                        } else {
                            FileType::BlockDevice
                        };
                        (t, rustix::fs::makedev(major, minor))
                    }
                };
                rustix::fs::mknodat(dir, cname, file_type, Mode::from_raw_mode(meta.mode), dev)
                    .map_err(|e| self.fs_error("create", rel, e))?;
                chown_at(self)?;
                Ok(None)
            }
            _ => {
                tracing::debug!(entry = %self.shown(rel), "skipping a tar entry of another type");
                Ok(None)
            }
        }
    }

    /// Applies the directories' modes and times, deepest first.
    fn finish(mut self) -> Result<(), CopyError> {
        self.parent_cache = None;
        let mut dirs = std::mem::take(&mut self.deferred);
        dirs.sort_by_key(|(rel, _)| {
            std::cmp::Reverse(
                rel.iter().filter(|b| **b == b'/').count() + usize::from(!rel.is_empty()),
            )
        });
        for (rel, meta) in dirs {
            let fd = match open_beneath(
                self.top.as_fd(),
                &String::from_utf8_lossy(&rel),
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW,
            ) {
                Ok(fd) => fd,
                // Replaced later in the stream.
                Err(Errno::NOENT | Errno::NOTDIR | Errno::LOOP) => continue,
                Err(e) => return Err(self.fs_error("open the directory", &rel, e)),
            };
            rustix::fs::fchmod(&fd, Mode::from_raw_mode(meta.mode))
                .map_err(|e| self.fs_error("set the mode of", &rel, e))?;
            rustix::fs::futimens(&fd, &times(meta.mtime))
                .map_err(|e| self.fs_error("set the times of", &rel, e))?;
        }
        Ok(())
    }
}

/// Where one entry goes: its parent directory and its path (for messages).
struct Placing<'a> {
    dir: OwnedFd,
    rel: &'a [u8],
}

fn io_errno(e: &std::io::Error) -> Errno {
    Errno::from_io_error(e).unwrap_or(Errno::IO)
}

fn times(mtime: i64) -> Timestamps {
    let at = Timespec {
        tv_sec: mtime,
        tv_nsec: 0,
    };
    Timestamps {
        last_access: at,
        last_modification: at,
    }
}

/// Removes the directory `name` in `dir` and what is in it, never following a symlink.
fn remove_tree(dir: BorrowedFd<'_>, name: &OsStr) -> Result<(), Errno> {
    match rustix::fs::unlinkat(dir, name, AtFlags::REMOVEDIR) {
        Err(Errno::NOTEMPTY | Errno::EXIST) => {}
        other => return other,
    }
    let sub = rustix::fs::openat(
        dir,
        name,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    let mut names = Vec::new();
    for entry in rustix::fs::Dir::read_from(&sub)? {
        let entry = entry?;
        let bytes = entry.file_name().to_bytes();
        if bytes != b"." && bytes != b".." {
            names.push((bytes.to_vec(), entry.file_type()));
        }
    }
    for (child, kind) in names {
        let child = OsStr::from_bytes(&child);
        if kind == FileType::Directory {
            remove_tree(sub.as_fd(), child)?;
        } else {
            rustix::fs::unlinkat(&sub, child, AtFlags::empty())?;
        }
    }
    rustix::fs::unlinkat(dir, name, AtFlags::REMOVEDIR)
}
