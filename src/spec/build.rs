//! Assembly of the runtime spec from the image config, the run options and host facts.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use oci_spec::runtime::{
    Capability, Linux, LinuxCapabilities, LinuxIdMapping, LinuxIdMappingBuilder, LinuxNamespace,
    LinuxNamespaceBuilder, LinuxNamespaceType, LinuxSeccomp, Mount, PosixRlimit,
    PosixRlimitBuilder, Process, Root, Spec, User,
};

use super::options::{
    IpcMode, NetworkMode, RunOptions, SeccompMode, SystemdMode, UlimitResource, UsernsMode,
};
use super::options::{VolumeMount, VolumeSource, parse_env_args, parse_env_file};
use super::user::{ResolvedUser, resolve_group_add, resolve_user};
use super::{IdMapping, ImageRunConfig, SpecError};

/// podman's default capabilities (containers.conf `default_capabilities`).
const DEFAULT_CAPABILITIES: [Capability; 11] = [
    Capability::Chown,
    Capability::DacOverride,
    Capability::Fowner,
    Capability::Fsetid,
    Capability::Kill,
    Capability::NetBindService,
    Capability::Setfcap,
    Capability::Setgid,
    Capability::Setpcap,
    Capability::Setuid,
    Capability::SysChroot,
];

/// Every capability the kernel knows (capabilities(7), up to CAP_CHECKPOINT_RESTORE), which
/// `--cap-add ALL` and `--privileged` grant.
const ALL_CAPABILITIES: [Capability; 41] = [
    Capability::Chown,
    Capability::DacOverride,
    Capability::DacReadSearch,
    Capability::Fowner,
    Capability::Fsetid,
    Capability::Kill,
    Capability::Setgid,
    Capability::Setuid,
    Capability::Setpcap,
    Capability::LinuxImmutable,
    Capability::NetBindService,
    Capability::NetBroadcast,
    Capability::NetAdmin,
    Capability::NetRaw,
    Capability::IpcLock,
    Capability::IpcOwner,
    Capability::SysModule,
    Capability::SysRawio,
    Capability::SysChroot,
    Capability::SysPtrace,
    Capability::SysPacct,
    Capability::SysAdmin,
    Capability::SysBoot,
    Capability::SysNice,
    Capability::SysResource,
    Capability::SysTime,
    Capability::SysTtyConfig,
    Capability::Mknod,
    Capability::Lease,
    Capability::AuditWrite,
    Capability::AuditControl,
    Capability::Setfcap,
    Capability::MacOverride,
    Capability::MacAdmin,
    Capability::Syslog,
    Capability::WakeAlarm,
    Capability::BlockSuspend,
    Capability::AuditRead,
    Capability::Perfmon,
    Capability::Bpf,
    Capability::CheckpointRestore,
];

/// podman's masked paths (containers/common `DefaultMaskedPaths`); the per-CPU
/// thermal_throttle directories it also masks need a host glob, left to the runtime.
pub(super) const MASKED_PATHS: [&str; 12] = [
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/sys/devices/virtual/powercap",
    "/sys/firmware",
    "/sys/fs/selinux",
    "/proc/interrupts",
];

/// podman's read-only paths (containers/common `DefaultReadOnlyPaths`).
pub(super) const READONLY_PATHS: [&str; 6] = [
    "/proc/asound",
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

/// Device nodes a rootless container gets by bind mount from the host (crun's default devices;
/// a user namespace cannot mknod them).
pub(super) const BIND_DEVICES: [&str; 6] = [
    "/dev/null",
    "/dev/zero",
    "/dev/full",
    "/dev/random",
    "/dev/urandom",
    "/dev/tty",
];

/// containers.conf's default environment.
const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const DEFAULT_TERM: &str = "xterm";

/// The `container` variable's value. systemd's container interface asks for the name of the
/// manager that started the container (podman sets "podman").
const CONTAINER_ENV_VALUE: &str = "burrow";

/// The annotation podman uses to name the manager of a container ("libpod" for podman).
const MANAGER_ANNOTATION: &str = "io.container.manager";
const MANAGER_NAME: &str = "burrow";
const STOP_SIGNAL_ANNOTATION: &str = "org.opencontainers.image.stopSignal";
/// crun's annotation that keeps the caller's supplementary groups (`--group-add keep-groups`).
const KEEP_GROUPS_ANNOTATION: &str = "run.oci.keep_original_groups";

/// podman's default limit for nofile and nproc when the user sets none (define.RLimitDefaultValue).
const DEFAULT_RLIMIT: u64 = 1_048_576;

/// podman's /dev/shm size (containers.conf `shm_size`).
const SHM_SIZE: &str = "size=65536k";

/// Directories systemd needs writable and empty at boot, as podman mounts them for it.
const SYSTEMD_TMPFS_DIRS: [&str; 4] = ["/run", "/run/lock", "/tmp", "/var/log/journal"];
const SYSTEMD_TMPFS_OPTIONS: [&str; 5] = ["rw", "rprivate", "nosuid", "nodev", "tmpcopyup"];

/// Directories `--read-only` gets a tmpfs on (podman's --read-only-tmpfs).
const READ_ONLY_TMPFS_DIRS: [&str; 3] = ["/run", "/tmp", "/var/tmp"];

/// Host files generated per container, bind mounted over the image's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerFiles {
    pub hostname: PathBuf,
    pub hosts: PathBuf,
    pub resolv_conf: PathBuf,
    pub containerenv: PathBuf,
}

