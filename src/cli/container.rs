//! Container commands other than `run` and `create`: start, ps, rm, inspect, exists.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::common::{
    MISSING_IS_AN_ERROR, Missing, coded, for_each, or_latest, running_ids, targets,
};
use super::{CodedError, Context, lifecycle, run};
use crate::container::{self, ContainerError};
use crate::output::{self, JsonStyle, ListFormat, StatusInput};
use crate::store::{Container, LookupError, Status};

#[derive(Debug, clap::Subcommand)]
// Arguments are built only for the subcommand a command line takes (see cli::parse_from).
#[command(defer = true)]
pub enum ContainerCommand {
    /// Create but do not start a container
    Create(Box<run::Args>),
    /// Run a process in a running container
    Exec(Box<super::exec::Args>),
    /// Copy files/folders between a container and the local filesystem
    Cp(super::cp::Args),
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
    Run(Box<run::RunArgs>),
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
    /// Display a live stream of container resource usage statistics
    Stats(super::stats::Args),
    /// Update an existing container's resource limits
    Update(Box<super::update::Args>),
    /// Remove all non running containers
    Prune(PruneArgs),
    /// Clean up the network and mount resources of one or more containers
    Cleanup(CleanupArgs),
    /// Create new image based on the changed container
    Commit(super::commit::Args),
    /// Inspect changes to the container's file system
    Diff(super::diff::Args),
    /// Export container's filesystem contents as a tar archive
    Export(super::export::Args),
    /// Mount a working container's root filesystem
    Mount(super::mount::MountArgs),
    /// Unmount working container's root filesystem
    #[command(visible_alias = "umount")]
    Unmount(super::mount::UnmountArgs),
}

pub fn dispatch(command: ContainerCommand, ctx: &Context) -> Result<u8> {
    match command {
        ContainerCommand::Create(args) => run::create(*args, ctx),
        ContainerCommand::Exec(args) => super::exec::run(*args, ctx),
        ContainerCommand::Cp(args) => super::cp::run(args, ctx),
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
        ContainerCommand::Stats(args) => super::stats::run(args, ctx),
        ContainerCommand::Update(args) => super::update::run(*args, ctx),
        ContainerCommand::Prune(args) => prune(args, ctx),
        ContainerCommand::Cleanup(args) => cleanup(args, ctx),
        ContainerCommand::Commit(args) => super::commit::run(args, ctx),
        ContainerCommand::Diff(args) => super::diff::run(args, ctx),
        ContainerCommand::Mount(args) => super::mount::mount(args, ctx),
        ContainerCommand::Unmount(args) => super::mount::unmount(args, ctx),
        ContainerCommand::Export(args) => super::export::run(args, ctx),
    }
}

#[derive(Debug, clap::Args)]
pub struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Only prune the containers that pass these filters: until=, label=, label!=
    #[arg(long, value_name = "FILTER", add = super::completion::prune_filters())]
    pub filter: Vec<String>,
}

/// The user's host for a command that reads or removes containers' files, which may belong
/// to subordinate IDs: inside the user namespace when there is a store.
fn host_in_userns(ctx: &Context) -> Result<container::Host> {
    if !ctx.store().root().exists() {
        return Ok(ctx.host());
    }
    Ok(container::Host {
        identity: ctx.enter_userns()?,
        run_root: ctx.run_root(),
    })
}

/// `container prune`: every container that does not run goes; prints their IDs.
pub fn prune(args: PruneArgs, ctx: &Context) -> Result<u8> {
    let filter = container::PruneFilter::parse(&args.filter, Utc::now())
        .map_err(|e| CodedError::new(125, e.to_string()))?;
    if !args.force
        && !super::system::confirm("WARNING! This will remove all non running containers.\n")?
    {
        return Ok(0);
    }
    let (pruned, errors) = prune_containers(ctx, &filter)?;
    for p in &pruned {
        println!("{}", p.id);
    }
    report_errors(errors)
}

/// The prune itself, for `container prune` and `system prune`.
pub(super) fn prune_containers(
    ctx: &Context,
    filter: &container::PruneFilter,
) -> Result<(Vec<container::Pruned>, Vec<ContainerError>)> {
    let host = host_in_userns(ctx)?;
    container::prune_containers(&ctx.store(), &host, filter).map_err(coded)
}

