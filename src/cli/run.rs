use anyhow::{Context as _, Result, bail};

use super::common::coded;
use super::{CodedError, Context, ReportedError};
use crate::container::{self, CreateRequest, Created, Host};
use crate::image::ImageConfig;
use crate::spec::{self, RunOptions};
use crate::store::{ImageRecord, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
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
    #[arg(long, value_name = "FILE")]
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
    /// Bind mount a volume: HOST-DIR:CONTAINER-DIR[:OPTIONS]
    #[arg(short, long = "volume", value_name = "VOLUME")]
    pub volume: Vec<String>,
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
    /// Network: none (loopback only) or host
    #[arg(long, alias = "net", value_name = "MODE")]
    pub network: Option<String>,
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
    #[arg(long, value_name = "POLICY")]
    pub restart: Option<String>,
    /// Where the container's output goes: k8s-file, none, passthrough
    #[arg(long, value_name = "DRIVER", default_value = "k8s-file")]
    pub log_driver: String,
    /// Log options: max-size=SIZE
    #[arg(long, value_name = "OPT")]
    pub log_opt: Vec<String>,
    /// Seconds to wait for the stop signal before SIGKILL
    #[arg(long, value_name = "SECONDS")]
    pub stop_timeout: Option<u64>,
    /// Signal that stops the container (default: the image's, else SIGTERM)
    #[arg(long, value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Memory limit (needs a cgroup v2 delegated by systemd)
    #[arg(short, long, value_name = "LIMIT")]
    pub memory: Option<String>,
    /// Number of CPUs (needs a cgroup v2 delegated by systemd)
    #[arg(long, value_name = "CPUS")]
    pub cpus: Option<String>,
    /// CPU shares (needs a cgroup v2 delegated by systemd)
    #[arg(short = 'c', long, value_name = "SHARES")]
    pub cpu_shares: Option<String>,
    /// Maximum number of processes (needs a cgroup v2 delegated by systemd)
    #[arg(long, value_name = "LIMIT")]
    pub pids_limit: Option<String>,
    /// When to pull the image: always, missing, never, newer
    #[arg(long, default_value = "missing", value_parser = ["always", "missing", "never", "newer"])]
    pub pull: String,
    /// The image to run
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// The command and its arguments (default: the image's)
    #[arg(
        value_name = "COMMAND",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
}

/// Turns the flags into run options, each parsed with podman's rules.
fn options(args: &Args) -> Result<RunOptions> {
    refuse_limits(args)?;
    let mut o = RunOptions {
        name: args.name.clone(),
        env: args.env.clone(),
        workdir: args.workdir.clone(),
        user: args.user.clone(),
        group_add: args.group_add.clone(),
        command: args.command.clone(),
        hostname: args.hostname.clone(),
        read_only: args.read_only,
        read_only_tmpfs: true,
        privileged: args.privileged,
        tty: args.tty,
        interactive: args.interactive,
        rm: args.rm,
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
    o.ulimits = args
        .ulimit
        .iter()
        .map(|u| spec::parse_ulimit(u))
        .collect::<Result<_, _>>()?;
    if let Some(u) = &args.userns {
        o.userns = spec::parse_userns(u)?;
    }
    if let Some(n) = &args.network {
        o.network = spec::parse_network(n)?;
    }
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

/// How a child `burrow pull` failed.
enum PullFailure {
    /// It printed its `Error:` line on the stderr this process shares with it.
    Reported,
    /// Its error line, kept back (`errors` false), or how it ended without one.
    Text(String),
}

impl std::fmt::Display for PullFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PullFailure::Reported => f.write_str("see the error above"),
            PullFailure::Text(text) => f.write_str(text),
        }
    }
}

