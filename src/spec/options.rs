//! The run options the CLI fills, and parsers for the flag strings with podman's semantics.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use oci_spec::runtime::{Capability, PosixRlimitType};

use super::SpecError;

/// `--ulimit` names, as podman accepts them (docker/go-units' ulimitNameMapping; `as` is absent
/// there too).
const ULIMIT_NAMES: [(&str, UlimitResource); 15] = [
    ("core", UlimitResource::Core),
    ("cpu", UlimitResource::Cpu),
    ("data", UlimitResource::Data),
    ("fsize", UlimitResource::Fsize),
    ("locks", UlimitResource::Locks),
    ("memlock", UlimitResource::Memlock),
    ("msgqueue", UlimitResource::Msgqueue),
    ("nice", UlimitResource::Nice),
    ("nofile", UlimitResource::Nofile),
    ("nproc", UlimitResource::Nproc),
    ("rss", UlimitResource::Rss),
    ("rtprio", UlimitResource::Rtprio),
    ("rttime", UlimitResource::Rttime),
    ("sigpending", UlimitResource::Sigpending),
    ("stack", UlimitResource::Stack),
];

fn is_volume_option(option: &str) -> bool {
    VOLUME_OPTIONS.contains(&option) || PROPAGATION.contains(&option)
}

/// Mount propagation words, shared by volume parsing and spec building.
pub(super) const PROPAGATION: [&str; 8] = [
    "private",
    "rprivate",
    "shared",
    "rshared",
    "slave",
    "rslave",
    "unbindable",
    "runbindable",
];

/// Options of `-v` that podman accepts besides the propagation words; z/Z (SELinux relabel),
/// O (overlay), U (chown) and idmap are accepted for command-line compatibility and left to
/// the runtime.
const VOLUME_OPTIONS: [&str; 19] = [
    "ro",
    "rw",
    "z",
    "Z",
    "O",
    "U",
    "idmap",
    "bind",
    "rbind",
    "nosuid",
    "suid",
    "nodev",
    "dev",
    "noexec",
    "exec",
    "copy",
    "nocopy",
    "relatime",
    "norelatime",
];

/// Options of `--tmpfs` without a value (mount(8) tmpfs options podman passes through).
const TMPFS_FLAGS: [&str; 14] = [
    "ro",
    "rw",
    "nosuid",
    "suid",
    "nodev",
    "dev",
    "noexec",
    "exec",
    "tmpcopyup",
    "notmpcopyup",
    "U",
    "relatime",
    "norelatime",
    "strictatime",
];

/// Options of `--tmpfs` that take a value.
const TMPFS_VALUE_OPTIONS: [&str; 6] = ["size", "mode", "uid", "gid", "nr_inodes", "nr_blocks"];

/// podman's default `--tmpfs` options (podman-run(1): "rw,noexec,nosuid,nodev").
const TMPFS_DEFAULT_OPTIONS: [&str; 4] = ["rw", "noexec", "nosuid", "nodev"];

/// Pairs of options where a later one replaces an earlier one.
const OPPOSITE_OPTIONS: [(&str, &str); 6] = [
    ("ro", "rw"),
    ("nosuid", "suid"),
    ("nodev", "dev"),
    ("noexec", "exec"),
    ("tmpcopyup", "notmpcopyup"),
    ("relatime", "norelatime"),
];

/// A resource `--ulimit` can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UlimitResource {
    Core,
    Cpu,
    Data,
    Fsize,
    Locks,
    Memlock,
    Msgqueue,
    Nice,
    Nofile,
    Nproc,
    Rss,
    Rtprio,
    Rttime,
    Sigpending,
    Stack,
}

impl UlimitResource {
    pub fn name(self) -> &'static str {
        ULIMIT_NAMES
            .iter()
            .find(|(_, r)| *r == self)
            .map(|(n, _)| *n)
            .unwrap_or("unknown")
    }

    pub fn rlimit_type(self) -> PosixRlimitType {
        match self {
            Self::Core => PosixRlimitType::RlimitCore,
            Self::Cpu => PosixRlimitType::RlimitCpu,
            Self::Data => PosixRlimitType::RlimitData,
            Self::Fsize => PosixRlimitType::RlimitFsize,
            Self::Locks => PosixRlimitType::RlimitLocks,
            Self::Memlock => PosixRlimitType::RlimitMemlock,
            Self::Msgqueue => PosixRlimitType::RlimitMsgqueue,
            Self::Nice => PosixRlimitType::RlimitNice,
            Self::Nofile => PosixRlimitType::RlimitNofile,
            Self::Nproc => PosixRlimitType::RlimitNproc,
            Self::Rss => PosixRlimitType::RlimitRss,
            Self::Rtprio => PosixRlimitType::RlimitRtprio,
            Self::Rttime => PosixRlimitType::RlimitRttime,
            Self::Sigpending => PosixRlimitType::RlimitSigpending,
            Self::Stack => PosixRlimitType::RlimitStack,
        }
    }
}

