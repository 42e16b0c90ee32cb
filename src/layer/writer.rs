//! The syscall half of layer extraction: carries out planned actions inside the
//! layer directory without ever leaving it.
//!
//! Every parent directory is resolved with `openat2(RESOLVE_IN_ROOT)` relative to
//! the layer root, so symlinks planted by earlier entries resolve inside the layer;
//! the final component is only touched with `*at()` calls that do not follow it.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::Path;
use std::rc::Rc;

use rustix::fs::{
    self as rfs, AtFlags, FileType, Mode, OFlags, ResolveFlags, Timespec, Timestamps, XattrFlags,
};
use rustix::io::Errno;
use rustix::process::{Gid, Uid};

use super::LayerError;
use super::plan::{Action, LayerPath, Node};

const COPY_BUFFER_SIZE: usize = 128 * 1024;
/// `openat2(RESOLVE_IN_ROOT)` answers EAGAIN when any rename or mount on the
/// system races with a `..` lookup; retrying is the documented remedy.
const OPENAT2_ATTEMPTS: usize = 64;
const IMPLICIT_DIR_MODE: u32 = 0o755;
const OPAQUE_XATTR: &str = "user.overlay.opaque";

/// Metadata of one tar entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Meta {
    pub uid: u32,
    pub gid: u32,
    /// Permission bits including setuid, setgid and sticky.
    pub mode: u32,
    pub mtime: (i64, u32),
    /// Already filtered with `plan::image_xattr_allowed`.
    pub xattrs: Vec<(Vec<u8>, Vec<u8>)>,
}

