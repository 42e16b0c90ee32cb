//! Building the container's root filesystem inside its user and mount namespace: the overlay of
//! the image layers, the spec's mounts, device nodes, pivot_root, masked and read-only paths.
//!
//! Every mount target is resolved inside the rootfs with openat2(RESOLVE_IN_ROOT) and mounted
//! through its /proc/self/fd path, so an image whose /etc or /proc is a symlink to a host path
//! cannot redirect a mount (or a write) onto the host.

use std::ffi::OsStr;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStringExt;
use std::path::{Component, Path, PathBuf};

use nix::mount::{MntFlags, MsFlags, mount, umount2};
use oci_spec::runtime::{Mount, Spec};
use rustix::fs::{CWD, Mode, OFlags, ResolveFlags};
use rustix::io::Errno;
use rustix::mount::{FsMountFlags, FsOpenFlags, MountAttrFlags, MoveMountFlags};

use super::RuntimeError;
use super::mountopts;

/// Where the container's root comes from.
#[derive(Debug, Clone)]
pub struct Rootfs {
    /// Layer diff directories, bottom layer first.
    pub layers: Vec<PathBuf>,
    pub upper: PathBuf,
    pub work: PathBuf,
    /// The mount point of the overlay.
    pub merged: PathBuf,
    /// Skip overlay's syncs of the upper directory (`volatile`), for a container whose files
    /// are deleted when it ends anyway: its unmount then costs no flush of the filesystem.
    pub volatile: bool,
}

fn sys(what: impl Into<String>) -> impl FnOnce(Errno) -> RuntimeError {
    let what = what.into();
    move |errno| RuntimeError::Setup {
        what,
        source: std::io::Error::from(errno),
    }
}

fn nix_sys(what: impl Into<String>) -> impl FnOnce(nix::Error) -> RuntimeError {
    let what = what.into();
    move |errno| RuntimeError::Setup {
        what,
        source: std::io::Error::from(errno),
    }
}

/// Mounts the overlay with the new mount API: `lowerdir+` takes one layer per call, so any
/// number of layers fits (mount(2)'s options are limited to one page).
pub fn mount_overlay(rootfs: &Rootfs) -> Result<(), RuntimeError> {
    let fs = rustix::mount::fsopen("overlay", FsOpenFlags::FSOPEN_CLOEXEC)
        .map_err(sys("open an overlay filesystem context"))?;
    // The top layer comes first in overlay's lower stack.
    for layer in rootfs.layers.iter().rev() {
        rustix::mount::fsconfig_set_string(fs.as_fd(), "lowerdir+", layer)
            .map_err(sys(format!("add layer {} to the overlay", layer.display())))?;
    }
    rustix::mount::fsconfig_set_string(fs.as_fd(), "upperdir", &rootfs.upper)
        .map_err(sys("set the overlay upper directory"))?;
    rustix::mount::fsconfig_set_string(fs.as_fd(), "workdir", &rootfs.work)
        .map_err(sys("set the overlay work directory"))?;
    // Unprivileged overlay keeps whiteouts and opaque markers in user.* xattrs.
    rustix::mount::fsconfig_set_flag(fs.as_fd(), "userxattr")
        .map_err(sys("enable overlay userxattr"))?;
    if rootfs.volatile {
        rustix::mount::fsconfig_set_flag(fs.as_fd(), "volatile")
            .map_err(sys("enable overlay volatile"))?;
    }
    rustix::mount::fsconfig_create(fs.as_fd()).map_err(sys(
        "create the overlay mount (kernel 6.8 or newer is needed)",
    ))?;
    let mnt = rustix::mount::fsmount(
        fs.as_fd(),
        FsMountFlags::FSMOUNT_CLOEXEC,
        MountAttrFlags::empty(),
    )
    .map_err(sys("mount the overlay"))?;
    rustix::mount::move_mount(
        mnt.as_fd(),
        "",
        CWD,
        &rootfs.merged,
        MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH,
    )
    .map_err(sys(format!(
        "attach the overlay at {}",
        rootfs.merged.display()
    )))
}

/// Opens `path` inside `root` as an O_PATH descriptor, creating missing directories (and, when
/// `file` is set, the final component as an empty file) without leaving the root. A dangling
/// symlink on the way is followed inside the root and its target created there, as crun does.
pub fn resolve_in_root(root: &OwnedFd, path: &Path, file: bool) -> Result<OwnedFd, RuntimeError> {
    resolve_in_root_depth(root, path, file, 0)
}

/// Symlink hops before giving up, as the kernel's ELOOP limit.
const MAX_SYMLINKS: usize = 40;

