//! cgroups: what the host offers and a container's own cgroup.
//!
//! Two ways to get one on cgroup v2, as podman has: `systemd` asks the user's systemd manager
//! over the session bus for a transient scope `burrow-<ID>.scope` with `Delegate=yes` (the
//! normal desktop or server login); `fs` makes `burrow-<ID>` below the caller's own cgroup
//! when that is a delegated, writable subtree (cron, su, CI runners, `systemd-run --user
//! --scope -p Delegate=yes`). On a cgroup v1 or hybrid host a rootless user has no delegation
//! at all: containers run without a cgroup and limits are ignored with podman's warning.
//!
//! Layout: this file holds the host facts (pure `plan`/`choose` over them, and the one place
//! that reads them); `limits` and `stat` are pure; `fs` writes cgroupfs; `systemd` speaks D-Bus.

pub mod fs;
pub mod limits;
pub mod stat;
pub mod systemd;

use std::path::{Path, PathBuf};

use crate::spec::Resources;

/// cgroup2's filesystem magic (linux/magic.h).
const CGROUP2_SUPER_MAGIC: i64 = 0x6367_7270;

/// Where the unified hierarchy is mounted.
pub const ROOT: &str = "/sys/fs/cgroup";

/// podman's warning for limits on a host that cannot apply them.
pub const V1_WARNING: &str =
    "Resource limits are not supported and ignored on cgroups V1 rootless systems";

/// The fix for a controller the user manager does not get, as systemd's docs give it.
const DELEGATE_FIX: &str = "to delegate it, an administrator creates /etc/systemd/system/user@.service.d/delegate.conf with \"[Service]\" and \"Delegate=cpu cpuset io memory pids\", runs systemctl daemon-reload, and you log in again";

#[derive(Debug, thiserror::Error)]
pub enum CgroupError {
    #[error(
        "{flag} needs the {controller} cgroup controller, which is not delegated to you ({where_} offers: {offered}); {DELEGATE_FIX}"
    )]
    NotDelegated {
        flag: &'static str,
        controller: String,
        where_: String,
        offered: String,
    },
    #[error(
        "{flag} needs a cgroup for the container, and none can be made here: {reason}; run without resource limits or with --cgroups disabled"
    )]
    Unavailable { flag: &'static str, reason: String },
    #[error(
        "{flag} cannot be applied with --cgroups disabled: the container gets no cgroup; leave out the limit or --cgroups disabled"
    )]
    LimitsWithoutCgroup { flag: &'static str },
    #[error(
        "--cpuset-cpus {asked}: CPUs {outside} are not in the set this cgroup may use ({allowed}); choose CPUs from {allowed}"
    )]
    CpusOutside {
        asked: String,
        outside: String,
        allowed: String,
    },
    #[error("--cpuset-cpus {0:?}: not a CPU list; give CPUs like 0-2,4")]
    BadCpuList(String),
    #[error("{path}: no such block device for the I/O limit; name a block device such as /dev/sda")]
    NoDevice { path: String },
    #[error("cannot {what} {}: {source}", path.display())]
    Io {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "cannot lower the memory limit of container {name} to {limit} bytes: it uses {usage} bytes now; give a limit above its current usage"
    )]
    BelowUsage {
        name: String,
        limit: u64,
        usage: u64,
    },
    #[error("the systemd user manager at {address}: {message}")]
    Bus { address: String, message: String },
    #[error("systemd could not start {unit}: the job ended with {result:?}")]
    Job { unit: String, result: String },
    #[error("the cgroup of container {0} did not freeze within 5 seconds")]
    FreezeTimeout(String),
    #[error("invalid --cgroups mode {0:?}: use enabled, disabled, no-conmon or split")]
    BadMode(String),
}

impl CgroupError {
    pub(crate) fn io(
        what: &'static str,
        path: &Path,
    ) -> impl FnOnce(std::io::Error) -> CgroupError {
        let path = path.to_path_buf();
        move |source| CgroupError::Io { what, path, source }
    }
}