/// Everything `build_spec` needs; host facts arrive here so the planning stays pure.
#[derive(Debug, Clone)]
pub struct SpecInput<'a> {
    /// The full container ID (hex); its first 12 characters are the default hostname.
    pub container_id: &'a str,
    pub image: &'a ImageRunConfig,
    pub options: &'a RunOptions,
    /// The merged rootfs as the runtime will see it.
    pub rootfs: &'a Path,
    pub files: &'a ContainerFiles,
    /// The caller's own IDs on the host.
    pub own_uid: u32,
    pub own_gid: u32,
    /// The default rootless maps: own ID to 0, subordinate IDs from 1.
    pub uid_map: &'a [IdMapping],
    pub gid_map: &'a [IdMapping],
    /// Text of the rootfs's /etc/passwd and /etc/group, when present.
    pub passwd: Option<&'a str>,
    pub group: Option<&'a str>,
    pub host_env: &'a [(String, String)],
    pub host_hostname: &'a str,
    /// The caller's hard limits; a resource missing here counts as unlimited.
    pub host_hard_limits: &'a BTreeMap<UlimitResource, u64>,
    /// The caller's capability bounding set, which `--cap-add ALL` and `--privileged` grant;
    /// `None` means every capability the kernel knows.
    pub host_bounding_set: Option<&'a HashSet<Capability>>,
    /// The seccomp filter planned elsewhere; dropped for unconfined and privileged runs.
    pub seccomp: Option<LinuxSeccomp>,
}

/// Builds the runtime spec for a rootless container.
pub fn build_spec(input: &SpecInput) -> Result<Spec, SpecError> {
    let hostname = container_hostname(input)?;
    let process = plan_process(input, hostname.as_deref().unwrap_or(input.host_hostname))?;
    let linux = plan_linux(input);
    let gid5_mapped = linux
        .gid_mappings()
        .as_ref()
        .is_none_or(|maps| maps.iter().any(|m| contains(m, 5)));
    let mut root = Root::default();
    root.set_path(input.rootfs.to_path_buf());
    root.set_readonly(Some(input.options.read_only));

    let mut spec = Spec::default();
    spec.set_version("1.0.0".to_string());
    spec.set_hostname(hostname);
    spec.set_domainname(None);
    spec.set_process(Some(process));
    spec.set_root(Some(root));
    spec.set_mounts(Some(mounts(input, gid5_mapped)?));
    spec.set_annotations(Some(annotations(input)?));
    spec.set_linux(Some(linux));
    Ok(spec)
}

fn plan_process(input: &SpecInput, hostname: &str) -> Result<Process, SpecError> {
    let opts = input.options;
    let user = process_user(input)?;
    // `--init` needs nothing here: the runtime itself stays behind as PID 1 (see runtime::init).
    let args = final_args(input.image, opts)?;
    let mut process = Process::default();
    process.set_terminal(Some(opts.tty));
    process.set_console_size(None);
    process.set_user(linux_user(&user, input)?);
    process.set_args(Some(args));
    process.set_env(Some(merged_env(input, hostname, &user.home)?));
    process.set_cwd(working_dir(input.image, opts)?);
    process.set_capabilities(Some(capabilities(opts, user.uid, input.host_bounding_set)?));
    // `--ulimit host`: no limits set, so the process keeps the caller's (podman leaves them out).
    process.set_rlimits((!opts.ulimit_host).then(|| rlimits(opts, input.host_hard_limits)));
    process.set_no_new_privileges(Some(opts.no_new_privileges));
    process.set_apparmor_profile(None);
    process.set_oom_score_adj(None);
    Ok(process)
}

/// The `linux` section; everything not set here (resources, devices, sysctl) stays empty:
/// cgroups are applied by burrow itself and device nodes are bind mounts.
fn plan_linux(input: &SpecInput) -> Linux {
    let opts = input.options;
    let (uid_mappings, gid_mappings) = id_mappings(input);
    let mut linux = Linux::default();
    linux.set_uid_mappings(uid_mappings);
    linux.set_gid_mappings(gid_mappings);
    linux.set_sysctl(None);
    linux.set_resources(None);
    linux.set_namespaces(Some(namespaces(opts)));
    linux.set_devices(None);
    linux.set_seccomp(seccomp(input));
    linux.set_rootfs_propagation(None);
    linux.set_masked_paths(masked_paths(opts));
    linux.set_readonly_paths(readonly_paths(opts));
    linux
}