fn resolve_in_root_depth(
    root: &OwnedFd,
    path: &Path,
    file: bool,
    depth: usize,
) -> Result<OwnedFd, RuntimeError> {
    let how = ResolveFlags::IN_ROOT | ResolveFlags::NO_MAGICLINKS;
    let open = |p: &Path, flags: OFlags| {
        rustix::fs::openat2(root.as_fd(), p, flags | OFlags::CLOEXEC, Mode::empty(), how)
    };
    let components: Vec<&OsStr> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n),
            _ => None,
        })
        .collect();
    let mut current = PathBuf::new();
    for (i, name) in components.iter().enumerate() {
        let parent = open(&current_or_dot(&current), OFlags::PATH | OFlags::DIRECTORY)
            .map_err(sys(format!("open {} in the container", current.display())))?;
        current.push(name);
        let last = i + 1 == components.len();
        match open(&current, OFlags::PATH) {
            Ok(fd) if last => return Ok(fd),
            Ok(_) => continue,
            Err(Errno::NOENT) => {}
            Err(e) => {
                return Err(sys(format!("open {} in the container", current.display()))(
                    e,
                ));
            }
        }
        let created = if last && file {
            rustix::fs::openat(
                parent.as_fd(),
                *name,
                OFlags::CREATE | OFlags::WRONLY | OFlags::CLOEXEC | OFlags::NOFOLLOW,
                Mode::from_raw_mode(0o644),
            )
            .map(drop)
        } else {
            rustix::fs::mkdirat(parent.as_fd(), *name, Mode::from_raw_mode(0o755))
        };
        match created {
            Ok(()) => {}
            // The name exists but did not resolve: a dangling symlink. Its target is created
            // inside the root, then the rest of the path is resolved from there.
            Err(Errno::EXIST | Errno::LOOP) => {
                if depth >= MAX_SYMLINKS {
                    return Err(sys(format!("resolve {} in the container", path.display()))(
                        Errno::LOOP,
                    ));
                }
                let target =
                    rustix::fs::readlinkat(parent.as_fd(), *name, Vec::new()).map_err(sys(
                        format!("read the link {} in the container", current.display()),
                    ))?;
                let target = PathBuf::from(std::ffi::OsString::from_vec(target.into_bytes()));
                let mut next = match current.parent() {
                    _ if target.is_absolute() => target,
                    Some(dir) => dir.join(target),
                    None => target,
                };
                next.extend(&components[i + 1..]);
                return resolve_in_root_depth(root, &next, file, depth + 1);
            }
            Err(e) => {
                return Err(sys(format!(
                    "create {} in the container",
                    current.display()
                ))(e));
            }
        }
        if last {
            return open(&current, OFlags::PATH)
                .map_err(sys(format!("open {} in the container", current.display())));
        }
    }
    open(Path::new("."), OFlags::PATH | OFlags::DIRECTORY).map_err(sys("open the container root"))
}

fn current_or_dot(p: &Path) -> PathBuf {
    if p.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        p.to_path_buf()
    }
}

/// The path through which the kernel mounts onto an already-resolved target.
fn fd_path(fd: &OwnedFd) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()))
}

