//! Starting and attaching: run (in the foreground), start, attach, restart; and rename,
//! pause and unpause, which change a container without running anything.

use std::time::Duration;

use anyhow::Result;

use super::common::{MISSING_IS_AN_ERROR, coded, for_each, or_latest, running_ids, targets};
use super::{CodedError, Context};
use crate::container::{self, AttachFlags, ContainerError, Host, StartOptions};
use crate::monitor::{self, AttachOptions};
use crate::store::{Container, Status, Store};

#[derive(Debug, clap::Args)]
pub struct StartArgs {
    /// Attach the container's output and wait for it to end
    #[arg(short, long)]
    pub attach: bool,
    /// Pass standard input to the container
    #[arg(short, long)]
    pub interactive: bool,
    /// Keys that detach from the container's terminal
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    /// Pass the signals burrow receives on to the container (with -a)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub sig_proxy: bool,
    /// Start all containers (those that run are left running)
    #[arg(long)]
    pub all: bool,
    /// Start the containers that match: status=, exited=, restart-policy=, id=, name=, label=,
    /// ancestor=, before=, since= (among the containers named, if any)
    #[arg(short, long, value_name = "FILTER", add = super::completion::container_filters())]
    pub filter: Vec<String>,
    /// Act on the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    /// The containers to start (name or ID)
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "filter", "latest"], add = super::completion::stopped_containers())]
    pub containers: Vec<String>,
}

pub fn start(mut args: StartArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let host = ctx.host();
    args.containers = or_latest(ctx, &args.containers, args.latest, 125)?;
    if args.all && !args.containers.is_empty() {
        return Err(CodedError::new(
            125,
            "either start all containers or the container(s) provided in the arguments",
        )
        .into());
    }
    if args.attach {
        if args.containers.len() != 1 || args.all {
            return Err(CodedError::new(
                125,
                "you cannot start and attach multiple containers at once",
            )
            .into());
        }
        let detach_keys =
            monitor::parse_detach_keys(&args.detach_keys).map_err(|e| CodedError::new(125, e))?;
        let found = container::find(&store, &host, &args.containers[0]).map_err(coded)?;
        if found.state.status == Status::Running {
            return attach_to(&store, &host, &found, args.interactive, detach_keys);
        }
        container::start_dependencies(&store, &host, &found.record.id).map_err(coded)?;
        return container::start_attached(
            &store,
            &host,
            &found.record,
            AttachFlags {
                stdin: args.interactive,
                stdout: true,
                stderr: true,
                detach_keys,
                sig_proxy: args.sig_proxy,
                preserve_fds: Vec::new(),
            },
        )
        .map_err(coded);
    }
    let targets = if args.filter.is_empty() {
        let mut targets = targets(ctx, &args.containers, args.all)?;
        // podman lists them in its database's order: by ID.
        if args.all {
            targets.sort_by(|a, b| a.0.cmp(&b.0));
        }
        targets
    } else {
        filtered(ctx, &args.filter, &args.containers)?
    };
    for_each(targets, MISSING_IS_AN_ERROR, |id| {
        start_one(&store, &host, id)
    })
}

/// The containers `filters` select, among those `keys` name if any, by ID as podman lists
/// them, each shown by its full ID.
fn filtered(
    ctx: &Context,
    filters: &[String],
    keys: &[String],
) -> Result<Vec<(String, Result<String, ContainerError>)>> {
    let all = container::list(&ctx.store(), &ctx.host()).map_err(coded)?;
    let filter = container::ContainerFilter::parse(filters, &all)
        .map_err(|e| CodedError::new(125, e.to_string()))?;
    let named: Option<Vec<String>> = if keys.is_empty() {
        None
    } else {
        let mut ids = Vec::new();
        for (_, found) in targets(ctx, keys, false)? {
            ids.push(found.map_err(coded)?);
        }
        Some(ids)
    };
    let mut ids: Vec<String> = all
        .iter()
        .filter(|c| filter.matches(c))
        .filter(|c| named.as_ref().is_none_or(|n| n.contains(&c.record.id)))
        .map(|c| c.record.id.clone())
        .collect();
    ids.sort();
    Ok(ids.into_iter().map(|id| (id.clone(), Ok(id))).collect())
}

/// Starts one container in the background; one that already runs is left as it is.
fn start_one(store: &Store, host: &Host, id: &str) -> Result<Option<String>, ContainerError> {
    if container::is_running(store, id) {
        return Ok(None);
    }
    container::start_dependencies(store, host, id)?;
    container::start_monitored(store, host, id, StartOptions::default()).map_err(|e| match e {
        // podman's start says which container, and exits 125 whatever the reason.
        ContainerError::StartFailed { message, .. } => ContainerError::StartFailed {
            code: 125,
            message: format!("unable to start container \"{id}\": {message}"),
        },
        ContainerError::Runtime(e) => ContainerError::StartFailed {
            code: 125,
            message: format!("unable to start container \"{id}\": {e}"),
        },
        e => e,
    })?;
    Ok(None)
}