fn contains(map: &LinuxIdMapping, id: u32) -> bool {
    (map.container_id()..map.container_id().saturating_add(map.size())).contains(&id)
}

/// The process's argv by podman's rules: `--entrypoint` replaces the image's; a command replaces
/// the image's Cmd, which is also dropped when a non-empty `--entrypoint` is given; an entrypoint
/// of one empty word counts as none.
pub fn final_args(image: &ImageRunConfig, opts: &RunOptions) -> Result<Vec<String>, SpecError> {
    let (entrypoint, cmd) = entrypoint_and_cmd(image, opts);
    let args: Vec<String> = entrypoint.into_iter().chain(cmd).collect();
    if args.is_empty() {
        return Err(SpecError::NoCommand);
    }
    Ok(args)
}

/// The entrypoint and command the container runs, each as podman reports it (`Config.Entrypoint`,
/// `Config.Cmd`): a given entrypoint drops the image's command.
pub fn entrypoint_and_cmd(image: &ImageRunConfig, opts: &RunOptions) -> (Vec<String>, Vec<String>) {
    let mut entrypoint = match &opts.entrypoint {
        Some(given) => given.clone(),
        None => image.entrypoint.clone().unwrap_or_default(),
    };
    // `ENTRYPOINT [""]` is how a Containerfile says "no entrypoint"; podman drops it.
    if entrypoint == [""] {
        entrypoint.clear();
    }
    let entrypoint_given = opts.entrypoint.as_ref().is_some_and(|e| !e.is_empty());
    let cmd = if !opts.command.is_empty() {
        opts.command.clone()
    } else if entrypoint_given {
        Vec::new()
    } else {
        image.cmd.clone().unwrap_or_default()
    };
    (entrypoint, cmd)
}

/// The environment in podman's precedence: containers.conf defaults (PATH, TERM, container),
/// then the image's Env, then each env file, then `-e`; HOSTNAME and HOME are added last when
/// nothing set them. A later value replaces an earlier one in its original position.
pub fn merged_env(input: &SpecInput, hostname: &str, home: &str) -> Result<Vec<String>, SpecError> {
    let opts = input.options;
    let mut env: Vec<(String, String)> = vec![
        ("PATH".to_string(), DEFAULT_PATH.to_string()),
        ("TERM".to_string(), DEFAULT_TERM.to_string()),
        ("container".to_string(), CONTAINER_ENV_VALUE.to_string()),
    ];
    for entry in input.image.env.iter().flatten() {
        let (name, value) = entry.split_once('=').unwrap_or((entry, ""));
        set_env(&mut env, name, value);
    }
    // --unsetenv removes defaults and the image's variables only; the user's own come after.
    if opts.unsetenv_all {
        env.clear();
    }
    env.retain(|(name, _)| !opts.unsetenv.contains(name));
    for text in &opts.env_files {
        for (name, value) in parse_env_file(text, input.host_env)? {
            set_env(&mut env, &name, &value);
        }
    }
    for (name, value) in parse_env_args(&opts.env, input.host_env)? {
        set_env(&mut env, &name, &value);
    }
    add_env_default(&mut env, "HOSTNAME", hostname);
    add_env_default(&mut env, "HOME", home);
    // systemd reads its container's ID from here (systemd's CONTAINER_INTERFACE); podman
    // gives it the first 32 characters of the container ID.
    if systemd_mode(input.image, opts) {
        let uuid: String = input.container_id.chars().take(32).collect();
        add_env_default(&mut env, "container_uuid", &uuid);
    }
    Ok(env.into_iter().map(|(n, v)| format!("{n}={v}")).collect())
}

fn set_env(env: &mut Vec<(String, String)>, name: &str, value: &str) {
    match env.iter_mut().find(|(n, _)| n == name) {
        Some(slot) => slot.1 = value.to_string(),
        None => env.push((name.to_string(), value.to_string())),
    }
}

fn add_env_default(env: &mut Vec<(String, String)>, name: &str, value: &str) {
    if !env.iter().any(|(n, _)| n == name) {
        env.push((name.to_string(), value.to_string()));
    }
}

/// The image's labels with `--label` values on top (for the container record; podman does not
/// copy labels into the runtime spec).
pub fn merged_labels(image: &ImageRunConfig, opts: &RunOptions) -> BTreeMap<String, String> {
    let mut labels = image.labels.clone().unwrap_or_default();
    labels.extend(opts.labels.iter().cloned());
    labels
}

