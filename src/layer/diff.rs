//! The inverse of `apply_layer`: walks a directory tree and streams it as an OCI
//! layer tar. Used on a container's upper directory (commit: overlay whiteouts and
//! opaque markers become `.wh.` entries) and on a merged view (export).
//!
//! The walk is fd-relative: every directory is opened with `openat(O_NOFOLLOW)`
//! from its parent's descriptor with a name read from that parent, so a symlink
//! (even one a running container swaps in meanwhile) is stored as a link and never
//! followed, and the walk never leaves the tree. Entries come depth first with
//! siblings sorted by name, so the same tree always gives the same bytes.

use std::collections::HashMap;
use std::ffi::CStr;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};

use rustix::fs::{self as rfs, AtFlags, FileType, Mode, OFlags};
use rustix::io::Errno;

/// A ustar name or link name field holds at most this many bytes; longer ones go
/// into a PAX record.
const USTAR_NAME_LEN: usize = 100;
/// Largest value of a ustar 8-byte octal field (7 digits).
const USTAR_ID_MAX: u64 = 0o7_777_777;
/// Largest value of a ustar 12-byte octal field (11 digits).
const USTAR_SIZE_MAX: u64 = 0o77_777_777_777;

#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error("cannot open directory {} to write a layer from it: {source}", path.display())]
    OpenRoot {
        path: PathBuf,
        #[source]
        source: Errno,
    },
    #[error("cannot {op} {path:?} while writing a layer: {source}")]
    Read {
        path: String,
        op: &'static str,
        #[source]
        source: Errno,
    },
    #[error("cannot read the content of {path:?} while writing a layer: {source}")]
    ReadContent {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write the layer tar stream: {source}")]
    Write {
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path:?} is owned by uid {uid} gid {gid}, which the container's ID mapping does not \
         cover; change its owner inside the container (chown) and try again"
    )]
    UnmappedOwner { path: String, uid: u32, gid: u32 },
}

/// Maps an owner (uid, gid) as the walk sees it to the one stored; `None`: unmappable.
pub type OwnerMap<'a> = dyn Fn(u32, u32) -> Option<(u32, u32)> + Sync + 'a;

/// Extended attributes as (name, value) pairs.
type Xattrs = Vec<(Vec<u8>, Vec<u8>)>;

/// How a tree becomes a layer.
#[derive(Default)]
pub struct DiffOptions<'a> {
    /// Owners as stored in the tar, from owners as seen by the walk; `None` keeps them.
    /// Answers `None` for an owner it cannot map, which fails the walk.
    pub owners: Option<&'a OwnerMap<'a>>,
    /// Modification times later than this (seconds since the epoch) are stored as it
    /// (`--timestamp`, SOURCE_DATE_EPOCH).
    pub clamp_mtime: Option<i64>,
    /// Paths (no leading `/`) left out when they are empty files, or directories
    /// holding only such paths: the mount points a container's runtime made.
    pub skip_empty: &'a [&'a str],
}

/// What `write_diff` wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiffStats {
    pub entries: u64,
    /// Regular-file content bytes.
    pub bytes: u64,
}

/// Streams the tree at `root` (not the root itself) to `out` as a layer tar, ending
/// with the end-of-archive marker. Returns the writer.
pub fn write_diff<W: Write>(
    root: &Path,
    out: W,
    options: &DiffOptions<'_>,
) -> Result<(W, DiffStats), DiffError> {
    write_diff_at(open_root(root)?.as_fd(), out, options)
}

/// Opens the directory a walk starts from.
pub(crate) fn open_root(root: &Path) -> Result<OwnedFd, DiffError> {
    rfs::open(
        root,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|source| DiffError::OpenRoot {
        path: root.to_owned(),
        source,
    })
}

/// `write_diff` of the tree below an open directory (or a detached mount).
pub fn write_diff_at<W: Write>(
    root: BorrowedFd<'_>,
    out: W,
    options: &DiffOptions<'_>,
) -> Result<(W, DiffStats), DiffError> {
    // A readable descriptor of its own: `root` may be an O_PATH one (a detached
    // mount), which cannot be listed.
    let dir = rfs::openat(
        root,
        ".",
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|source| read_error(b"", "open", source))?;
    let mut walk = Walk {
        builder: tar::Builder::new(out),
        options,
        links: HashMap::new(),
        stats: DiffStats::default(),
    };
    walk.directory(dir.as_fd(), &mut Vec::new())?;
    let builder = walk.builder;
    let stats = walk.stats;
    let out = builder
        .into_inner()
        .map_err(|source| DiffError::Write { source })?;
    Ok((out, stats))
}

