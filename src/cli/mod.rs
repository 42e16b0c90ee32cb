//! The command line: clap definitions and one file per command. Commands parse, call the
//! library, and print; nothing else lives here.

mod commit;
mod common;
pub mod completion;
mod container;
mod cp;
mod diff;
mod events;
mod exec;
mod export;
mod image;
mod images;
mod import;
mod info;
mod lifecycle;
mod load;
pub mod log;
mod login;
mod logs;
mod mount;
mod network;
mod port;
mod pull;
mod push;
mod run;
mod save;
mod stats;
mod system;
mod top;
mod unshare;
mod update;
mod version;
mod volume;

pub use version::{BURROW_VERSION, PODMAN_VERSION, version_line};

use std::path::PathBuf;

use anyhow::Result;
use clap::{FromArgMatches, Parser, Subcommand};

use crate::config::ConfigEnv;
use crate::store::Store;
use crate::userns::Identity;

/// An error that carries podman's exit code for it (125 is the default for tool errors).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct CodedError {
    pub code: u8,
    pub message: String,
}

impl CodedError {
    pub fn new(code: u8, message: impl Into<String>) -> CodedError {
        CodedError {
            code,
            message: message.into(),
        }
    }
}

/// A failure that a child burrow has already reported on the stderr it shares with this one:
/// the exit code is passed on and nothing more is printed, so the user sees one `Error:` line.
#[derive(Debug, thiserror::Error)]
#[error("reported by a child burrow (exit code {code})")]
pub struct ReportedError {
    pub code: u8,
}

#[derive(Debug, Parser)]
#[command(
    name = "burrow",
    version,
    about = "Manage containers and images, rootless and without a daemon",
    disable_help_subcommand = true,
    // podman's -v; main prints the text (it names the podman version burrow matches)
    disable_version_flag = true,
    // cobra's flags: the last of a flag given twice wins (lists still append); propagated
    args_override_self = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(flatten)]
    pub remote: RemoteArgs,
    /// Print the version
    #[arg(short = 'v', long, action = clap::ArgAction::Version)]
    pub version: Option<bool>,
    #[command(subcommand)]
    pub command: Command,
}

// podman's remote-client options: accepted so that scripts written for podman parse, then
// refused, since burrow only ever works on this machine. Not global: -c and -r are taken by
// subcommands (run -c is --cpu-shares).
#[derive(Debug, clap::Args)]
pub struct RemoteArgs {
    /// URL to access a podman service; burrow has no remote mode and refuses it
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Connection to use for a remote podman service; burrow has no remote mode and refuses it
    #[arg(short = 'c', long, value_name = "NAME")]
    pub connection: Option<String>,
    /// Access a remote podman service; burrow has no remote mode and refuses it
    #[arg(short = 'r', long)]
    pub remote: bool,
}

impl RemoteArgs {
    /// The refusal, naming the option the user gave.
    pub fn refusal(&self) -> Option<CodedError> {
        let given = if self.url.is_some() {
            "--url"
        } else if self.connection.is_some() {
            "--connection"
        } else if self.remote {
            "--remote"
        } else {
            return None;
        };
        Some(CodedError::new(
            125,
            format!(
                "{given} is not supported: burrow has no remote mode and manages the containers \
                 of the machine it runs on; run the command without {given} on that machine"
            ),
        ))
    }
}

/// Where events go: podman's --events-backend values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventsBackend {
    File,
    None,
    Journald,
}

impl EventsBackend {
    pub fn name(self) -> &'static str {
        match self {
            EventsBackend::File => "file",
            EventsBackend::None => "none",
            EventsBackend::Journald => "journald",
        }
    }
}

fn events_backend(value: &str) -> Result<EventsBackend, String> {
    match value {
        "file" => Ok(EventsBackend::File),
        "none" => Ok(EventsBackend::None),
        "journald" => Ok(EventsBackend::Journald),
        // podman's text
        other => Err(format!(
            "{other:?} is not a valid events backend: invalid argument"
        )),
    }
}