/// Whether the container is set up for systemd: `--systemd always`, or the default `true` with
/// a command that is systemd or init (podman's list).
pub fn systemd_mode(image: &ImageRunConfig, opts: &RunOptions) -> bool {
    const INIT_COMMANDS: [&str; 3] = ["/sbin/init", "/usr/sbin/init", "/usr/local/sbin/init"];
    match opts.systemd {
        SystemdMode::Always => true,
        SystemdMode::False => false,
        SystemdMode::True => final_args(image, opts)
            .ok()
            .and_then(|args| args.into_iter().next())
            .is_some_and(|first| {
                INIT_COMMANDS.contains(&first.as_str())
                    || Path::new(&first)
                        .file_name()
                        .is_some_and(|n| n == "systemd")
            }),
    }
}

/// The UTS hostname: `--hostname`, else the host's with `--network host` (as podman does),
/// else the short container ID; none when the host UTS namespace is shared.
fn container_hostname(input: &SpecInput) -> Result<Option<String>, SpecError> {
    let opts = input.options;
    match (&opts.hostname, opts.uts_host) {
        (Some(_), true) => Err(SpecError::HostnameWithHostUts),
        (None, true) => Ok(None),
        (Some(name), false) => Ok(Some(name.clone())),
        (None, false) if opts.network == NetworkMode::Host => {
            Ok(Some(input.host_hostname.to_string()))
        }
        (None, false) => Ok(Some(input.container_id.chars().take(12).collect())),
    }
}

/// The user the process runs as: `-u`, else the image's User, else root; with keep-id and
/// neither, the caller's own IDs (as podman does).
fn process_user(input: &SpecInput) -> Result<ResolvedUser, SpecError> {
    let opts = input.options;
    let image_user = input.image.user.as_deref().filter(|u| !u.is_empty());
    let spec = match (&opts.user, image_user, opts.userns) {
        (Some(user), _, _) => user.clone(),
        (None, _, UsernsMode::KeepId { uid, gid }) => format!(
            "{}:{}",
            uid.unwrap_or(input.own_uid),
            gid.unwrap_or(input.own_gid)
        ),
        (None, Some(user), _) => user.to_string(),
        (None, None, _) => "0".to_string(),
    };
    resolve_user(&spec, input.passwd, input.group)
}

fn linux_user(user: &ResolvedUser, input: &SpecInput) -> Result<User, SpecError> {
    let group_add: Vec<String> = input
        .options
        .group_add
        .iter()
        .filter(|g| g.as_str() != "keep-groups")
        .cloned()
        .collect();
    let mut gids = user.additional_gids.clone();
    for gid in resolve_group_add(&group_add, input.group)? {
        if !gids.contains(&gid) {
            gids.push(gid);
        }
    }
    let mut out = User::default();
    out.set_uid(user.uid);
    out.set_gid(user.gid);
    out.set_additional_gids((!gids.is_empty()).then_some(gids));
    Ok(out)
}

fn working_dir(image: &ImageRunConfig, opts: &RunOptions) -> Result<PathBuf, SpecError> {
    if let Some(dir) = &opts.workdir {
        if !dir.starts_with('/') {
            return Err(SpecError::RelativeWorkdir { path: dir.clone() });
        }
        return Ok(PathBuf::from(dir));
    }
    // Docker resolves a relative WORKDIR against /, so an image may carry one.
    match image.working_dir.as_deref().filter(|d| !d.is_empty()) {
        Some(dir) => Ok(Path::new("/").join(dir)),
        None => Ok(PathBuf::from("/")),
    }
}

/// The five capability sets by podman's rules: root gets the set in bounding, effective and
/// permitted; a non-root user keeps the set only as bounding and gets just `--cap-add`ed
/// capabilities in the others, ambient included, so they survive the exec.
fn capabilities(
    opts: &RunOptions,
    uid: u32,
    host_bounding: Option<&HashSet<Capability>>,
) -> Result<LinuxCapabilities, SpecError> {
    let every = every_capability(host_bounding);
    let set = capability_set(opts, &every)?;
    let mut caps = LinuxCapabilities::default();
    caps.set_bounding(Some(set.clone()));
    if uid == 0 {
        caps.set_effective(Some(set.clone()));
        caps.set_permitted(Some(set));
        caps.set_inheritable(Some(HashSet::new()));
        caps.set_ambient(Some(HashSet::new()));
    } else {
        let added: HashSet<Capability> = if opts.cap_add.all {
            every
        } else {
            opts.cap_add.names.iter().copied().collect()
        };
        let added: HashSet<Capability> = added.intersection(&set).copied().collect();
        caps.set_effective(Some(added.clone()));
        caps.set_permitted(Some(added.clone()));
        caps.set_inheritable(Some(added.clone()));
        caps.set_ambient(Some(added));
    }
    Ok(caps)
}

/// What "all capabilities" means: the caller's bounding set when known (podman asks the kernel
/// the same way), else every capability.
pub(super) fn every_capability(host_bounding: Option<&HashSet<Capability>>) -> HashSet<Capability> {
    match host_bounding {
        Some(set) => set.clone(),
        None => ALL_CAPABILITIES.into_iter().collect(),
    }
}