#[derive(Debug, clap::Args)]
pub struct AttachArgs {
    /// Keys that detach from the container's terminal
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    /// Do not attach standard input
    #[arg(long)]
    pub no_stdin: bool,
    /// Pass the signals burrow receives on to the container
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub sig_proxy: bool,
    /// Act on the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    /// The container to attach to (name or ID)
    #[arg(value_name = "CONTAINER", required_unless_present = "latest", add = super::completion::running_containers())]
    pub container: Option<String>,
}

pub fn attach(args: AttachArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let host = ctx.host();
    let detach_keys =
        monitor::parse_detach_keys(&args.detach_keys).map_err(|e| CodedError::new(125, e))?;
    let keys = or_latest(
        ctx,
        Vec::from_iter(args.container.clone()).as_slice(),
        args.latest,
        125,
    )?;
    let key = &keys[0];
    let found = container::find(&store, &host, key).map_err(coded)?;
    if found.state.status != Status::Running {
        return Err(CodedError::new(
            125,
            format!(
                "you can only attach to running containers; {} is {}: start it with burrow start -a {}: container state improper",
                key,
                found.state.status.as_str(),
                key
            ),
        )
        .into());
    }
    let stdin = found.record.stdin_open && !args.no_stdin;
    attach_to(&store, &host, &found, stdin, detach_keys)
}

/// Attaches to a running container's monitor.
fn attach_to(
    store: &Store,
    host: &Host,
    found: &Container,
    stdin: bool,
    detach_keys: Vec<u8>,
) -> Result<u8> {
    let record = &found.record;
    let socket = container::connect(host, &record.id).map_err(|e| {
        CodedError::new(
            125,
            format!(
                "cannot attach to container {}: its monitor does not answer ({e}); it was started by an older burrow or its monitor was killed",
                record.name
            ),
        )
    })?;
    container::event(store, "attach", record);
    let signals_to = container::running_process(&found.state).and_then(|p| p.open());
    let outcome = monitor::attach(
        socket,
        AttachOptions {
            stdin,
            stdout: true,
            stderr: true,
            tty: record.tty,
            detach_keys,
            signals_to,
        },
    )
    .map_err(|e| coded(e.into()))?;
    container::exit_code_of(store, &record.id, outcome, None).map_err(coded)
}

#[derive(Debug, clap::Args)]
pub struct RestartArgs {
    /// Restart all containers
    #[arg(short, long)]
    pub all: bool,
    /// Restart only running containers (with --all)
    #[arg(long)]
    pub running: bool,
    /// Seconds to wait for the stop signal before killing the container
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Act on the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    /// The containers to restart (name or ID)
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"], add = super::completion::all_containers())]
    pub containers: Vec<String>,
}

pub fn restart(args: RestartArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let host = ctx.host();
    let timeout = args.time.map(Duration::from_secs);
    let keys = or_latest(ctx, &args.containers, args.latest, 125)?;
    let mut targets = targets(ctx, &keys, args.all)?;
    if args.all && args.running {
        let running = running_ids(ctx)?;
        targets.retain(|(id, _)| running.contains(id));
    }
    for_each(targets, MISSING_IS_AN_ERROR, |id| {
        container::stop(&store, id, timeout)?;
        start_one(&store, &host, id)
    })
}

#[derive(Debug, clap::Args)]
pub struct RenameArgs {
    /// The container to rename (name or ID)
    #[arg(value_name = "CONTAINER", add = super::completion::all_containers())]
    pub container: String,
    /// Its new name
    #[arg(value_name = "NAME")]
    pub name: String,
}

pub fn rename(args: RenameArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let found = container::find(&store, &ctx.host(), &args.container).map_err(coded)?;
    container::rename(&store, &found.record.id, &args.name).map_err(coded)?;
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct PauseArgs {
    /// All running containers
    #[arg(short, long)]
    pub all: bool,
    /// Act on the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    /// The containers (name or ID)
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"], add = super::completion::running_containers())]
    pub containers: Vec<String>,
}

/// `pause` and `unpause` freeze and thaw a container's cgroup.
pub fn pause(args: PauseArgs, ctx: &Context, verb: &'static str) -> Result<u8> {
    let store = ctx.store();
    let keys = or_latest(ctx, &args.containers, args.latest, 125)?;
    for_each(targets(ctx, &keys, args.all)?, MISSING_IS_AN_ERROR, |id| {
        container::freeze(&store, id, verb).map(|()| None)
    })
}
