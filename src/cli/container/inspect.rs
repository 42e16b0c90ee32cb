//! `container inspect`: podman's field names, filled from the record, the state and the saved
//! runtime spec.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use oci_spec::runtime::{LinuxNamespaceType, Spec};
use serde::Serialize;

use crate::cli::image::{GraphDriver, lower_dir};
use crate::output;
use crate::store::{Container, Status, Store};

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Inspect {
    id: String,
    created: DateTime<Utc>,
    path: String,
    args: Vec<String>,
    state: State,
    image: String,
    image_digest: String,
    image_name: String,
    rootfs: String,
    pod: String,
    resolv_conf_path: String,
    hostname_path: String,
    hosts_path: String,
    static_dir: String,
    #[serde(rename = "OCIConfigPath")]
    oci_config_path: String,
    #[serde(rename = "OCIRuntime")]
    oci_runtime: String,
    name: String,
    restart_count: u32,
    driver: String,
    effective_caps: Vec<String>,
    bounding_caps: Vec<String>,
    #[serde(rename = "ExecIDs")]
    exec_ids: Vec<String>,
    graph_driver: GraphDriver,
    mounts: Vec<Mount>,
    is_infra: bool,
    config: Config,
    host_config: HostConfig,
    network_settings: NetworkSettings,
}

/// podman's NetworkSettings for a container with no network but loopback (`none`).
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct NetworkSettings {
    #[serde(rename = "EndpointID")]
    endpoint_id: String,
    gateway: String,
    #[serde(rename = "IPAddress")]
    ip_address: String,
    #[serde(rename = "IPPrefixLen")]
    ip_prefix_len: u32,
    mac_address: String,
    bridge: String,
    sandbox_id: String,
    hairpin_mode: bool,
    ports: BTreeMap<String, Vec<PortBinding>>,
    sandbox_key: String,
}

