//! Planning of the OCI runtime spec for `burrow run` (pure: no syscalls).
//!
//! Everything taken from the host (its environment, limits, hostname, the rootfs's /etc/passwd
//! and /etc/group, env-file contents, ID mappings) arrives as arguments, so every rule here is
//! unit-tested without privileges.

mod build;
mod exec;
mod lifecycle;
mod options;
mod resources;
mod user;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::Deserialize;

pub use build::{
    ContainerFiles, SpecInput, build_spec, entrypoint_and_cmd, final_args, merged_env,
    merged_labels, systemd_mode,
};
pub use exec::{ExecOptions, exec_process};
pub use lifecycle::{LogDriver, RestartPolicy, parse_log_driver, parse_log_size, parse_restart};
pub use options::{
    CapabilitySet, DevptsMount, IpcMode, MountArg, NamespaceMode, NetworkMode, RunOptions,
    SeccompMode, SecurityOpt, SystemdMode, TmpfsMount, Ulimit, UlimitResource, UsernsMode,
    VolumeMount, VolumeSource, parse_annotation, parse_capabilities, parse_entrypoint,
    parse_env_args, parse_env_file, parse_ipc, parse_label, parse_mount, parse_namespace_mode,
    parse_network, parse_security_opt, parse_signal, parse_systemd, parse_tmpfs, parse_uint_flag,
    parse_ulimit, parse_userns, parse_volume, signal_name, timezone_source,
};
pub use resources::{
    CgroupRequest, DeviceLimit, Manager, Resources, check_resource_flag, parse_resources,
};
pub use user::{
    HostAccount, ResolvedUser, missing_entries, passwd_line, resolve_group_add, resolve_user,
};

/// One line of an ID map: `size` IDs from `container_id` inside map to `host_id` outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdMapping {
    pub container_id: u32,
    pub host_id: u32,
    pub size: u32,
}

/// Where `id` of `from` lands in `to`'s numbering: the ID a file stored for `from` (the user's
/// namespace, as layers are extracted) must get so that a container with mapping `to` sees it
/// as `id` too (`--userns keep-id`). `None` when `to` does not map `id`, or `from` cannot hold
/// where it goes.
pub fn shifted_owner(from: &[IdMapping], to: &[IdMapping], id: u32) -> Option<u32> {
    let host = to.iter().find_map(|m| {
        let offset = id.checked_sub(m.container_id)?;
        (offset < m.size).then(|| m.host_id + offset)
    })?;
    from.iter().find_map(|m| {
        let offset = host.checked_sub(m.host_id)?;
        (offset < m.size).then(|| m.container_id + offset)
    })
}

/// The part of an image's config (`config` object of the image config JSON) that shapes a run.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ImageRunConfig {
    #[serde(default)]
    pub env: Option<Vec<String>>,
    #[serde(default)]
    pub cmd: Option<Vec<String>>,
    #[serde(default)]
    pub entrypoint: Option<Vec<String>>,
    #[serde(default)]
    pub working_dir: Option<String>,
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub stop_signal: Option<String>,
    #[serde(default)]
    pub labels: Option<BTreeMap<String, String>>,
}