/// One `--ulimit`; `None` is -1 or `unlimited`: the most the host allows (podman-run(1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ulimit {
    pub resource: UlimitResource,
    pub soft: Option<u64>,
    pub hard: Option<u64>,
}

/// Where a `-v` mount comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VolumeSource {
    Host(PathBuf),
    Named(String),
    Anonymous,
    /// `:O`: an overlay with the host directory `lower` under the container's own `upper`
    /// and `work` (changes go there and are discarded with the container).
    Overlay {
        lower: PathBuf,
        upper: PathBuf,
        work: PathBuf,
    },
}

/// One parsed `-v`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeMount {
    pub source: VolumeSource,
    pub destination: String,
    pub read_only: bool,
    /// The remaining options in the order given (propagation, nosuid, ...), without ro/rw.
    pub options: Vec<String>,
}

/// One parsed `--tmpfs`, with podman's defaults already merged into `options`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TmpfsMount {
    pub destination: String,
    pub options: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SeccompMode {
    #[default]
    Default,
    Unconfined,
    Profile(PathBuf),
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UsernsMode {
    /// The user's own ID is root inside, subordinate IDs follow.
    #[default]
    Default,
    /// The user's own ID keeps its number inside, or takes `uid`/`gid` (`keep-id:uid=,gid=`).
    KeepId { uid: Option<u32>, gid: Option<u32> },
    /// The user's own ID is not mapped at all.
    NoMap,
    /// No user namespace.
    Host,
}

/// `--network`: what connects the container's network namespace, if it has one.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NetworkMode {
    /// Not given: pasta when installed, else slirp4netns, else none (decided at create).
    #[default]
    Default,
    /// A private network namespace with only loopback.
    None,
    Host,
    /// pasta with extra options of its own (`pasta:OPT,OPT`).
    Pasta(Vec<String>),
    /// slirp4netns with podman's options (`slirp4netns:allow_host_loopback=true,...`).
    Slirp4netns(Vec<String>),
    /// `ns:PATH`: a network namespace that exists.
    Path(PathBuf),
    /// `container:NAME`: another container's network namespace.
    Container(String),
}

/// Whether a namespace (`--pid`, `--uts`, `--cgroupns`) is the container's own or the host's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NamespaceMode {
    #[default]
    Private,
    Host,
}

/// `--ipc`: the container's IPC namespace and /dev/shm.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum IpcMode {
    /// A namespace of its own that others may join (podman's default for containers).
    #[default]
    Shareable,
    /// A namespace of its own that no other container may join.
    Private,
    /// A namespace of its own and no /dev/shm.
    None,
    Host,
    /// Another container's namespace, by name or ID as given.
    Container(String),
}

/// `--systemd`: whether the container is set up for systemd as PID 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SystemdMode {
    /// When the command is systemd or init (podman's default).
    #[default]
    True,
    False,
    Always,
}

/// One `--mount type=devpts`: a devpts of the container's own at `destination`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevptsMount {
    pub destination: String,
    pub options: Vec<String>,
}

/// One parsed `--mount`, in the shape of the flag it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MountArg {
    Bind(VolumeMount),
    Tmpfs(TmpfsMount),
    Devpts(DevptsMount),
}

/// One parsed `--security-opt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecurityOpt {
    Seccomp(SeccompMode),
    NoNewPrivileges(bool),
    /// `label=...`: SELinux labels, which burrow does not apply.
    Label(String),
    /// `apparmor=...`: burrow applies no AppArmor profile, so only `unconfined` is honest.
    Apparmor(String),
}

/// Capabilities named by `--cap-add` or `--cap-drop`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CapabilitySet {
    pub all: bool,
    pub names: Vec<Capability>,
}