/// One entry's tar header fields, before the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntryHeader {
    pub kind: tar::EntryType,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub mtime: i64,
    pub size: u64,
    pub device: (u32, u32),
    pub link: Option<Vec<u8>>,
    pub xattrs: Vec<(Vec<u8>, Vec<u8>)>,
}

impl EntryHeader {
    fn empty_file(mtime: i64) -> Self {
        EntryHeader {
            kind: tar::EntryType::Regular,
            mode: 0o644,
            uid: 0,
            gid: 0,
            mtime,
            size: 0,
            device: (0, 0),
            link: None,
            xattrs: Vec::new(),
        }
    }
}

/// The tar blocks that announce `name` with `entry` (a PAX extended header when a
/// field does not fit ustar, then the ustar header). Pure, so it is unit-tested.
pub(crate) fn header_blocks(name: &[u8], entry: &EntryHeader) -> Vec<u8> {
    let mut pax = Vec::new();
    if name.len() > USTAR_NAME_LEN {
        pax.extend(pax_record(b"path", name));
    }
    if let Some(link) = &entry.link
        && link.len() > USTAR_NAME_LEN
    {
        pax.extend(pax_record(b"linkpath", link));
    }
    if u64::from(entry.uid) > USTAR_ID_MAX {
        pax.extend(pax_record(b"uid", entry.uid.to_string().as_bytes()));
    }
    if u64::from(entry.gid) > USTAR_ID_MAX {
        pax.extend(pax_record(b"gid", entry.gid.to_string().as_bytes()));
    }
    if entry.size > USTAR_SIZE_MAX {
        pax.extend(pax_record(b"size", entry.size.to_string().as_bytes()));
    }
    for (key, value) in &entry.xattrs {
        let mut full = b"SCHILY.xattr.".to_vec();
        full.extend_from_slice(key);
        pax.extend(pax_record(&full, value));
    }

    let mut blocks = Vec::with_capacity(1024 + pax.len());
    if !pax.is_empty() {
        let mut header = tar::Header::new_ustar();
        set_name(&mut header, b"PaxHeaders/entry");
        header.set_entry_type(tar::EntryType::XHeader);
        header.set_mode(0o644);
        header.set_size(pax.len() as u64);
        header.set_mtime(0);
        header.set_cksum();
        blocks.extend_from_slice(header.as_bytes());
        blocks.extend_from_slice(&pax);
        blocks.resize(blocks.len().next_multiple_of(512), 0);
    }
    let mut header = tar::Header::new_ustar();
    set_name(&mut header, name);
    header.set_entry_type(entry.kind);
    header.set_mode(entry.mode & 0o7777);
    header.set_uid(u64::from(entry.uid).min(USTAR_ID_MAX));
    header.set_gid(u64::from(entry.gid).min(USTAR_ID_MAX));
    header.set_mtime(u64::try_from(entry.mtime).unwrap_or(0));
    header.set_size(entry.size.min(USTAR_SIZE_MAX));
    if matches!(entry.kind, tar::EntryType::Char | tar::EntryType::Block) {
        // Cannot fail on a ustar header with 7-digit octal values; larger ones are
        // not real device numbers.
        let _ = header.set_device_major(entry.device.0);
        let _ = header.set_device_minor(entry.device.1);
    }
    if let Some(link) = &entry.link {
        let field = &mut header.as_old_mut().linkname;
        let len = link.len().min(field.len());
        field[..len].copy_from_slice(&link[..len]);
    }
    header.set_cksum();
    blocks.extend_from_slice(header.as_bytes());
    blocks
}

/// Writes the name into the ustar name field, truncated; a longer name also has a
/// PAX `path` record, which readers prefer.
fn set_name(header: &mut tar::Header, name: &[u8]) {
    let field = &mut header.as_old_mut().name;
    let len = name.len().min(field.len());
    field[..len].copy_from_slice(&name[..len]);
}

/// One PAX record: `LEN KEY=VALUE\n`, where LEN counts itself.
pub(crate) fn pax_record(key: &[u8], value: &[u8]) -> Vec<u8> {
    let body = key.len() + value.len() + 3;
    let mut len = body + 1;
    while len != body + len.to_string().len() {
        len = body + len.to_string().len();
    }
    let mut record = format!("{len} ").into_bytes();
    record.extend_from_slice(key);
    record.push(b'=');
    record.extend_from_slice(value);
    record.push(b'\n');
    record
}