/// `--cgroups`: podman's modes; `no-conmon` and `split` mean a cgroup here too (burrow's
/// monitor always stays in the caller's cgroup).
pub fn parse_mode(text: &str) -> Result<bool, CgroupError> {
    match text {
        "enabled" | "no-conmon" | "split" => Ok(true),
        "disabled" => Ok(false),
        _ => Err(CgroupError::BadMode(text.into())),
    }
}

pub use crate::spec::{CgroupRequest, Manager};

/// The host's cgroup facts, read once (`facts`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub unified: bool,
    pub systemd_booted: bool,
    /// The session bus's address, when there is one.
    pub bus: Option<String>,
    /// The caller's own cgroup ("/user.slice/..."), from /proc/self/cgroup.
    pub own: Option<String>,
    /// The caller owns its cgroup and may write it (a delegated subtree).
    pub own_writable: bool,
    /// The controllers of the caller's cgroup.
    pub own_controllers: Vec<String>,
    /// The controllers the user's systemd manager got (user@UID.service's cgroup.controllers).
    pub manager_controllers: Vec<String>,
    pub uid: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CgroupInfo {
    /// "v2" on a unified hierarchy, "v1" on legacy or hybrid hosts.
    pub version: &'static str,
    /// "systemd" when a systemd user manager can delegate a scope, else "cgroupfs".
    pub manager: &'static str,
    /// The controllers a container's cgroup can use.
    pub controllers: Vec<String>,
}

/// Decides from host facts (pure, so it is testable without such hosts).
pub fn plan(unified: bool, systemd_booted: bool, user_bus: bool) -> CgroupInfo {
    CgroupInfo {
        version: if unified { "v2" } else { "v1" },
        manager: if unified && systemd_booted && user_bus {
            "systemd"
        } else {
            "cgroupfs"
        },
        controllers: Vec::new(),
    }
}

/// What becomes of resource-limit flags on a host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LimitsSupport {
    /// Accepted and not applied, with this warning (podman's on cgroup v1 rootless hosts).
    Ignored { warning: &'static str },
    /// Applied in the container's cgroup.
    Applied,
}

/// Decides what resource limits do on the host (pure). A rootless user on cgroup v1 has no
/// delegation at all, so podman ignores the limits with one warning; burrow does the same.
pub fn limits_support(info: &CgroupInfo, rootless: bool) -> LimitsSupport {
    if info.version == "v1" && rootless {
        return LimitsSupport::Ignored {
            warning: V1_WARNING,
        };
    }
    LimitsSupport::Applied
}

/// How a container gets its cgroup (pure decision over `Facts`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// No cgroup of its own: v1/hybrid hosts, `--cgroups disabled`, or a v2 host where none
    /// can be made and no limit was asked for. The container stays in the caller's cgroup.
    None { warning: Option<String> },
    /// A transient scope from the user's systemd manager, in this slice.
    Systemd {
        slice: String,
        controllers: Vec<String>,
    },
    /// `burrow-<ID>` below this cgroup (a path below /sys/fs/cgroup).
    Fs {
        parent: String,
        controllers: Vec<String>,
    },
}

impl Placement {
    pub fn controllers(&self) -> &[String] {
        match self {
            Placement::None { .. } => &[],
            Placement::Systemd { controllers, .. } | Placement::Fs { controllers, .. } => {
                controllers
            }
        }
    }
}

/// podman's warning when systemd is asked for and there is no user session to ask.
const NO_SESSION: &str = "The cgroupv2 manager is set to systemd but there is no systemd user session available; falling back to --cgroup-manager=cgroupfs";

