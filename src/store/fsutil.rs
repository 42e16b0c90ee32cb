//! Crash-safe file writes and advisory locks.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::fd::AsFd;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::Path;

use nix::fcntl::{Flock, FlockArg};

/// Writes `data` so that readers see either the old file or the whole new one, even after a
/// crash: stage beside the target, fsync, rename, fsync the directory.
pub fn write_atomic(path: &Path, data: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let staging = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = create_private(&staging)?;
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

/// Creates (or truncates) a file only the user can read, whatever the umask.
fn create_private(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
}

/// Writes a record only the user can read (0600): records hold environment variables,
/// command lines and the container's spec.
pub fn write_private(path: &Path, data: &[u8]) -> io::Result<()> {
    create_private(path)?.write_all(data)
}

/// Replaces `path` so readers see the old file or the whole new one, without the cost of an
/// fsync: for data that can be rebuilt, or that a crash makes irrelevant anyway.
pub fn write_replace(path: &Path, data: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let staging = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = write_private(&staging, data).and_then(|()| fs::rename(&staging, path));
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
        Lock::try_lock(open_lock_file(path)?)
    }

    /// Like `try_exclusive`, for a lock file that must already exist (NotFound otherwise):
    /// probing the lock of a directory that another process may be deleting must never put a
    /// new file into it.
    pub fn try_exclusive_existing(path: &Path) -> io::Result<Option<Lock>> {
        Lock::try_lock(OpenOptions::new().read(true).write(true).open(path)?)
    }

    fn try_lock(file: File) -> io::Result<Option<Lock>> {
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

/// Creates `dir` (mode 0700) unless it exists, then insists that it is a directory of the
/// user's own that nobody else can write: state burrow keeps there (the pause process's pid,
/// attach sockets) decides what burrow trusts, so a directory another user made first (a
/// fixed path under /tmp) or may change must never be used. Its parent must exist.
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    create_private_dir(dir)?;
    check_private_dir(dir)
}

const RUN_ROOT_FIX: &str = "or point XDG_RUNTIME_DIR or --runroot at a directory of your own";
const STORE_ROOT_FIX: &str = "or point --root at a directory of your own";

/// Creates `dir` with mode 0700; false when it already existed.
fn create_private_dir(dir: &Path) -> io::Result<bool> {
    match fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// Whether `dir` is a directory of the user's own that nobody else can write; the error says
/// what is wrong with it and what to do.
pub fn check_private_dir(dir: &Path) -> io::Result<()> {
    check_private(dir, fs::symlink_metadata(dir)?, RUN_ROOT_FIX)
}

fn check_private(dir: &Path, meta: fs::Metadata, fix: &str) -> io::Result<()> {
    let ours = meta.uid() == nix::unistd::geteuid().as_raw();
    let what = if !meta.is_dir() {
        "is not a directory"
    } else if !ours {
        "belongs to another user"
    } else if meta.mode() & 0o022 != 0 {
        "is writable by other users"
    } else {
        return Ok(());
    };
    Err(io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!(
            "{} {what}, so burrow cannot trust it; remove it (or have its owner remove it), {fix}",
            dir.display()
        ),
    ))
}

/// The run directory: its parents are made if missing (a `--runroot` of the user's choosing);
/// the directory itself must be private (see `ensure_private_dir`).
pub fn ensure_private_run_root(dir: &Path) -> io::Result<()> {
    if let Some(parent) = dir.parent()
        && !parent.exists()
    {
        fs::create_dir_all(parent)?;
    }
    ensure_private_dir(dir)
}

/// Makes the store's root the user's alone (0700, whatever the umask): records hold
/// environment variables and command lines, and layers may hold setuid files owned by the
/// user's subordinate IDs. One that others can write is refused.
pub fn ensure_private_root(dir: &Path) -> io::Result<()> {
    if let Some(parent) = dir.parent() {
        fs::create_dir_all(parent)?;
    }
    if create_private_dir(dir)? {
        return Ok(());
    }
    close_store_root(dir);
    // A root that is a symlink (a store moved to a bigger disk) is judged by its target.
    check_private(dir, fs::metadata(dir)?, STORE_ROOT_FIX)
}

/// An existing store root that others may read or enter (made by an older burrow, or by hand
/// under a umask of 022) is closed to them, with one warning. Cheap enough for every command:
/// one stat when the root is already private.
pub fn close_store_root(dir: &Path) {
    let Ok(meta) = fs::metadata(dir) else {
        return;
    };
    let mode = meta.mode() & 0o7777;
    let ours = meta.uid() == nix::unistd::geteuid().as_raw();
    // Writable by others is not repaired: `ensure_private_root` refuses it for writers.
    if meta.is_dir()
        && ours
        && mode & 0o077 != 0
        && mode & 0o022 == 0
        && fs::set_permissions(dir, fs::Permissions::from_mode(mode & 0o700)).is_ok()
    {
        tracing::warn!(
            "{} was open to other users (mode {mode:04o}); burrow made it private (0700)",
            dir.display()
        );
    }
}

/// Says so when the filesystem holding `path` is (nearly) full: an overlay that cannot make
/// its work directory comes up read-only, and the error the user sees then ("read-only file
/// system") names the symptom instead of the cause.
pub fn out_of_space(path: &Path) -> Option<String> {
    let stat = nix::sys::statvfs::statvfs(path).ok()?;
    let free = stat.blocks_available() as u64 * stat.fragment_size() as u64;
    let no_inodes = stat.files() > 0 && stat.files_available() == 0;
    // A little slack: the kernel keeps some blocks back even from an unprivileged writer.
    if free >= 256 * 1024 && !no_inodes {
        return None;
    }
    let what = if no_inodes {
        "no free inodes".to_string()
    } else {
        format!("{free} bytes free")
    };
    Some(format!(
        "no space left on the filesystem of {} ({what}); free some space (burrow image prune -a, burrow rm) and try again",
        path.display()
    ))
}

/// Bytes a tree holds as containers/storage counts a container's changes (`Usage`): every
/// entry but directories, each inode once (hard links are one file), the root itself not.
/// A missing tree holds nothing.
pub fn tree_usage(root: &Path) -> io::Result<u64> {
    let mut seen = std::collections::HashSet::new();
    let mut total = 0;
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            let meta = match entry.metadata() {
                Ok(meta) => meta,
                // Removed while walked (a running container's temporary file).
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            if !seen.insert((meta.dev(), meta.ino())) {
                continue;
            }
            if meta.is_dir() {
                pending.push(entry.path());
            } else {
                total += meta.len();
            }
        }
    }
    Ok(total)
}
