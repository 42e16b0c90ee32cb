//! Container commands other than `run` and `create`: start, ps, rm, inspect, exists.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::run::coded;
use super::{CodedError, Context, lifecycle, run};
use crate::container::{self, ContainerError};
use crate::output::{self, JsonStyle, ListFormat, StatusInput};
use crate::store::{Container, LookupError, Status};

#[derive(Debug, clap::Subcommand)]
pub enum ContainerCommand {
    /// Create but do not start a container
    Create(Box<run::Args>),
    /// Run a process in a running container
    Exec(Box<super::exec::Args>),
    /// Check if a container exists in local storage
    Exists(ExistsArgs),
    /// Display the configuration of a container
    Inspect(InspectArgs),
    /// List containers
    #[command(visible_aliases = ["ls", "ps"])]
    List(PsArgs),
    /// Remove one or more containers
    Rm(RmArgs),
    /// Run a command in a new container
    Run(Box<run::Args>),
    /// Start one or more containers
    Start(lifecycle::StartArgs),
    /// Stop one or more running containers
    Stop(StopArgs),
    /// Send a signal to one or more running containers
    Kill(KillArgs),
    /// Wait for one or more containers to stop and print their exit codes
    Wait(WaitArgs),
    /// Attach to a running container
    Attach(lifecycle::AttachArgs),
    /// Restart one or more containers
    Restart(lifecycle::RestartArgs),
    /// Rename a container
    Rename(lifecycle::RenameArgs),
    /// Pause all the processes in one or more containers
    Pause(lifecycle::PauseArgs),
    /// Unpause the processes in one or more containers
    Unpause(lifecycle::PauseArgs),
    /// Fetch the logs of one or more containers
    Logs(super::logs::Args),
    /// Display the running processes of a container
    Top(super::top::Args),
}

pub fn dispatch(command: ContainerCommand, ctx: &Context) -> Result<u8> {
    match command {
        ContainerCommand::Create(args) => run::create(*args, ctx),
        ContainerCommand::Exec(args) => super::exec::run(*args, ctx),
        ContainerCommand::Exists(args) => exists(args, ctx),
        ContainerCommand::Inspect(args) => inspect(args, ctx),
        ContainerCommand::List(args) => ps(args, ctx),
        ContainerCommand::Rm(args) => rm(args, ctx),
        ContainerCommand::Run(args) => run::run(*args, ctx),
        ContainerCommand::Start(args) => lifecycle::start(args, ctx),
        ContainerCommand::Stop(args) => stop(args, ctx),
        ContainerCommand::Kill(args) => kill(args, ctx),
        ContainerCommand::Wait(args) => wait(args, ctx),
        ContainerCommand::Attach(args) => lifecycle::attach(args, ctx),
        ContainerCommand::Restart(args) => lifecycle::restart(args, ctx),
        ContainerCommand::Rename(args) => lifecycle::rename(args, ctx),
        ContainerCommand::Pause(args) => lifecycle::pause(args, ctx, "pause"),
        ContainerCommand::Unpause(args) => lifecycle::pause(args, ctx, "unpause"),
        ContainerCommand::Logs(args) => super::logs::run(args, ctx),
        ContainerCommand::Top(args) => super::top::run(args, ctx),
    }
}

#[derive(Debug, clap::Args)]
pub struct PsArgs {
    /// Show all containers (by default only running ones)
    #[arg(short, long)]
    pub all: bool,
    /// Filter: id=, name= (regex), status=, label=KEY[=VALUE], exited=, ancestor=, before=, since=
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Sort by command, created, id, image, names, runningfor or status
    #[arg(long, default_value = "created", value_parser = ["command", "created", "id", "image", "names", "runningfor", "status"])]
    pub sort: String,
    /// Pretty-print containers with a Go template, "table ..." or json
    #[arg(long)]
    pub format: Option<String>,
    /// Do not print column headings
    #[arg(long)]
    pub noheading: bool,
    /// Do not truncate IDs and commands
    #[arg(long)]
    pub no_trunc: bool,
    /// Print only container IDs
    #[arg(short, long)]
    pub quiet: bool,
}

/// One row of `ps`, with the field names podman's templates use.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Row {
    #[serde(rename = "ID")]
    id: String,
    image: String,
    #[serde(rename = "ImageID")]
    image_id: String,
    command: String,
    created: String,
    created_human: String,
    created_at: String,
    status: String,
    state: String,
    ports: String,
    names: String,
    labels: BTreeMap<String, String>,
    mounts: Vec<String>,
    pid: i32,
    exit_code: i32,
    exited: bool,
    auto_remove: bool,
    pod: String,
    pod_name: String,
    size: String,
}

