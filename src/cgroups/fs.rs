//! cgroupfs: the interface files of a delegated cgroup v2 subtree, written directly.

use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::limits::FileWrite;
use super::{CgroupError, ROOT, stat};

/// The leaf the caller's own processes move to when their cgroup starts to hand controllers
/// down: cgroup v2 lets only cgroups without processes of their own do that.
const CALLER_LEAF: &str = "burrow-caller";

/// A cgroup path ("/user.slice/x") as its directory.
pub fn path_of(cgroup: &str) -> PathBuf {
    Path::new(ROOT).join(cgroup.trim_start_matches('/'))
}

/// Whether the user `uid` owns the cgroup and may create children and move processes in it.
pub fn writable(dir: &Path, uid: u32) -> bool {
    let owned = |path: &Path| std::fs::metadata(path).is_ok_and(|m| m.uid() == uid);
    owned(dir) && owned(&dir.join("cgroup.procs")) && owned(&dir.join("cgroup.subtree_control"))
}

fn write(dir: &Path, file: &str, value: &str) -> Result<(), CgroupError> {
    let path = dir.join(file);
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .and_then(|mut f| f.write_all(value.as_bytes()))
        .map_err(CgroupError::io("write", &path))
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_default()
}

/// Writes the planned interface files into `dir`.
pub fn apply(dir: &Path, writes: &[FileWrite]) -> Result<(), CgroupError> {
    for w in writes {
        write(dir, w.file, &w.value)?;
    }
    Ok(())
}

/// Makes `dir` below `parent` with `controllers` handed down to it. The parent's own
/// processes (the caller's, in a freshly delegated scope) first move to a leaf of their own.
pub fn create(parent: &Path, dir: &Path, controllers: &[&str]) -> Result<(), CgroupError> {
    let enabled = stat::parse_controllers(&read(parent, "cgroup.subtree_control"));
    let missing: Vec<&str> = controllers
        .iter()
        .copied()
        .filter(|c| !enabled.iter().any(|e| e == c))
        .collect();
    if !missing.is_empty() {
        let procs = read(parent, "cgroup.procs");
        if !procs.trim().is_empty() {
            let leaf = parent.join(CALLER_LEAF);
            mkdir(&leaf)?;
            for pid in procs.lines().filter_map(|p| p.trim().parse::<u32>().ok()) {
                // A process that ended meanwhile cannot move, and needs not.
                let _ = join(&leaf, pid);
            }
        }
        let line: Vec<String> = missing.iter().map(|c| format!("+{c}")).collect();
        write(parent, "cgroup.subtree_control", &line.join(" "))?;
    }
    mkdir(dir)
}

fn mkdir(dir: &Path) -> Result<(), CgroupError> {
    match std::fs::create_dir(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
            Err(CgroupError::io("create the cgroup", dir)(e))
        }
        _ => Ok(()),
    }
}

/// Moves `pid` into the cgroup.
pub fn join(dir: &Path, pid: u32) -> Result<(), CgroupError> {
    write(dir, "cgroup.procs", &pid.to_string())
}

/// Kills every process left in the cgroup (cgroup.kill, Linux 5.14+).
pub fn kill_all(dir: &Path) -> Result<(), CgroupError> {
    write(dir, "cgroup.kill", "1")
}

/// Removes the cgroup (children first), waiting briefly for killed processes to leave it.
pub fn remove(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                remove(&entry.path());
            }
        }
    }
    let deadline = Instant::now() + Duration::from_secs(2);
    while let Err(e) = std::fs::remove_dir(dir) {
        // EBUSY: processes still leaving after cgroup.kill.
        if e.raw_os_error() != Some(libc::EBUSY) || Instant::now() > deadline {
            return;
        }
        wait_for_change(dir, Duration::from_millis(50));
    }
}

/// Blocks until cgroup.events changes (the kernel signals it with POLLPRI) or `timeout`.
fn wait_for_change(dir: &Path, timeout: Duration) {
    use std::os::fd::AsFd;
    let Ok(events) = std::fs::File::open(dir.join("cgroup.events")) else {
        return;
    };
    let mut fds = [nix::poll::PollFd::new(
        events.as_fd(),
        nix::poll::PollFlags::POLLPRI,
    )];
    let ms = u16::try_from(timeout.as_millis()).unwrap_or(u16::MAX);
    let _ = nix::poll::poll(&mut fds, ms);
}

/// Freezes (`true`) or thaws the cgroup and waits until cgroup.events says it is done.
pub fn freeze(dir: &Path, frozen: bool, name: &str) -> Result<(), CgroupError> {
    write(dir, "cgroup.freeze", if frozen { "1" } else { "0" })?;
    let want = u64::from(frozen);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let events = stat::parse_flat_keyed(&read(dir, "cgroup.events"));
        if events.get("frozen").copied().unwrap_or(want) == want {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(CgroupError::FreezeTimeout(name.to_string()));
        }
        wait_for_change(dir, Duration::from_millis(100));
    }
}

/// Whether the cgroup is frozen now.
pub fn is_frozen(dir: &Path) -> bool {
    stat::parse_flat_keyed(&read(dir, "cgroup.events"))
        .get("frozen")
        .is_some_and(|f| *f == 1)
}

/// The processes in the cgroup and its children.
pub fn processes(dir: &Path) -> Vec<i32> {
    let mut out: Vec<i32> = read(dir, "cgroup.procs")
        .lines()
        .filter_map(|p| p.trim().parse().ok())
        .collect();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                out.extend(processes(&entry.path()));
            }
        }
    }
    out
}

/// The cgroup's usage now.
pub fn usage(dir: &Path) -> stat::Usage {
    stat::usage_from(
        &read(dir, "cpu.stat"),
        &read(dir, "memory.current"),
        &read(dir, "memory.stat"),
        &read(dir, "memory.max"),
        &read(dir, "pids.current"),
        &read(dir, "io.stat"),
        &read(dir, "memory.events"),
    )
}
