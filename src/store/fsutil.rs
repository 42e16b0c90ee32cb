//! Crash-safe file writes and advisory locks.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::fd::AsFd;
use std::path::Path;

use nix::fcntl::{Flock, FlockArg};

/// Writes `data` so that readers see either the old file or the whole new one, even after a
/// crash: stage beside the target, fsync, rename, fsync the directory.
pub fn write_atomic(path: &Path, data: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let staging = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = File::create(&staging)?;
        file.write_all(data)?;
        file.sync_all()?;
        fs::rename(&staging, path)?;
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&staging);
    }
    result
}

/// Replaces `path` so readers see the old file or the whole new one, without the cost of an
/// fsync: for data that can be rebuilt, or that a crash makes irrelevant anyway.
pub fn write_replace(path: &Path, data: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let staging = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = fs::write(&staging, data).and_then(|()| fs::rename(&staging, path));
    if result.is_err() {
        let _ = fs::remove_file(&staging);
    }
    result
}

/// An exclusive advisory lock on a lock file, released when dropped (or when the process dies,
/// so a killed burrow never leaves a lock behind).
pub struct Lock {
    _flock: Flock<File>,
}

fn open_lock_file(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
}

impl Lock {
    /// Waits for the lock.
    pub fn exclusive(path: &Path) -> io::Result<Lock> {
        let file = open_lock_file(path)?;
        let flock =
            Flock::lock(file, FlockArg::LockExclusive).map_err(|(_, e)| io::Error::from(e))?;
        Ok(Lock { _flock: flock })
    }

    /// Takes the lock only if nobody holds it.
    pub fn try_exclusive(path: &Path) -> io::Result<Option<Lock>> {
        let file = open_lock_file(path)?;
        match Flock::lock(file, FlockArg::LockExclusiveNonblock) {
            Ok(flock) => Ok(Some(Lock { _flock: flock })),
            Err((_, nix::errno::Errno::EWOULDBLOCK)) => Ok(None),
            Err((_, e)) => Err(e.into()),
        }
    }
}

/// Flushes a whole filesystem once, cheaper than an fsync per file of an extracted layer.
pub fn sync_filesystem(path: &Path) -> io::Result<()> {
    let dir = File::open(path)?;
    rustix::fs::syncfs(dir.as_fd()).map_err(io::Error::from)
}