/// Chooses where a container's cgroup comes from, and checks that every controller its limits
/// need is delegated there, before anything starts (pure).
pub fn choose(
    facts: &Facts,
    request: &CgroupRequest,
    default_manager: Option<Manager>,
    resources: &Resources,
) -> Result<Placement, CgroupError> {
    let needed = limits::required_controllers(resources);
    let first_flag = needed.first().map(|c| limits::flag_for(c, resources));
    if !facts.unified {
        return Ok(Placement::None {
            warning: first_flag.map(|_| V1_WARNING.to_string()),
        });
    }
    if request.disabled {
        return match first_flag {
            Some(flag) => Err(CgroupError::LimitsWithoutCgroup { flag }),
            None => Ok(Placement::None { warning: None }),
        };
    }
    let mut warning = None;
    let manager = request
        .manager
        .or(default_manager)
        .unwrap_or(Manager::Systemd);
    let use_systemd = match manager {
        Manager::Systemd if facts.bus.is_some() && facts.systemd_booted => true,
        Manager::Systemd => {
            warning = Some(NO_SESSION.to_string());
            false
        }
        Manager::Cgroupfs => false,
    };
    let (placement, offered, where_) = if use_systemd {
        let slice = request
            .parent
            .clone()
            .filter(|p| p.ends_with(".slice"))
            .unwrap_or_else(|| "user.slice".into());
        (
            Placement::Systemd {
                slice,
                controllers: facts.manager_controllers.clone(),
            },
            &facts.manager_controllers,
            format!("user@{}.service", facts.uid),
        )
    } else {
        let parent = match (&request.parent, &facts.own) {
            (Some(parent), _) if parent.starts_with('/') => parent.clone(),
            (_, Some(own)) if facts.own_writable => own.clone(),
            (_, own) => {
                let reason = format!(
                    "there is no systemd user session bus (DBUS_SESSION_BUS_ADDRESS or $XDG_RUNTIME_DIR/bus) and your cgroup {} is not yours to write (start burrow in a login session, or under systemd-run --user --scope -p Delegate=yes)",
                    own.as_deref().unwrap_or("(unknown)")
                );
                return match first_flag {
                    Some(flag) => Err(CgroupError::Unavailable { flag, reason }),
                    None => Ok(Placement::None { warning: None }),
                };
            }
        };
        (
            Placement::Fs {
                parent: parent.clone(),
                controllers: facts.own_controllers.clone(),
            },
            &facts.own_controllers,
            format!("cgroup {parent}"),
        )
    };
    if let Some(missing) = needed.iter().find(|c| !offered.iter().any(|o| o == *c)) {
        return Err(CgroupError::NotDelegated {
            flag: limits::flag_for(missing, resources),
            controller: missing.to_string(),
            where_,
            offered: if offered.is_empty() {
                "none".into()
            } else {
                offered.join(" ")
            },
        });
    }
    if let Some(warning) = warning {
        tracing::warn!("{warning}");
    }
    Ok(placement)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The session bus's address: $DBUS_SESSION_BUS_ADDRESS, else $XDG_RUNTIME_DIR/bus.
fn bus_address() -> Option<String> {
    if let Some(address) = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").filter(|a| !a.is_empty()) {
        return Some(address.to_string_lossy().into_owned());
    }
    let dir = std::env::var_os("XDG_RUNTIME_DIR")?;
    let bus = Path::new(&dir).join("bus");
    bus.exists().then(|| format!("unix:path={}", bus.display()))
}

fn unified() -> bool {
    nix::sys::statfs::statfs(ROOT)
        .map(|s| s.filesystem_type().0 == CGROUP2_SUPER_MAGIC)
        .unwrap_or(false)
}

/// The caller's user ID on the host: burrow may run inside the user's namespace (the monitor
/// does), where it is 0, while cgroups and the bus know the host's ID.
pub fn host_uid() -> u32 {
    let uid = nix::unistd::getuid().as_raw();
    let map = read(Path::new("/proc/self/uid_map"));
    map.lines()
        .find_map(|line| {
            let mut f = line.split_whitespace().map(|n| n.parse::<u64>().ok());
            let (inside, outside, count) = (f.next()??, f.next()??, f.next()??);
            let uid = u64::from(uid);
            (uid >= inside && uid - inside < count).then(|| (outside + uid - inside) as u32)
        })
        .unwrap_or(uid)
}