/// Each error but the last on stderr; the last one is the command's.
pub(super) fn report_errors(errors: Vec<ContainerError>) -> Result<u8> {
    let mut errors = errors.into_iter();
    let last = errors.next_back();
    for e in errors {
        eprintln!("Error: {e}");
    }
    match last {
        Some(e) => Err(coded(e)),
        None => Ok(0),
    }
}

#[derive(Debug, clap::Args)]
pub struct CleanupArgs {
    /// Clean up all containers
    #[arg(short, long)]
    pub all: bool,
    /// Act on the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    /// After cleanup, remove the container
    #[arg(long)]
    pub rm: bool,
    /// After cleanup, remove the image the container was made from, unless another uses it
    #[arg(long)]
    pub rmi: bool,
    /// Containers to clean up (name or ID)
    #[arg(value_name = "CONTAINER", add = super::completion::all_containers())]
    pub containers: Vec<String>,
}

/// `container cleanup`: podman's cleanup of containers that ended; echoes each one.
pub fn cleanup(args: CleanupArgs, ctx: &Context) -> Result<u8> {
    if args.all && !args.containers.is_empty() {
        return Err(CodedError::new(125, "no arguments are needed with --all").into());
    }
    if !args.all && !args.latest && args.containers.is_empty() {
        return Err(CodedError::new(125, "you must provide at least one name or id").into());
    }
    let keys = or_latest(ctx, &args.containers, args.latest, 125)?;
    let targets = targets(ctx, &keys, args.all)?;
    let host = host_in_userns(ctx)?;
    let store = ctx.store();
    for_each(targets, MISSING_IS_AN_ERROR, |id| {
        container::cleanup(&store, &host, id, args.rm, args.rmi).map(|()| None)
    })
}