/// Plain data the CLI fills from `burrow run` flags; parsed where a parser exists, raw where the
/// meaning needs host input (`-e NAME`, env files, user names).
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub name: Option<String>,
    /// Raw `-e` values: NAME=VALUE, NAME (host value) or PREFIX* (host values).
    pub env: Vec<String>,
    /// Contents of each `--env-file`, in order.
    pub env_files: Vec<String>,
    /// `--unsetenv`: defaults and image variables left out (`-e` and env files still apply).
    pub unsetenv: Vec<String>,
    /// `--unsetenv-all`: no default or image variables at all.
    pub unsetenv_all: bool,
    /// `--tz`: the host's zoneinfo file to bind at /etc/localtime, checked by the caller.
    pub timezone: Option<PathBuf>,
    pub workdir: Option<String>,
    /// `-u USER[:GROUP]`, resolved against the rootfs's /etc/passwd and /etc/group.
    pub user: Option<String>,
    pub group_add: Vec<String>,
    /// `Some(vec![])` clears the image's entrypoint (`--entrypoint ""`).
    pub entrypoint: Option<Vec<String>>,
    pub command: Vec<String>,
    pub hostname: Option<String>,
    pub read_only: bool,
    /// Mount tmpfs on /run, /tmp and /var/tmp with --read-only (podman's --read-only-tmpfs).
    pub read_only_tmpfs: bool,
    pub init: bool,
    pub volumes: Vec<VolumeMount>,
    /// `--volumes-from CTR[:ro|rw]`, raw: resolved against the container records at create.
    pub volumes_from: Vec<String>,
    pub tmpfs: Vec<TmpfsMount>,
    /// `--mount type=devpts`.
    pub devpts: Vec<DevptsMount>,
    pub cap_add: CapabilitySet,
    pub cap_drop: CapabilitySet,
    pub privileged: bool,
    pub seccomp: SeccompMode,
    pub no_new_privileges: bool,
    pub ulimits: Vec<Ulimit>,
    /// `--ulimit host`: the process keeps the caller's limits, none are set.
    pub ulimit_host: bool,
    pub systemd: SystemdMode,
    /// The resource-limit flags given (`--memory`, ...), named without dashes; their values
    /// are checked, and applied only where the container can have a cgroup.
    pub resource_limits: Vec<&'static str>,
    /// The limits' values.
    pub resources: super::Resources,
    /// `--cgroups`, `--cgroup-parent`, and the cgroup manager in force at create.
    pub cgroup: super::CgroupRequest,
    pub userns: UsernsMode,
    pub network: NetworkMode,
    /// `-p`, raw: parsed and given host ports when the container is created.
    pub publish: Vec<String>,
    /// `-P`: the image's EXPOSE ports (and `--expose`) on random host ports.
    pub publish_all: bool,
    /// `--expose PORT[/PROTO]`: more ports for `-P`.
    pub expose: Vec<String>,
    pub dns: Vec<String>,
    pub dns_search: Vec<String>,
    pub dns_options: Vec<String>,
    /// `--add-host NAME:IP`, raw.
    pub add_hosts: Vec<String>,
    /// `--no-hosts`: the image's /etc/hosts stays.
    pub no_hosts: bool,
    pub mac_address: Option<String>,
    pub pid_host: bool,
    pub ipc: IpcMode,
    pub uts_host: bool,
    pub cgroupns_host: bool,
    pub labels: Vec<(String, String)>,
    pub annotations: Vec<(String, String)>,
    pub tty: bool,
    pub interactive: bool,
    pub replace: bool,
    pub rm: bool,
    pub restart: super::RestartPolicy,
    pub log_driver: super::LogDriver,
    /// `--log-opt max-size=`: the log file starts afresh beyond this size.
    pub log_size_max: Option<u64>,
    /// `--stop-timeout`: seconds between the stop signal and SIGKILL.
    pub stop_timeout: Option<u64>,
    /// `--stop-signal`, over the image's.
    pub stop_signal: Option<String>,
    /// `--rmi`: the image goes when the container does, unless another container uses it.
    pub remove_image: bool,
    /// `--timeout`: seconds after which the container is killed (none: it runs as long as
    /// it likes).
    pub timeout: Option<u64>,
    /// `--hostuser`: host users whose passwd entries the container gets.
    pub host_users: Vec<String>,
}

impl RunOptions {
    /// Applies one `--security-opt`.
    pub fn apply_security_opt(&mut self, opt: SecurityOpt) {
        match opt {
            SecurityOpt::Seccomp(mode) => self.seccomp = mode,
            SecurityOpt::NoNewPrivileges(on) => self.no_new_privileges = on,
            SecurityOpt::Label(_) | SecurityOpt::Apparmor(_) => {}
        }
    }

    /// `--dns none`: the container keeps the image's /etc/resolv.conf, as podman's
    /// UseImageResolvConf.
    pub fn dns_none(&self) -> bool {
        self.dns.iter().any(|d| d == "none")
    }
}

/// podman's real-time signals: glibc keeps 32 and 33 for itself, so SIGRTMIN is 34 and the
/// names reach RTMIN+15 and RTMAX-14, as in podman's table.
const SIGRTMIN: i32 = 34;
const SIGRTMAX: i32 = 64;