#[derive(Debug, clap::Args)]
pub struct GlobalArgs {
    /// Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)
    #[arg(long, global = true, value_name = "PATH")]
    pub root: Option<PathBuf>,
    /// Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)
    #[arg(long, global = true, value_name = "PATH")]
    pub runroot: Option<PathBuf>,
    /// Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic (default "warn")
    #[arg(long, global = true, value_name = "LEVEL")]
    pub log_level: Option<String>,
    /// Log messages at the debug level (the same as --log-level debug)
    #[arg(short = 'D', long, global = true)]
    pub debug: bool,
    /// Do not output to stdout
    #[arg(long, global = true)]
    pub noout: bool,
    /// Events backend to use: file or none (journald is not available) (default: containers.conf's events_logger, else file)
    #[arg(long, global = true, value_name = "BACKEND", value_parser = events_backend)]
    pub events_backend: Option<EventsBackend>,
    /// Path to the volume directory in which volume data is stored (default: ROOT/volumes)
    #[arg(long, global = true, value_name = "PATH")]
    pub volumepath: Option<PathBuf>,
    /// Global flags for an OCI runtime given with --runtime (may be set multiple times)
    #[arg(long, global = true, value_name = "FLAG")]
    pub runtime_flag: Vec<String>,
    /// Storage driver; burrow always uses native overlay
    #[arg(long, global = true, hide = true, value_name = "DRIVER")]
    pub storage_driver: Option<String>,
    /// Cgroup manager to use: systemd or cgroupfs (default: containers.conf's cgroup_manager, else systemd)
    #[arg(long, global = true, value_name = "MANAGER", value_parser = ["systemd", "cgroupfs"])]
    pub cgroup_manager: Option<String>,
}

impl GlobalArgs {
    /// The options as command-line arguments again, for a child burrow: it must use the same
    /// store, run directory (else it starts a second namespace holder elsewhere), log level,
    /// events backend and the rest.
    pub fn to_args(&self) -> Vec<std::ffi::OsString> {
        let mut args: Vec<std::ffi::OsString> = Vec::new();
        let mut push = |flag: &str, value: &std::ffi::OsStr| {
            args.push(flag.into());
            args.push(value.to_owned());
        };
        if let Some(root) = &self.root {
            push("--root", root.as_os_str());
        }
        if let Some(runroot) = &self.runroot {
            push("--runroot", runroot.as_os_str());
        }
        if let Some(level) = &self.log_level {
            push("--log-level", level.as_ref());
        }
        if let Some(volumes) = &self.volumepath {
            push("--volumepath", volumes.as_os_str());
        }
        if let Some(backend) = self.events_backend {
            push("--events-backend", backend.name().as_ref());
        }
        if let Some(driver) = &self.storage_driver {
            push("--storage-driver", driver.as_ref());
        }
        if let Some(manager) = &self.cgroup_manager {
            push("--cgroup-manager", manager.as_ref());
        }
        for flag in &self.runtime_flag {
            // = keeps a flag such as --debug from being read as burrow's own
            args.push(format!("--runtime-flag={flag}").into());
        }
        if self.debug {
            args.push("--debug".into());
        }
        if self.noout {
            args.push("--noout".into());
        }
        args
    }

    /// The log level asked for: --debug is debug; podman refuses it beside --log-level.
    pub fn log_level_name(&self) -> Result<&str, &'static str> {
        match (&self.log_level, self.debug) {
            (Some(_), true) => Err("Setting --log-level and --debug is not allowed"),
            (None, true) => Ok("debug"),
            (Some(level), false) => Ok(level),
            (None, false) => Ok("warn"),
        }
    }
}