/// The container's capability set (containers/common MergeCapabilities' rules).
fn capability_set(
    opts: &RunOptions,
    every: &HashSet<Capability>,
) -> Result<HashSet<Capability>, SpecError> {
    if opts.privileged {
        return Ok(every.clone());
    }
    let (add, drop) = (&opts.cap_add, &opts.cap_drop);
    if drop.all {
        if add.all {
            return Err(SpecError::AllAddedAndDropped);
        }
        return Ok(add.names.iter().copied().collect());
    }
    if let Some(both) = add.names.iter().find(|c| drop.names.contains(c)) {
        return Err(SpecError::CapabilityAddedAndDropped {
            name: both.to_string(),
        });
    }
    let base: Vec<Capability> = if add.all {
        every.iter().copied().collect()
    } else {
        DEFAULT_CAPABILITIES.to_vec()
    };
    Ok(base
        .into_iter()
        .chain(add.names.iter().copied())
        .filter(|c| !drop.names.contains(c))
        .collect())
}

/// `--ulimit`s in the order given, then podman's nofile and nproc defaults (1048576, capped by
/// the caller's hard limit) unless set. -1/unlimited means the caller's hard limit.
fn rlimits(opts: &RunOptions, host_hard: &BTreeMap<UlimitResource, u64>) -> Vec<PosixRlimit> {
    let hard_of = |r: UlimitResource| host_hard.get(&r).copied().unwrap_or(u64::MAX);
    let mut out: Vec<PosixRlimit> = opts
        .ulimits
        .iter()
        .map(|u| {
            let host = hard_of(u.resource);
            rlimit(u.resource, u.soft.unwrap_or(host), u.hard.unwrap_or(host))
        })
        .collect();
    for resource in [UlimitResource::Nofile, UlimitResource::Nproc] {
        if !opts.ulimits.iter().any(|u| u.resource == resource) {
            let limit = DEFAULT_RLIMIT.min(hard_of(resource));
            out.push(rlimit(resource, limit, limit));
        }
    }
    out
}

fn rlimit(resource: UlimitResource, soft: u64, hard: u64) -> PosixRlimit {
    PosixRlimitBuilder::default()
        .typ(resource.rlimit_type())
        .soft(soft)
        .hard(hard)
        .build()
        .expect("rlimit builder has every field set")
}

/// All seven namespaces, user first, minus those shared with the host.
fn namespaces(opts: &RunOptions) -> Vec<LinuxNamespace> {
    let wanted = [
        (LinuxNamespaceType::User, opts.userns != UsernsMode::Host),
        (LinuxNamespaceType::Mount, true),
        (LinuxNamespaceType::Uts, !opts.uts_host),
        // Another container's is joined at start (runtime), by its process.
        (
            LinuxNamespaceType::Ipc,
            !matches!(opts.ipc, IpcMode::Host | IpcMode::Container(_)),
        ),
        (LinuxNamespaceType::Pid, !opts.pid_host),
        // Another container's, or one named by path, is joined at start too.
        (
            LinuxNamespaceType::Network,
            !matches!(
                opts.network,
                NetworkMode::Host | NetworkMode::Container(_) | NetworkMode::Path(_)
            ),
        ),
        (LinuxNamespaceType::Cgroup, !opts.cgroupns_host),
    ];
    wanted
        .into_iter()
        .filter(|(_, on)| *on)
        .map(|(typ, _)| {
            LinuxNamespaceBuilder::default()
                .typ(typ)
                .build()
                .expect("namespace builder has its type")
        })
        .collect()
}

fn seccomp(input: &SpecInput) -> Option<LinuxSeccomp> {
    let opts = input.options;
    if opts.privileged || opts.seccomp == SeccompMode::Unconfined {
        return None;
    }
    input.seccomp.clone()
}

fn masked_paths(opts: &RunOptions) -> Option<Vec<String>> {
    (!opts.privileged).then(|| MASKED_PATHS.iter().map(|p| p.to_string()).collect())
}

fn readonly_paths(opts: &RunOptions) -> Option<Vec<String>> {
    (!opts.privileged).then(|| READONLY_PATHS.iter().map(|p| p.to_string()).collect())
}

/// The ID maps for the user namespace; none with `--userns=host`.
fn id_mappings(input: &SpecInput) -> (Option<Vec<LinuxIdMapping>>, Option<Vec<LinuxIdMapping>>) {
    let mode = input.options.userns;
    if mode == UsernsMode::Host {
        return (None, None);
    }
    let (uid_inside, gid_inside) = match mode {
        UsernsMode::KeepId { uid, gid } => (uid, gid),
        _ => (None, None),
    };
    let uids = plan_ids(mode, input.own_uid, uid_inside, input.uid_map);
    let gids = plan_ids(mode, input.own_gid, gid_inside, input.gid_map);
    (Some(to_linux(&uids)), Some(to_linux(&gids)))
}