/// Reads the host's facts (a few small files; no bus traffic).
pub fn facts() -> Facts {
    let uid = host_uid();
    let unified = unified();
    let mut facts = Facts {
        unified,
        systemd_booted: Path::new("/run/systemd/system").is_dir(),
        bus: bus_address(),
        uid,
        ..Facts::default()
    };
    if !unified {
        return facts;
    }
    facts.own = stat::unified_path(&read(Path::new("/proc/self/cgroup"))).map(str::to_string);
    if let Some(own) = &facts.own {
        let dir = fs::path_of(own);
        facts.own_controllers = stat::parse_controllers(&read(&dir.join("cgroup.controllers")));
        // Owners as this process sees them (inside the user's namespace too).
        facts.own_writable = fs::writable(&dir, nix::unistd::getuid().as_raw());
    }
    let manager = Path::new(ROOT).join(format!(
        "user.slice/user-{uid}.slice/user@{uid}.service/cgroup.controllers"
    ));
    facts.manager_controllers = stat::parse_controllers(&read(&manager));
    facts
}

pub fn detect() -> CgroupInfo {
    let facts = facts();
    let mut info = plan(facts.unified, facts.systemd_booted, facts.bus.is_some());
    info.controllers = match info.manager {
        "systemd" => facts.manager_controllers,
        _ if facts.own_writable => facts.own_controllers,
        _ => Vec::new(),
    };
    info
}

/// A container's cgroup once made: what `pause`, `stats`, `exec`, `update` and `rm` act on.
/// Kept as a small JSON file in the container's run directory (it lives as long as the
/// cgroup does: until reboot at most).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ContainerCgroup {
    /// Below /sys/fs/cgroup, starting with '/'.
    pub path: String,
    /// The scope's name with the systemd manager; None for cgroupfs.
    pub unit: Option<String>,
}

const RECORD_FILE: &str = "cgroup";

impl ContainerCgroup {
    pub fn dir(&self) -> PathBuf {
        fs::path_of(&self.path)
    }

    /// OOM kills counted so far in the cgroup's parent (memory.events is hierarchical).
    pub fn parent_oom_kills(&self) -> u64 {
        let parent = self
            .dir()
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        stat::parse_flat_keyed(&read(&parent.join("memory.events")))
            .get("oom_kill")
            .copied()
            .unwrap_or(0)
    }

    /// Whether the kernel killed a process of the container for its memory limit. The
    /// cgroup's own count when it is still there; a systemd scope may already be gone when
    /// its last process is, and then the parent's count grew since `baseline` while the
    /// container's init died of SIGKILL (`killed`) says so.
    pub fn oom_killed(&self, baseline: u64, killed: bool) -> bool {
        let own = read(&self.dir().join("memory.events"));
        if !own.is_empty() {
            return stat::parse_flat_keyed(&own)
                .get("oom_kill")
                .is_some_and(|n| *n > 0);
        }
        killed && self.parent_oom_kills() > baseline
    }

    pub fn load(run_dir: &Path) -> Option<ContainerCgroup> {
        serde_json::from_str(&std::fs::read_to_string(run_dir.join(RECORD_FILE)).ok()?).ok()
    }

    pub fn save(&self, run_dir: &Path) -> Result<(), CgroupError> {
        let path = run_dir.join(RECORD_FILE);
        let text = serde_json::to_string(self).unwrap_or_default();
        std::fs::write(&path, text).map_err(CgroupError::io("record the cgroup in", &path))
    }

    pub fn forget(run_dir: &Path) {
        let _ = std::fs::remove_file(run_dir.join(RECORD_FILE));
    }
}

/// The cgroup of container `id` as its process `pid` shows it, when it is the container's own
/// (a process in the caller's cgroup has none to freeze or kill).
pub fn of_process(pid: i32, id: &str) -> Option<ContainerCgroup> {
    let text = read(&Path::new("/proc").join(pid.to_string()).join("cgroup"));
    let path = stat::unified_path(&text)?;
    let last = path.rsplit('/').next()?;
    let scope = format!("burrow-{id}.scope");
    let unit = (last == scope).then_some(scope);
    (unit.is_some() || last == format!("burrow-{id}")).then(|| ContainerCgroup {
        path: path.to_string(),
        unit,
    })
}