/// Whether an extended attribute found on disk belongs in a layer: overlay's own
/// bookkeeping does not (whiteouts and opaque markers are written as `.wh.` entries).
pub(crate) fn layer_xattr_kept(name: &[u8]) -> bool {
    (name.starts_with(b"user.") && !name.starts_with(b"user.overlay."))
        || (name.starts_with(b"trusted.") && !name.starts_with(b"trusted.overlay."))
        || name == b"security.capability"
}

struct Walk<'a, W: Write> {
    builder: tar::Builder<W>,
    options: &'a DiffOptions<'a>,
    /// First path written for each multiply-linked inode.
    links: HashMap<(u64, u64), Vec<u8>>,
    stats: DiffStats,
}

impl<W: Write> Walk<'_, W> {
    /// Writes the children of `dir`, whose path in the layer is `path` (empty for
    /// the root).
    fn directory(&mut self, dir: BorrowedFd<'_>, path: &mut Vec<u8>) -> Result<(), DiffError> {
        for name in sorted_names(dir, path)? {
            let len = path.len();
            if !path.is_empty() {
                path.push(b'/');
            }
            path.extend_from_slice(&name);
            let result = self.entry(dir, &name, path);
            path.truncate(len);
            result?;
        }
        Ok(())
    }

    fn entry(
        &mut self,
        parent: BorrowedFd<'_>,
        name: &[u8],
        path: &mut Vec<u8>,
    ) -> Result<(), DiffError> {
        let stat = match rfs::statat(parent, name, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(stat) => stat,
            // Removed since the listing (a running container): it is not in the layer.
            Err(Errno::NOENT) => return Ok(()),
            Err(source) => return Err(read_error(path, "inspect", source)),
        };
        let file_type = FileType::from_raw_mode(stat.st_mode);
        if !self.options.skip_empty.is_empty() && self.skippable(parent, name, path) {
            return Ok(());
        }
        let (uid, gid) = self.owner(stat.st_uid, stat.st_gid, path)?;
        let mtime = match self.options.clamp_mtime {
            Some(limit) => stat.st_mtime.min(limit),
            None => stat.st_mtime,
        };
        let mut header = EntryHeader {
            kind: tar::EntryType::Regular,
            mode: stat.st_mode & 0o7777,
            uid,
            gid,
            mtime,
            size: 0,
            device: (0, 0),
            link: None,
            xattrs: Vec::new(),
        };
        let rdev = stat.st_rdev;
        let device = (rfs::major(rdev), rfs::minor(rdev));
        match file_type {
            FileType::Directory => {
                let fd = match open_child(parent, name, OFlags::DIRECTORY) {
                    Ok(fd) => fd,
                    Err(Errno::NOENT) => return Ok(()),
                    Err(source) => return Err(read_error(path, "open", source)),
                };
                let (xattrs, opaque) = xattrs(fd.as_fd(), path)?;
                header.kind = tar::EntryType::Directory;
                header.xattrs = xattrs;
                let mut dir_name = path.clone();
                dir_name.push(b'/');
                self.append(&dir_name, &header, std::io::empty())?;
                if opaque {
                    dir_name.extend_from_slice(b".wh..wh..opq");
                    self.append(&dir_name, &EntryHeader::empty_file(mtime), std::io::empty())?;
                }
                self.directory(fd.as_fd(), path)
            }
            FileType::CharacterDevice if device == (0, 0) => {
                let whiteout = whiteout_name(path, b".wh.");
                self.append(&whiteout, &EntryHeader::empty_file(mtime), std::io::empty())
            }
            FileType::Socket | FileType::Unknown => {
                tracing::debug!(path = %String::from_utf8_lossy(path), "sockets are not stored in a layer");
                Ok(())
            }
            _ => {
                if stat.st_nlink > 1 {
                    let key = (stat.st_dev, stat.st_ino);
                    if let Some(first) = self.links.get(&key) {
                        header.kind = tar::EntryType::Link;
                        header.mode = stat.st_mode & 0o7777;
                        header.link = Some(first.clone());
                        let header = header;
                        return self.append(path, &header, std::io::empty());
                    }
                    self.links.insert(key, path.clone());
                }
                match file_type {
                    FileType::RegularFile => self.file(parent, name, path, header),
                    FileType::Symlink => {
                        let target = match rfs::readlinkat(parent, name, Vec::new()) {
                            Ok(target) => target,
                            Err(Errno::NOENT) => return Ok(()),
                            Err(source) => return Err(read_error(path, "read the link", source)),
                        };
                        header.kind = tar::EntryType::Symlink;
                        header.link = Some(target.into_bytes());
                        self.append(path, &header, std::io::empty())
                    }
                    FileType::Fifo => {
                        header.kind = tar::EntryType::Fifo;
                        self.append(path, &header, std::io::empty())
                    }
                    FileType::CharacterDevice | FileType::BlockDevice => {
                        header.kind = if file_type == FileType::CharacterDevice {
                            tar::EntryType::Char
                        } else {
                            tar::EntryType::Block
                        };
                        header.device = device;
                        self.append(path, &header, std::io::empty())
                    }
                    _ => Ok(()),
                }
            }
        }
    }

    fn file(
        &mut self,
        parent: BorrowedFd<'_>,
        name: &[u8],
        path: &[u8],
        mut header: EntryHeader,
    ) -> Result<(), DiffError> {
        // O_NONBLOCK: if the name became a fifo since the stat, opening must not hang.
        let fd = match open_child(parent, name, OFlags::NONBLOCK | OFlags::NOCTTY) {
            Ok(fd) => fd,
            Err(Errno::NOENT) => return Ok(()),
            Err(source) => return Err(read_error(path, "open", source)),
        };
        let stat = rfs::fstat(&fd).map_err(|source| read_error(path, "inspect", source))?;
        if FileType::from_raw_mode(stat.st_mode) != FileType::RegularFile {
            // Replaced by something else since the listing: left out, as a file
            // removed meanwhile is.
            return Ok(());
        }
        let (xattrs, _) = xattrs(fd.as_fd(), path)?;
        header.xattrs = xattrs;
        header.size = u64::try_from(stat.st_size).unwrap_or(0);
        let size = header.size;
        // A file a running container truncates or extends meanwhile still gives
        // exactly the announced size, so the stream stays well formed.
        let file = File::from(fd);
        let mut content = ContentReader {
            inner: (&file).take(size),
            path,
            error: None,
        }
        .chain(std::io::repeat(0))
        .take(size);
        self.append(path, &header, &mut content)?;
        let reader = content.into_inner().into_inner().0;
        if let Some(source) = reader.error {
            return Err(DiffError::ReadContent {
                path: String::from_utf8_lossy(path).into_owned(),
                source,
            });
        }
        self.stats.bytes += size;
        Ok(())
    }

    /// Whether `path` is a mount point to leave out: in `skip_empty`, and an empty file
    /// or a directory of nothing but such paths.
    fn skippable(&self, parent: BorrowedFd<'_>, name: &[u8], path: &[u8]) -> bool {
        if !self.options.skip_empty.iter().any(|p| p.as_bytes() == path) {
            return false;
        }
        let Ok(stat) = rfs::statat(parent, name, AtFlags::SYMLINK_NOFOLLOW) else {
            return false;
        };
        match FileType::from_raw_mode(stat.st_mode) {
            FileType::RegularFile => stat.st_size == 0,
            FileType::Directory => {
                let Ok(dir) = open_child(parent, name, OFlags::DIRECTORY) else {
                    return false;
                };
                let Ok(listing) = rfs::Dir::read_from(&dir) else {
                    return false;
                };
                listing.into_iter().all(|child| {
                    let Ok(child) = child else { return false };
                    let child_name = child.file_name().to_bytes();
                    if child_name == b"." || child_name == b".." {
                        return true;
                    }
                    let mut child_path = path.to_vec();
                    child_path.push(b'/');
                    child_path.extend_from_slice(child_name);
                    self.skippable(dir.as_fd(), child_name, &child_path)
                })
            }
            _ => false,
        }
    }

    fn owner(&self, uid: u32, gid: u32, path: &[u8]) -> Result<(u32, u32), DiffError> {
        match self.options.owners {
            None => Ok((uid, gid)),
            Some(map) => map(uid, gid).ok_or_else(|| DiffError::UnmappedOwner {
                path: String::from_utf8_lossy(path).into_owned(),
                uid,
                gid,
            }),
        }
    }

    fn append(
        &mut self,
        name: &[u8],
        header: &EntryHeader,
        data: impl Read,
    ) -> Result<(), DiffError> {
        let blocks = header_blocks(name, header);
        let (pax, ustar) = blocks.split_at(blocks.len() - 512);
        let out = self.builder.get_mut();
        out.write_all(pax)
            .map_err(|source| DiffError::Write { source })?;
        let ustar = tar::Header::from_byte_slice(ustar);
        self.builder
            .append(ustar, data)
            .map_err(|source| DiffError::Write { source })?;
        self.stats.entries += 1;
        Ok(())
    }
}