fn to_linux(maps: &[IdMapping]) -> Vec<LinuxIdMapping> {
    maps.iter()
        .map(|m| {
            LinuxIdMappingBuilder::default()
                .container_id(m.container_id)
                .host_id(m.host_id)
                .size(m.size)
                .build()
                .expect("id mapping builder has every field set")
        })
        .collect()
}

/// Rewrites the default rootless map for the mode. keep-id: the own ID keeps its number (or
/// takes `inside`), the subordinate IDs fill the container IDs below and above it. nomap: only
/// subordinate IDs, from container ID 0.
pub(super) fn plan_ids(
    mode: UsernsMode,
    own: u32,
    inside: Option<u32>,
    default: &[IdMapping],
) -> Vec<IdMapping> {
    let subordinate: Vec<IdMapping> = default
        .iter()
        .filter(|m| !(m.host_id <= own && own - m.host_id < m.size))
        .copied()
        .collect();
    match mode {
        UsernsMode::Default | UsernsMode::Host => default.to_vec(),
        UsernsMode::NoMap => lay_out(&subordinate, 0, u32::MAX),
        UsernsMode::KeepId { .. } => {
            let target = inside.unwrap_or(own);
            let mut out = lay_out(&subordinate, 0, target);
            let used: u64 = out.iter().map(|m| u64::from(m.size)).sum();
            out.push(IdMapping {
                container_id: target,
                host_id: own,
                size: 1,
            });
            let rest = skip_ids(&subordinate, used);
            out.extend(lay_out(&rest, target.saturating_add(1), u32::MAX));
            out
        }
    }
}

/// Places host ranges one after another from container ID `start`, stopping before `limit`.
fn lay_out(ranges: &[IdMapping], start: u32, limit: u32) -> Vec<IdMapping> {
    let mut out = Vec::new();
    let mut next = u64::from(start);
    for range in ranges {
        let room = u64::from(limit).saturating_sub(next);
        if room == 0 {
            break;
        }
        let size = u64::from(range.size).min(room);
        out.push(IdMapping {
            container_id: next as u32,
            host_id: range.host_id,
            size: size as u32,
        });
        next += size;
    }
    out
}

/// The host ranges left after the first `count` IDs are used.
fn skip_ids(ranges: &[IdMapping], mut count: u64) -> Vec<IdMapping> {
    let mut out = Vec::new();
    for range in ranges {
        let size = u64::from(range.size);
        if count >= size {
            count -= size;
            continue;
        }
        out.push(IdMapping {
            container_id: 0,
            host_id: range.host_id + count as u32,
            size: (size - count) as u32,
        });
        count = 0;
    }
    out
}

fn mount(destination: &str, typ: &str, source: &Path, options: &[&str]) -> Mount {
    let mut m = Mount::default();
    m.set_destination(PathBuf::from(destination));
    m.set_typ(Some(typ.to_string()));
    m.set_source(Some(source.to_path_buf()));
    m.set_options(Some(options.iter().map(|o| o.to_string()).collect()));
    m
}

fn bind(destination: &str, source: &Path, options: &[&str]) -> Mount {
    mount(destination, "bind", source, options)
}

/// The mounts: /proc, /dev and its nodes, /dev/pts, /dev/shm, /dev/mqueue, /sys,
/// /sys/fs/cgroup, the generated /etc files and /run/.containerenv, then --read-only tmpfs,
/// volumes, --tmpfs and the init binary, sorted parents first. A user mount replaces a default
/// one at the same destination.
fn mounts(input: &SpecInput, gid5_mapped: bool) -> Result<Vec<Mount>, SpecError> {
    let opts = input.options;
    let mut out = system_mounts(opts, gid5_mapped);
    out.extend(generated_file_mounts(input.files, input.options));
    let seen = given_destinations(opts)?;
    if seen.contains(Path::new("/dev")) {
        // The user's /dev brings its own nodes, pts and mqueue (and the host's may lack
        // them); only the container's /dev/shm stays, as podman does.
        out.retain(|m| {
            let d = m.destination();
            d == Path::new("/dev/shm") || !d.starts_with("/dev") || d == Path::new("/dev")
        });
    }
    let user = user_mounts(opts)?;
    if systemd_mode(input.image, opts) {
        // podman's tmpfs for systemd, each unless the user mounts something there.
        for dir in SYSTEMD_TMPFS_DIRS {
            if !seen.contains(Path::new(dir)) {
                out.retain(|d| d.destination() != Path::new(dir));
                out.push(mount(
                    dir,
                    "tmpfs",
                    Path::new("tmpfs"),
                    &SYSTEMD_TMPFS_OPTIONS,
                ));
            }
        }
    }
    for m in user {
        out.retain(|d| d.destination() != m.destination());
        out.push(m);
    }
    sort_parents_first(&mut out);
    Ok(out)
}