impl ImageRunConfig {
    /// Reads the run settings from the image config's `config` object; an image without one
    /// (allowed by the OCI image spec) runs with no defaults.
    pub fn from_config_value(config: Option<&serde_json::Value>) -> Result<Self, SpecError> {
        match config {
            None | Some(serde_json::Value::Null) => Ok(Self::default()),
            Some(value) => Self::deserialize(value).map_err(|e| SpecError::ImageConfig {
                reason: e.to_string(),
            }),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SpecError {
    #[error("image config is malformed: {reason}; pull the image again")]
    ImageConfig { reason: String },
    #[error("no command or entrypoint provided, and no CMD or ENTRYPOINT from image")]
    NoCommand,
    #[error("unable to find user {name}: no matching entries in passwd file")]
    UnknownUser { name: String },
    #[error("unable to find group {name}: no matching entries in group file")]
    UnknownGroup { name: String },
    #[error("invalid user {spec:?}: expected USER[:GROUP] with a name or a number in each part")]
    BadUser { spec: String },
    #[error(
        "invalid restart policy {0:?}: use no, on-failure[:MAX-RETRIES], always or unless-stopped"
    )]
    BadRestart(String),
    #[error("invalid restart policy {0:?}: only on-failure takes a retry count")]
    RestartRetries(String),
    #[error("invalid log driver {0:?}: use k8s-file, none or passthrough")]
    BadLogDriver(String),
    #[error("invalid log option {0:?}: burrow supports max-size=SIZE (e.g. max-size=10mb)")]
    BadLogOpt(String),
    #[error("{0}")]
    Unsupported(String),
    /// podman's texts.
    #[error("invalid signal: {0}")]
    BadSignal(String),
    #[error("valid signals are 1 through 64")]
    SignalOutOfRange,
    #[error("invalid ulimit argument {arg:?}: expected TYPE=SOFT[:HARD], e.g. nofile=1024:2048")]
    BadUlimit { arg: String },
    #[error(
        "invalid ulimit type {name:?}: use one of core, cpu, data, fsize, locks, memlock, msgqueue, nice, nofile, nproc, rss, rtprio, rttime, sigpending, stack"
    )]
    UnknownUlimit { name: String },
    #[error("invalid ulimit value {value:?} in {arg:?}: use a number, -1 or unlimited")]
    BadUlimitValue { arg: String, value: String },
    #[error(
        "ulimit soft limit must be less than or equal to hard limit in {arg:?}: {soft} > {hard}"
    )]
    UlimitSoftAboveHard { arg: String, soft: u64, hard: u64 },
    #[error("invalid volume {spec:?}: expected [HOST-DIR:]CONTAINER-DIR[:OPTIONS]")]
    BadVolume { spec: String },
    #[error("invalid container path {path:?}, must be an absolute path")]
    RelativeContainerPath { path: String },
    #[error("invalid option {option:?} in {spec:?}: see podman-run(1) for the options of {flag}")]
    UnknownMountOption {
        flag: &'static str,
        spec: String,
        option: String,
    },
    #[error("conflicting options {first:?} and {second:?} in {spec:?}: pass only one of them")]
    ConflictingMountOptions {
        spec: String,
        first: String,
        second: String,
    },
    #[error("invalid environment variable {entry:?}: the name must not be empty")]
    BadEnv { entry: String },
    #[error("environment variable name {name:?} contains whitespace; remove it")]
    EnvNameWhitespace { name: String },
    #[error("unknown capability {name:?}: use a name from capabilities(7), e.g. NET_ADMIN, or ALL")]
    UnknownCapability { name: String },
    #[error(
        "capability {name:?} cannot be both added and dropped; remove it from one of --cap-add and --cap-drop"
    )]
    CapabilityAddedAndDropped { name: String },
    #[error(
        "adding all capabilities and dropping all capabilities is not allowed; pass ALL to only one of --cap-add and --cap-drop"
    )]
    AllAddedAndDropped,
    #[error(
        "invalid --security-opt {opt:?}: use seccomp=unconfined, seccomp=PROFILE.json, no-new-privileges or label=disable"
    )]
    BadSecurityOpt { opt: String },
    /// A flag's value that podman's own parser refuses, in podman's words.
    #[error("{message}")]
    BadFlagValue { message: String },
    #[error("unrecognized namespace mode {value} passed")]
    BadNamespaceMode { value: String },
    #[error(
        "invalid config provided: --systemd values must be one of \"true, false, always\": invalid configuration"
    )]
    BadSystemd,
    #[error(
        "incorrect mount format: should be --mount type=<bind|tmpfs|volume>,[src=<host-dir|volume-name>,]target=<ctr-dir>[,options]"
    )]
    MountFormat,
    #[error("must set volume destination")]
    MountDestination,
    #[error("invalid filesystem type {kind:?}")]
    BadMountType { kind: String },
    #[error("{option}: invalid mount option")]
    BadMountOption { option: String },
    #[error("source is not supported with tmpfs mounts")]
    TmpfsSource,
    #[error("{destination}: duplicate mount destination")]
    DuplicateMountDestination { destination: String },
    #[error("unrecognized namespace mode {value} passed")]
    BadUserns { value: String },
    #[error("invalid --userns {value:?}: {reason}; write keep-id:uid=N,gid=N")]
    BadKeepId { value: String, reason: String },
    #[error("must provide at least one UID or GID mapping to configure a user namespace")]
    UsernsPrivate,
    #[error(
        "invalid --network {value:?}: use pasta[:OPTIONS], slirp4netns[:OPTIONS], none, host, ns:PATH or container:NAME"
    )]
    BadNetwork { value: String },
    #[error("invalid {flag} {value:?}: expected KEY=VALUE with a non-empty key")]
    BadKeyValue { flag: &'static str, value: String },
    #[error("invalid --entrypoint {value:?}: {reason}")]
    BadEntrypoint { value: String, reason: String },
    #[error("working directory {path:?} must be an absolute path")]
    RelativeWorkdir { path: String },
    #[error(
        "cannot set hostname when running in the host UTS namespace; drop --hostname or --uts=host"
    )]
    HostnameWithHostUts,
    #[error(
        "the '--group-add keep-groups' option is not allowed with any other --group-add options"
    )]
    KeepGroupsWithOthers,
    /// A volume reached the spec without its directory: the container's create resolves
    /// every volume first, so this is burrow's own mistake.
    #[error(
        "volume at {destination} was not resolved to a directory before planning the container"
    )]
    UnresolvedVolume { destination: String },
    #[error("must provide a non-empty command to start an exec session: invalid argument")]
    EmptyExecCommand,
    #[error("building the runtime spec failed: {reason}")]
    Build { reason: String },
}
