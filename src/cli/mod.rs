//! The command line: clap definitions and one file per command. Commands parse, call the
//! library, and print; nothing else lives here.

mod completion;
mod container;
mod events;
mod exec;
mod image;
mod images;
mod info;
mod lifecycle;
mod login;
mod logs;
mod pull;
mod run;
mod system;
mod top;
mod unshare;
mod version;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

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
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Args)]
pub struct GlobalArgs {
    /// Path to the storage root (default: $XDG_DATA_HOME/burrow, ~/.local/share/burrow)
    #[arg(long, global = true, value_name = "PATH")]
    pub root: Option<PathBuf>,
    /// Path to the volatile state directory (default: $XDG_RUNTIME_DIR/burrow or $TMPDIR/burrow-UID)
    #[arg(long, global = true, value_name = "PATH")]
    pub runroot: Option<PathBuf>,
    /// Log messages at and above this level: trace, debug, info, warn, warning, error, fatal, panic
    #[arg(long, global = true, default_value = "warn", value_name = "LEVEL")]
    pub log_level: String,
    /// Storage driver; burrow always uses native overlay
    #[arg(long, global = true, hide = true, value_name = "DRIVER")]
    pub storage_driver: Option<String>,
}

impl GlobalArgs {
    /// The options as command-line arguments again, for a child burrow: it must use the same
    /// store, run directory (else it starts a second namespace holder elsewhere) and log level.
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
        push("--log-level", self.log_level.as_ref());
        if let Some(driver) = &self.storage_driver {
            push("--storage-driver", driver.as_ref());
        }
        args
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Pull images from a registry
    Pull(pull::Args),
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
    /// Log in to a container registry
    Login(login::LoginArgs),
    /// Log out of a container registry
    Logout(login::LogoutArgs),
    /// Run a command in a new container
    Run(Box<run::Args>),
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
    /// Display the configuration of containers or images
    Inspect(InspectArgs),
    /// Fetch the logs of one or more containers
    Logs(logs::Args),
    /// Display the running processes of a container
    Top(top::Args),
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
}

/// What every command may need, computed only when asked for.
pub struct Context {
    pub global: GlobalArgs,
    pub env: ConfigEnv,
}

impl Context {
    pub fn new(global: GlobalArgs) -> Context {
        Context {
            global,
            env: ConfigEnv::from_process(),
        }
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
            None => std::env::temp_dir().join(format!("burrow-{}", nix::unistd::geteuid())),
        }
    }

    pub fn store(&self) -> Store {
        Store::new(self.graph_root())
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

/// Runs the parsed command and returns the process exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let ctx = Context::new(cli.global);
    match cli.command {
        Command::Pull(args) => pull::run(args, &ctx),
        Command::Images(args) => images::run(args, &ctx),
        Command::Image { command } => image::run(command, &ctx),
        Command::Rmi(args) => image::rm(args, &ctx),
        Command::Tag(args) => image::tag(args, &ctx),
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
        Command::Inspect(args) => inspect(args, &ctx),
        Command::Logs(args) => logs::run(args, &ctx),
        Command::Top(args) => top::run(args, &ctx),
        Command::Events(args) => events::run(args, &ctx),
        Command::Container { command } => container::dispatch(command, &ctx),
        Command::Version(args) => version::run(args, &ctx),
        Command::Info(args) => info::run(args, &ctx),
        Command::System { command } => system::run(command, &ctx),
        Command::Completion(args) => completion::run(args),
        Command::Unshare(args) => unshare::run(args, &ctx),
    }
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// Containers or images to inspect (name or ID)
    #[arg(required = true, value_name = "NAME")]
    pub names: Vec<String>,
    /// Format the output with a Go template or as json
    #[arg(short, long)]
    pub format: Option<String>,
    /// Only inspect objects of this type: container, image or all
    #[arg(short = 't', long = "type", default_value = "all", value_parser = ["all", "container", "image"])]
    pub kind: String,
}

/// `inspect`: containers first, then images, as podman looks them up. All names must be of one
/// kind; the first decides.
fn inspect(args: InspectArgs, ctx: &Context) -> Result<u8> {
    let as_container = match args.kind.as_str() {
        "container" => true,
        "image" => false,
        _ => {
            let first = &args.names[0];
            let is_container = container::is_container(ctx, first);
            if !is_container && crate::image::find_image(&ctx.store().images()?, first).is_none() {
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
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_options_survive_the_trip_to_a_child() {
        let given = Cli::try_parse_from([
            "burrow",
            "--root",
            "/r oot",
            "--runroot",
            "/run root",
            "--log-level",
            "debug",
            "--storage-driver",
            "overlay",
            "images",
        ])
        .unwrap()
        .global;
        let mut argv: Vec<std::ffi::OsString> = vec!["burrow".into()];
        argv.extend(given.to_args());
        argv.push("images".into());
        let child = Cli::try_parse_from(argv).unwrap().global;
        assert_eq!(child.root, given.root);
        assert_eq!(child.runroot, given.runroot);
        assert_eq!(child.log_level, "debug");
        assert_eq!(child.storage_driver.as_deref(), Some("overlay"));
    }
}