/// Pulls in a child process: pulling enters burrow's user namespace for good, and this process
/// must stay outside it to map the container's IDs. With `errors` false the child's error
/// text is kept back and returned instead of printed.
fn pull_image(ctx: &Context, image: &str, errors: bool) -> Result<Result<(), PullFailure>> {
    // The running binary itself (not a path that an upgrade may have replaced since).
    let mut cmd = std::process::Command::new("/proc/self/exe");
    cmd.args(ctx.global.to_args())
        // After `--` an image that starts with a dash stays an image, never a flag.
        .args(["pull", "--", image])
        .stdout(std::process::Stdio::null())
        .stderr(if errors {
            std::process::Stdio::inherit()
        } else {
            std::process::Stdio::piped()
        });
    let out = cmd.output()?;
    if out.status.success() {
        return Ok(Ok(()));
    }
    // 125 is burrow's own error, always printed as one `Error:` line; anything else (a
    // signal, a crash) may have printed nothing.
    if errors {
        return Ok(Err(if out.status.code() == Some(125) {
            PullFailure::Reported
        } else {
            PullFailure::Text(format!("burrow pull ended with {}", out.status))
        }));
    }
    let text = String::from_utf8_lossy(&out.stderr);
    let last = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    Ok(Err(PullFailure::Text(
        last.trim_start_matches("Error: ").to_string(),
    )))
}

fn find_or_pull(ctx: &Context, store: &Store, args: &Args) -> Result<ImageRecord> {
    let images = || store.images();
    if args.pull == "never" {
        return Ok(crate::image::lookup(&images()?, &ctx.env, &args.image)?
            .image
            .clone());
    }
    let found = || -> Result<Option<ImageRecord>> {
        match crate::image::lookup(&images()?, &ctx.env, &args.image) {
            Ok(found) => Ok(Some(found.image.clone())),
            Err(e) if e.is_not_known() => Ok(None),
            Err(e) => Err(e.into()),
        }
    };
    match (args.pull.as_str(), found()?) {
        ("missing", Some(image)) => return Ok(image),
        // podman's "newer": ask the registry, but a registry out of reach is no reason to fail.
        ("newer", Some(image)) => {
            if let Err(reason) = pull_image(ctx, &args.image, false)? {
                tracing::warn!(
                    "cannot check {} for a newer image, using the local one: {reason}",
                    args.image
                );
                return Ok(image);
            }
        }
        _ => match pull_image(ctx, &args.image, true)? {
            Ok(()) => {}
            Err(PullFailure::Reported) => bail!(ReportedError { code: 125 }),
            Err(PullFailure::Text(reason)) => bail!(CodedError::new(
                125,
                format!("{}: pulling the image failed: {reason}", args.image)
            )),
        },
    }
    found()?.ok_or_else(|| anyhow::anyhow!("{}: image not known", args.image))
}

/// Resource limits need a cgroup of the container's own, which burrow cannot make yet.
fn refuse_limits(args: &Args) -> Result<()> {
    let asked = [
        ("--memory", &args.memory),
        ("--cpus", &args.cpus),
        ("--cpu-shares", &args.cpu_shares),
        ("--pids-limit", &args.pids_limit),
    ];
    if let Some((flag, _)) = asked.iter().find(|(_, v)| v.is_some()) {
        let cgroups = crate::cgroups::detect();
        bail!(
            "{flag} needs a cgroup for the container, and burrow does not create cgroups yet (this host: cgroup {}, manager {}); run without resource limits",
            cgroups.version,
            cgroups.manager
        );
    }
    Ok(())
}

/// Finds the image (pulling per --pull) and creates the container.
pub fn create_container(args: &Args, ctx: &Context, host: &Host) -> Result<Created> {
    let options = options(args)?;
    let store = ctx.store();
    let image = find_or_pull(ctx, &store, args)?;
    let config: ImageConfig = crate::image::load_config(&store, &image)?;
    container::create(
        &store,
        &CreateRequest {
            options: &options,
            image: &image,
            image_config: &config,
            host,
        },
    )
    .map_err(coded)
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let detach_keys = crate::monitor::parse_detach_keys(&args.detach_keys)
        .map_err(|e| CodedError::new(125, e))?;
    let host = ctx.host();
    let created = create_container(&args, ctx, &host)?;
    let record = created.container.record;
    let store = ctx.store();
    if args.detach {
        container::start_monitored(&store, &host, &record.id, Default::default()).map_err(coded)?;
        println!("{}", record.id);
        return Ok(0);
    }
    super::lifecycle::run_attached(
        &store,
        &host,
        &record,
        super::lifecycle::Flags {
            stdin: args.interactive,
            detach_keys,
            sig_proxy: args.sig_proxy,
        },
    )
}

/// `burrow create`: prints the new container's ID.
pub fn create(args: Args, ctx: &Context) -> Result<u8> {
    let created = create_container(&args, ctx, &ctx.host())?;
    println!("{}", created.container.record.id);
    Ok(0)
}