/// Parses a signal as podman's `kill -s` and `--stop-signal` take it: a number from 1 to 64,
/// or a name with or without SIG in any case, real-time ones included (`RTMIN+3`,
/// `SIGRTMAX-2`). Returns the signal's number.
pub fn parse_signal(text: &str) -> Result<i32, SpecError> {
    let bad = || SpecError::BadSignal(text.to_string());
    if let Ok(n) = text.parse::<i64>() {
        return match n {
            0 => Err(bad()),
            1..=64 => Ok(n as i32),
            _ => Err(SpecError::SignalOutOfRange),
        };
    }
    let upper = text.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    let offset =
        |rest: &str, most: i32| rest.parse::<i32>().ok().filter(|n| (1..=most).contains(n));
    let realtime = match name {
        "RTMIN" => Some(SIGRTMIN),
        "RTMAX" => Some(SIGRTMAX),
        _ => name
            .strip_prefix("RTMIN+")
            .and_then(|rest| offset(rest, 15))
            .map(|n| SIGRTMIN + n)
            .or_else(|| {
                name.strip_prefix("RTMAX-")
                    .and_then(|rest| offset(rest, 14))
                    .map(|n| SIGRTMAX - n)
            }),
    };
    if let Some(n) = realtime {
        return Ok(n);
    }
    format!("SIG{name}")
        .parse::<nix::sys::signal::Signal>()
        .map(|s| s as i32)
        .map_err(|_| bad())
}

/// A signal's name for messages: `SIGTERM`, `SIGRTMIN+3`, else its number.
pub fn signal_name(signal: i32) -> String {
    match nix::sys::signal::Signal::try_from(signal) {
        Ok(s) => s.as_str().to_string(),
        Err(_) if signal == SIGRTMIN => "SIGRTMIN".to_string(),
        Err(_) if (SIGRTMIN + 1..=SIGRTMIN + 15).contains(&signal) => {
            format!("SIGRTMIN+{}", signal - SIGRTMIN)
        }
        Err(_) if signal == SIGRTMAX => "SIGRTMAX".to_string(),
        Err(_) if (SIGRTMAX - 14..SIGRTMAX).contains(&signal) => {
            format!("SIGRTMAX-{}", SIGRTMAX - signal)
        }
        Err(_) => signal.to_string(),
    }
}

/// Parses `--ulimit TYPE=SOFT[:HARD]`; a missing HARD equals SOFT, as in podman.
pub fn parse_ulimit(arg: &str) -> Result<Ulimit, SpecError> {
    let bad = || SpecError::BadUlimit {
        arg: arg.to_string(),
    };
    let (name, values) = arg.split_once('=').ok_or_else(bad)?;
    let resource = ULIMIT_NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, r)| *r)
        .ok_or_else(|| SpecError::UnknownUlimit {
            name: name.to_string(),
        })?;
    let mut parts = values.split(':');
    let soft = parse_ulimit_value(arg, parts.next().ok_or_else(bad)?)?;
    let hard = match parts.next() {
        Some(text) => parse_ulimit_value(arg, text)?,
        None => soft,
    };
    if parts.next().is_some() {
        return Err(bad());
    }
    if let (Some(s), Some(h)) = (soft, hard)
        && s > h
    {
        return Err(SpecError::UlimitSoftAboveHard {
            arg: arg.to_string(),
            soft: s,
            hard: h,
        });
    }
    Ok(Ulimit {
        resource,
        soft,
        hard,
    })
}

fn parse_ulimit_value(arg: &str, text: &str) -> Result<Option<u64>, SpecError> {
    if text == "-1" || text == "unlimited" {
        return Ok(None);
    }
    text.parse::<u64>()
        .map(Some)
        .map_err(|_| SpecError::BadUlimitValue {
            arg: arg.to_string(),
            value: text.to_string(),
        })
}

