use anyhow::{Context as _, Result, bail};

use super::common::coded;
use super::{CodedError, Context, ReportedError};
use crate::container::{self, AttachFlags, Created, Host, ImageRequest, RunError};
use crate::spec::{self, MountArg, NamespaceMode, RunOptions};

// `burrow run`: create's flags, and those that only mean something when the container
// starts at once (podman's create refuses them as unknown).
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub create: Args,
    /// Remove the image when the container exits, unless other containers use it (implies --rm)
    #[arg(long)]
    pub rmi: bool,
    /// Pass descriptors 3 to 3+N-1 of the caller into the container
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub preserve_fds: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Kill the container after this many seconds (0: never)
    #[arg(long, value_name = "SECONDS", allow_hyphen_values = true)]
    pub timeout: Option<String>,
    /// Attach to STDIN, STDOUT or STDERR (repeatable; default: all)
    #[arg(short, long, value_name = "STREAM", value_delimiter = ',')]
    pub attach: Vec<String>,
    /// Add a host user's passwd entry to the container's /etc/passwd (repeatable)
    #[arg(long, value_name = "USER")]
    pub hostuser: Vec<String>,
    /// Replace a container that already has the --name
    #[arg(long)]
    pub replace: bool,
    /// Run a small init as PID 1 that forwards signals and reaps zombies
    #[arg(long)]
    pub init: bool,
    /// Name of the container
    #[arg(long)]
    pub name: Option<String>,
    /// Set environment variables (NAME=VALUE, or NAME to pass the host's value)
    #[arg(short, long = "env", value_name = "ENV")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long, value_name = "FILE", add = super::completion::files())]
    pub env_file: Vec<String>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Run as USER[:GROUP] (names from the image's /etc/passwd and /etc/group)
    #[arg(short, long)]
    pub user: Option<String>,
    /// Additional groups to join
    #[arg(long, value_name = "GROUP")]
    pub group_add: Vec<String>,
    /// Override the image's entrypoint (a word or a JSON array; "" clears it)
    #[arg(long, allow_hyphen_values = true)]
    pub entrypoint: Option<String>,
    /// Set the container's hostname
    #[arg(long)]
    pub hostname: Option<String>,
    /// Mount the container's root filesystem read-only
    #[arg(long)]
    pub read_only: bool,
    /// Bind mount a volume: [HOST-DIR|VOLUME-NAME:]CONTAINER-DIR[:OPTIONS]
    #[arg(short, long = "volume", value_name = "VOLUME", add = super::completion::volume_flag())]
    pub volume: Vec<String>,
    /// Mount the volumes and binds of another container: CONTAINER[:ro|rw]
    #[arg(long, value_name = "CONTAINER", add = super::completion::all_containers())]
    pub volumes_from: Vec<String>,
    /// Mount a tmpfs: CONTAINER-DIR[:OPTIONS]
    #[arg(long, value_name = "TMPFS")]
    pub tmpfs: Vec<String>,
    /// Add Linux capabilities (or ALL)
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop Linux capabilities (or ALL)
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Give the container all capabilities and no seccomp filter or masked paths
    #[arg(long)]
    pub privileged: bool,
    /// Security options: seccomp=unconfined|PROFILE.json, no-new-privileges
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Resource limits: NAME=SOFT[:HARD]
    #[arg(long, value_name = "LIMIT")]
    pub ulimit: Vec<String>,
    /// User namespace: keep-id, nomap or host
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// Network: pasta[:OPTIONS], slirp4netns[:OPTIONS], none, host (default: pasta if installed)
    #[arg(long, alias = "net", value_name = "MODE", add = super::completion::networks())]
    pub network: Option<String>,
    /// Publish a container's port to the host: [IP:][HOSTPORT:]CONTAINERPORT[/tcp|/udp]
    #[arg(short, long, value_name = "PORT")]
    pub publish: Vec<String>,
    /// Publish the image's exposed ports on random host ports
    #[arg(short = 'P', long)]
    pub publish_all: bool,
    /// Expose a port or range (PORT[-END][/PROTOCOL]) for -P
    #[arg(long, value_name = "PORT")]
    pub expose: Vec<String>,
    /// DNS server for the container's /etc/resolv.conf
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// DNS search domain ("." for none)
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// DNS resolver option (e.g. ndots:2)
    #[arg(long, value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Add a line to /etc/hosts: HOST:IP (IP may be host-gateway)
    #[arg(long, value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// Keep the image's /etc/hosts instead of writing one
    #[arg(long)]
    pub no_hosts: bool,
    /// MAC address of the container's interface
    #[arg(long, value_name = "MAC")]
    pub mac_address: Option<String>,
    /// Add a label: KEY=VALUE
    #[arg(short, long, value_name = "LABEL")]
    pub label: Vec<String>,
    /// Add an annotation: KEY=VALUE
    #[arg(long, value_name = "ANNOTATION")]
    pub annotation: Vec<String>,
    /// Keep standard input open
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-terminal
    #[arg(short, long)]
    pub tty: bool,
    /// Run in the background and print the container ID
    #[arg(short, long)]
    pub detach: bool,
    /// Keys that detach from the container's terminal (e.g. ctrl-p,ctrl-q; "" disables)
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    /// Pass the signals burrow receives on to the container
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub sig_proxy: bool,
    /// Restart policy: no, on-failure[:MAX], always, unless-stopped
    #[arg(long, value_name = "POLICY", add = super::completion::restart_policies())]
    pub restart: Option<String>,
    /// Where the container's output goes: k8s-file, none, passthrough
    #[arg(long, value_name = "DRIVER", default_value = "k8s-file", add = super::completion::log_drivers())]
    pub log_driver: String,
    /// Log options: max-size=SIZE
    #[arg(long, value_name = "OPT")]
    pub log_opt: Vec<String>,
    /// Seconds to wait for the stop signal before SIGKILL
    #[arg(long, value_name = "SECONDS")]
    pub stop_timeout: Option<u64>,
    /// Signal that stops the container (default: the image's, else SIGTERM)
    #[arg(long, value_name = "SIGNAL", add = super::completion::signals())]
    pub stop_signal: Option<String>,
    /// Write the container's ID to this file (which must not exist)
    #[arg(long, value_name = "FILE", add = super::completion::files())]
    pub cidfile: Option<std::path::PathBuf>,
    /// Timezone: a zone name such as Europe/Berlin, or local for the host's
    #[arg(long, value_name = "TZ")]
    pub tz: Option<String>,
    /// Leave out a default or image environment variable
    #[arg(long, value_name = "NAME")]
    pub unsetenv: Vec<String>,
    /// Leave out every default and image environment variable
    #[arg(long)]
    pub unsetenv_all: bool,
    /// IPC namespace: shareable, private, none (no /dev/shm) or host
    #[arg(long, value_name = "MODE")]
    pub ipc: Option<String>,
    /// PID namespace: host or private
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// UTS namespace: host or private
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    /// Cgroup namespace: host or private
    #[arg(long, value_name = "MODE")]
    pub cgroupns: Option<String>,
    /// Whether the container gets a cgroup of its own: enabled, disabled, no-conmon or split
    #[arg(long, value_name = "MODE", default_value = "enabled")]
    pub cgroups: String,
    /// Where the container's cgroup goes: a slice with the systemd manager, a cgroup path with cgroupfs
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// Set the container up for systemd: true (when the command is systemd or init), false, always
    #[arg(long, value_name = "MODE", default_value = "true")]
    pub systemd: String,
    /// Attach a filesystem mount: type=bind|volume|tmpfs|devpts,destination=DIR[,source=PATH|NAME][,OPTIONS]
    #[arg(long, value_name = "MOUNT")]
    pub mount: Vec<String>,
    #[command(flatten)]
    pub resources: ResourceArgs,
    /// When to pull the image: always, missing, never, newer
    #[arg(long, default_value = "missing", value_parser = ["always", "missing", "never", "newer"])]
    pub pull: String,
    /// The image to run, then the command and its arguments (default: the image's). Flags
    /// end at the image, as in podman: what follows belongs to the command.
    #[arg(
        value_name = "IMAGE",
        required = true,
        num_args = 1..,
        trailing_var_arg = true,
        add = super::completion::first_image()
    )]
    pub image_and_command: Vec<String>,
}