#[derive(Debug, Subcommand)]
// Each subcommand's arguments are built only when a command line takes it: building all of
// them (some hundreds of flags) cost every invocation a few milliseconds. See parse_from.
#[command(defer = true)]
pub enum Command {
    /// Pull images from a registry
    Pull(pull::Args),
    /// Push an image to a registry
    Push(push::Args),
    /// List images in local storage
    Images(images::Args),
    /// Manage images
    Image {
        #[command(subcommand)]
        command: image::ImageCommand,
    },
    /// Remove one or more images from local storage
    Rmi(image::RmArgs),
    /// Add an additional name to a local image
    Tag(image::TagArgs),
    /// Remove a name from a local image
    Untag(image::UntagArgs),
    /// Show the history of an image
    History(image::HistoryArgs),
    /// Log in to a container registry
    Login(login::LoginArgs),
    /// Log out of a container registry
    Logout(login::LogoutArgs),
    /// Run a command in a new container
    Run(Box<run::RunArgs>),
    /// Create but do not start a container
    Create(Box<run::Args>),
    /// Start one or more containers
    Start(lifecycle::StartArgs),
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
    /// List containers
    Ps(container::PsArgs),
    /// Remove one or more containers
    Rm(container::RmArgs),
    /// Stop one or more running containers
    Stop(container::StopArgs),
    /// Send a signal to one or more running containers
    Kill(container::KillArgs),
    /// Wait for one or more containers to stop and print their exit codes
    Wait(container::WaitArgs),
    /// Run a process in a running container
    Exec(Box<exec::Args>),
    /// Copy files/folders between a container and the local filesystem
    Cp(cp::Args),
    /// Display the configuration of containers or images
    Inspect(InspectArgs),
    /// Fetch the logs of one or more containers
    Logs(logs::Args),
    /// Display the running processes of a container
    Top(top::Args),
    /// Display a live stream of container resource usage statistics
    Stats(stats::Args),
    /// Update an existing container's resource limits
    Update(Box<update::Args>),
    /// List the published ports of containers
    Port(port::Args),
    /// Mount a working container's root filesystem
    Mount(mount::MountArgs),
    /// Unmount working container's root filesystem
    #[command(visible_alias = "umount")]
    Unmount(mount::UnmountArgs),
    /// Manage networks
    Network {
        #[command(subcommand)]
        command: network::NetworkCommand,
    },
    /// Manage volumes
    Volume {
        #[command(subcommand)]
        command: volume::VolumeCommand,
    },
    /// Show burrow events
    Events(events::Args),
    /// Manage containers
    Container {
        #[command(subcommand)]
        command: container::ContainerCommand,
    },
    /// Display the burrow version information
    Version(version::Args),
    /// Display burrow related system information
    Info(info::Args),
    /// Manage burrow
    System {
        #[command(subcommand)]
        command: system::SystemCommand,
    },
    /// Generate shell autocompletions
    Completion(completion::Args),
    /// Run a command in burrow's user namespace, as root with your subordinate IDs mapped
    Unshare(unshare::Args),
    /// Save images to an archive
    Save(save::Args),
    /// Load images from an archive
    Load(load::Args),
    /// Create new image based on the changed container
    Commit(commit::Args),
    /// Display the changes to the object's file system
    Diff(diff::Args),
    /// Export container's filesystem contents as a tar archive
    Export(export::Args),
    /// Import a tarball to create a filesystem image
    Import(import::Args),
}

/// What every command may need, computed only when asked for.
pub struct Context {
    pub global: GlobalArgs,
    pub env: ConfigEnv,
    /// The name burrow was called by (`podman` through a symlink).
    pub program: String,
}

impl Context {
    pub fn new(global: GlobalArgs) -> Context {
        Context {
            global,
            env: ConfigEnv::from_process(),
            program: "burrow".into(),
        }
    }

    /// `--events-backend journald`, which burrow cannot write, is refused by every command.
    fn refuse_journald(&self) -> Result<()> {
        if self.global.events_backend == Some(EventsBackend::Journald) {
            return Err(CodedError::new(
                125,
                "the journald events backend is not available: burrow logs events to a file; \
                 use --events-backend file (or none)",
            )
            .into());
        }
        Ok(())
    }

    /// How events are logged: containers.conf, then --events-backend.
    pub fn events_settings(&self) -> Result<crate::events::LogSettings> {
        self.refuse_journald()?;
        let mut settings = crate::events::LogSettings::from_config(&self.env);
        match self.global.events_backend {
            Some(EventsBackend::Journald) => {}
            Some(EventsBackend::None) => settings.enabled = false,
            Some(EventsBackend::File) => settings.enabled = true,
            None => {}
        }
        Ok(settings)
    }

    pub fn graph_root(&self) -> PathBuf {
        if let Some(root) = &self.global.root {
            return root.clone();
        }
        let data = std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| self.env.home.join(".local/share"));
        data.join("burrow")
    }

    pub fn run_root(&self) -> PathBuf {
        if let Some(root) = &self.global.runroot {
            return root.clone();
        }
        match std::env::var_os("XDG_RUNTIME_DIR").filter(|v| !v.is_empty()) {
            Some(dir) => PathBuf::from(dir).join("burrow"),
            // As podman's, under $TMPDIR (default /tmp); burrow refuses it if another user
            // made it first (store::ensure_private_dir).
            None => std::env::temp_dir().join(format!("burrow-{}", crate::userns::caller_uid())),
        }
    }

    pub fn store(&self) -> Store {
        Store::new(self.graph_root()).with_volume_path(self.global.volumepath.clone())
    }

    /// The caller and burrow's volatile state directory, for container commands.
    pub fn host(&self) -> crate::container::Host {
        crate::container::Host::detect(self.run_root())
    }

    /// Enters the user namespace (warning once when only one ID can be mapped) so that the
    /// store's layer files, owned by subordinate IDs, can be written and removed.
    pub fn enter_userns(&self) -> Result<Identity> {
        let identity = Identity::detect();
        if identity.rootless() && identity.single_id() {
            tracing::warn!("{}", identity.single_id_warning());
        }
        crate::userns::enter_shared(&identity, &self.run_root())?;
        Ok(identity)
    }
}

