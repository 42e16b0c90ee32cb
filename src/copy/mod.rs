//! `cp`'s mechanism: a file tree read into a tar stream (`read`) and a tar stream written into
//! a directory (`write`), both working on descriptors from a root.
//!
//! A container's paths are resolved with `openat2(RESOLVE_IN_ROOT)` from a descriptor of the
//! container's root, so its symlinks (absolute or `../..`) resolve inside it; below the path
//! the user named, the tree is walked one name at a time with `O_NOFOLLOW`, so a directory
//! the container swaps for a symlink during the copy is refused, never followed
//! (CVE-2018-15664). Host paths are resolved as the caller's, relative to the working
//! directory. Where the copied tree lands is planned in `plan` (pure).

pub mod plan;
mod read;
mod write;

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

use rustix::fs::{Mode, OFlags, ResolveFlags};
use rustix::io::Errno;

pub use read::write_archive;
pub use write::{Extract, Owners, extract_archive};

/// `openat2(RESOLVE_IN_ROOT)` answers EAGAIN when a rename or mount anywhere races with a
/// `..` lookup; retrying is the documented remedy.
const OPENAT2_ATTEMPTS: usize = 64;

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    /// podman's text, `place` being `container NAME` or `the host`.
    #[error("{path:?} could not be found on {place}: no such file or directory")]
    NotFound { path: String, place: String },
    #[error("destination must be a directory when copying a directory")]
    DirectoryOntoFile,
    #[error("destination must be a directory when copying from stdin")]
    StdinNeedsDirectory,
    #[error("cannot overwrite {existing} {path:?} with a {new}; pass --overwrite to replace it")]
    WouldOverwrite {
        path: String,
        existing: &'static str,
        new: &'static str,
    },
    #[error(
        "the kernel does not support openat2, which burrow needs to copy into and out of \
         containers safely; upgrade to linux 5.6 or newer"
    )]
    Openat2Unsupported,
    #[error("cannot {op} {path:?} on {place}: {source}")]
    Filesystem {
        op: &'static str,
        path: String,
        place: String,
        #[source]
        source: Errno,
    },
    #[error("cannot read the tar stream: {0}")]
    ReadArchive(#[source] std::io::Error),
    #[error("cannot write the tar stream: {0}")]
    WriteArchive(#[source] std::io::Error),
    #[error("tar entry {path:?} is invalid: {reason}")]
    BadEntry { path: String, reason: &'static str },
}

impl CopyError {
    /// The reader or writer on the other end of the stream stopped (and says why itself).
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            CopyError::WriteArchive(e) | CopyError::ReadArchive(e) => {
                e.kind() == std::io::ErrorKind::BrokenPipe
            }
            CopyError::Filesystem { source, .. } => *source == Errno::PIPE,
            _ => false,
        }
    }
}

/// Where paths are resolved: a container's root (confined) or the caller's working directory.
pub struct Root {
    fd: Option<OwnedFd>,
    resolve: ResolveFlags,
    /// `container NAME` or `the host`, for messages.
    pub place: String,
}

impl Root {
    /// A container's root, already open (its merged overlay, or `/` after joining its mount
    /// namespace): every path is resolved inside it.
    pub fn container(fd: OwnedFd, name: &str) -> Result<Root, CopyError> {
        // Probe once so an old kernel fails with a clear message, not halfway.
        if let Err(Errno::NOSYS) = open_beneath(fd.as_fd(), "", OFlags::PATH) {
            return Err(CopyError::Openat2Unsupported);
        }
        Ok(Root {
            fd: Some(fd),
            resolve: ResolveFlags::IN_ROOT | ResolveFlags::NO_MAGICLINKS,
            place: format!("container {name}"),
        })
    }

    /// The caller's own files, resolved as any program of theirs would.
    pub fn host() -> Root {
        Root {
            fd: None,
            resolve: ResolveFlags::empty(),
            place: "the host".into(),
        }
    }

    fn dir(&self) -> BorrowedFd<'_> {
        self.fd.as_ref().map_or(rustix::fs::CWD, |fd| fd.as_fd())
    }

    /// Opens `path` (symlinks followed, inside the root for a container).
    fn open(&self, path: &str, flags: OFlags) -> Result<OwnedFd, Errno> {
        let path = if path.is_empty() { "." } else { path };
        openat2_retry(self.dir(), path, flags, self.resolve)
    }

    fn error(&self, op: &'static str, path: &str, source: Errno) -> CopyError {
        CopyError::Filesystem {
            op,
            path: path.to_owned(),
            place: self.place.clone(),
            source,
        }
    }

    fn not_found(&self, path: &str) -> CopyError {
        CopyError::NotFound {
            path: path.to_owned(),
            place: self.place.clone(),
        }
    }
}

/// Opens `path` below `dir`, resolved as if `dir` were `/`: nothing above it can be reached.
fn open_beneath(dir: BorrowedFd<'_>, path: &str, flags: OFlags) -> Result<OwnedFd, Errno> {
    let path = if path.is_empty() { "." } else { path };
    openat2_retry(
        dir,
        path,
        flags,
        ResolveFlags::IN_ROOT | ResolveFlags::NO_MAGICLINKS,
    )
}

fn openat2_retry(
    dir: BorrowedFd<'_>,
    path: &str,
    flags: OFlags,
    resolve: ResolveFlags,
) -> Result<OwnedFd, Errno> {
    let mut attempt = 0;
    loop {
        match rustix::fs::openat2(dir, path, flags | OFlags::CLOEXEC, Mode::empty(), resolve) {
            Err(Errno::AGAIN) if attempt + 1 < OPENAT2_ATTEMPTS => attempt += 1,
            other => return other,
        }
    }
}