/// Reads a file's content and keeps the read error aside, so the tar writer's
/// error (which it would wrap) stays a write error.
struct ContentReader<'p, R> {
    inner: R,
    path: &'p [u8],
    error: Option<std::io::Error>,
}

impl<R: Read> Read for ContentReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.error.is_some() {
            return Ok(0);
        }
        match self.inner.read(buf) {
            Ok(n) => Ok(n),
            Err(error) => {
                tracing::debug!(path = %String::from_utf8_lossy(self.path), %error, "read failed");
                self.error = Some(error);
                Ok(0)
            }
        }
    }
}

fn open_child(parent: BorrowedFd<'_>, name: &[u8], flags: OFlags) -> Result<OwnedFd, Errno> {
    rfs::openat(
        parent,
        name,
        flags | OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )
}

/// The extended attributes kept in a layer, and whether overlay marks the
/// directory opaque.
fn xattrs(fd: BorrowedFd<'_>, path: &[u8]) -> Result<(Xattrs, bool), DiffError> {
    let mut names = vec![0u8; 1024];
    let len = loop {
        match rfs::flistxattr(fd, &mut names[..]) {
            Ok(len) => break len,
            Err(Errno::RANGE) => {
                let needed =
                    rfs::flistxattr_query(fd).map_err(|e| read_error(path, "list xattrs of", e))?;
                names.resize(needed.max(names.len() * 2), 0);
            }
            Err(Errno::OPNOTSUPP) => return Ok((Vec::new(), false)),
            Err(source) => return Err(read_error(path, "list xattrs of", source)),
        }
    };
    let mut kept = Vec::new();
    let mut opaque = false;
    for name in names[..len].split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let is_opaque = name == b"user.overlay.opaque" || name == b"trusted.overlay.opaque";
        if !is_opaque && !layer_xattr_kept(name) {
            continue;
        }
        let Ok(cname) = std::ffi::CString::new(name) else {
            continue;
        };
        let value = match xattr_value(fd, &cname) {
            Ok(value) => value,
            // Removed since the listing.
            Err(Errno::NODATA) => continue,
            Err(source) => return Err(read_error(path, "read xattrs of", source)),
        };
        if is_opaque {
            opaque |= value == b"y";
        } else {
            kept.push((name.to_vec(), value));
        }
    }
    kept.sort();
    Ok((kept, opaque))
}