/// Runs the parsed command of a burrow called as `program` and returns the exit code.
pub fn run(cli: Cli, program: &str) -> Result<u8> {
    if let Some(refusal) = cli.remote.refusal() {
        return Err(refusal.into());
    }
    let mut ctx = Context::new(cli.global);
    ctx.program = program.to_string();
    // The log's settings are read (containers.conf parsed) only by what records or reads an
    // event: events::settings, which also learns --events-backend from the environment main set.
    ctx.refuse_journald()?;
    tracing::debug!("Using graph root {}", ctx.graph_root().display());
    tracing::debug!("Using run root {}", ctx.run_root().display());
    match cli.command {
        Command::Pull(args) => pull::run(args, &ctx),
        Command::Push(args) => push::run(args, &ctx),
        Command::Commit(args) => commit::run(args, &ctx),
        Command::Diff(args) => diff::run(args, &ctx),
        Command::Export(args) => export::run(args, &ctx),
        Command::Import(args) => import::run(args, &ctx),
        Command::Images(args) => images::run(args, &ctx),
        Command::Image { command } => image::run(command, &ctx),
        Command::Rmi(args) => image::rm(args, &ctx),
        Command::Tag(args) => image::tag(args, &ctx),
        Command::Untag(args) => image::untag(args, &ctx),
        Command::History(args) => image::history(args, &ctx),
        Command::Login(args) => login::login(args, &ctx),
        Command::Logout(args) => login::logout(args, &ctx),
        Command::Run(args) => run::run(*args, &ctx),
        Command::Create(args) => run::create(*args, &ctx),
        Command::Start(args) => lifecycle::start(args, &ctx),
        Command::Attach(args) => lifecycle::attach(args, &ctx),
        Command::Restart(args) => lifecycle::restart(args, &ctx),
        Command::Rename(args) => lifecycle::rename(args, &ctx),
        Command::Pause(args) => lifecycle::pause(args, &ctx, "pause"),
        Command::Unpause(args) => lifecycle::pause(args, &ctx, "unpause"),
        Command::Ps(args) => container::ps(args, &ctx),
        Command::Rm(args) => container::rm(args, &ctx),
        Command::Stop(args) => container::stop(args, &ctx),
        Command::Kill(args) => container::kill(args, &ctx),
        Command::Wait(args) => container::wait(args, &ctx),
        Command::Exec(args) => exec::run(*args, &ctx),
        Command::Cp(args) => cp::run(args, &ctx),
        Command::Inspect(args) => inspect(args, &ctx),
        Command::Logs(args) => logs::run(args, &ctx),
        Command::Top(args) => top::run(args, &ctx),
        Command::Stats(args) => stats::run(args, &ctx),
        Command::Update(args) => update::run(*args, &ctx),
        Command::Port(args) => port::run(args, &ctx),
        Command::Mount(args) => mount::mount(args, &ctx),
        Command::Unmount(args) => mount::unmount(args, &ctx),
        Command::Network { command } => network::run(command, &ctx),
        Command::Volume { command } => volume::run(command, &ctx),
        Command::Events(args) => events::run(args, &ctx),
        Command::Container { command } => container::dispatch(command, &ctx),
        Command::Version(args) => version::run(args, &ctx),
        Command::Info(args) => info::run(args, &ctx),
        Command::System { command } => system::run(command, &ctx),
        Command::Completion(args) => completion::run(args, &ctx),
        Command::Unshare(args) => unshare::run(args, &ctx),
        Command::Save(args) => save::run(args, &ctx),
        Command::Load(args) => load::run(args, &ctx),
    }
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// Containers or images to inspect (name or ID)
    #[arg(required_unless_present = "latest", value_name = "NAME", add = completion::containers_and_images())]
    pub names: Vec<String>,
    /// Inspect the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    /// Format the output with a Go template or as json
    #[arg(short, long, add = completion::formats())]
    pub format: Option<String>,
    /// Only inspect objects of this type: container, image or all
    #[arg(short = 't', long = "type", default_value = "all", value_parser = ["all", "container", "image"])]
    pub kind: String,
}