/// Parses `-v [HOST:]CTR[:OPTIONS]`. A source starting with `/` or `.` is a host path (a
/// relative one is taken from `cwd`); any other source names a volume, as in podman.
pub fn parse_volume(spec: &str, cwd: &Path) -> Result<VolumeMount, SpecError> {
    let parts: Vec<&str> = spec.split(':').collect();
    let (source, destination, options) = match parts.as_slice() {
        [dst] => (VolumeSource::Anonymous, *dst, ""),
        // `-v /ctr:ro`: an anonymous volume with options, told apart as podman does: the
        // second part is a list of known options.
        [dst, opts] if dst.starts_with('/') && is_option_list(opts) => {
            (VolumeSource::Anonymous, *dst, *opts)
        }
        [src, dst] => (volume_source(src, cwd), *dst, ""),
        [src, dst, opts] => (volume_source(src, cwd), *dst, *opts),
        _ => {
            return Err(SpecError::BadVolume {
                spec: spec.to_string(),
            });
        }
    };
    if source == VolumeSource::Named(String::new()) || destination.is_empty() {
        return Err(SpecError::BadVolume {
            spec: spec.to_string(),
        });
    }
    require_absolute(destination)?;
    let mut read_only = None;
    let mut rest = Vec::new();
    for option in options.split(',').filter(|o| !o.is_empty()) {
        if !is_volume_option(option) {
            return Err(unknown_option("-v", spec, option));
        }
        match option {
            "ro" | "rw" => {
                if let Some(previous) = read_only.replace(option == "ro") {
                    let first = if previous { "ro" } else { "rw" };
                    return Err(conflict(spec, first, option));
                }
            }
            _ => {
                reject_opposite(spec, &rest, option)?;
                rest.push(option.to_string());
            }
        }
    }
    Ok(VolumeMount {
        source,
        destination: destination.to_string(),
        read_only: read_only.unwrap_or(false),
        options: rest,
    })
}

fn is_option_list(text: &str) -> bool {
    text.split(',').all(is_volume_option)
}

fn volume_source(text: &str, cwd: &Path) -> VolumeSource {
    if text.starts_with('/') {
        VolumeSource::Host(PathBuf::from(text))
    } else if text.starts_with('.') {
        VolumeSource::Host(cwd.join(text))
    } else {
        VolumeSource::Named(text.to_string())
    }
}

fn require_absolute(path: &str) -> Result<(), SpecError> {
    if path.starts_with('/') {
        Ok(())
    } else {
        Err(SpecError::RelativeContainerPath {
            path: path.to_string(),
        })
    }
}

fn unknown_option(flag: &'static str, spec: &str, option: &str) -> SpecError {
    SpecError::UnknownMountOption {
        flag,
        spec: spec.to_string(),
        option: option.to_string(),
    }
}

fn conflict(spec: &str, first: &str, second: &str) -> SpecError {
    SpecError::ConflictingMountOptions {
        spec: spec.to_string(),
        first: first.to_string(),
        second: second.to_string(),
    }
}

fn opposite_of(option: &str) -> Option<&'static str> {
    OPPOSITE_OPTIONS.iter().find_map(|(a, b)| {
        if *a == option {
            Some(*b)
        } else if *b == option {
            Some(*a)
        } else {
            None
        }
    })
}

fn reject_opposite(spec: &str, given: &[String], option: &str) -> Result<(), SpecError> {
    match opposite_of(option) {
        Some(other) if given.iter().any(|g| g == other) => Err(conflict(spec, other, option)),
        _ => Ok(()),
    }
}

/// Parses `--tmpfs /path[:opts]`: podman's defaults (rw,noexec,nosuid,nodev) with each given
/// option replacing its opposite.
pub fn parse_tmpfs(spec: &str) -> Result<TmpfsMount, SpecError> {
    let (destination, given) = spec.split_once(':').unwrap_or((spec, ""));
    if destination.is_empty() {
        return Err(SpecError::RelativeContainerPath {
            path: String::new(),
        });
    }
    require_absolute(destination)?;
    let mut options: Vec<String> = TMPFS_DEFAULT_OPTIONS
        .iter()
        .map(|o| o.to_string())
        .collect();
    let mut seen: Vec<String> = Vec::new();
    for option in given.split(',').filter(|o| !o.is_empty()) {
        validate_tmpfs_option(spec, option)?;
        reject_opposite(spec, &seen, option)?;
        seen.push(option.to_string());
        if let Some(other) = opposite_of(option) {
            options.retain(|o| o != other && o != option);
        }
        options.push(option.to_string());
    }
    Ok(TmpfsMount {
        destination: destination.to_string(),
        options,
    })
}

fn validate_tmpfs_option(spec: &str, option: &str) -> Result<(), SpecError> {
    let known = match option.split_once('=') {
        Some((key, value)) => TMPFS_VALUE_OPTIONS.contains(&key) && !value.is_empty(),
        None => TMPFS_FLAGS.contains(&option),
    };
    if known {
        Ok(())
    } else {
        Err(unknown_option("--tmpfs", spec, option))
    }
}

/// Parses `-e` values in order. NAME alone takes the host's value and is dropped when the host
/// has none; `PREFIX*` takes every host variable starting with PREFIX (podman's wildcard).
pub fn parse_env_args(
    args: &[String],
    host_env: &[(String, String)],
) -> Result<Vec<(String, String)>, SpecError> {
    let mut out = Vec::new();
    for arg in args {
        parse_env_entry(arg, host_env, &mut out)?;
    }
    Ok(out)
}