#[derive(Debug, clap::Args)]
pub struct PsArgs {
    /// Show all containers (by default only running ones)
    #[arg(short, long)]
    pub all: bool,
    /// Filter: id=, name= (regex), status=, label=KEY[=VALUE], exited=, ancestor=, before=, since=
    #[arg(short, long, value_name = "FILTER", add = super::completion::container_filters())]
    pub filter: Vec<String>,
    /// Sort by command, created, id, image, names, runningfor or status
    #[arg(long, default_value = "created", value_parser = ["command", "created", "id", "image", "names", "runningfor", "status"])]
    pub sort: String,
    /// Pretty-print containers with a Go template, "table ..." or json
    #[arg(long, add = super::completion::formats())]
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
    /// Also list containers that other tools made in the store (burrow's store holds none)
    #[arg(long)]
    pub external: bool,
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

/// `ps --sort`: podman lists oldest first (`created`, its default, and `runningfor`, which it
/// also sorts by creation); the other keys ascending, ties left oldest first.
fn sort_containers(containers: &mut [Container], key: &str) {
    containers.sort_by_key(|c| c.record.created);
    match key {
        "command" => containers.sort_by_cached_key(|c| c.record.command.join(" ")),
        "id" => containers.sort_by(|a, b| a.record.id.cmp(&b.record.id)),
        "image" => containers.sort_by(|a, b| a.record.image_name.cmp(&b.record.image_name)),
        "names" => containers.sort_by(|a, b| a.record.name.cmp(&b.record.name)),
        "status" => containers.sort_by_key(|c| c.state.shown_status()),
        _ => {}
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
            state: c.state.shown_status(),
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
                state: c.state.shown_status().to_string(),
                ports: crate::container::network_of(&ctx.store(), &c.record.id)
                    .map(|n| crate::network::ports_column(&n.ports))
                    .unwrap_or_default(),
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
                state: c.state.shown_status(),
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
    /// Remove the containers that depend on it first
    #[arg(long)]
    pub depend: bool,
    /// Ignore errors for containers that do not exist
    #[arg(short, long)]
    pub ignore: bool,
    /// Seconds to wait for the stop signal before killing a running container
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Remove anonymous volumes associated with the container
    #[arg(short, long)]
    pub volumes: bool,
    /// Act on the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    /// Containers to remove (name or ID)
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"], add = super::completion::all_containers())]
    pub containers: Vec<String>,
}

pub fn rm(args: RmArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let host = ctx.host();
    let timeout = args.time.map(Duration::from_secs);
    // podman 4.3: `rm -f` of a container that does not exist is silent and succeeds.
    let missing = Missing {
        ignore: args.ignore || args.force,
        code: 1,
    };
    // `rm -a` also removes damaged containers: `rm -f` is how a user gets rid of them.
    let targets = if args.all {
        let (all, damaged) = container::list_with_damaged(&store, &host).map_err(coded)?;
        let ids: Vec<String> = all.iter().map(|c| c.record.id.clone()).collect();
        // Dependents before what they depend on, so that every one can go.
        container::removal_order(&store, &ids)
            .map_err(coded)?
            .into_iter()
            .chain(damaged.into_iter().map(|d| d.id))
            .map(|id| (id.clone(), Ok(id)))
            .collect()
    } else {
        targets(
            ctx,
            &or_latest(ctx, &args.containers, args.latest, 1)?,
            false,
        )?
    };
    let remove = |id: &str| {
        container::remove_with_volumes(&store, id, args.force, timeout, &host, args.volumes)
    };
    for_each(targets, missing, |id| {
        if !args.depend {
            return remove(id).map(|()| None);
        }
        // podman prints the full ID of each container --depend removed, dependents first.
        let order = container::removal_order(&store, &[id.to_string()])?;
        for each in &order {
            remove(each)?;
        }
        Ok(Some(order.join("\n")))
    })
}

#[derive(Debug, clap::Args)]
pub struct StopArgs {
    /// Stop all running containers
    #[arg(short, long)]
    pub all: bool,
    /// Ignore containers that do not exist
    #[arg(short, long)]
    pub ignore: bool,
    /// Seconds to wait for the stop signal before killing the container (default: the
    /// container's --stop-timeout, else 10)
    #[arg(short, long, visible_alias = "timeout", value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Act on the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    /// Containers to stop (name or ID)
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"], add = super::completion::running_containers())]
    pub containers: Vec<String>,
}

pub fn stop(args: StopArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let timeout = args.time.map(Duration::from_secs);
    let missing = Missing {
        ignore: args.ignore,
        code: 125,
    };
    let keys = or_latest(ctx, &args.containers, args.latest, 125)?;
    for_each(targets(ctx, &keys, args.all)?, missing, |id| {
        container::stop(&store, id, timeout).map(|()| None)
    })
}

#[derive(Debug, clap::Args)]
pub struct KillArgs {
    /// Signal all running containers
    #[arg(short, long)]
    pub all: bool,
    /// The signal to send (name or number)
    #[arg(short, long, default_value = "KILL", add = super::completion::signals())]
    pub signal: String,
    /// Act on the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    /// Containers to signal (name or ID)
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"], add = super::completion::running_containers())]
    pub containers: Vec<String>,
}

pub fn kill(args: KillArgs, ctx: &Context) -> Result<u8> {
    let signal = crate::spec::parse_signal(&args.signal)?;
    let store = ctx.store();
    let keys = or_latest(ctx, &args.containers, args.latest, 125)?;
    let mut targets = targets(ctx, &keys, args.all)?;
    if args.all {
        let running = running_ids(ctx)?;
        targets.retain(|(id, _)| running.contains(id));
    }
    for_each(targets, MISSING_IS_AN_ERROR, |id| {
        container::kill(&store, id, signal).map(|()| None)
    })
}

#[derive(Debug, clap::Args)]
pub struct WaitArgs {
    /// The state to wait for: stopped (or exited), running, created
    #[arg(long, value_name = "STATE", default_value = "stopped")]
    pub condition: String,
    /// Act on the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    /// Containers to wait for (name or ID)
    #[arg(value_name = "CONTAINER", required_unless_present = "latest", add = super::completion::all_containers())]
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
    let keys = or_latest(ctx, &args.containers, args.latest, 125)?;
    for_each(targets(ctx, &keys, false)?, MISSING_IS_AN_ERROR, |id| {
        container::wait(&store, id, condition).map(|code| Some(code.to_string()))
    })
}

#[derive(Debug, clap::Args)]
pub struct ExistsArgs {
    /// The container (name or ID)
    #[arg(value_name = "CONTAINER", add = super::completion::all_containers())]
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
    #[arg(required_unless_present = "latest", value_name = "CONTAINER", add = super::completion::all_containers())]
    pub containers: Vec<String>,
    /// Act on the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    /// Format the output with a Go template or as json
    #[arg(short, long, add = super::completion::formats())]
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
    for key in &or_latest(ctx, &args.containers, args.latest, 125)? {
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