fn open_root(merged: &Path) -> Result<OwnedFd, RuntimeError> {
    rustix::fs::open(
        merged,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(sys(format!("open the rootfs {}", merged.display())))
}

/// Mounts one spec mount at its destination inside the rootfs.
fn mount_one(root: &OwnedFd, m: &Mount) -> Result<(), RuntimeError> {
    let options = mountopts::parse(m.options().as_deref().unwrap_or_default());
    let kind = m
        .typ()
        .as_deref()
        .unwrap_or(if options.bind { "bind" } else { "none" });
    let source = m.source().clone().unwrap_or_else(|| PathBuf::from(kind));
    let file_target = options.bind && std::fs::metadata(&source).is_ok_and(|md| !md.is_dir());
    let target = resolve_in_root(root, m.destination(), file_target)?;
    let target_path = fd_path(&target);
    let what = format!(
        "mount {} on {}",
        source.display(),
        m.destination().display()
    );
    let data = (!options.data.is_empty()).then_some(options.data.as_str());
    // "cgroup" in a spec means the host's kind: cgroup2 on a unified host. On legacy and hybrid
    // hosts the v1 hierarchies cannot be mounted from a user namespace; the bind below serves.
    let kind = if kind == "cgroup" && crate::cgroups::detect().version == "v2" {
        "cgroup2"
    } else {
        kind
    };
    let result = if options.bind {
        mount(
            Some(&source),
            &target_path,
            None::<&str>,
            options.flags & (MsFlags::MS_BIND | MsFlags::MS_REC),
            None::<&str>,
        )
    } else if kind == "cgroup" {
        Err(nix::Error::EPERM)
    } else {
        mount(Some(&source), &target_path, Some(kind), options.flags, data)
    };
    match result {
        Ok(()) => {}
        // A user namespace may not mount sysfs when it does not own the network namespace, nor
        // cgroupfs on hosts that do not delegate: bind the host's read-only, as crun does.
        Err(nix::Error::EPERM | nix::Error::EINVAL)
            if matches!(kind, "sysfs" | "cgroup" | "cgroup2") =>
        {
            let host = if kind == "sysfs" {
                "/sys"
            } else {
                "/sys/fs/cgroup"
            };
            mount(
                Some(host),
                &target_path,
                None::<&str>,
                MsFlags::MS_BIND | MsFlags::MS_REC,
                None::<&str>,
            )
            .map_err(nix_sys(what.clone()))?;
            // The old descriptor names the covered directory; the new mount needs a new one.
            let target = resolve_in_root(root, m.destination(), false)?;
            // Every mount of the tree, not only its top: below it sit the host's cgroup v1
            // hierarchies (or /sys's own submounts), writable where the user owns a cgroup.
            seal_tree(&target).map_err(sys(what))?;
            return Ok(());
        }
        Err(e) => return Err(nix_sys(what)(e)),
    }
    if options.bind
        && (options.readonly
            || !options
                .flags
                .difference(MsFlags::MS_BIND | MsFlags::MS_REC)
                .is_empty())
    {
        // Bind mounts ignore most flags on creation; a remount applies them.
        let target = resolve_in_root(root, m.destination(), file_target)?;
        remount_readonly(&target, options.flags, &what)?;
    }
    if let Some(propagation) = options.propagation {
        let target = resolve_in_root(root, m.destination(), file_target)?;
        mount(
            None::<&str>,
            &fd_path(&target),
            None::<&str>,
            propagation,
            None::<&str>,
        )
        .map_err(nix_sys(what))?;
    }
    Ok(())
}

/// Remounts a bind mount with `flags` (keeping what the kernel requires a user namespace to
/// keep: nodev/nosuid/noexec locked by the parent mount are added back on EPERM).
fn remount_readonly(target: &OwnedFd, flags: MsFlags, what: &str) -> Result<(), RuntimeError> {
    let keep = MsFlags::MS_RDONLY | MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC;
    let base = MsFlags::MS_REMOUNT | MsFlags::MS_BIND | (flags & keep);
    let path = fd_path(target);
    match mount(None::<&str>, &path, None::<&str>, base, None::<&str>) {
        Ok(()) => Ok(()),
        Err(nix::Error::EPERM) => {
            let locked = nix::sys::statvfs::statvfs(&path).map_err(nix_sys(what.to_string()))?;
            use nix::sys::statvfs::FsFlags;
            let mut more = MsFlags::empty();
            for (f, m) in [
                (FsFlags::ST_NOSUID, MsFlags::MS_NOSUID),
                (FsFlags::ST_NODEV, MsFlags::MS_NODEV),
                (FsFlags::ST_NOEXEC, MsFlags::MS_NOEXEC),
            ] {
                if locked.flags().contains(f) {
                    more |= m;
                }
            }
            mount(None::<&str>, &path, None::<&str>, base | more, None::<&str>)
                .map_err(nix_sys(what.to_string()))
        }
        Err(e) => Err(nix_sys(what.to_string())(e)),
    }
}

/// Makes a mount and every mount below it read-only, nosuid, nodev and noexec in one call.
/// Only adding flags, this is allowed even where the host locked others.
fn seal_tree(target: &OwnedFd) -> Result<(), Errno> {
    // The kernel's struct mount_attr (linux/mount.h).
    #[repr(C)]
    struct MountAttr {
        attr_set: u64,
        attr_clr: u64,
        propagation: u64,
        userns_fd: u64,
    }
    let attr = MountAttr {
        attr_set: libc::MOUNT_ATTR_RDONLY
            | libc::MOUNT_ATTR_NOSUID
            | libc::MOUNT_ATTR_NODEV
            | libc::MOUNT_ATTR_NOEXEC,
        attr_clr: 0,
        propagation: 0,
        userns_fd: 0,
    };
    // SAFETY: mount_setattr reads `size_of::<MountAttr>()` bytes from `attr`, which outlives
    // the call, and the empty path is a NUL-terminated string.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            target.as_raw_fd(),
            c"".as_ptr(),
            libc::AT_EMPTY_PATH | libc::AT_RECURSIVE,
            &attr as *const MountAttr,
            std::mem::size_of::<MountAttr>(),
        )
    };
    if rc != 0 {
        return Err(Errno::from_io_error(&std::io::Error::last_os_error()).unwrap_or(Errno::INVAL));
    }
    Ok(())
}