#[derive(Serialize)]
struct PortBinding {
    #[serde(rename = "HostIp")]
    host_ip: String,
    #[serde(rename = "HostPort")]
    host_port: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RestartPolicy {
    name: String,
    maximum_retry_count: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct LogConfig {
    #[serde(rename = "Type")]
    kind: String,
    config: Option<BTreeMap<String, String>>,
    path: String,
    tag: String,
    size: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct State {
    oci_version: String,
    status: String,
    running: bool,
    paused: bool,
    restarting: bool,
    #[serde(rename = "OOMKilled")]
    oom_killed: bool,
    dead: bool,
    pid: i32,
    conmon_pid: i32,
    exit_code: i32,
    error: String,
    started_at: DateTime<Utc>,
    finished_at: DateTime<Utc>,
    stopped_by_user: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Mount {
    #[serde(rename = "Type")]
    kind: String,
    /// A volume's name (podman leaves the key out for binds).
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    source: String,
    destination: String,
    driver: String,
    mode: String,
    options: Vec<String>,
    #[serde(rename = "RW")]
    rw: bool,
    propagation: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Config {
    hostname: String,
    domainname: String,
    user: String,
    attach_stdin: bool,
    attach_stdout: bool,
    attach_stderr: bool,
    tty: bool,
    open_stdin: bool,
    stdin_once: bool,
    env: Vec<String>,
    cmd: Vec<String>,
    image: String,
    working_dir: String,
    entrypoint: String,
    labels: BTreeMap<String, String>,
    annotations: BTreeMap<String, String>,
    stop_signal: u8,
    create_command: Vec<String>,
    stop_timeout: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct HostConfig {
    binds: Vec<String>,
    cgroup_manager: String,
    network_mode: String,
    auto_remove: bool,
    cap_add: Vec<String>,
    cap_drop: Vec<String>,
    ipc_mode: String,
    pid_mode: String,
    privileged: bool,
    readonly_rootfs: bool,
    #[serde(rename = "UTSMode")]
    uts_mode: String,
    userns_mode: String,
    init: bool,
    restart_policy: RestartPolicy,
    log_config: LogConfig,
    #[serde(flatten)]
    limits: Limits,
}

/// The resource limits as podman's HostConfig shows them (0: none).
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Limits {
    memory: u64,
    memory_swap: i64,
    memory_reservation: u64,
    cpu_shares: u64,
    cpu_period: u64,
    cpu_quota: i64,
    nano_cpus: u64,
    cpuset_cpus: String,
    cpuset_mems: String,
    pids_limit: i64,
    blkio_weight: u16,
}

impl Limits {
    fn of(
        r: &crate::spec::Resources,
        cgroup: &crate::spec::CgroupRequest,
        host: &crate::cgroups::CgroupInfo,
    ) -> Limits {
        let quota = r.cpu_quota.unwrap_or(0);
        let period = r.cpu_period.unwrap_or(0);
        // podman's default pids limit holds wherever the container gets a cgroup with pids.
        let default_pids = if cgroup.disabled || host.version == "v1" {
            0
        } else {
            crate::cgroups::limits::DEFAULT_PIDS_LIMIT
        };
        Limits {
            memory: r.memory.unwrap_or(0),
            // Docker's meaning (memory plus swap), twice the memory when only that is given.
            memory_swap: r
                .memory_swap
                .unwrap_or_else(|| r.memory.map_or(0, |m| 2 * m as i64)),
            memory_reservation: r.memory_reservation.unwrap_or(0),
            cpu_shares: r.cpu_shares.unwrap_or(0),
            cpu_period: period,
            cpu_quota: quota,
            nano_cpus: if quota > 0 && period > 0 {
                quota as u64 * 1_000_000_000 / period
            } else {
                0
            },
            cpuset_cpus: r.cpuset_cpus.clone().unwrap_or_default(),
            cpuset_mems: r.cpuset_mems.clone().unwrap_or_default(),
            pids_limit: r.pids_limit.unwrap_or(default_pids),
            blkio_weight: r.blkio_weight.unwrap_or(0),
        }
    }
}

/// An unset time, as Go prints its zero value.
fn zero_time() -> DateTime<Utc> {
    "0001-01-01T00:00:00Z".parse().expect("a valid time")
}

fn namespace_mode(spec: &Spec, kind: LinuxNamespaceType, private: &str) -> String {
    let own = spec
        .linux()
        .as_ref()
        .and_then(|l| l.namespaces().as_ref())
        .is_some_and(|list| list.iter().any(|n| n.typ() == kind && n.path().is_none()));
    if own { private } else { "host" }.to_string()
}

fn caps_of(set: Option<&oci_spec::runtime::Capabilities>) -> Vec<String> {
    let mut out: Vec<String> = set
        .map(|s| s.iter().map(|c| format!("CAP_{c}")).collect())
        .unwrap_or_default();
    out.sort();
    out
}

fn signal_number(name: Option<&str>) -> u8 {
    name.and_then(|n| crate::spec::parse_signal(n).ok())
        .map_or(15, |s| s as u8)
}

pub fn describe(store: &Store, c: &Container) -> Inspect {
    let dir = store.container_dir(&c.record.id);
    let userdata = dir.join("userdata");
    let path = |name: &str| userdata.join(name).display().to_string();
    let spec: Spec = std::fs::read(userdata.join("config.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let process = spec.process().clone().unwrap_or_default();
    let caps = process.capabilities().clone();
    let image = store
        .images()
        .ok()
        .and_then(|images| images.into_iter().find(|i| i.id == c.record.image_id));
    let lower = image
        .as_ref()
        .map(|image| lower_dir(store, image))
        .unwrap_or_default();
    // Recorded at create; containers made before burrow recorded it take the image's.
    let image_digest = match &c.record.image_digest {
        d if d.is_empty() => image.map(|i| i.digest).unwrap_or_default(),
        d => d.clone(),
    };
    let mounts: Vec<Mount> = spec
        .mounts()
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter(|m| m.typ().as_deref() == Some("bind"))
        .filter(|m| {
            m.source()
                .as_ref()
                .is_some_and(|s| !s.starts_with(&userdata) && !s.starts_with("/dev"))
        })
        .map(|m| {
            let options = m.options().clone().unwrap_or_default();
            // A volume is bound from its data directory; the record says which it is.
            let volume = c.record.mounts.iter().find(|r| {
                r.kind == "volume" && Path::new(&r.destination) == m.destination().as_path()
            });
            Mount {
                kind: if volume.is_some() { "volume" } else { "bind" }.into(),
                name: volume.map(|v| v.source.clone()),
                driver: if volume.is_some() { "local" } else { "" }.into(),
                source: m
                    .source()
                    .as_ref()
                    .map(|s| s.display().to_string())
                    .unwrap_or_default(),
                destination: m.destination().display().to_string(),
                mode: String::new(),
                rw: !options.iter().any(|o| o == "ro"),
                propagation: options
                    .iter()
                    .find(|o| {
                        o.ends_with("private") || o.ends_with("shared") || o.ends_with("slave")
                    })
                    .cloned()
                    .unwrap_or_else(|| "rprivate".into()),
                options,
            }
        })
        .collect();
    let binds = mounts
        .iter()
        .map(|m| {
            let source = m.name.as_ref().unwrap_or(&m.source);
            format!("{source}:{}:{}", m.destination, m.options.join(","))
        })
        .collect();
    let annotations: BTreeMap<String, String> = spec
        .annotations()
        .clone()
        .unwrap_or_default()
        .into_iter()
        .collect();
    let user = process.user();
    let running = c.state.status == Status::Running;
    let cgroups = crate::cgroups::detect();
    let network = crate::container::network_of(store, &c.record.id).ok();
    // The address is the container's only while it runs.
    let address = network
        .as_ref()
        .and_then(|n| n.addressing.as_ref())
        .filter(|_| running);
    Inspect {
        id: c.record.id.clone(),
        created: c.record.created,
        path: c.record.command.first().cloned().unwrap_or_default(),
        args: c.record.command.iter().skip(1).cloned().collect(),
        state: State {
            oci_version: spec.version().clone(),
            status: c.state.shown_status().into(),
            running: running && !c.state.is_paused(),
            paused: c.state.is_paused(),
            restarting: false,
            oom_killed: c.state.oom_killed,
            dead: false,
            pid: c.state.pid.filter(|_| running).unwrap_or(0),
            conmon_pid: c.state.monitor_pid.filter(|_| running).unwrap_or(0),
            exit_code: c.state.exit_code.unwrap_or(0),
            error: String::new(),
            started_at: c.state.started_at.unwrap_or_else(zero_time),
            finished_at: c.state.finished_at.unwrap_or_else(zero_time),
            stopped_by_user: c.state.stopped_by_user,
        },
        image: c.record.image_id.clone(),
        image_digest,
        image_name: c.record.image_name.clone(),
        rootfs: String::new(),
        pod: String::new(),
        resolv_conf_path: path("resolv.conf"),
        hostname_path: path("hostname"),
        hosts_path: path("hosts"),
        static_dir: userdata.display().to_string(),
        oci_config_path: path("config.json"),
        oci_runtime: "burrow".into(),
        name: c.record.name.clone(),
        restart_count: c.state.restart_count,
        driver: "overlay".into(),
        effective_caps: caps_of(caps.as_ref().and_then(|c| c.effective().as_ref())),
        bounding_caps: caps_of(caps.as_ref().and_then(|c| c.bounding().as_ref())),
        exec_ids: Vec::new(),
        graph_driver: GraphDriver {
            name: "overlay".into(),
            data: BTreeMap::from([
                ("LowerDir".to_string(), lower),
                (
                    "MergedDir".to_string(),
                    dir.join("merged").display().to_string(),
                ),
                (
                    "UpperDir".to_string(),
                    dir.join("upper").display().to_string(),
                ),
                (
                    "WorkDir".to_string(),
                    dir.join("work").display().to_string(),
                ),
            ]),
        },
        mounts,
        is_infra: false,
        config: Config {
            hostname: spec.hostname().clone().unwrap_or_default(),
            domainname: String::new(),
            user: format!("{}:{}", user.uid(), user.gid()),
            attach_stdin: false,
            attach_stdout: true,
            attach_stderr: true,
            tty: process.terminal().unwrap_or(false),
            open_stdin: c.record.stdin_open,
            stdin_once: false,
            env: process.env().clone().unwrap_or_default(),
            cmd: c.record.cmd.clone(),
            image: c.record.image_name.clone(),
            working_dir: process.cwd().display().to_string(),
            entrypoint: c.record.entrypoint.join(" "),
            labels: c.record.labels.clone(),
            annotations,
            stop_signal: signal_number(c.record.stop_signal.as_deref()),
            create_command: c.record.create_command.clone(),
            stop_timeout: c.record.stop_timeout.unwrap_or(10) as u32,
        },
        host_config: HostConfig {
            binds,
            cgroup_manager: cgroups.manager.into(),
            network_mode: match &network {
                Some(n) => crate::network::mode_name(&n.mode),
                None => namespace_mode(&spec, LinuxNamespaceType::Network, "none"),
            },
            auto_remove: c.record.auto_remove,
            cap_add: c.record.cap_add.clone(),
            cap_drop: c.record.cap_drop.clone(),
            ipc_mode: namespace_mode(&spec, LinuxNamespaceType::Ipc, "private"),
            pid_mode: namespace_mode(&spec, LinuxNamespaceType::Pid, "private"),
            privileged: c.record.privileged,
            readonly_rootfs: spec
                .root()
                .as_ref()
                .and_then(|r| r.readonly())
                .unwrap_or(false),
            uts_mode: namespace_mode(&spec, LinuxNamespaceType::Uts, "private"),
            userns_mode: namespace_mode(&spec, LinuxNamespaceType::User, "private"),
            init: c.record.init,
            restart_policy: RestartPolicy {
                name: c.record.restart.name().into(),
                maximum_retry_count: c.record.restart.max_retries(),
            },
            log_config: LogConfig {
                kind: c.record.log_driver.name().into(),
                config: None,
                path: if c.record.log_driver == crate::spec::LogDriver::K8sFile {
                    path("ctr.log")
                } else {
                    String::new()
                },
                tag: String::new(),
                size: c
                    .record
                    .log_size_max
                    // go-units' HumanSize, as podman shows it (`1MB`, `1.235MB`).
                    .map_or_else(|| "0B".into(), |n| output::go_units_human_size(n as f64, 4)),
            },
            limits: Limits::of(&c.record.resources, &c.record.cgroup, &cgroups),
        },
        network_settings: NetworkSettings {
            endpoint_id: String::new(),
            gateway: address.map(|a| a.gateway.clone()).unwrap_or_default(),
            ip_address: address.map(|a| a.ip.clone()).unwrap_or_default(),
            ip_prefix_len: address.map_or(0, |a| u32::from(a.prefix_len)),
            mac_address: network
                .as_ref()
                .and_then(|n| n.mac_address.clone())
                .unwrap_or_default(),
            bridge: String::new(),
            sandbox_id: String::new(),
            hairpin_mode: false,
            ports: network
                .as_ref()
                .map(|n| crate::network::inspect_ports(&n.ports))
                .unwrap_or_default()
                .into_iter()
                .map(|(key, bindings)| {
                    let bindings = bindings
                        .into_iter()
                        .map(|(host_ip, host_port)| PortBinding { host_ip, host_port })
                        .collect();
                    (key, bindings)
                })
                .collect(),
            sandbox_key: match (running, c.state.pid) {
                (true, Some(pid)) if network.as_ref().is_some_and(|n| n.addressing.is_some()) => {
                    format!("/proc/{pid}/ns/net")
                }
                _ => String::new(),
            },
        },
    }
}