/// The block devices the I/O limits name, with their numbers.
pub fn device_numbers(r: &Resources) -> Result<limits::DeviceNumbers, CgroupError> {
    use std::os::unix::fs::MetadataExt;
    let mut out = limits::DeviceNumbers::new();
    for limit in r
        .blkio_weight_device
        .iter()
        .chain(&r.device_read_bps)
        .chain(&r.device_write_bps)
        .chain(&r.device_read_iops)
        .chain(&r.device_write_iops)
    {
        let meta = std::fs::metadata(&limit.path).map_err(|_| CgroupError::NoDevice {
            path: limit.path.clone(),
        })?;
        use std::os::unix::fs::FileTypeExt;
        if !meta.file_type().is_block_device() {
            return Err(CgroupError::NoDevice {
                path: limit.path.clone(),
            });
        }
        let rdev = meta.rdev();
        out.insert(
            limit.path.clone(),
            (nix::sys::stat::major(rdev), nix::sys::stat::minor(rdev)),
        );
    }
    Ok(out)
}

/// Checks `--cpuset-cpus` against the CPUs the parent may use (cpuset.cpus.effective).
pub fn check_cpuset(r: &Resources, parent: &Path) -> Result<(), CgroupError> {
    let Some(asked) = &r.cpuset_cpus else {
        return Ok(());
    };
    let allowed = read(&parent.join("cpuset.cpus.effective"));
    let allowed = allowed.trim();
    if allowed.is_empty() {
        return Ok(());
    }
    match limits::outside_set(asked, allowed) {
        None => Err(CgroupError::BadCpuList(asked.clone())),
        Some(outside) if outside.is_empty() => Ok(()),
        Some(outside) => Err(CgroupError::CpusOutside {
            asked: asked.clone(),
            outside: outside
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(","),
            allowed: allowed.to_string(),
        }),
    }
}

/// Decides the placement for `resources` and checks, before anything is made, everything
/// they need from the host: the controllers, the CPUs and the devices they name.
pub fn check(
    facts: &Facts,
    request: &CgroupRequest,
    resources: &Resources,
) -> Result<Placement, CgroupError> {
    let placement = choose(facts, request, None, resources)?;
    let parent = match &placement {
        Placement::None { .. } => None,
        Placement::Systemd { .. } => Some(fs::path_of(&format!(
            "/user.slice/user-{uid}.slice/user@{uid}.service",
            uid = facts.uid
        ))),
        Placement::Fs { parent, .. } => Some(fs::path_of(parent)),
    };
    if let Some(parent) = parent {
        check_cpuset(resources, &parent)?;
        device_numbers(resources)?;
    }
    Ok(placement)
}

/// Changes the limits of a running container's cgroup from `old` to `new` (`update`). A
/// memory limit below what the container uses now is refused (the kernel would reclaim and
/// then kill); a write that fails puts the old limits back.
pub fn update(
    cgroup: &ContainerCgroup,
    name: &str,
    old: &Resources,
    new: &Resources,
) -> Result<(), CgroupError> {
    let dir = cgroup.dir();
    if let Some(limit) = new.memory.filter(|_| new.memory != old.memory) {
        let usage = fs::usage(&dir).memory_bytes;
        if limit < usage {
            return Err(CgroupError::BelowUsage {
                name: name.to_string(),
                limit,
                usage,
            });
        }
    }
    let controllers = stat::parse_controllers(&read(&dir.join("cgroup.controllers")));
    let pids_delegated = controllers.iter().any(|c| c == "pids");
    let apply = |r: &Resources| -> Result<(), CgroupError> {
        let pids_limit = limits::effective_pids_limit(r, pids_delegated);
        let devices = device_numbers(r)?;
        // The manager is told too, so a reload of its units does not bring the old back.
        if let Some(unit) = &cgroup.unit {
            systemd::set_properties(unit, &limits::limit_properties(r, pids_limit))?;
        }
        fs::apply(&dir, &limits::plan_files(r, pids_limit, &devices))
    };
    apply(new).inspect_err(|_| {
        let _ = apply(old);
    })
}