fn xattr_value(fd: BorrowedFd<'_>, name: &CStr) -> Result<Vec<u8>, Errno> {
    let mut value = vec![0u8; 256];
    loop {
        match rfs::fgetxattr(fd, name, &mut value[..]) {
            Ok(len) => {
                value.truncate(len);
                return Ok(value);
            }
            Err(Errno::RANGE) => {
                let needed = rfs::fgetxattr_query(fd, name)?;
                value.resize(needed.max(value.len() * 2), 0);
            }
            Err(e) => return Err(e),
        }
    }
}

/// `dir/.wh.name` for `dir/name`.
pub(crate) fn whiteout_name(path: &[u8], prefix: &[u8]) -> Vec<u8> {
    let (dir, name) = match path.iter().rposition(|&b| b == b'/') {
        Some(slash) => (&path[..=slash], &path[slash + 1..]),
        None => (&[][..], path),
    };
    let mut out = dir.to_vec();
    out.extend_from_slice(prefix);
    out.extend_from_slice(name);
    out
}

/// The names in directory `dir` (at `path` in the layer) but `.` and `..`, sorted, so a tree
/// is always walked in the same order.
pub(crate) fn sorted_names(dir: BorrowedFd<'_>, path: &[u8]) -> Result<Vec<Vec<u8>>, DiffError> {
    let listing = rfs::Dir::read_from(dir).map_err(|source| read_error(path, "list", source))?;
    let mut names = Vec::new();
    for child in listing {
        let child = child.map_err(|source| read_error(path, "list", source))?;
        let name = child.file_name().to_bytes();
        if name != b"." && name != b".." {
            names.push(name.to_vec());
        }
    }
    names.sort_unstable();
    Ok(names)
}

pub(crate) fn read_error(path: &[u8], op: &'static str, source: Errno) -> DiffError {
    DiffError::Read {
        path: if path.is_empty() {
            ".".to_owned()
        } else {
            String::from_utf8_lossy(path).into_owned()
        },
        op,
        source,
    }
}