/// Device nodes a rootless container gets, bound from the host (mknod is not allowed).
const DEVICES: &[&str] = &["null", "zero", "full", "random", "urandom", "tty"];

fn bind_devices(root: &OwnedFd) -> Result<(), RuntimeError> {
    for name in DEVICES {
        let host = Path::new("/dev").join(name);
        let target = resolve_in_root(root, &Path::new("dev").join(name), true)?;
        mount(
            Some(&host),
            &fd_path(&target),
            None::<&str>,
            MsFlags::MS_BIND,
            None::<&str>,
        )
        .map_err(nix_sys(format!("bind {}", host.display())))?;
    }
    let dev = resolve_in_root(root, Path::new("dev"), false)?;
    for (link, target) in [
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
        ("ptmx", "pts/ptmx"),
        ("core", "/proc/kcore"),
    ] {
        match rustix::fs::symlinkat(target, dev.as_fd(), link) {
            Ok(()) | Err(Errno::EXIST) => {}
            Err(e) => return Err(sys(format!("link /dev/{link}"))(e)),
        }
    }
    Ok(())
}

/// Swaps the root for the rootfs and drops the old one, without needing a spare directory.
fn pivot(merged: &Path) -> Result<(), RuntimeError> {
    nix::unistd::chdir(merged).map_err(nix_sys("enter the rootfs"))?;
    nix::unistd::pivot_root(".", ".").map_err(nix_sys("pivot_root into the rootfs"))?;
    // The old root is now stacked under "."; detach it so no host path stays reachable.
    umount2(".", MntFlags::MNT_DETACH).map_err(nix_sys("detach the old root"))?;
    nix::unistd::chdir("/").map_err(nix_sys("enter the new root"))
}

/// Hides a path: /dev/null over files, an empty read-only tmpfs over directories.
fn mask(path: &str) -> Result<(), RuntimeError> {
    let what = format!("mask {path}");
    match std::fs::metadata(path) {
        Err(_) => Ok(()),
        Ok(md) if md.is_dir() => mount(
            Some("tmpfs"),
            path,
            Some("tmpfs"),
            MsFlags::MS_RDONLY,
            Some("size=0k"),
        )
        .map_err(nix_sys(what)),
        Ok(_) => mount(
            Some("/dev/null"),
            path,
            None::<&str>,
            MsFlags::MS_BIND,
            None::<&str>,
        )
        .map_err(nix_sys(what)),
    }
}

fn make_readonly(path: &str) -> Result<(), RuntimeError> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(());
    }
    let what = format!("make {path} read-only");
    mount(
        Some(path),
        path,
        None::<&str>,
        MsFlags::MS_BIND | MsFlags::MS_REC,
        None::<&str>,
    )
    .map_err(nix_sys(what.clone()))?;
    let fd = rustix::fs::open(path, OFlags::PATH | OFlags::CLOEXEC, Mode::empty())
        .map_err(sys(what.clone()))?;
    remount_readonly(
        &fd,
        MsFlags::MS_RDONLY | MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC,
        &what,
    )
}

/// Lines the container's /etc/passwd and /etc/group get at its start (each unless the file
/// already has its name or ID): `--userns keep-id`, `--hostuser`.
#[derive(Debug, Clone, Copy, Default)]
pub struct AccountEntries<'a> {
    pub passwd: &'a [String],
    pub group: &'a [String],
}

/// Appends to the file at `path` in the root the lines of `entries` it lacks. Written through
/// the overlay by the container's root, so the copied-up file keeps the image's owner and mode
/// (podman appends to the mounted rootfs the same way). An image without /etc gets nothing.
fn add_entries(root: &OwnedFd, path: &str, entries: &[String]) -> Result<(), RuntimeError> {
    use std::io::{Read, Write};
    if entries.is_empty() {
        return Ok(());
    }
    let what = format!("add the user's entry to {path}");
    let fd = match rustix::fs::openat2(
        root.as_fd(),
        path.trim_start_matches('/'),
        OFlags::RDWR | OFlags::APPEND | OFlags::CREATE | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o644),
        ResolveFlags::IN_ROOT | ResolveFlags::NO_MAGICLINKS,
    ) {
        Ok(fd) => fd,
        Err(Errno::NOENT) => return Ok(()),
        Err(e) => return Err(sys(what)(e)),
    };
    let mut file = std::fs::File::from(fd);
    let mut text = String::new();
    file.read_to_string(&mut text)
        .map_err(|source| RuntimeError::Setup {
            what: what.clone(),
            source,
        })?;
    let missing = crate::spec::missing_entries(&text, entries);
    if missing.is_empty() {
        return Ok(());
    }
    let mut out = String::new();
    if !text.is_empty() && !text.ends_with('\n') {
        out.push('\n');
    }
    for line in missing {
        out.push_str(line);
        out.push('\n');
    }
    file.write_all(out.as_bytes())
        .map_err(|source| RuntimeError::Setup { what, source })
}

