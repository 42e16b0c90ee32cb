//! The reading side: a file tree as a tar stream whose top entry is the source's own name.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use rustix::fs::{AtFlags, FileType, Mode, OFlags, Stat};
use rustix::io::Errno;

use super::{CopyError, Root, plan};

/// The pipe's buffer: tar writes 512-byte headers, which should not each be a syscall.
const STREAM_BUFFER: usize = 256 * 1024;

/// Writes `path` (resolved in `root`, symlinks followed as podman does) to `out` as a tar
/// stream, its top entry named after the path's last component. `ids` turns the files' owners
/// into the ones the stream carries.
pub fn write_archive(
    root: &Root,
    path: &str,
    out: impl Write,
    ids: &dyn Fn(u32, u32) -> (u32, u32),
) -> Result<(), CopyError> {
    let opened = |flags| match root.open(path, flags) {
        Ok(fd) => Ok(fd),
        Err(Errno::NOENT | Errno::NOTDIR) => Err(root.not_found(path)),
        Err(source) => Err(root.error("open", path, source)),
    };
    // Looked at before it is opened for reading: a device or FIFO is never opened.
    let seen = opened(OFlags::PATH)?;
    let stat = rustix::fs::fstat(&seen).map_err(|e| root.error("read", path, e))?;
    let top = match FileType::from_raw_mode(stat.st_mode) {
        FileType::Directory | FileType::RegularFile => {
            let fd = opened(OFlags::RDONLY | OFlags::NOCTTY | OFlags::NONBLOCK)?;
            let again = rustix::fs::fstat(&fd).map_err(|e| root.error("read", path, e))?;
            if (again.st_dev, again.st_ino) != (stat.st_dev, stat.st_ino) {
                return Err(root.error("read", path, Errno::STALE));
            }
            fd
        }
        _ => seen,
    };
    let mut walker = Walker {
        builder: tar::Builder::new(BufWriter::with_capacity(STREAM_BUFFER, out)),
        links: HashMap::new(),
        ids,
        place: &root.place,
        source: path,
    };
    walker.add(top, &stat, PathBuf::from(plan::source_name(path)))?;
    let out = walker
        .builder
        .into_inner()
        .map_err(CopyError::WriteArchive)?;
    out.into_inner()
        .map_err(|e| CopyError::WriteArchive(e.into_error()))?
        .flush()
        .map_err(CopyError::WriteArchive)
}

struct Walker<'a, W: Write> {
    builder: tar::Builder<W>,
    /// Files with more than one link already written, so later names become hard links.
    links: HashMap<(u64, u64), PathBuf>,
    ids: &'a dyn Fn(u32, u32) -> (u32, u32),
    place: &'a str,
    source: &'a str,
}