impl Args {
    fn image(&self) -> &str {
        &self.image_and_command[0]
    }

    fn command(&self) -> &[String] {
        &self.image_and_command[1..]
    }
}

// Resource limits; accepted as podman accepts them, applied only where the container can
// have a cgroup (ignored with a warning on cgroup v1 rootless hosts, as podman does).
#[derive(Debug, clap::Args)]
pub struct ResourceArgs {
    /// Memory limit (e.g. 512m)
    #[arg(short, long, value_name = "LIMIT")]
    pub memory: Option<String>,
    /// Memory plus swap limit (-1: unlimited)
    #[arg(long, value_name = "LIMIT", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// Memory soft limit
    #[arg(long, value_name = "LIMIT")]
    pub memory_reservation: Option<String>,
    /// Swappiness of the container's memory (0-100)
    #[arg(long, value_name = "VALUE", allow_hyphen_values = true)]
    pub memory_swappiness: Option<String>,
    /// No-op, as in podman (kernel memory limits are gone from the kernel)
    #[arg(long, value_name = "LIMIT")]
    pub kernel_memory: Option<String>,
    /// Number of CPUs
    #[arg(long, value_name = "CPUS", allow_hyphen_values = true)]
    pub cpus: Option<String>,
    /// CPU shares (relative weight)
    #[arg(short = 'c', long, value_name = "SHARES")]
    pub cpu_shares: Option<String>,
    /// CPU CFS period in microseconds
    #[arg(long, value_name = "PERIOD")]
    pub cpu_period: Option<String>,
    /// CPU CFS quota in microseconds
    #[arg(long, value_name = "QUOTA", allow_hyphen_values = true)]
    pub cpu_quota: Option<String>,
    /// CPUs the container may run on (e.g. 0-3,5)
    #[arg(long, value_name = "CPUS")]
    pub cpuset_cpus: Option<String>,
    /// Memory nodes the container may use
    #[arg(long, value_name = "NODES")]
    pub cpuset_mems: Option<String>,
    /// Maximum number of processes (-1: unlimited)
    #[arg(long, value_name = "LIMIT", allow_hyphen_values = true)]
    pub pids_limit: Option<String>,
    /// Block I/O weight (10-1000)
    #[arg(long, value_name = "WEIGHT")]
    pub blkio_weight: Option<String>,
    /// Block I/O weight of a device: DEVICE:WEIGHT
    #[arg(long, value_name = "DEVICE_WEIGHT")]
    pub blkio_weight_device: Vec<String>,
    /// Read rate limit of a device: DEVICE:RATE[kb|mb|gb]
    #[arg(long, value_name = "DEVICE_RATE")]
    pub device_read_bps: Vec<String>,
    /// Write rate limit of a device: DEVICE:RATE[kb|mb|gb]
    #[arg(long, value_name = "DEVICE_RATE")]
    pub device_write_bps: Vec<String>,
    /// Read operations per second of a device: DEVICE:NUMBER
    #[arg(long, value_name = "DEVICE_RATE")]
    pub device_read_iops: Vec<String>,
    /// Write operations per second of a device: DEVICE:NUMBER
    #[arg(long, value_name = "DEVICE_RATE")]
    pub device_write_iops: Vec<String>,
}