/// Orders mounts by the depth of their destination, keeping the given order within a depth, so
/// a mount never lands under a later one that would hide it (a --read-only tmpfs on /run must
/// come before /run/.containerenv). podman sorts its mounts the same way.
fn sort_parents_first(mounts: &mut [Mount]) {
    mounts.sort_by_key(|m| m.destination().components().count());
}

fn system_mounts(opts: &RunOptions, gid5_mapped: bool) -> Vec<Mount> {
    let none = |s: &str| PathBuf::from(s);
    // A new proc needs a PID namespace the user namespace owns; with the host's, podman binds
    // the host's /proc instead.
    let proc = if opts.pid_host {
        bind(
            "/proc",
            Path::new("/proc"),
            &["rbind", "nosuid", "noexec", "nodev"],
        )
    } else {
        mount(
            "/proc",
            "proc",
            &none("proc"),
            &["nosuid", "noexec", "nodev"],
        )
    };
    let mut out = vec![
        proc,
        mount(
            "/dev",
            "tmpfs",
            &none("tmpfs"),
            &["nosuid", "strictatime", "mode=755", "size=65536k"],
        ),
    ];
    out.extend(
        BIND_DEVICES
            .iter()
            .map(|d| bind(d, Path::new(d), &["rbind", "nosuid", "noexec"])),
    );
    let mut pts = vec![
        "nosuid",
        "noexec",
        "newinstance",
        "ptmxmode=0666",
        "mode=0620",
    ];
    if gid5_mapped {
        pts.push("gid=5");
    }
    out.push(mount("/dev/pts", "devpts", &none("devpts"), &pts));
    if opts.ipc == IpcMode::Host {
        out.push(bind(
            "/dev/shm",
            Path::new("/dev/shm"),
            &["rbind", "nosuid", "noexec", "nodev"],
        ));
        out.push(bind(
            "/dev/mqueue",
            Path::new("/dev/mqueue"),
            &["rbind", "nosuid", "noexec", "nodev"],
        ));
    } else {
        // `--ipc none`: the namespace of its own, but no /dev/shm at all.
        if opts.ipc != IpcMode::None {
            out.push(mount(
                "/dev/shm",
                "tmpfs",
                &none("shm"),
                &["nosuid", "noexec", "nodev", "mode=1777", SHM_SIZE],
            ));
        }
        out.push(mount(
            "/dev/mqueue",
            "mqueue",
            &none("mqueue"),
            &["nosuid", "noexec", "nodev"],
        ));
    }
    out.extend(sys_mounts(opts));
    out
}

/// /sys: a fresh sysfs needs a network namespace the user namespace owns; with the host's
/// network podman binds the host's /sys instead. Read-only unless privileged.
fn sys_mounts(opts: &RunOptions) -> Vec<Mount> {
    let access = if opts.privileged { "rw" } else { "ro" };
    let sys = if opts.network == NetworkMode::Host {
        bind(
            "/sys",
            Path::new("/sys"),
            &["rprivate", "nosuid", "noexec", "nodev", access, "rbind"],
        )
    } else {
        mount(
            "/sys",
            "sysfs",
            Path::new("sysfs"),
            &["nosuid", "noexec", "nodev", access],
        )
    };
    let cgroup = if opts.cgroupns_host {
        bind(
            "/sys/fs/cgroup",
            Path::new("/sys/fs/cgroup"),
            &["rprivate", "nosuid", "noexec", "nodev", access, "rbind"],
        )
    } else {
        mount(
            "/sys/fs/cgroup",
            "cgroup",
            Path::new("cgroup"),
            &["rprivate", "nosuid", "noexec", "nodev", "relatime", access],
        )
    };
    vec![sys, cgroup]
}

/// `--no-hosts` leaves the image's /etc/hosts in place, `--dns none` its /etc/resolv.conf
/// (toolbox passes both, then replaces the files with links to the host's).
fn generated_file_mounts(files: &ContainerFiles, opts: &RunOptions) -> Vec<Mount> {
    let options = ["bind", "rprivate"];
    let mut out = vec![bind("/etc/hostname", &files.hostname, &options)];
    if !opts.no_hosts {
        out.push(bind("/etc/hosts", &files.hosts, &options));
    }
    if !opts.dns_none() {
        out.push(bind("/etc/resolv.conf", &files.resolv_conf, &options));
    }
    out.push(bind("/run/.containerenv", &files.containerenv, &options));
    out
}

