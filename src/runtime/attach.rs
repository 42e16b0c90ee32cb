//! Mounts burrow makes for the user rather than for a container (`burrow mount`, `burrow image
//! mount`): attached in the mount namespace the caller is in (under `burrow unshare`, the one
//! the pause process keeps), found again through /proc/self/mountinfo.

use std::ffi::OsString;
use std::os::fd::AsFd;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};

use nix::mount::MsFlags;
use rustix::fs::CWD;
use rustix::io::Errno;
use rustix::mount::{FsMountFlags, FsOpenFlags, MountAttrFlags, MoveMountFlags, UnmountFlags};

use super::RuntimeError;

fn sys(what: String) -> impl FnOnce(Errno) -> RuntimeError {
    move |errno| RuntimeError::Setup {
        what,
        source: std::io::Error::from(errno),
    }
}

/// The mount points /proc/self/mountinfo lists (its fifth field, with the kernel's octal escapes
/// of space, tab, newline and backslash undone). Pure, for tests.
pub fn mount_points(mountinfo: &str) -> Vec<PathBuf> {
    mountinfo
        .lines()
        .filter_map(|line| line.split(' ').nth(4))
        .map(|field| PathBuf::from(OsString::from_vec(unescape(field))))
        .collect()
}

fn unescape(field: &str) -> Vec<u8> {
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes
            .get(i + 1..i + 4)
            .filter(|d| bytes[i] == b'\\' && d.iter().all(|b| (b'0'..=b'7').contains(b)));
        match octal {
            Some(d) => {
                out.push(d.iter().fold(0u8, |n, b| n.wrapping_mul(8) + (b - b'0')));
                i += 4;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    out
}

/// The mount points of the caller's mount namespace.
pub fn current_mount_points() -> Result<Vec<PathBuf>, RuntimeError> {
    let text =
        std::fs::read_to_string("/proc/self/mountinfo").map_err(|source| RuntimeError::Setup {
            what: "read /proc/self/mountinfo".into(),
            source,
        })?;
    Ok(mount_points(&text))
}

/// Attaches a read-only view of `dirs` (layer directories, bottom first) at `target`: an
/// overlay of them, or a bind mount of the only one (overlay wants two without an upper).
pub fn attach_read_only(dirs: &[PathBuf], target: &Path) -> Result<(), RuntimeError> {
    if let [only] = dirs {
        let bind = |flags: MsFlags, what: &str| {
            nix::mount::mount(Some(only), target, None::<&str>, flags, None::<&str>).map_err(|e| {
                RuntimeError::Setup {
                    what: format!("{what} {} at {}", only.display(), target.display()),
                    source: e.into(),
                }
            })
        };
        bind(MsFlags::MS_BIND, "bind")?;
        return bind(
            MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY,
            "make read-only the bind of",
        );
    }
    let mount = {
        let fs = rustix::mount::fsopen("overlay", FsOpenFlags::FSOPEN_CLOEXEC)
            .map_err(sys("open an overlay filesystem context".into()))?;
        for dir in dirs.iter().rev() {
            rustix::mount::fsconfig_set_string(fs.as_fd(), "lowerdir+", dir)
                .map_err(sys(format!("add layer {} to the overlay", dir.display())))?;
        }
        // Whiteouts and opaque markers are user.* xattrs in burrow's layers.
        rustix::mount::fsconfig_set_flag(fs.as_fd(), "userxattr")
            .map_err(sys("enable overlay userxattr".into()))?;
        rustix::mount::fsconfig_create(fs.as_fd())
            .map_err(sys("create the overlay mount".into()))?;
        rustix::mount::fsmount(
            fs.as_fd(),
            FsMountFlags::FSMOUNT_CLOEXEC,
            MountAttrFlags::MOUNT_ATTR_RDONLY,
        )
        .map_err(sys("mount the overlay".into()))?
    };
    rustix::mount::move_mount(
        mount.as_fd(),
        "",
        CWD,
        target,
        MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH,
    )
    .map_err(sys(format!("attach the mount at {}", target.display())))
}

/// Detaches whatever is mounted at `target` in the caller's mount namespace; false when
/// nothing was.
pub fn detach(target: &Path) -> Result<bool, RuntimeError> {
    match rustix::mount::unmount(target, UnmountFlags::DETACH) {
        Ok(()) => Ok(true),
        // Not a mount point here (or not there at all), or, outside the user namespace, not
        // one of ours: nothing to do.
        Err(Errno::INVAL | Errno::NOENT | Errno::PERM) => Ok(false),
        Err(e) => Err(sys(format!("unmount {}", target.display()))(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mount_points_undo_the_kernel_escapes() {
        let info = "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n\
                    90 22 0:50 / /home/a\\040b/merged rw - overlay overlay rw,userxattr\n\
                    91 22 0:51 / /x\\134y rw - tmpfs tmpfs rw\n";
        assert_eq!(
            mount_points(info),
            vec![
                PathBuf::from("/"),
                PathBuf::from("/home/a b/merged"),
                PathBuf::from("/x\\y"),
            ]
        );
    }

    #[test]
    fn a_backslash_without_three_octal_digits_stays() {
        assert_eq!(unescape("a\\9b\\04"), b"a\\9b\\04".to_vec());
    }
}