/// `ps --format json`: podman's ListContainer objects.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct JsonContainer<'a> {
    auto_remove: bool,
    command: &'a [String],
    created_at: String,
    exited: bool,
    exited_at: i64,
    exit_code: i32,
    id: &'a str,
    image: &'a str,
    #[serde(rename = "ImageID")]
    image_id: &'a str,
    is_infra: bool,
    labels: &'a BTreeMap<String, String>,
    mounts: Vec<String>,
    names: Vec<&'a str>,
    namespaces: BTreeMap<String, String>,
    networks: Vec<String>,
    pid: i32,
    pod: &'a str,
    pod_name: &'a str,
    ports: Option<Vec<()>>,
    size: Option<()>,
    started_at: i64,
    state: &'a str,
    status: &'a str,
    created: i64,
}

/// `ps --sort`: newest first by default, as listed; the other keys ascending.
fn sort_containers(containers: &mut [Container], key: &str) {
    match key {
        "command" => containers.sort_by(|a, b| a.record.command.cmp(&b.record.command)),
        "id" => containers.sort_by(|a, b| a.record.id.cmp(&b.record.id)),
        "image" => containers.sort_by(|a, b| a.record.image_name.cmp(&b.record.image_name)),
        "names" => containers.sort_by(|a, b| a.record.name.cmp(&b.record.name)),
        "status" => containers.sort_by_key(|c| c.state.status.as_str()),
        // Longest running first: the earliest start.
        "runningfor" => containers.sort_by_key(|c| c.state.started_at),
        _ => containers.sort_by_key(|c| std::cmp::Reverse(c.record.created)),
    }
}

/// podman's ps COMMAND column: the arguments joined, cut to 17 characters unless --no-trunc.
fn command_column(command: &[String], no_trunc: bool) -> String {
    let joined = command.join(" ");
    if !no_trunc && joined.chars().count() > 17 {
        let cut: String = joined.chars().take(17).collect();
        return format!("{cut}...");
    }
    joined
}

fn status_column(c: &Container, now: DateTime<Utc>) -> String {
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    output::container_status(
        &StatusInput {
            state: c.state.status.as_str(),
            started_at: c.state.started_at.unwrap_or(epoch),
            exited_at: c.state.finished_at.unwrap_or(epoch),
            exit_code: c.state.exit_code.unwrap_or(0),
            health: "",
        },
        now,
    )
}