/// Parses the text of an `--env-file`: one entry per line as with `-e`, blank lines and lines
/// starting with `#` skipped, leading whitespace of the name ignored.
pub fn parse_env_file(
    text: &str,
    host_env: &[(String, String)],
) -> Result<Vec<(String, String)>, SpecError> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        parse_env_entry(line, host_env, &mut out)?;
    }
    Ok(out)
}

fn parse_env_entry(
    entry: &str,
    host_env: &[(String, String)],
    out: &mut Vec<(String, String)>,
) -> Result<(), SpecError> {
    let (name, value) = match entry.split_once('=') {
        Some((name, value)) => (name.trim_start(), Some(value)),
        None => (entry.trim_start(), None),
    };
    if name.is_empty() {
        return Err(SpecError::BadEnv {
            entry: entry.to_string(),
        });
    }
    if name.chars().any(char::is_whitespace) {
        return Err(SpecError::EnvNameWhitespace {
            name: name.to_string(),
        });
    }
    match (value, name.strip_suffix('*')) {
        (Some(value), _) => out.push((name.to_string(), value.to_string())),
        (None, Some(prefix)) => out.extend(
            host_env
                .iter()
                .filter(|(n, _)| n.starts_with(prefix))
                .cloned(),
        ),
        (None, None) => out.extend(host_env.iter().filter(|(n, _)| n == name).cloned()),
    }
    Ok(())
}

/// Parses the values of `--cap-add` or `--cap-drop`: with or without `CAP_`, any case, `ALL`.
pub fn parse_capabilities(values: &[String]) -> Result<CapabilitySet, SpecError> {
    let mut set = CapabilitySet::default();
    for value in values.iter().flat_map(|v| v.split(',')) {
        let upper = value.trim().to_ascii_uppercase();
        let bare = upper.strip_prefix("CAP_").unwrap_or(&upper);
        if bare == "ALL" {
            set.all = true;
            continue;
        }
        let cap = Capability::from_str(bare).map_err(|_| SpecError::UnknownCapability {
            name: value.to_string(),
        })?;
        if !set.names.contains(&cap) {
            set.names.push(cap);
        }
    }
    Ok(set)
}

/// Parses `--security-opt`.
pub fn parse_security_opt(opt: &str) -> Result<SecurityOpt, SpecError> {
    let bad = || SpecError::BadSecurityOpt {
        opt: opt.to_string(),
    };
    let (key, value) = match opt.split_once(['=', ':']) {
        Some((key, value)) => (key, Some(value)),
        None => (opt, None),
    };
    match (key, value) {
        ("seccomp", Some("unconfined")) => Ok(SecurityOpt::Seccomp(SeccompMode::Unconfined)),
        ("seccomp", Some(path)) if !path.is_empty() => Ok(SecurityOpt::Seccomp(
            SeccompMode::Profile(PathBuf::from(path)),
        )),
        ("no-new-privileges", None | Some("true")) => Ok(SecurityOpt::NoNewPrivileges(true)),
        ("no-new-privileges", Some("false")) => Ok(SecurityOpt::NoNewPrivileges(false)),
        ("label", Some(value)) if !value.is_empty() => Ok(SecurityOpt::Label(value.to_string())),
        // burrow loads no AppArmor profile, so only "unconfined" is true to what runs.
        ("apparmor", Some("unconfined")) => Ok(SecurityOpt::Apparmor("unconfined".to_string())),
        _ => Err(bad()),
    }
}

/// Parses `--pid`, `--uts` or `--cgroupns` (`host` or `private`; empty is the default).
pub fn parse_namespace_mode(value: &str) -> Result<NamespaceMode, SpecError> {
    match value {
        "" | "private" => Ok(NamespaceMode::Private),
        "host" => Ok(NamespaceMode::Host),
        _ => Err(SpecError::BadNamespaceMode {
            value: value.to_string(),
        }),
    }
}

/// Parses `--ipc`.
pub fn parse_ipc(value: &str) -> Result<IpcMode, SpecError> {
    match value {
        "" | "shareable" => Ok(IpcMode::Shareable),
        "private" => Ok(IpcMode::Private),
        "none" => Ok(IpcMode::None),
        "host" => Ok(IpcMode::Host),
        _ => match value.strip_prefix("container:") {
            Some(name) if !name.is_empty() => Ok(IpcMode::Container(name.to_string())),
            _ => Err(SpecError::BadNamespaceMode {
                value: value.to_string(),
            }),
        },
    }
}