/// `inspect`: containers first, then images, as podman looks them up. All names must be of one
/// kind; the first decides.
fn inspect(args: InspectArgs, ctx: &Context) -> Result<u8> {
    let as_container = match args.kind.as_str() {
        _ if args.latest => true,
        "container" => true,
        "image" => false,
        _ => {
            let first = &args.names[0];
            let is_container = container::is_container(ctx, first);
            if !is_container
                && crate::image::lookup(&ctx.store().images()?, &ctx.env, first).is_err()
            {
                return Err(CodedError::new(125, format!("no such object: \"{first}\"")).into());
            }
            is_container
        }
    };
    if as_container {
        container::inspect(
            container::InspectArgs {
                containers: args.names,
                format: args.format,
                size: false,
                latest: args.latest,
            },
            ctx,
        )
    } else {
        image::inspect(
            image::InspectArgs {
                images: args.names,
                format: args.format,
            },
            ctx,
        )
    }
}

/// The clap command tree, for completions and man pages.
/// The whole command tree, every subcommand's arguments built (completions, man pages, usage
/// hints); parsing builds only the path it takes (see `parse_from`).
pub fn command() -> clap::Command {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    cmd.build();
    cmd
}

/// The name burrow was called by: `podman` or `docker` through a symlink, so that usage, help
/// and errors name the command the user typed.
pub fn program_name(arg0: Option<&std::ffi::OsStr>) -> String {
    arg0.and_then(|a| std::path::Path::new(a).file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "burrow".into())
}

/// cobra's help layout (podman's): about, usage, the subcommands, the options.
const GROUP_HELP: &str = "{about-with-newline}\nUsage:\n  {usage}\n\nAvailable Commands:\n{subcommands}\n\nOptions:\n{options}{after-help}\n";
const COMMAND_HELP: &str =
    "{about-with-newline}\nUsage:\n  {usage}\n\nOptions:\n{options}{after-help}\n";

/// The command tree as a user who called burrow as `program` sees it.
pub fn command_for(program: &str) -> clap::Command {
    let mut cmd = named(program);
    cmd.build();
    cobra_layout(cmd)
}

/// The tree under the name burrow was called by, its subcommands not built yet.
fn named(program: &str) -> clap::Command {
    // clap takes names as &'static str (without its "string" feature): one leak per process.
    let name: &'static str = Box::leak(program.to_owned().into_boxed_str());
    <Cli as clap::CommandFactory>::command()
        .name(name)
        .bin_name(name)
        .override_usage(format!("{name} [options] [command]"))
}

fn cobra_layout(cmd: clap::Command) -> clap::Command {
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut cmd = cmd.help_template(if subcommands.is_empty() {
        COMMAND_HELP
    } else {
        GROUP_HELP
    });
    for name in subcommands {
        cmd = cmd.mut_subcommand(name, cobra_layout);
    }
    cmd
}

/// Parses the command line of a burrow called as `program`.
pub fn parse_from<I, T>(program: &str, args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    use clap::error::ErrorKind;
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    // The fast path builds the arguments of the subcommands taken only; a call for help
    // parses again on the whole tree in cobra's layout, which only help shows.
    let mut cmd = named(program);
    let matches = match cmd.try_get_matches_from_mut(&args) {
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            cmd = command_for(program);
            cmd.try_get_matches_from_mut(&args)?
        }
        other => other?,
    };
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
}

/// The names of the subcommands a command line asks for (`image list` for `image ls -q`),
/// for the hints of usage errors; flags, and the values of flags that take one, are passed over.
pub fn subcommand_path(args: &[std::ffi::OsString]) -> Vec<String> {
    let mut cmd = command();
    cmd.build();
    let mut path = Vec::new();
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let takes_value = |matches: &dyn Fn(&clap::Arg) -> bool| {
            cmd.get_arguments()
                .any(|a| matches(a) && a.get_action().takes_values())
        };
        if let Some(long) = word.strip_prefix("--") {
            if !long.contains('=') && takes_value(&|a| a.get_long() == Some(long)) {
                words.next();
            }
            continue;
        }
        if let Some(shorts) = word.strip_prefix('-') {
            let mut chars = shorts.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && takes_value(&|a| a.get_short() == Some(c))
            {
                words.next();
            }
            continue;
        }
        match cmd.find_subcommand(word.as_ref()) {
            Some(sub) => {
                path.push(sub.get_name().to_string());
                cmd = sub.clone();
            }
            None => break,
        }
    }
    path
}