pub fn ps(args: PsArgs, ctx: &Context) -> Result<u8> {
    let (mut all, damaged) =
        container::list_with_damaged(&ctx.store(), &ctx.host()).map_err(coded)?;
    for d in &damaged {
        tracing::warn!(
            "container {}: {} cannot be read ({}); its directory is kept; remove it with: burrow rm -f {}",
            &d.id[..12.min(d.id.len())],
            d.path.display(),
            d.reason,
            &d.id[..12.min(d.id.len())]
        );
    }
    // Shown with the state `unknown`, with whatever of their record could be read.
    all.extend(damaged.into_iter().map(container::shown_as_unknown));
    let filter =
        container::ContainerFilter::parse(&args.filter, &all).map_err(|e| coded(e.into()))?;
    let show_all = args.all || filter.selects_status();
    let mut containers: Vec<Container> = all
        .into_iter()
        .filter(|c| show_all || c.state.status == Status::Running)
        .filter(|c| filter.matches(c))
        .rev()
        .collect();
    sort_containers(&mut containers, &args.sort);
    let short = |id: &str| -> String {
        if args.no_trunc {
            id.to_string()
        } else {
            id[..12.min(id.len())].to_string()
        }
    };
    if args.quiet {
        for c in &containers {
            println!("{}", short(&c.record.id));
        }
        return Ok(0);
    }
    let now = Utc::now();
    let rows: Vec<Row> = containers
        .iter()
        .map(|c| {
            let created = output::human_duration_since(c.record.created, now);
            Row {
                id: short(&c.record.id),
                image: c.record.image_name.clone(),
                image_id: c.record.image_id.clone(),
                command: command_column(&c.record.command, args.no_trunc),
                created: created.clone(),
                created_human: created,
                created_at: output::go_time_string(c.record.created),
                status: status_column(c, now),
                state: c.state.status.as_str().to_string(),
                ports: String::new(),
                names: c.record.name.clone(),
                labels: c.record.labels.clone(),
                mounts: Vec::new(),
                pid: c.state.pid.unwrap_or(0),
                exit_code: c.state.exit_code.unwrap_or(0),
                exited: c.state.status == Status::Exited,
                auto_remove: c.record.auto_remove,
                pod: String::new(),
                pod_name: String::new(),
                size: String::new(),
            }
        })
        .collect();
    let json = || -> Vec<JsonContainer> {
        containers
            .iter()
            .zip(&rows)
            .map(|(c, row)| JsonContainer {
                auto_remove: c.record.auto_remove,
                command: &c.record.command,
                created_at: row.created.clone(),
                exited: c.state.status == Status::Exited,
                exited_at: c.state.finished_at.map_or(-62135596800, |t| t.timestamp()),
                exit_code: c.state.exit_code.unwrap_or(0),
                id: &c.record.id,
                image: &c.record.image_name,
                image_id: &c.record.image_id,
                is_infra: false,
                labels: &c.record.labels,
                mounts: Vec::new(),
                names: vec![c.record.name.as_str()],
                namespaces: BTreeMap::new(),
                networks: Vec::new(),
                pid: c.state.pid.unwrap_or(0),
                pod: "",
                pod_name: "",
                ports: None,
                size: None,
                started_at: c.state.started_at.map_or(-62135596800, |t| t.timestamp()),
                state: c.state.status.as_str(),
                status: &row.status,
                created: c.record.created.timestamp(),
            })
            .collect()
    };
    let text = output::render_list(
        &rows,
        json,
        &ListFormat {
            name: "ps",
            json: JsonStyle::INDENT_4,
            format: args.format.as_deref(),
            default_table: "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.Created}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}",
            headers: &[("ID", "CONTAINER ID"), ("CreatedHuman", "CREATED")],
            noheading: args.noheading,
        },
    )?;
    print!("{text}");
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct RmArgs {
    /// Remove all containers
    #[arg(short, long)]
    pub all: bool,
    /// Stop and remove running containers too
    #[arg(short, long)]
    pub force: bool,
    /// Ignore errors for containers that do not exist
    #[arg(short, long)]
    pub ignore: bool,
    /// Seconds to wait for the stop signal before killing a running container
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Remove anonymous volumes with the container (burrow makes none)
    #[arg(short, long)]
    pub volumes: bool,
    /// Containers to remove (name or ID)
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub containers: Vec<String>,
}

pub fn rm(args: RmArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let host = ctx.host();
    let timeout = args.time.map(Duration::from_secs);
    let missing = Missing {
        ignore: args.ignore,
        code: 1,
    };
    // `rm -a` also removes damaged containers: `rm -f` is how a user gets rid of them.
    let targets = if args.all {
        let (all, damaged) = container::list_with_damaged(&store, &host).map_err(coded)?;
        all.iter()
            .map(|c| c.record.id.clone())
            .chain(damaged.into_iter().map(|d| d.id))
            .map(|id| (id.clone(), Ok(id)))
            .collect()
    } else {
        targets(ctx, &args.containers, false)?
    };
    for_each(targets, missing, |id| {
        container::remove(&store, id, args.force, timeout, &host).map(|()| None)
    })
}

/// The containers named by `keys` (or all with `all`), each with the text to echo back for it,
/// as podman echoes the names and IDs it was given.
pub(super) fn targets(
    ctx: &Context,
    keys: &[String],
    all: bool,
) -> Result<Vec<(String, Result<String, ContainerError>)>> {
    let (store, host) = (ctx.store(), ctx.host());
    if all {
        let containers = container::list(&store, &host).map_err(coded)?;
        return Ok(containers
            .iter()
            .map(|c| (c.record.id.clone(), Ok(c.record.id.clone())))
            .collect());
    }
    // Damaged containers resolve too: each command then says what is damaged.
    container::resolve(&store, &host, keys).map_err(coded)
}

/// How a command treats a container that does not exist: podman's `rm` exits 1 for it and
/// skips it with `-i`; the other commands exit 125.
pub(super) struct Missing {
    ignore: bool,
    code: u8,
}

pub(super) const MISSING_IS_AN_ERROR: Missing = Missing {
    ignore: false,
    code: 125,
};

/// Runs `action` on each target, echoing it (or the line `action` returns) on success; every
/// failure is printed, and the last one decides the exit code.
pub(super) fn for_each(
    targets: Vec<(String, Result<String, ContainerError>)>,
    missing: Missing,
    mut action: impl FnMut(&str) -> Result<Option<String>, ContainerError>,
) -> Result<u8> {
    let is_missing =
        |e: &ContainerError| matches!(e, ContainerError::Lookup(LookupError::NotFound(_)));
    let mut failure: Option<ContainerError> = None;
    for (shown, found) in targets {
        let outcome = found.and_then(|id| action(&id)).map_err(|e| {
            // Gone since it was looked up: report it under the name the user gave.
            if is_missing(&e) {
                LookupError::NotFound(shown.clone()).into()
            } else {
                e
            }
        });
        match outcome {
            Ok(line) => println!("{}", line.unwrap_or(shown)),
            Err(e) if missing.ignore && is_missing(&e) => {}
            Err(e) => {
                if let Some(previous) = failure.replace(e) {
                    eprintln!("Error: {previous}");
                }
            }
        }
    }
    match failure {
        None => Ok(0),
        Some(e) => {
            let code = if is_missing(&e) {
                missing.code
            } else {
                e.exit_code()
            };
            Err(CodedError::new(code, e.to_string()).into())
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct StopArgs {
    /// Stop all running containers
    #[arg(short, long)]
    pub all: bool,
    /// Seconds to wait for the stop signal before killing the container (default: the
    /// container's --stop-timeout, else 10)
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Containers to stop (name or ID)
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub containers: Vec<String>,
}

pub fn stop(args: StopArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let timeout = args.time.map(Duration::from_secs);
    for_each(
        targets(ctx, &args.containers, args.all)?,
        MISSING_IS_AN_ERROR,
        |id| container::stop(&store, id, timeout).map(|()| None),
    )
}

#[derive(Debug, clap::Args)]
pub struct KillArgs {
    /// Signal all running containers
    #[arg(short, long)]
    pub all: bool,
    /// The signal to send (name or number)
    #[arg(short, long, default_value = "KILL")]
    pub signal: String,
    /// Containers to signal (name or ID)
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub containers: Vec<String>,
}

pub fn kill(args: KillArgs, ctx: &Context) -> Result<u8> {
    let signal = crate::spec::parse_signal(&args.signal)?;
    let store = ctx.store();
    let mut targets = targets(ctx, &args.containers, args.all)?;
    if args.all {
        let running = running_ids(ctx)?;
        targets.retain(|(id, _)| running.contains(id));
    }
    for_each(targets, MISSING_IS_AN_ERROR, |id| {
        container::kill(&store, id, signal).map(|()| None)
    })
}

/// The IDs of the containers running now.
pub(super) fn running_ids(ctx: &Context) -> Result<Vec<String>> {
    Ok(container::list(&ctx.store(), &ctx.host())
        .map_err(coded)?
        .into_iter()
        .filter(|c| c.state.status == Status::Running)
        .map(|c| c.record.id)
        .collect())
}

#[derive(Debug, clap::Args)]
pub struct WaitArgs {
    /// The state to wait for: stopped (or exited), running, created
    #[arg(long, value_name = "STATE", default_value = "stopped")]
    pub condition: String,
    /// Containers to wait for (name or ID)
    #[arg(value_name = "CONTAINER", required = true)]
    pub containers: Vec<String>,
}

pub fn wait(args: WaitArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let Some(condition) = container::WaitCondition::parse(&args.condition) else {
        return Err(CodedError::new(
            125,
            format!(
                "invalid condition {:?}: burrow waits for stopped, exited, running or created",
                args.condition
            ),
        )
        .into());
    };
    for_each(
        targets(ctx, &args.containers, false)?,
        MISSING_IS_AN_ERROR,
        |id| container::wait(&store, id, condition).map(|code| Some(code.to_string())),
    )
}

#[derive(Debug, clap::Args)]
pub struct ExistsArgs {
    /// The container (name or ID)
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

/// Exit code 0 if the container exists, 1 if not (podman's convention).
pub fn exists(args: ExistsArgs, ctx: &Context) -> Result<u8> {
    match container::find(&ctx.store(), &ctx.host(), &args.container) {
        Ok(_) => Ok(0),
        Err(ContainerError::Lookup(LookupError::NotFound(_))) => Ok(1),
        Err(e) => Err(coded(e)),
    }
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// Containers to inspect (name or ID)
    #[arg(required = true, value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Format the output with a Go template or as json
    #[arg(short, long)]
    pub format: Option<String>,
    /// Show the container's size (burrow does not compute it yet; ignored)
    #[arg(short, long)]
    pub size: bool,
}

pub fn inspect(args: InspectArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let all = container::list(&store, &ctx.host()).map_err(coded)?;
    let mut found = Vec::new();
    let mut missing = None;
    for key in &args.containers {
        match crate::store::lookup(&all, key) {
            Ok(c) => found.push(inspect::describe(&store, c)),
            Err(e) => {
                missing.get_or_insert(e);
            }
        }
    }
    print!(
        "{}",
        output::render_inspect(&found, args.format.as_deref(), "inspect")?
    );
    match missing {
        None => Ok(0),
        Some(e) => Err(CodedError::new(125, e.to_string()).into()),
    }
}

/// Whether `key` names a container (for the top-level `inspect`, which takes both).
pub fn is_container(ctx: &Context, key: &str) -> bool {
    container::find(&ctx.store(), &ctx.host(), key).is_ok()
}

mod inspect;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_commands_are_cut_like_podman() {
        let cmd = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(command_column(&cmd("sleep 10"), false), "sleep 10");
        assert_eq!(
            command_column(&cmd("sh -c echo hello world again"), false),
            "sh -c echo hello ..."
        );
        assert_eq!(
            command_column(&cmd("sh -c echo hello world again"), true),
            "sh -c echo hello world again"
        );
    }
}