/// Builds the whole root filesystem and pivots into it. Runs in the container's namespaces.
///
/// `shm`, a detached copy of another container's /dev/shm mount (`--ipc container:X`), goes
/// where the spec mounts a /dev/shm of the container's own.
pub fn prepare(
    spec: &Spec,
    rootfs: &Rootfs,
    accounts: AccountEntries,
    shm: Option<OwnedFd>,
) -> Result<(), RuntimeError> {
    let mut shm = shm;
    // Our mounts must not propagate back to the host's namespace.
    mount(
        None::<&str>,
        "/",
        None::<&str>,
        MsFlags::MS_REC | MsFlags::MS_PRIVATE,
        None::<&str>,
    )
    .map_err(nix_sys("make the mount namespace private"))?;
    mount_overlay(rootfs)?;
    let root = open_root(&rootfs.merged)?;
    add_entries(&root, "/etc/passwd", accounts.passwd)?;
    add_entries(&root, "/etc/group", accounts.group)?;
    for m in spec.mounts().as_deref().unwrap_or_default() {
        match shm.take() {
            Some(tree) if m.destination() == Path::new("/dev/shm") => {
                let target = resolve_in_root(&root, m.destination(), false)?;
                rustix::mount::move_mount(
                    tree.as_fd(),
                    "",
                    target.as_fd(),
                    "",
                    MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH
                        | MoveMountFlags::MOVE_MOUNT_T_EMPTY_PATH,
                )
                .map_err(sys("attach the /dev/shm of the container given to --ipc"))?;
            }
            other => {
                shm = other;
                mount_one(&root, m)?;
            }
        }
    }
    // A /dev bound from the host has its own nodes and links, and is not ours to write to
    // (runc's needsSetupDev).
    let dev_bound = spec
        .mounts()
        .as_deref()
        .unwrap_or_default()
        .iter()
        .any(|m| m.destination() == Path::new("/dev") && m.typ().as_deref() == Some("bind"));
    if !dev_bound {
        bind_devices(&root)?;
    }
    drop(root);
    pivot(&rootfs.merged)?;
    if let Some(linux) = spec.linux() {
        for path in linux.masked_paths().as_deref().unwrap_or_default() {
            mask(path)?;
        }
        for path in linux.readonly_paths().as_deref().unwrap_or_default() {
            make_readonly(path)?;
        }
    }
    if spec
        .root()
        .as_ref()
        .is_some_and(|r| r.readonly().unwrap_or(false))
    {
        mount(
            None::<&str>,
            "/",
            None::<&str>,
            MsFlags::MS_REMOUNT | MsFlags::MS_BIND | MsFlags::MS_RDONLY,
            None::<&str>,
        )
        .map_err(nix_sys("make the root read-only"))?;
    }
    Ok(())
}

/// Reads a file of the image as the container will see it, from the top layer down, without
/// following a symlink out of a layer. Whiteouts and opaque directories across layers are not
/// considered: this serves /etc/passwd and /etc/group, which images do not delete.
pub fn read_layer_file(layers: &[PathBuf], path: &Path) -> Option<String> {
    let relative = path.strip_prefix("/").unwrap_or(path);
    for layer in layers.iter().rev() {
        let Ok(root) = rustix::fs::open(
            layer,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        ) else {
            continue;
        };
        let how = ResolveFlags::IN_ROOT | ResolveFlags::NO_MAGICLINKS;
        match rustix::fs::openat2(
            root.as_fd(),
            relative,
            OFlags::RDONLY | OFlags::CLOEXEC,
            Mode::empty(),
            how,
        ) {
            Ok(fd) => {
                let mut text = String::new();
                use std::io::Read;
                return std::fs::File::from(fd)
                    .read_to_string(&mut text)
                    .ok()
                    .map(|_| text);
            }
            Err(Errno::NOENT) => continue,
            Err(_) => return None,
        }
    }
    None
}