/// A flag podman reads with pflag's UintVar, refused in pflag's words.
pub fn parse_uint_flag(flag: &str, value: &str) -> Result<u64, SpecError> {
    value.parse::<u64>().map_err(|_| SpecError::BadFlagValue {
        message: format!(
            "invalid argument {value:?} for \"--{flag}\" flag: strconv.ParseUint: parsing {value:?}: invalid syntax"
        ),
    })
}

/// Parses `--systemd`.
pub fn parse_systemd(value: &str) -> Result<SystemdMode, SpecError> {
    match value.to_ascii_lowercase().as_str() {
        "true" => Ok(SystemdMode::True),
        "false" => Ok(SystemdMode::False),
        "always" => Ok(SystemdMode::Always),
        _ => Err(SpecError::BadSystemd),
    }
}

/// Parses `--mount type=bind|tmpfs|devpts,...` with podman's keys and errors; a bind without a
/// source binds the host path of the same name, as in podman.
pub fn parse_mount(arg: &str, cwd: &Path) -> Result<MountArg, SpecError> {
    let mut kind = None;
    let mut source = None;
    let mut destination = None;
    let mut read_only = false;
    let mut options: Vec<String> = Vec::new();
    for field in arg.split(',').filter(|f| !f.is_empty()) {
        let (key, value) = match field.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (field, None),
        };
        match (key, value) {
            ("type", Some(v)) => kind = Some(v.to_string()),
            ("source" | "src", Some(v)) => source = Some(v.to_string()),
            ("destination" | "dst" | "target", Some(v)) => destination = Some(v.to_string()),
            ("ro" | "readonly", None) => read_only = true,
            ("ro" | "readonly", Some(v)) => {
                read_only = parse_mount_bool(v).ok_or_else(|| SpecError::BadMountOption {
                    option: field.to_string(),
                })?
            }
            ("rw", None) => read_only = false,
            ("bind-propagation", Some(v)) if PROPAGATION.contains(&v) => options.push(v.into()),
            ("bind-nonrecursive", None) => options.push("bind".into()),
            ("tmpfs-size", Some(v)) if !v.is_empty() => options.push(format!("size={v}")),
            ("tmpfs-mode", Some(v)) if !v.is_empty() => options.push(format!("mode={v}")),
            ("uid" | "gid" | "mode" | "max", Some(v)) if !v.is_empty() => {
                options.push(field.to_string())
            }
            ("relabel" | "consistency", Some(_)) | ("z" | "Z", None) => {}
            ("U" | "idmap", None) => options.push(key.to_string()),
            ("volume-nocopy", None) => options.push("nocopy".into()),
            (
                "nosuid" | "suid" | "nodev" | "dev" | "noexec" | "exec" | "tmpcopyup"
                | "notmpcopyup",
                None,
            ) => options.push(key.to_string()),
            _ => {
                return Err(SpecError::BadMountOption {
                    option: key.to_string(),
                });
            }
        }
    }
    let kind = kind.ok_or(SpecError::MountFormat)?;
    let destination = destination.ok_or(SpecError::MountDestination)?;
    require_absolute(&destination)?;
    match kind.as_str() {
        "bind" => {
            let source = source.unwrap_or_else(|| destination.clone());
            let source = match volume_source(&source, cwd) {
                VolumeSource::Host(path) => path,
                _ => cwd.join(&source),
            };
            Ok(MountArg::Bind(VolumeMount {
                source: VolumeSource::Host(source),
                destination,
                read_only,
                options,
            }))
        }
        "tmpfs" => {
            if source.is_some() {
                return Err(SpecError::TmpfsSource);
            }
            let mut all: Vec<String> = vec![if read_only { "ro" } else { "rw" }.into()];
            all.extend(["rprivate", "nosuid", "nodev"].map(String::from));
            if !options.iter().any(|o| o == "notmpcopyup") {
                all.push("tmpcopyup".into());
            }
            for option in options {
                if let Some(other) = opposite_of(&option) {
                    all.retain(|o| o != other);
                }
                if option != "notmpcopyup" && !all.contains(&option) {
                    all.push(option);
                }
            }
            Ok(MountArg::Tmpfs(TmpfsMount {
                destination,
                options: all,
            }))
        }
        "devpts" => Ok(MountArg::Devpts(DevptsMount {
            destination,
            options,
        })),
        "volume" => {
            let source = match source {
                Some(name) if name.starts_with('/') || name.starts_with('.') => {
                    VolumeSource::Host(cwd.join(name))
                }
                Some(name) => VolumeSource::Named(name),
                None => VolumeSource::Anonymous,
            };
            Ok(MountArg::Bind(VolumeMount {
                source,
                destination,
                read_only,
                options,
            }))
        }
        other => Err(SpecError::BadMountType {
            kind: other.to_string(),
        }),
    }
}