impl ResourceArgs {
    /// Each flag given, by its name without dashes, with its value.
    pub(super) fn given(&self) -> Vec<(&'static str, &str)> {
        let single = [
            ("memory", &self.memory),
            ("memory-swap", &self.memory_swap),
            ("memory-reservation", &self.memory_reservation),
            ("memory-swappiness", &self.memory_swappiness),
            ("cpus", &self.cpus),
            ("cpu-shares", &self.cpu_shares),
            ("cpu-period", &self.cpu_period),
            ("cpu-quota", &self.cpu_quota),
            ("cpuset-cpus", &self.cpuset_cpus),
            ("cpuset-mems", &self.cpuset_mems),
            ("pids-limit", &self.pids_limit),
            ("blkio-weight", &self.blkio_weight),
        ];
        let many = [
            ("blkio-weight-device", &self.blkio_weight_device),
            ("device-read-bps", &self.device_read_bps),
            ("device-write-bps", &self.device_write_bps),
            ("device-read-iops", &self.device_read_iops),
            ("device-write-iops", &self.device_write_iops),
        ];
        let mut out: Vec<(&'static str, &str)> = single
            .into_iter()
            .filter_map(|(name, v)| v.as_deref().map(|v| (name, v)))
            .collect();
        for (name, values) in many {
            out.extend(values.iter().map(|v| (name, v.as_str())));
        }
        out
    }
}

/// Turns the flags into run options, each parsed with podman's rules.
fn options(args: &Args, rmi: bool) -> Result<RunOptions> {
    let mut o = RunOptions {
        name: args.name.clone(),
        env: args.env.clone(),
        workdir: args.workdir.clone(),
        user: args.user.clone(),
        group_add: args.group_add.clone(),
        command: args.command().to_vec(),
        hostname: args.hostname.clone(),
        read_only: args.read_only,
        read_only_tmpfs: true,
        privileged: args.privileged,
        tty: args.tty,
        interactive: args.interactive,
        // --rmi removes the image after the container, which must go first (podman 4.4's rule).
        rm: args.rm || rmi,
        remove_image: rmi,
        host_users: args.hostuser.clone(),
        replace: args.replace,
        init: args.init,
        ..RunOptions::default()
    };
    if let Some(r) = &args.restart {
        o.restart = spec::parse_restart(r)?;
        if args.rm && o.restart != spec::RestartPolicy::No {
            bail!(
                "the --rm option conflicts with --restart, when the restartPolicy is not \"\" and \"no\""
            );
        }
    }
    o.log_driver = spec::parse_log_driver(&args.log_driver)?;
    if o.log_driver == spec::LogDriver::Passthrough && (args.detach || args.tty) {
        bail!(
            "--log-driver passthrough hands the caller's stdio to the container, so it cannot be used with -d or -t; use k8s-file"
        );
    }
    for opt in &args.log_opt {
        o.log_size_max = Some(spec::parse_log_size(opt)?);
    }
    if let Some(signal) = &args.stop_signal {
        spec::parse_signal(signal)?;
        o.stop_signal = Some(signal.clone());
    }
    o.stop_timeout = args.stop_timeout;
    if let Some(t) = &args.timeout {
        o.timeout = Some(spec::parse_uint_flag("timeout", t)?).filter(|t| *t > 0);
    }
    for file in &args.env_file {
        o.env_files.push(
            std::fs::read_to_string(file)
                .with_context(|| format!("cannot read env file {file}"))?,
        );
    }
    if let Some(e) = &args.entrypoint {
        o.entrypoint = Some(spec::parse_entrypoint(e)?);
    }
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    o.volumes = args
        .volume
        .iter()
        .map(|v| spec::parse_volume(v, &cwd))
        .collect::<Result<_, _>>()?;
    o.tmpfs = args
        .tmpfs
        .iter()
        .map(|t| spec::parse_tmpfs(t))
        .collect::<Result<_, _>>()?;
    o.cap_add = spec::parse_capabilities(&args.cap_add)?;
    o.cap_drop = spec::parse_capabilities(&args.cap_drop)?;
    for opt in &args.security_opt {
        o.apply_security_opt(spec::parse_security_opt(opt)?);
    }
    o.ulimit_host = args.ulimit.iter().any(|u| u == "host");
    o.ulimits = args
        .ulimit
        .iter()
        .filter(|u| *u != "host")
        .map(|u| spec::parse_ulimit(u))
        .collect::<Result<_, _>>()?;
    o.ipc = spec::parse_ipc(args.ipc.as_deref().unwrap_or(""))?;
    o.unsetenv = args.unsetenv.clone();
    o.unsetenv_all = args.unsetenv_all;
    o.timezone = args.tz.as_deref().map(spec::timezone_source);
    o.pid_host = namespace(&args.pid)? == NamespaceMode::Host;
    o.uts_host = namespace(&args.uts)? == NamespaceMode::Host;
    o.cgroupns_host = namespace(&args.cgroupns)? == NamespaceMode::Host;
    o.systemd = spec::parse_systemd(&args.systemd)?;
    o.volumes_from = args.volumes_from.clone();
    for arg in &args.mount {
        match spec::parse_mount(arg, &cwd)? {
            MountArg::Bind(volume) => o.volumes.push(volume),
            MountArg::Tmpfs(tmpfs) => o.tmpfs.push(tmpfs),
            MountArg::Devpts(devpts) => o.devpts.push(devpts),
        }
    }
    if args.resources.kernel_memory.is_some() {
        tracing::warn!("The --kernel-memory flag is no longer supported. This flag is a noop.");
    }
    let given = args.resources.given();
    o.resources = spec::parse_resources(&given)?;
    o.resource_limits = given.iter().map(|(name, _)| *name).collect();
    o.cgroup.disabled = !crate::cgroups::parse_mode(&args.cgroups)?;
    o.cgroup.parent = args.cgroup_parent.clone();
    if let Some(u) = &args.userns {
        o.userns = spec::parse_userns(u)?;
    }
    if let Some(n) = &args.network {
        o.network = spec::parse_network(n)?;
    }
    o.publish = args.publish.clone();
    o.publish_all = args.publish_all;
    o.expose = args.expose.clone();
    o.dns = args.dns.clone();
    o.dns_search = args.dns_search.clone();
    o.dns_options = args.dns_option.clone();
    o.add_hosts = args.add_host.clone();
    o.no_hosts = args.no_hosts;
    o.mac_address = args.mac_address.clone();
    o.labels = args
        .label
        .iter()
        .map(|l| spec::parse_label(l))
        .collect::<Result<_, _>>()?;
    o.annotations = args
        .annotation
        .iter()
        .map(|a| spec::parse_annotation(a))
        .collect::<Result<_, _>>()?;
    Ok(o)
}

fn namespace(value: &Option<String>) -> Result<NamespaceMode> {
    Ok(spec::parse_namespace_mode(value.as_deref().unwrap_or(""))?)
}

/// Finds the image (pulling per --pull) and creates the container; prints podman's warnings.
pub fn create_container(args: &Args, ctx: &Context, host: &Host, rmi: bool) -> Result<Created> {
    let mut options = options(args, rmi)?;
    options.cgroup.manager = cgroup_manager(ctx)?;
    let pull_args = ctx.global.to_args();
    let image = ImageRequest {
        reference: args.image(),
        policy: args.pull.parse().map_err(run_error)?,
        pull_args: &pull_args,
        env: &ctx.env,
    };
    let report = container::create_from_image(
        &ctx.store(),
        host,
        &options,
        &image,
        args.cidfile.as_deref(),
    )
    .map_err(run_error)?;
    for warning in &report.warnings {
        eprintln!("{warning}");
    }
    Ok(report.created)
}

/// `--cgroup-manager`, else containers.conf's `cgroup_manager`.
pub fn cgroup_manager(ctx: &Context) -> Result<Option<spec::Manager>> {
    let conf = crate::config::containers_conf::for_process()
        .ok()
        .and_then(|c| c.cgroup_manager.clone());
    match ctx.global.cgroup_manager.clone().or(conf) {
        Some(name) => Ok(Some(name.parse()?)),
        None => Ok(None),
    }
}

/// A run error with podman's exit code for it; a child's already printed error stays the only one.
fn run_error(e: RunError) -> anyhow::Error {
    match e {
        RunError::PullReported => ReportedError { code: 125 }.into(),
        e => CodedError::new(e.exit_code(), e.to_string()).into(),
    }
}

/// `-a`: which streams to attach (stdin, stdout, stderr), in podman's words when one is
/// unknown; `None` when the flag is not given (all of them).
fn attached_streams(args: &Args) -> Result<Option<[bool; 3]>> {
    if args.attach.is_empty() {
        return Ok(None);
    }
    if args.log_driver == "passthrough" {
        bail!("cannot specify --attach with --log-driver=passthrough: invalid argument");
    }
    let mut streams = [false; 3];
    for stream in &args.attach {
        match stream.to_ascii_lowercase().as_str() {
            "stdin" => streams[0] = true,
            "stdout" => streams[1] = true,
            "stderr" => streams[2] = true,
            _ => bail!(
                "invalid stream {stream:?} for --attach - must be one of stdin, stdout, or stderr: invalid argument"
            ),
        }
    }
    Ok(Some(streams))
}

pub fn run(run_args: RunArgs, ctx: &Context) -> Result<u8> {
    // First, while every descriptor above 2 is still the caller's.
    let preserve_fds = match &run_args.preserve_fds {
        Some(n) => {
            let n = u32::try_from(spec::parse_uint_flag("preserve-fds", n)?).unwrap_or(u32::MAX);
            container::claim_descriptors(n).map_err(run_error)?
        }
        None => Vec::new(),
    };
    let args = &run_args.create;
    let detach_keys = crate::monitor::parse_detach_keys(&args.detach_keys)
        .map_err(|e| CodedError::new(125, e))?;
    let streams = attached_streams(args)?;
    let host = ctx.host();
    let created = create_container(args, ctx, &host, run_args.rmi)?;
    let record = created.container.record;
    let store = ctx.store();
    // podman starts what the container joins (--ipc container:X) with it.
    container::start_dependencies(&store, &host, &record.id).map_err(coded)?;
    if args.detach {
        let start = container::StartOptions {
            preserve_fds,
            ..Default::default()
        };
        container::start_monitored(&store, &host, &record.id, start).map_err(coded)?;
        println!("{}", record.id);
        return Ok(0);
    }
    let [_, stdout, stderr] = streams.unwrap_or([true; 3]);
    // podman prints the ID when neither output stream is attached.
    if !stdout && !stderr {
        println!("{}", record.id);
    }
    container::start_attached(
        &store,
        &host,
        &record,
        AttachFlags {
            stdin: args.interactive,
            stdout,
            stderr,
            detach_keys,
            sig_proxy: args.sig_proxy,
            preserve_fds,
        },
    )
    .map_err(coded)
}

/// `burrow create`: prints the new container's ID.
pub fn create(args: Args, ctx: &Context) -> Result<u8> {
    let created = create_container(&args, ctx, &ctx.host(), false)?;
    println!("{}", created.container.record.id);
    Ok(0)
}