/// Puts a container's process `pid` (waiting to exec) into a cgroup of its own with its
/// limits. None when the placement gives it none.
pub fn place(
    placement: &Placement,
    id: &str,
    pid: u32,
    r: &Resources,
) -> Result<Option<ContainerCgroup>, CgroupError> {
    if let Placement::None { .. } = placement {
        return Ok(None);
    }
    let pids_delegated = placement.controllers().iter().any(|c| c == "pids");
    let pids_limit = limits::effective_pids_limit(r, pids_delegated);
    let devices = device_numbers(r)?;
    match placement {
        Placement::None { .. } => Ok(None),
        Placement::Systemd { slice, .. } => {
            let unit = format!("burrow-{id}.scope");
            let props = limits::plan_scope_properties(id, pid, slice, r, pids_limit);
            systemd::start_scope(&unit, &props)?;
            // The scope's own path, as the manager placed it.
            let proc_cgroup = read(&Path::new("/proc").join(pid.to_string()).join("cgroup"));
            let path = stat::unified_path(&proc_cgroup)
                .unwrap_or_default()
                .to_string();
            let cgroup = ContainerCgroup {
                path,
                unit: Some(unit),
            };
            // What systemd cannot say (swap as docker counts it, io.max by number) goes
            // straight into the delegated cgroup; a failure stops the scope again.
            if let Err(e) = fs::apply(&cgroup.dir(), &limits::plan_files(r, pids_limit, &devices)) {
                let _ = systemd::stop_unit(cgroup.unit.as_deref().unwrap_or_default());
                return Err(e);
            }
            Ok(Some(cgroup))
        }
        Placement::Fs { parent, .. } => {
            let path = format!("{}/burrow-{id}", parent.trim_end_matches('/'));
            let cgroup = ContainerCgroup { path, unit: None };
            let needed: Vec<&str> = placement.controllers().iter().map(String::as_str).collect();
            fs::create(&fs::path_of(parent), &cgroup.dir(), &needed)?;
            let result = fs::apply(&cgroup.dir(), &limits::plan_files(r, pids_limit, &devices))
                .and_then(|()| fs::join(&cgroup.dir(), pid));
            if let Err(e) = result {
                fs::remove(&cgroup.dir());
                return Err(e);
            }
            Ok(Some(cgroup))
        }
    }
}

/// Moves `pid` (an exec'd process) into the container's cgroup.
pub fn join(cgroup: &ContainerCgroup, pid: u32) -> Result<(), CgroupError> {
    match fs::join(&cgroup.dir(), pid) {
        Ok(()) => Ok(()),
        // The caller's cgroup and the scope meet only at a root-owned slice, where a user may
        // not move processes; the manager may (it asks PID 1 for help).
        Err(_) if cgroup.unit.is_some() => {
            systemd::attach(cgroup.unit.as_deref().unwrap_or_default(), pid)
        }
        Err(e) => Err(e),
    }
}