/// Go's strconv.ParseBool, which podman uses for `ro=`.
fn parse_mount_bool(text: &str) -> Option<bool> {
    match text {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Where `--tz` takes /etc/localtime from: `local` is the host's own, any other value names a
/// zone under /usr/share/zoneinfo (podman's rule).
pub fn timezone_source(value: &str) -> PathBuf {
    if value == "local" {
        PathBuf::from("/etc/localtime")
    } else {
        Path::new("/usr/share/zoneinfo").join(value)
    }
}

/// `keep-id:uid=N,gid=N`: the IDs the user's own take inside.
fn parse_keep_id(value: &str) -> Result<UsernsMode, SpecError> {
    let (mut uid, mut gid) = (None, None);
    for option in value["keep-id:".len()..].split(',') {
        let (key, number) = option.split_once('=').unwrap_or((option, ""));
        let slot = match key {
            "uid" => &mut uid,
            "gid" => &mut gid,
            _ => {
                return Err(SpecError::BadKeepId {
                    value: value.to_string(),
                    reason: format!("unknown option {option:?}"),
                });
            }
        };
        *slot = Some(number.parse().map_err(|_| SpecError::BadKeepId {
            value: value.to_string(),
            reason: format!("{key} {number:?} is not a number"),
        })?);
    }
    Ok(UsernsMode::KeepId { uid, gid })
}

/// Parses `--userns`; the empty value is the default mapping.
pub fn parse_userns(value: &str) -> Result<UsernsMode, SpecError> {
    match value {
        "" => Ok(UsernsMode::Default),
        "keep-id" => Ok(UsernsMode::KeepId {
            uid: None,
            gid: None,
        }),
        _ if value.starts_with("keep-id:") => parse_keep_id(value),
        "nomap" => Ok(UsernsMode::NoMap),
        "host" => Ok(UsernsMode::Host),
        // podman 4 refuses a private user namespace for a rootless user in these words.
        "private" => Err(SpecError::UsernsPrivate),
        _ => Err(SpecError::BadUserns {
            value: value.to_string(),
        }),
    }
}

/// Parses `--network` (`--net`): `pasta:OPTS` and `slirp4netns:OPTS` keep their options
/// (comma-separated) for the helper, which checks them.
pub fn parse_network(value: &str) -> Result<NetworkMode, SpecError> {
    let (name, options) = match value.split_once(':') {
        Some((name, options)) => (name, Some(options)),
        None => (value, None),
    };
    let list = |o: Option<&str>| -> Vec<String> {
        o.map(|o| {
            o.split(',')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
    };
    match (name, options) {
        ("" | "default" | "private", None) => Ok(NetworkMode::Default),
        ("none", None) => Ok(NetworkMode::None),
        ("host", None) => Ok(NetworkMode::Host),
        ("pasta", o) => Ok(NetworkMode::Pasta(list(o))),
        ("slirp4netns", o) => Ok(NetworkMode::Slirp4netns(list(o))),
        ("ns", Some(path)) if path.starts_with('/') => Ok(NetworkMode::Path(path.into())),
        ("container", Some(name)) if !name.is_empty() => Ok(NetworkMode::Container(name.into())),
        _ => Err(SpecError::BadNetwork {
            value: value.to_string(),
        }),
    }
}

/// Parses `--label KEY[=VALUE]`; a bare key gets an empty value, as in podman.
pub fn parse_label(value: &str) -> Result<(String, String), SpecError> {
    let (key, val) = value.split_once('=').unwrap_or((value, ""));
    if key.is_empty() {
        return Err(SpecError::BadKeyValue {
            flag: "--label",
            value: value.to_string(),
        });
    }
    Ok((key.to_string(), val.to_string()))
}

/// Parses `--annotation KEY=VALUE`.
pub fn parse_annotation(value: &str) -> Result<(String, String), SpecError> {
    match value.split_once('=') {
        Some((key, val)) if !key.is_empty() => Ok((key.to_string(), val.to_string())),
        _ => Err(SpecError::BadKeyValue {
            flag: "--annotation",
            value: value.to_string(),
        }),
    }
}

/// Parses `--entrypoint`: "" clears the image's entrypoint, a JSON array gives the words, any
/// other text is one word (podman's rules).
pub fn parse_entrypoint(value: &str) -> Result<Vec<String>, SpecError> {
    if value.is_empty() {
        return Ok(Vec::new());
    }
    if value.starts_with('[') {
        return serde_json::from_str(value).map_err(|e| SpecError::BadEntrypoint {
            value: value.to_string(),
            reason: format!("not a JSON array of strings ({e})"),
        });
    }
    Ok(vec![value.to_string()])
}