/// Whether the (sub)command at `path` (its names after the program's) takes no positional
/// arguments, so that an extra word is podman's "takes no arguments" error.
pub fn takes_no_arguments(path: &[&str]) -> bool {
    let mut cmd = command();
    for name in path {
        match cmd.find_subcommand(name) {
            Some(sub) => cmd = sub.clone(),
            None => return false,
        }
    }
    !cmd.has_subcommands() && cmd.get_positionals().next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_options_survive_the_trip_to_a_child() {
        let trip = |args: &[&str]| {
            let given = Cli::try_parse_from(
                std::iter::once("burrow")
                    .chain(args.iter().copied())
                    .chain(["images"]),
            )
            .unwrap()
            .global;
            let mut argv: Vec<std::ffi::OsString> = vec!["burrow".into()];
            argv.extend(given.to_args());
            argv.push("images".into());
            (given, Cli::try_parse_from(argv).unwrap().global)
        };
        let (given, child) = trip(&[
            "--root",
            "/r oot",
            "--runroot",
            "/run root",
            "--log-level",
            "debug",
            "--storage-driver",
            "overlay",
            "--events-backend",
            "none",
            "--volumepath",
            "/v ols",
            "--runtime-flag",
            "debug",
            "--runtime-flag",
            "log=/x y",
            "--noout",
        ]);
        assert_eq!(child.root, given.root);
        assert_eq!(child.runroot, given.runroot);
        assert_eq!(child.log_level.as_deref(), Some("debug"));
        assert_eq!(child.storage_driver.as_deref(), Some("overlay"));
        assert_eq!(child.events_backend, Some(EventsBackend::None));
        assert_eq!(child.volumepath, given.volumepath);
        assert_eq!(child.runtime_flag, ["debug", "log=/x y"]);
        assert!(child.noout && !child.debug);
        let (_, child) = trip(&["-D"]);
        assert!(child.debug);
        assert_eq!(child.log_level_name(), Ok("debug"));
        let (_, child) = trip(&[]);
        assert_eq!(child.log_level_name(), Ok("warn"));
        assert_eq!(child.events_backend, None);
    }

    #[test]
    fn the_command_tree_is_consistent() {
        command_for("podman").debug_assert();
    }

    #[test]
    fn the_last_of_a_flag_given_twice_wins_in_every_subcommand() {
        let cli = parse_from(
            "podman",
            [
                "podman", "--root", "/a", "--root", "/b", "images", "--format", "x", "--format",
                "y",
            ],
        )
        .unwrap();
        assert_eq!(cli.global.root.as_deref(), Some(std::path::Path::new("/b")));
        let Command::Images(images) = cli.command else {
            panic!("not images")
        };
        assert_eq!(
            format!("{images:?}").matches("\"y\"").count(),
            1,
            "{images:?}"
        );
    }

    #[test]
    fn usage_hints_name_the_subcommand_typed() {
        let path = |args: &[&str]| {
            let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
            subcommand_path(&args)
        };
        assert_eq!(path(&["podman", "image", "list", "--xx"]), ["image", "ls"]);
        assert_eq!(path(&["podman", "--root", "ps", "ps", "--format"]), ["ps"]);
        assert_eq!(
            path(&["podman", "-D", "run", "--name", "ps", "busybox"]),
            ["run"]
        );
        assert!(path(&["podman", "--xx"]).is_empty());
    }

    #[test]
    fn program_names_come_from_argv0() {
        assert_eq!(
            program_name(Some("/home/u/.local/bin/podman".as_ref())),
            "podman"
        );
        assert_eq!(program_name(Some("burrow".as_ref())), "burrow");
        assert_eq!(program_name(None), "burrow");
        assert!(takes_no_arguments(&["ps"]));
        assert!(!takes_no_arguments(&["run"]));
        assert!(!takes_no_arguments(&["image"]));
    }
}