/// Removes a container's cgroup once its processes are gone: a systemd scope is stopped (the
/// manager removes its cgroup), a cgroupfs one removed.
pub fn remove(cgroup: &ContainerCgroup) {
    match &cgroup.unit {
        Some(unit) => {
            if cgroup.dir().exists() {
                let _ = fs::kill_all(&cgroup.dir());
                let _ = systemd::stop_unit(unit);
            }
        }
        None => {
            let _ = fs::kill_all(&cgroup.dir());
            fs::remove(&cgroup.dir());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v2(bus: bool, writable: bool) -> Facts {
        Facts {
            unified: true,
            systemd_booted: true,
            bus: bus.then(|| "unix:path=/run/user/1000/bus".into()),
            own: Some("/user.slice/user-1000.slice/session-1.scope".into()),
            own_writable: writable,
            own_controllers: vec!["memory".into(), "pids".into()],
            manager_controllers: vec!["cpu".into(), "memory".into(), "pids".into()],
            uid: 1000,
        }
    }

    fn resources(given: &[(&str, &str)]) -> Resources {
        crate::spec::parse_resources(given).unwrap()
    }

    #[test]
    fn limits_are_ignored_with_a_warning_on_cgroup_v1_rootless_hosts() {
        let v1 = plan(false, false, false);
        assert_eq!(
            limits_support(&v1, true),
            LimitsSupport::Ignored {
                warning: "Resource limits are not supported and ignored on cgroups V1 rootless systems"
            }
        );
        assert_eq!(
            limits_support(&plan(true, true, true), true),
            LimitsSupport::Applied
        );
        let placement = choose(
            &Facts::default(),
            &CgroupRequest::default(),
            None,
            &resources(&[("memory", "1g")]),
        )
        .unwrap();
        assert_eq!(
            placement,
            Placement::None {
                warning: Some(V1_WARNING.into())
            }
        );
    }

    #[test]
    fn hybrid_hosts_without_a_user_bus_use_cgroupfs_v1() {
        assert_eq!(plan(false, false, false).version, "v1");
        assert_eq!(plan(false, false, false).manager, "cgroupfs");
        assert_eq!(plan(false, true, true).manager, "cgroupfs");
        assert_eq!(plan(true, true, false).manager, "cgroupfs");
        assert_eq!(plan(true, true, true).manager, "systemd");
        assert_eq!(plan(true, true, true).version, "v2");
    }

    #[test]
    fn a_user_session_gets_a_scope_in_user_slice() {
        let placement = choose(
            &v2(true, false),
            &CgroupRequest::default(),
            None,
            &resources(&[("memory", "64m"), ("cpus", "0.5")]),
        )
        .unwrap();
        assert!(
            matches!(&placement, Placement::Systemd { slice, .. } if slice == "user.slice"),
            "{placement:?}"
        );
        let parent = CgroupRequest {
            parent: Some("burrow.slice".into()),
            ..CgroupRequest::default()
        };
        let placement = choose(&v2(true, false), &parent, None, &Resources::default()).unwrap();
        assert!(matches!(placement, Placement::Systemd { slice, .. } if slice == "burrow.slice"));
    }

    #[test]
    fn an_undelegated_controller_fails_before_anything_starts() {
        let err = choose(
            &v2(true, false),
            &CgroupRequest::default(),
            None,
            &resources(&[("cpuset-cpus", "0")]),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("--cpuset-cpus needs the cpuset cgroup controller, which is not delegated to you (user@1000.service offers: cpu memory pids); to delegate it"),
            "{err}"
        );
        assert!(err.contains("Delegate=cpu cpuset io memory pids"));
    }

    #[test]
    fn cgroupfs_needs_a_writable_own_cgroup() {
        let fs_request = CgroupRequest {
            manager: Some(Manager::Cgroupfs),
            ..CgroupRequest::default()
        };
        let placement = choose(&v2(true, true), &fs_request, None, &Resources::default()).unwrap();
        assert_eq!(
            placement,
            Placement::Fs {
                parent: "/user.slice/user-1000.slice/session-1.scope".into(),
                controllers: vec!["memory".into(), "pids".into()],
            }
        );
        // No bus and no delegated cgroup: without limits the container runs in the caller's
        // cgroup; with them it is an error naming the way out.
        let none = choose(
            &v2(false, false),
            &CgroupRequest::default(),
            None,
            &Resources::default(),
        )
        .unwrap();
        assert_eq!(none, Placement::None { warning: None });
        let err = choose(
            &v2(false, false),
            &CgroupRequest::default(),
            None,
            &resources(&[("memory", "64m")]),
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("--memory needs a cgroup for the container, and none can be made here: there is no systemd user session bus"), "{err}");
        let err = choose(
            &v2(true, true),
            &fs_request,
            None,
            &resources(&[("cpus", "1")]),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("--cpus needs the cpu cgroup controller"),
            "{err}"
        );
    }

    #[test]
    fn disabled_cgroups_refuse_limits() {
        let disabled = CgroupRequest {
            disabled: true,
            ..CgroupRequest::default()
        };
        assert_eq!(
            choose(&v2(true, true), &disabled, None, &Resources::default()).unwrap(),
            Placement::None { warning: None }
        );
        assert_eq!(
            choose(
                &v2(true, true),
                &disabled,
                None,
                &resources(&[("pids-limit", "5")])
            )
            .unwrap_err()
            .to_string(),
            "--pids-limit cannot be applied with --cgroups disabled: the container gets no cgroup; leave out the limit or --cgroups disabled"
        );
        assert!(parse_mode("split").unwrap());
        assert!(!parse_mode("disabled").unwrap());
        assert!(parse_mode("x").is_err());
        assert!("bogus".parse::<Manager>().is_err());
    }
}