/// What `clear_existing` found and did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cleared {
    KeptDirectory,
    /// `whiteout`: the removed entry was a whiteout device made by this layer.
    Removed {
        whiteout: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Owner {
    uid: u32,
    gid: u32,
}

pub(crate) struct LayerWriter {
    root: Rc<OwnedFd>,
    /// The parent directory of the previous entry: tar streams list a
    /// directory's entries together, so most entries need no path walk.
    parent_cache: Option<(Vec<u8>, Rc<OwnedFd>)>,
    /// Owner the kernel gives to inodes we create; `None` when the layer root is
    /// setgid, since group inheritance then depends on each parent directory.
    new_inode_owner: Option<Owner>,
    root_owner: Owner,
    /// Bits the process umask strips at creation; `None` when unknown.
    umask: Option<u32>,
    /// Directory metadata applied at the end: creating children updates a
    /// directory's mtime, and a read-only directory mode would block them.
    deferred_dirs: BTreeMap<LayerPath, Meta>,
    buf: Vec<u8>,
}

impl LayerWriter {
    pub(crate) fn open(dest: &Path) -> Result<Self, LayerError> {
        let open_error = |source| LayerError::OpenDestination {
            path: dest.to_owned(),
            source,
        };
        let root = rfs::open(
            dest,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(open_error)?;
        let stat = rfs::fstat(&root).map_err(open_error)?;
        // Probe once so an old kernel fails with a clear message, not on some entry.
        if let Err(Errno::NOSYS) = open_in_root(root.as_fd(), b"", OFlags::PATH) {
            return Err(LayerError::Openat2Unsupported);
        }
        let root_is_setgid = stat.st_mode & libc::S_ISGID != 0;
        Ok(Self {
            root: Rc::new(root),
            parent_cache: None,
            new_inode_owner: (!root_is_setgid).then(|| Owner {
                uid: rustix::process::geteuid().as_raw(),
                gid: rustix::process::getegid().as_raw(),
            }),
            root_owner: Owner {
                uid: stat.st_uid,
                gid: stat.st_gid,
            },
            umask: current_umask(),
            deferred_dirs: BTreeMap::new(),
            buf: vec![0; COPY_BUFFER_SIZE],
        })
    }

    /// Carries out one planned action; returns the number of content bytes written.
    pub(crate) fn apply(
        &mut self,
        action: Action,
        meta: Meta,
        data: &mut dyn Read,
        entry: &str,
    ) -> Result<u64, LayerError> {
        match action {
            Action::Skip { reason } => {
                tracing::debug!(entry, reason, "skipping layer entry");
                Ok(0)
            }
            Action::UpdateRoot => {
                self.deferred_dirs.insert(LayerPath::default(), meta);
                Ok(0)
            }
            Action::Whiteout { path } => self.create_whiteout(&path, &meta, entry).map(|()| 0),
            Action::Opaque { dir } => self.mark_opaque(&dir, entry).map(|()| 0),
            Action::Create { path, node } => self.create(&path, node, &meta, data, entry),
        }
    }

    /// Applies the deferred directory metadata, deepest first so that a
    /// restrictive parent mode never blocks reaching its children.
    pub(crate) fn finish(mut self) -> Result<(), LayerError> {
        self.parent_cache = None;
        let mut dirs: Vec<(LayerPath, Meta)> = std::mem::take(&mut self.deferred_dirs)
            .into_iter()
            .collect();
        dirs.sort_by_key(|(path, _)| std::cmp::Reverse(path.depth()));
        for (path, meta) in dirs {
            let entry = path.to_string();
            let fd = match open_in_root(
                self.root.as_fd(),
                path.as_bytes(),
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW,
            ) {
                Ok(fd) => fd,
                Err(Errno::NOENT | Errno::NOTDIR | Errno::LOOP) => {
                    tracing::debug!(entry, "directory was replaced later in the layer");
                    continue;
                }
                Err(source) => return Err(fs_error(&entry, "open directory", source)),
            };
            let current = if path.is_root() {
                Some(self.root_owner)
            } else {
                self.new_inode_owner
            };
            if needs_chown(current, &meta) {
                rfs::fchown(&fd, Some(uid(meta.uid)), Some(gid(meta.gid)))
                    .map_err(|errno| owner_error(errno, &entry, &meta))?;
            }
            set_image_xattrs(fd.as_fd(), &meta, &entry)?;
            rfs::fchmod(&fd, Mode::from_raw_mode(meta.mode))
                .map_err(|source| fs_error(&entry, "set the mode of", source))?;
            rfs::futimens(&fd, &timestamps(&meta))
                .map_err(|source| fs_error(&entry, "set the mtime of", source))?;
        }
        Ok(())
    }

    fn create(
        &mut self,
        path: &LayerPath,
        node: Node,
        meta: &Meta,
        data: &mut dyn Read,
        entry: &str,
    ) -> Result<u64, LayerError> {
        let (parent, name) = path.split_last().expect("planned paths are never the root");
        let dir = self.locate_dir(parent, entry)?;
        match node {
            Node::File => self.create_file(&dir, path, name, meta, data, entry),
            Node::Dir => self.create_dir(&dir, path, name, meta, entry).map(|()| 0),
            Node::Symlink { target } => self
                .create_symlink(&dir, path, name, &target, meta, entry)
                .map(|()| 0),
            Node::Hardlink { target } => self
                .create_hardlink(&dir, path, name, &target, entry)
                .map(|()| 0),
            Node::Fifo => self
                .create_special(&dir, path, name, FileType::Fifo, 0, meta, entry)
                .map(|()| 0),
            Node::CharDevice { major, minor } => {
                let dev = rfs::makedev(major, minor);
                self.create_special(
                    &dir,
                    path,
                    name,
                    FileType::CharacterDevice,
                    dev,
                    meta,
                    entry,
                )
                .map(|()| 0)
            }
            Node::BlockDevice { major, minor } => {
                let dev = rfs::makedev(major, minor);
                self.create_special(&dir, path, name, FileType::BlockDevice, dev, meta, entry)
                    .map(|()| 0)
            }
        }
    }

    fn create_file(
        &mut self,
        dir: &OwnedFd,
        path: &LayerPath,
        name: &[u8],
        meta: &Meta,
        data: &mut dyn Read,
        entry: &str,
    ) -> Result<u64, LayerError> {
        // Special bits are applied by the final chmod: writing and chown would clear them.
        let create = || {
            rfs::openat(
                dir,
                name,
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::from_raw_mode(meta.mode & 0o777),
            )
        };
        let fd = match create() {
            Err(Errno::EXIST) => {
                self.clear_existing(dir, path, name, false, entry)?;
                create()
            }
            other => other,
        }
        .map_err(|source| fs_error(entry, "create", source))?;
        let mut file = File::from(fd);

        let mut written = 0u64;
        loop {
            let n = match data.read(&mut self.buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(source) => {
                    return Err(LayerError::ReadEntry {
                        path: entry.to_owned(),
                        source,
                    });
                }
            };
            file.write_all(&self.buf[..n])
                .map_err(|source| LayerError::WriteContent {
                    path: entry.to_owned(),
                    source,
                })?;
            written += n as u64;
        }

        // Order matters: chown clears setuid bits and security.capability,
        // so it comes before the xattrs and the mode.
        if needs_chown(self.new_inode_owner, meta) {
            rfs::fchown(&file, Some(uid(meta.uid)), Some(gid(meta.gid)))
                .map_err(|errno| owner_error(errno, entry, meta))?;
        }
        set_image_xattrs(file.as_fd(), meta, entry)?;
        if self.needs_chmod(meta.mode) {
            rfs::fchmod(&file, Mode::from_raw_mode(meta.mode))
                .map_err(|source| fs_error(entry, "set the mode of", source))?;
        }
        rfs::futimens(&file, &timestamps(meta))
            .map_err(|source| fs_error(entry, "set the mtime of", source))?;
        Ok(written)
    }

    fn create_dir(
        &mut self,
        dir: &OwnedFd,
        path: &LayerPath,
        name: &[u8],
        meta: &Meta,
        entry: &str,
    ) -> Result<(), LayerError> {
        let mkdir = || rfs::mkdirat(dir, name, Mode::from_raw_mode(IMPLICIT_DIR_MODE));
        match mkdir() {
            Ok(()) => {}
            Err(Errno::EXIST) => match self.clear_existing(dir, path, name, true, entry)? {
                // A directory over a directory only updates its metadata.
                Cleared::KeptDirectory => {}
                Cleared::Removed { whiteout } => {
                    mkdir().map_err(|source| fs_error(entry, "create directory", source))?;
                    // The layer deletes the lower directory and creates a new
                    // one: the lower contents must not show through it.
                    if whiteout {
                        set_opaque_at(dir.as_fd(), name, entry)?;
                    }
                }
            },
            Err(source) => return Err(fs_error(entry, "create directory", source)),
        }
        self.deferred_dirs.insert(path.clone(), meta.clone());
        Ok(())
    }

    fn create_symlink(
        &mut self,
        dir: &OwnedFd,
        path: &LayerPath,
        name: &[u8],
        target: &[u8],
        meta: &Meta,
        entry: &str,
    ) -> Result<(), LayerError> {
        // A symlink at a name that did not exist cannot change how the cached
        // parent resolved (every component of it existed then); replacing an
        // existing entry invalidates the cache in `clear_existing`.
        match rfs::symlinkat(target, dir, name) {
            Err(Errno::EXIST) => {
                self.clear_existing(dir, path, name, false, entry)?;
                rfs::symlinkat(target, dir, name)
            }
            other => other,
        }
        .map_err(|source| fs_error(entry, "create symbolic link", source))?;
        self.finish_node_at(dir, name, meta, false, entry)
    }

    fn create_hardlink(
        &mut self,
        dir: &OwnedFd,
        path: &LayerPath,
        name: &[u8],
        target: &LayerPath,
        entry: &str,
    ) -> Result<(), LayerError> {
        if target == path {
            tracing::debug!(entry, "skipping hard link to itself");
            return Ok(());
        }
        let target_display = || target.to_string();
        let missing = || LayerError::HardlinkTargetMissing {
            path: entry.to_owned(),
            target: target_display(),
        };
        let (target_parent, target_name) = target
            .split_last()
            .expect("planned hard link targets are never the root");
        let target_dir = self
            .existing_dir(target_parent)
            .map_err(|errno| match errno {
                Errno::NOENT | Errno::NOTDIR | Errno::LOOP => missing(),
                source => fs_error(entry, "resolve the hard link target of", source),
            })?;
        // Without AT_SYMLINK_FOLLOW a symlink target is linked itself, never followed.
        let link = || rfs::linkat(&*target_dir, target_name, dir, name, AtFlags::empty());
        let result = match link() {
            Err(Errno::EXIST) => {
                self.clear_existing(dir, path, name, false, entry)?;
                link()
            }
            other => other,
        };
        // The link shares the target's inode, whose metadata came with the
        // target's own entry; the hard link header carries nothing new.
        match result {
            Ok(()) => Ok(()),
            Err(Errno::NOENT) => Err(missing()),
            Err(Errno::PERM)
                if rfs::statat(&*target_dir, target_name, AtFlags::SYMLINK_NOFOLLOW)
                    .is_ok_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::Directory) =>
            {
                Err(LayerError::HardlinkToDirectory {
                    path: entry.to_owned(),
                    target: target_display(),
                })
            }
            Err(source) => Err(fs_error(entry, "create hard link", source)),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn create_special(
        &mut self,
        dir: &OwnedFd,
        path: &LayerPath,
        name: &[u8],
        file_type: FileType,
        dev: rfs::Dev,
        meta: &Meta,
        entry: &str,
    ) -> Result<(), LayerError> {
        let mode = Mode::from_raw_mode(meta.mode & 0o777);
        let mknod = || rfs::mknodat(dir, name, file_type, mode, dev);
        let created = match mknod() {
            Err(Errno::EXIST) => {
                self.clear_existing(dir, path, name, false, entry)?;
                mknod()
            }
            other => other,
        };
        match created {
            Ok(()) => {}
            // Rootless: the user namespace has no CAP_MKNOD over real devices.
            // podman skips them too; a container gets its devices from the runtime.
            Err(Errno::PERM) if file_type != FileType::Fifo => {
                tracing::debug!(entry, "skipping device node: not permitted");
                return Ok(());
            }
            Err(source) => return Err(fs_error(entry, "create", source)),
        }
        self.finish_node_at(dir, name, meta, true, entry)
    }

    /// Owner, mode and mtime for a node without an open fd (symlink, fifo,
    /// device), addressed by name in its parent. The name was just created by
    /// us, so following it (fchmodat cannot refuse to) reaches that same node.
    fn finish_node_at(
        &self,
        dir: &OwnedFd,
        name: &[u8],
        meta: &Meta,
        has_mode: bool,
        entry: &str,
    ) -> Result<(), LayerError> {
        if needs_chown(self.new_inode_owner, meta) {
            rfs::chownat(
                dir,
                name,
                Some(uid(meta.uid)),
                Some(gid(meta.gid)),
                AtFlags::SYMLINK_NOFOLLOW,
            )
            .map_err(|errno| owner_error(errno, entry, meta))?;
        }
        if !meta.xattrs.is_empty() {
            // user.* xattrs are only allowed on regular files and directories.
            tracing::debug!(entry, "skipping extended attributes of a special file");
        }
        if has_mode && self.needs_chmod(meta.mode) {
            rfs::chmodat(dir, name, Mode::from_raw_mode(meta.mode), AtFlags::empty())
                .map_err(|source| fs_error(entry, "set the mode of", source))?;
        }
        rfs::utimensat(dir, name, &timestamps(meta), AtFlags::SYMLINK_NOFOLLOW)
            .map_err(|source| fs_error(entry, "set the mtime of", source))
    }

    fn create_whiteout(
        &mut self,
        path: &LayerPath,
        meta: &Meta,
        entry: &str,
    ) -> Result<(), LayerError> {
        let (parent, name) = path.split_last().expect("whiteouts never name the root");
        let dir = self.locate_dir(parent, entry)?;
        // Since Linux 5.8 a 0:0 character device needs no CAP_MKNOD.
        match rfs::mknodat(&*dir, name, FileType::CharacterDevice, Mode::empty(), 0) {
            // A whiteout only hides lower layers (OCI image spec): an entry this
            // layer already created stays. A directory must then hide the lower
            // directory's contents; any other file shadows the lower one anyway.
            Err(Errno::EXIST) => {
                let stat = rfs::statat(&*dir, name, AtFlags::SYMLINK_NOFOLLOW)
                    .map_err(|source| fs_error(entry, "inspect the existing file at", source))?;
                if FileType::from_raw_mode(stat.st_mode) == FileType::Directory {
                    set_opaque_at(dir.as_fd(), name, entry)?;
                }
                tracing::debug!(
                    entry,
                    path = %path,
                    "whiteout for an entry of the same layer: keeping the entry"
                );
                return Ok(());
            }
            other => other,
        }
        .map_err(|source| match source {
            Errno::PERM => LayerError::WhiteoutNotPermitted {
                path: entry.to_owned(),
            },
            source => fs_error(entry, "create whiteout for", source),
        })?;
        if needs_chown(self.new_inode_owner, meta) {
            rfs::chownat(
                &*dir,
                name,
                Some(uid(meta.uid)),
                Some(gid(meta.gid)),
                AtFlags::SYMLINK_NOFOLLOW,
            )
            .map_err(|errno| owner_error(errno, entry, meta))?;
        }
        Ok(())
    }

    fn mark_opaque(&mut self, dir: &LayerPath, entry: &str) -> Result<(), LayerError> {
        let located = self.locate_dir(dir.as_bytes(), entry)?;
        set_opaque_at(located.as_fd(), ".", entry)
    }

    /// The directory at `parent` (normalised path bytes), created with its
    /// missing ancestors if needed; served from the cache when possible.
    fn locate_dir(&mut self, parent: &[u8], entry: &str) -> Result<Rc<OwnedFd>, LayerError> {
        if parent.is_empty() {
            return Ok(Rc::clone(&self.root));
        }
        if let Some((cached, fd)) = &self.parent_cache
            && cached.as_slice() == parent
        {
            return Ok(Rc::clone(fd));
        }
        let fd = Rc::new(self.open_or_create_dir(parent, entry)?);
        self.parent_cache = Some((parent.to_vec(), Rc::clone(&fd)));
        Ok(fd)
    }

    /// An existing directory, never created (hard link targets).
    fn existing_dir(&self, path: &[u8]) -> Result<Rc<OwnedFd>, Errno> {
        if path.is_empty() {
            return Ok(Rc::clone(&self.root));
        }
        if let Some((cached, fd)) = &self.parent_cache
            && cached.as_slice() == path
        {
            return Ok(Rc::clone(fd));
        }
        open_in_root(self.root.as_fd(), path, OFlags::PATH | OFlags::DIRECTORY).map(Rc::new)
    }

    fn open_or_create_dir(&self, path: &[u8], entry: &str) -> Result<OwnedFd, LayerError> {
        let flags = OFlags::PATH | OFlags::DIRECTORY;
        let parent_error = |source| match source {
            Errno::NOTDIR | Errno::LOOP | Errno::EXIST => LayerError::ParentNotDirectory {
                path: entry.to_owned(),
                source,
            },
            source => fs_error(entry, "open the parent directory of", source),
        };
        match open_in_root(self.root.as_fd(), path, flags) {
            Err(Errno::NOENT) => {}
            other => return other.map_err(parent_error),
        }

        // Walk down from the root to the first missing component, then create
        // the rest. Each prefix is resolved from the root again so absolute
        // symlinks met on the way stay relative to the layer root.
        let mut current: Option<OwnedFd> = None;
        let mut end = 0;
        let mut creating = false;
        for component in path.split(|&b| b == b'/') {
            end += component.len();
            if !creating {
                match open_in_root(self.root.as_fd(), &path[..end], flags) {
                    Ok(fd) => {
                        current = Some(fd);
                        end += 1;
                        continue;
                    }
                    Err(Errno::NOENT) => creating = true,
                    Err(source) => return Err(parent_error(source)),
                }
            }
            let base = current.as_ref().map_or(self.root.as_fd(), |fd| fd.as_fd());
            // EEXIST here means the name is a dangling symlink.
            rfs::mkdirat(base, component, Mode::from_raw_mode(IMPLICIT_DIR_MODE))
                .map_err(parent_error)?;
            // The umask may have narrowed the mode; the name was just created
            // as a directory by us, so following it is harmless.
            rfs::chmodat(
                base,
                component,
                Mode::from_raw_mode(IMPLICIT_DIR_MODE),
                AtFlags::empty(),
            )
            .map_err(|source| fs_error(entry, "create a parent directory of", source))?;
            let next = rfs::openat(
                base,
                component,
                flags | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .map_err(parent_error)?;
            current = Some(next);
            end += 1;
        }
        Ok(current.expect("a non-root path has a component"))
    }

    /// Removes what this layer put at `dir/name` so a new entry can take its
    /// place, unless it is a directory and `keep_directory` is set.
    fn clear_existing(
        &mut self,
        dir: &OwnedFd,
        path: &LayerPath,
        name: &[u8],
        keep_directory: bool,
        entry: &str,
    ) -> Result<Cleared, LayerError> {
        let stat = rfs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)
            .map_err(|source| fs_error(entry, "inspect the existing file at", source))?;
        let file_type = FileType::from_raw_mode(stat.st_mode);
        let whiteout = file_type == FileType::CharacterDevice && stat.st_rdev == 0;
        match file_type {
            FileType::Directory if keep_directory => return Ok(Cleared::KeptDirectory),
            FileType::Directory => {
                remove_tree(dir.as_fd(), name).map_err(|source| {
                    fs_error(entry, "remove the existing directory at", source)
                })?;
                let (low, high) = path.descendants_range();
                let doomed: Vec<LayerPath> = self
                    .deferred_dirs
                    .range(low..high)
                    .map(|(p, _)| p.clone())
                    .collect();
                for p in doomed {
                    self.deferred_dirs.remove(&p);
                }
                self.deferred_dirs.remove(path);
                self.parent_cache = None;
            }
            file_type => {
                rfs::unlinkat(dir, name, AtFlags::empty())
                    .map_err(|source| fs_error(entry, "remove the existing file at", source))?;
                if file_type == FileType::Symlink {
                    self.parent_cache = None;
                }
            }
        }
        Ok(Cleared::Removed { whiteout })
    }

    fn needs_chmod(&self, mode: u32) -> bool {
        match self.umask {
            Some(umask) => mode & 0o7000 != 0 || mode & umask != 0,
            None => true,
        }
    }
}

/// Opens `path` below `root`, resolving every symlink and `..` as if `root`
/// were `/`. The empty path is the root itself.
fn open_in_root(root: BorrowedFd<'_>, path: &[u8], flags: OFlags) -> Result<OwnedFd, Errno> {
    let path: &[u8] = if path.is_empty() { b"." } else { path };
    let mut result = Err(Errno::AGAIN);
    for _ in 0..OPENAT2_ATTEMPTS {
        result = rfs::openat2(
            root,
            path,
            flags | OFlags::CLOEXEC,
            Mode::empty(),
            ResolveFlags::IN_ROOT | ResolveFlags::NO_MAGICLINKS,
        );
        if !matches!(result, Err(Errno::AGAIN)) {
            break;
        }
    }
    result
}

/// Recursively removes the directory `parent/name`, never following symlinks.
fn remove_tree(parent: BorrowedFd<'_>, name: &[u8]) -> Result<(), Errno> {
    let dir = rfs::openat(
        parent,
        name,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    // Collect first: unlinking while reading a directory may skip entries.
    let mut children = Vec::new();
    for child in rfs::Dir::read_from(&dir)? {
        let child = child?;
        let child_name = child.file_name().to_bytes();
        if child_name == b"." || child_name == b".." {
            continue;
        }
        children.push((child_name.to_vec(), child.file_type()));
    }
    for (child_name, file_type) in children {
        let file_type = match file_type {
            FileType::Unknown => FileType::from_raw_mode(
                rfs::statat(&dir, child_name.as_slice(), AtFlags::SYMLINK_NOFOLLOW)?.st_mode,
            ),
            known => known,
        };
        if file_type == FileType::Directory {
            remove_tree(dir.as_fd(), &child_name)?;
        } else {
            rfs::unlinkat(&dir, child_name.as_slice(), AtFlags::empty())?;
        }
    }
    rfs::unlinkat(parent, name, AtFlags::REMOVEDIR)
}

/// Marks the directory `parent/name` opaque; `name` is never followed.
fn set_opaque_at(
    parent: BorrowedFd<'_>,
    name: impl rustix::path::Arg,
    entry: &str,
) -> Result<(), LayerError> {
    // fsetxattr needs a real descriptor; O_PATH ones are refused.
    let fd = rfs::openat(
        parent,
        name,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|source| fs_error(entry, "open the directory of", source))?;
    rfs::fsetxattr(&fd, OPAQUE_XATTR, b"y", XattrFlags::empty()).map_err(|source| match source {
        Errno::OPNOTSUPP => LayerError::UserXattrUnsupported {
            path: entry.to_owned(),
        },
        source => fs_error(entry, "mark opaque the directory of", source),
    })
}

fn set_image_xattrs(fd: BorrowedFd<'_>, meta: &Meta, entry: &str) -> Result<(), LayerError> {
    for (name, value) in &meta.xattrs {
        match rfs::fsetxattr(fd, name.as_slice(), value, XattrFlags::empty()) {
            Ok(()) => {}
            // Unprivileged: no CAP_SETFCAP, or a filesystem without xattrs.
            // A v3 capability whose root uid is not mapped here is EINVAL.
            Err(errno)
                if errno == Errno::PERM
                    || errno == Errno::OPNOTSUPP
                    || (errno == Errno::INVAL && name == b"security.capability") =>
            {
                tracing::debug!(
                    entry,
                    xattr = %String::from_utf8_lossy(name),
                    %errno,
                    "skipping extended attribute"
                );
            }
            Err(source) => {
                return Err(fs_error(entry, "set an extended attribute on", source));
            }
        }
    }
    Ok(())
}

fn needs_chown(current: Option<Owner>, meta: &Meta) -> bool {
    current
        != Some(Owner {
            uid: meta.uid,
            gid: meta.gid,
        })
}

fn owner_error(errno: Errno, entry: &str, meta: &Meta) -> LayerError {
    match errno {
        Errno::INVAL => LayerError::UnmappedOwner {
            path: entry.to_owned(),
            uid: meta.uid,
            gid: meta.gid,
        },
        Errno::PERM => LayerError::ChownDenied {
            path: entry.to_owned(),
            uid: meta.uid,
            gid: meta.gid,
        },
        source => fs_error(entry, "change the owner of", source),
    }
}

fn fs_error(entry: &str, op: &'static str, source: Errno) -> LayerError {
    LayerError::Filesystem {
        path: entry.to_owned(),
        op,
        source,
    }
}

fn uid(raw: u32) -> Uid {
    Uid::from_raw(raw)
}

fn gid(raw: u32) -> Gid {
    Gid::from_raw(raw)
}

fn timestamps(meta: &Meta) -> Timestamps {
    let time = Timespec {
        tv_sec: meta.mtime.0,
        tv_nsec: meta.mtime.1.into(),
    };
    Timestamps {
        last_access: time,
        last_modification: time,
    }
}

/// Reads the umask without changing it: umask(2) can only swap, which would
/// race with other threads creating files.
fn current_umask() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let value = status
        .lines()
        .find_map(|line| line.strip_prefix("Umask:"))?;
    u32::from_str_radix(value.trim(), 8).ok()
}