/// The destinations of `-v`, `--tmpfs` and `--mount`; two mounts on one are refused, as podman
/// does (the later one would hide the earlier).
fn given_destinations(opts: &RunOptions) -> Result<HashSet<PathBuf>, SpecError> {
    let given = (opts.volumes.iter().map(|v| &v.destination))
        .chain(opts.tmpfs.iter().map(|t| &t.destination))
        .chain(opts.devpts.iter().map(|d| &d.destination));
    let mut seen = HashSet::new();
    for destination in given {
        // podman compares cleaned paths: /x/ and /x are one destination.
        let clean: PathBuf = Path::new(destination).components().collect();
        if !seen.insert(clean) {
            return Err(SpecError::DuplicateMountDestination {
                destination: destination.clone(),
            });
        }
    }
    Ok(seen)
}

fn user_mounts(opts: &RunOptions) -> Result<Vec<Mount>, SpecError> {
    let mut out = Vec::new();
    if opts.read_only && opts.read_only_tmpfs {
        for dir in READ_ONLY_TMPFS_DIRS {
            out.push(mount(
                dir,
                "tmpfs",
                Path::new("tmpfs"),
                &["rw", "rprivate", "nosuid", "nodev", "tmpcopyup"],
            ));
        }
    }
    if let Some(zone) = &opts.timezone {
        out.push(bind("/etc/localtime", zone, &["rbind", "rprivate", "ro"]));
    }
    for volume in &opts.volumes {
        let source = match &volume.source {
            VolumeSource::Host(path) => path,
            VolumeSource::Overlay { lower, upper, work } => {
                out.push(overlay_mount(volume, lower, upper, work));
                continue;
            }
            VolumeSource::Named(_) | VolumeSource::Anonymous => {
                return Err(SpecError::UnresolvedVolume {
                    destination: volume.destination.clone(),
                });
            }
        };
        out.push(volume_mount(
            &volume.destination,
            source,
            volume.read_only,
            &volume.options,
        ));
    }
    for tmpfs in &opts.tmpfs {
        let options: Vec<&str> = tmpfs.options.iter().map(String::as_str).collect();
        out.push(mount(
            &tmpfs.destination,
            "tmpfs",
            Path::new("tmpfs"),
            &options,
        ));
    }
    for devpts in &opts.devpts {
        let options: Vec<&str> = devpts.options.iter().map(String::as_str).collect();
        out.push(mount(
            &devpts.destination,
            "devpts",
            Path::new("devpts"),
            &options,
        ));
    }
    Ok(out)
}

/// A `-v` bind: recursive and private unless the options say otherwise, as podman makes it.
/// SELinux, overlay, chown and idmap options stay out of the mount flags.
fn volume_mount(destination: &str, source: &Path, read_only: bool, given: &[String]) -> Mount {
    use super::options::PROPAGATION;
    const NOT_MOUNT_FLAGS: [&str; 7] = ["z", "Z", "O", "U", "idmap", "copy", "nocopy"];
    let mut options: Vec<&str> = Vec::new();
    if !given.iter().any(|o| o == "bind" || o == "rbind") {
        options.push("rbind");
    }
    options.extend(
        given
            .iter()
            .map(String::as_str)
            .filter(|o| !NOT_MOUNT_FLAGS.contains(o)),
    );
    if !given.iter().any(|o| PROPAGATION.contains(&o.as_str())) {
        options.push("rprivate");
    }
    options.push(if read_only { "ro" } else { "rw" });
    bind(destination, source, &options)
}

/// A `:O` volume: the host directory as overlay's lower layer, the container's own upper and
/// work directories on top; `userxattr`, as the root overlay, since the container's user
/// namespace mounts it.
fn overlay_mount(volume: &VolumeMount, lower: &Path, upper: &Path, work: &Path) -> Mount {
    let data = [
        format!("lowerdir={}", lower.display()),
        format!("upperdir={}", upper.display()),
        format!("workdir={}", work.display()),
        "userxattr".to_string(),
    ];
    let mut options: Vec<&str> = data.iter().map(String::as_str).collect();
    options.extend(
        volume
            .options
            .iter()
            .map(String::as_str)
            .filter(|o| ["nosuid", "nodev", "noexec"].contains(o)),
    );
    if volume.read_only {
        options.push("ro");
    }
    mount(
        &volume.destination,
        "overlay",
        Path::new("overlay"),
        &options,
    )
}

fn annotations(input: &SpecInput) -> Result<HashMap<String, String>, SpecError> {
    let opts = input.options;
    let mut out = HashMap::new();
    out.insert(MANAGER_ANNOTATION.to_string(), MANAGER_NAME.to_string());
    if let Some(signal) = input.image.stop_signal.as_deref().filter(|s| !s.is_empty()) {
        out.insert(STOP_SIGNAL_ANNOTATION.to_string(), signal.to_string());
    }
    if opts.group_add.iter().any(|g| g == "keep-groups") {
        if opts.group_add.len() > 1 {
            return Err(SpecError::KeepGroupsWithOthers);
        }
        out.insert(KEEP_GROUPS_ANNOTATION.to_string(), "1".to_string());
    }
    out.extend(opts.annotations.iter().cloned());
    Ok(out)
}