impl<W: Write> Walker<'_, W> {
    fn error(&self, op: &'static str, name: &Path, source: Errno) -> CopyError {
        CopyError::Filesystem {
            op,
            path: format!("{}/{}", self.source.trim_end_matches('/'), rest(name)),
            place: self.place.to_owned(),
            source,
        }
    }

    fn header(&self, stat: &Stat, kind: tar::EntryType) -> tar::Header {
        let mut header = tar::Header::new_gnu();
        header.set_entry_type(kind);
        header.set_mode(stat.st_mode & 0o7777);
        let (uid, gid) = (self.ids)(stat.st_uid, stat.st_gid);
        header.set_uid(uid.into());
        header.set_gid(gid.into());
        header.set_mtime(u64::try_from(stat.st_mtime).unwrap_or(0));
        header.set_size(0);
        header
    }

    /// Writes the open file `fd` (already `fstat`ed) named `name`, and below it if a directory.
    fn add(&mut self, fd: OwnedFd, stat: &Stat, name: PathBuf) -> Result<(), CopyError> {
        let write = CopyError::WriteArchive;
        let file_type = FileType::from_raw_mode(stat.st_mode);
        if file_type != FileType::Directory && stat.st_nlink > 1 {
            let key = (stat.st_dev, stat.st_ino);
            if let Some(first) = self.links.get(&key) {
                let mut header = self.header(stat, tar::EntryType::Link);
                let first = first.clone();
                return self
                    .builder
                    .append_link(&mut header, &name, &first)
                    .map_err(write);
            }
            self.links.insert(key, name.clone());
        }
        match file_type {
            FileType::Directory => {
                let mut header = self.header(stat, tar::EntryType::Directory);
                self.builder
                    .append_data(&mut header, &name, std::io::empty())
                    .map_err(write)?;
                self.walk(fd.as_fd(), &name)
            }
            FileType::RegularFile => {
                let mut header = self.header(stat, tar::EntryType::Regular);
                let size = u64::try_from(stat.st_size).unwrap_or(0);
                header.set_size(size);
                let mut content = ExactSize {
                    file: File::from(fd),
                    left: size,
                    failed: None,
                };
                self.builder
                    .append_data(&mut header, &name, &mut content)
                    .map_err(write)?;
                match content.failed.take() {
                    Some(source) => Err(self.error("read", &name, source)),
                    None => Ok(()),
                }
            }
            FileType::Fifo | FileType::CharacterDevice | FileType::BlockDevice => {
                let kind = match file_type {
                    FileType::Fifo => tar::EntryType::Fifo,
                    FileType::CharacterDevice => tar::EntryType::Char,
                    _ => tar::EntryType::Block,
                };
                let mut header = self.header(stat, kind);
                if kind != tar::EntryType::Fifo {
                    header
                        .set_device_major(rustix::fs::major(stat.st_rdev))
                        .map_err(write)?;
                    header
                        .set_device_minor(rustix::fs::minor(stat.st_rdev))
                        .map_err(write)?;
                }
                self.builder
                    .append_data(&mut header, &name, std::io::empty())
                    .map_err(write)
            }
            // Sockets cannot be archived; tar skips them too.
            _ => Ok(()),
        }
    }

    /// Writes what is in the directory `dir`, one name at a time and never through a symlink:
    /// a directory replaced by a symlink while we walk is refused, not followed.
    fn walk(&mut self, dir: BorrowedFd<'_>, name: &Path) -> Result<(), CopyError> {
        let entries = rustix::fs::Dir::read_from(dir).map_err(|e| self.error("list", name, e))?;
        let mut names: Vec<Vec<u8>> = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| self.error("list", name, e))?;
            let bytes = entry.file_name().to_bytes();
            if bytes != b"." && bytes != b".." {
                names.push(bytes.to_vec());
            }
        }
        // A stable order makes the stream the same for the same tree.
        names.sort();
        for child in names {
            let child_name = name.join(OsStr::from_bytes(&child));
            let child = OsStr::from_bytes(&child);
            let stat = rustix::fs::statat(dir, child, AtFlags::SYMLINK_NOFOLLOW)
                .map_err(|e| self.error("read", &child_name, e))?;
            match FileType::from_raw_mode(stat.st_mode) {
                FileType::Symlink => {
                    let target = rustix::fs::readlinkat(dir, child, Vec::new())
                        .map_err(|e| self.error("read the link", &child_name, e))?;
                    let mut header = self.header(&stat, tar::EntryType::Symlink);
                    self.builder
                        .append_link(
                            &mut header,
                            &child_name,
                            OsStr::from_bytes(target.as_bytes()),
                        )
                        .map_err(CopyError::WriteArchive)?;
                }
                FileType::Socket => {}
                kind @ (FileType::Directory | FileType::RegularFile) => {
                    let flags = if kind == FileType::Directory {
                        OFlags::RDONLY | OFlags::DIRECTORY
                    } else {
                        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY
                    };
                    let fd = rustix::fs::openat(
                        dir,
                        child,
                        flags | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                        Mode::empty(),
                    )
                    .map_err(|e| self.error("open", &child_name, e))?;
                    // What was opened is what is written, whatever the name showed a moment ago.
                    let stat =
                        rustix::fs::fstat(&fd).map_err(|e| self.error("read", &child_name, e))?;
                    self.add(fd, &stat, child_name)?;
                }
                // FIFOs and devices are described, never opened.
                _ => {
                    let fd = rustix::fs::openat(
                        dir,
                        child,
                        OFlags::PATH | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                        Mode::empty(),
                    )
                    .map_err(|e| self.error("open", &child_name, e))?;
                    self.add(fd, &stat, child_name)?;
                }
            }
        }
        Ok(())
    }
}

/// The path below the top entry, for messages.
fn rest(name: &Path) -> String {
    let mut parts = name.components();
    parts.next();
    parts.as_path().display().to_string()
}

/// A file's content cut or padded to the size its header announced (it may change while
/// read); a read error is kept for the message and ends the content with zeros.
struct ExactSize {
    file: File,
    left: u64,
    failed: Option<Errno>,
}

impl Read for ExactSize {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            return Ok(0);
        }
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = if self.failed.is_some() {
            0
        } else {
            loop {
                match self.file.read(&mut buf[..want]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        self.failed = Some(Errno::from_io_error(&e).unwrap_or(Errno::IO));
                        break 0;
                    }
                }
            }
        };
        let n = if n == 0 {
            // Shrunk (or failed): pad with zeros.
            buf[..want].fill(0);
            want
        } else {
            n
        };
        self.left -= n as u64;
        Ok(n)
    }
}
