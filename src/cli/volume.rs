//! `burrow volume`: create, list, inspect, remove, prune, export, import and mount volumes.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::Result;

use super::common::coded;
use super::{CodedError, Context};
use crate::container::{self, ContainerError, VolumeCreate, VolumeFilter};
use crate::output::{self, JsonStyle, ListFormat};
use crate::volume::VolumeError;

#[derive(Debug, clap::Subcommand)]
pub enum VolumeCommand {
    /// Create a new volume
    Create(CreateArgs),
    /// List volumes
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Display detailed information on one or more volumes
    Inspect(InspectArgs),
    /// Remove one or more volumes
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
    /// Remove all unused volumes
    Prune(PruneArgs),
    /// Check if a volume exists
    Exists(ExistsArgs),
    /// Export the contents of a volume as a tar
    Export(ExportArgs),
    /// Import a tar into a volume
    Import(ImportArgs),
    /// Print the path of a volume's files (inside burrow unshare)
    Mount(MountArgs),
    /// Unmount a volume (inside burrow unshare)
    #[command(visible_alias = "umount")]
    Unmount(MountArgs),
}

#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// Volume driver: only local
    #[arg(short, long, value_name = "DRIVER")]
    pub driver: Option<String>,
    /// Set metadata for a volume: KEY=VALUE
    #[arg(short, long, value_name = "LABEL")]
    pub label: Vec<String>,
    /// Set driver specific options: o=uid=N,gid=N, UID=N, GID=N, ...
    #[arg(short, long, value_name = "OPTION")]
    pub opt: Vec<String>,
    /// Do not fail if the volume already exists
    #[arg(long)]
    pub ignore: bool,
}

#[derive(Debug, clap::Args)]
pub struct LsArgs {
    /// Filter the output: name=, label=, driver=, scope=, opt=, dangling=
    #[arg(short, long, value_name = "FILTER", add = super::completion::volume_filters())]
    pub filter: Vec<String>,
    /// Format the output with a Go template or as json
    #[arg(long, add = super::completion::formats())]
    pub format: Option<String>,
    /// Do not print the header
    #[arg(long)]
    pub noheading: bool,
    /// Print volume names only
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    #[arg(value_name = "VOLUME", add = super::completion::volumes())]
    pub volumes: Vec<String>,
    /// Inspect all volumes
    #[arg(short, long)]
    pub all: bool,
    /// Format the output with a Go template or as json
    #[arg(short, long, add = super::completion::formats())]
    pub format: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct RmArgs {
    #[arg(value_name = "VOLUME", add = super::completion::volumes())]
    pub volumes: Vec<String>,
    /// Remove all volumes
    #[arg(short, long)]
    pub all: bool,
    /// Remove the containers using a volume first
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Only prune the volumes that pass these filters: label=, name=, driver=, ...
    #[arg(long, value_name = "FILTER", add = super::completion::prune_filters())]
    pub filter: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct ExistsArgs {
    #[arg(value_name = "VOLUME", add = super::completion::volumes())]
    pub volume: String,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[arg(value_name = "VOLUME", add = super::completion::volumes())]
    pub volume: String,
    /// Write to this file instead of stdout
    #[arg(short, long, value_name = "FILE", add = super::completion::files())]
    pub output: Option<std::path::PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    #[arg(value_name = "VOLUME", add = super::completion::volumes())]
    pub volume: String,
    /// A tar file, or - for stdin
    #[arg(value_name = "SOURCE")]
    pub source: String,
}

#[derive(Debug, clap::Args)]
pub struct MountArgs {
    #[arg(required = true, value_name = "VOLUME", add = super::completion::volumes())]
    pub volumes: Vec<String>,
}

/// The template row of `volume ls` and `volume inspect`: every field, zero or not.
type Row = container::VolumeInfo;

pub fn run(command: VolumeCommand, ctx: &Context) -> Result<u8> {
    match command {
        VolumeCommand::Create(args) => create(args, ctx),
        VolumeCommand::Ls(args) => ls(args, ctx),
        VolumeCommand::Inspect(args) => inspect(args, ctx),
        VolumeCommand::Rm(args) => rm(args, ctx),
        VolumeCommand::Prune(args) => prune(args, ctx),
        VolumeCommand::Exists(args) => Ok(
            if container::volume_exists(&ctx.store(), &args.volume).map_err(coded)? {
                0
            } else {
                1
            },
        ),
        VolumeCommand::Export(args) => export(args, ctx),
        VolumeCommand::Import(args) => import(args, ctx),
        VolumeCommand::Mount(args) => mount(args, ctx, "mount"),
        VolumeCommand::Unmount(args) => mount(args, ctx, "unmount"),
    }
}

fn key_values(flag: &'static str, values: &[String]) -> Result<Vec<(String, String)>> {
    values
        .iter()
        .map(|v| match v.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            // A bare label is a key with an empty value, as podman takes it.
            None if flag == "--label" && !v.is_empty() => Ok((v.to_string(), String::new())),
            _ => Err(CodedError::new(
                125,
                format!("invalid {flag} {v:?}: expected KEY=VALUE with a non-empty key"),
            )
            .into()),
        })
        .collect()
}

fn create(args: CreateArgs, ctx: &Context) -> Result<u8> {
    let request = VolumeCreate {
        name: args.name,
        driver: args.driver,
        labels: key_values("--label", &args.label)?,
        options: key_values("--opt", &args.opt)?,
        ignore: args.ignore,
    };
    let name = container::create_volume(&ctx.store(), &ctx.host(), &request).map_err(coded)?;
    println!("{name}");
    Ok(0)
}

fn filters(given: &[String]) -> Result<Vec<VolumeFilter>> {
    given
        .iter()
        .map(|f| container::parse_volume_filter(f).map_err(coded))
        .collect()
}

fn ls(args: LsArgs, ctx: &Context) -> Result<u8> {
    let filters = filters(&args.filter)?;
    let rows: Vec<Row> = container::list_volumes(&ctx.store(), &filters).map_err(coded)?;
    if args.quiet {
        for r in &rows {
            println!("{}", r.name);
        }
        return Ok(0);
    }
    print!(
        "{}",
        output::render_list(
            &rows,
            || rows.iter().map(Row::json).collect::<Vec<_>>(),
            &ListFormat {
                name: "volume ls",
                format: args.format.as_deref(),
                default_table: "{{.Driver}}\t{{.Name}}",
                headers: &[("Name", "VOLUME NAME")],
                noheading: args.noheading,
                json: JsonStyle::INDENT_2,
            },
        )?
    );
    Ok(0)
}

fn inspect(args: InspectArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let (found, missing) = if args.all {
        (container::list_volumes(&store, &[]).map_err(coded)?, None)
    } else if args.volumes.is_empty() {
        return Err(CodedError::new(125, "provide one or more volume names or use --all").into());
    } else {
        container::inspect_volumes(&store, &args.volumes).map_err(coded)?
    };
    let text = match args.format.as_deref() {
        Some(f) if !f.is_empty() && !output::is_json(f) => {
            output::render_inspect(&found, Some(f), "volume inspect")?
        }
        _ => {
            let json: Vec<_> = found.iter().map(Row::json).collect();
            output::render_inspect(&json, None, "volume inspect")?
        }
    };
    print!("{text}");
    match missing {
        Some(name) => {
            Err(CodedError::new(125, format!("inspecting object: no such volume {name}")).into())
        }
        None => Ok(0),
    }
}

fn rm(args: RmArgs, ctx: &Context) -> Result<u8> {
    if args.all != args.volumes.is_empty() {
        return Err(CodedError::new(125, "choose either one or more volumes or all").into());
    }
    let (store, host) = (ctx.store(), ctx.host());
    let names = if args.all {
        container::list_volumes(&store, &[])
            .map_err(coded)?
            .into_iter()
            .map(|v| v.name)
            .collect()
    } else {
        args.volumes
    };
    let mut failure: Option<ContainerError> = None;
    for name in &names {
        match container::remove_volume(&store, &host, name, args.force) {
            Ok(()) => println!("{name}"),
            Err(e) => {
                if let Some(previous) = failure.replace(e) {
                    eprintln!("Error: {previous}");
                }
            }
        }
    }
    match failure {
        None => Ok(0),
        // podman's `volume rm` exits 1 for a volume that does not exist.
        Some(e @ ContainerError::Volume(VolumeError::NotFound { .. })) => {
            Err(CodedError::new(1, e.to_string()).into())
        }
        Some(e) => Err(coded(e)),
    }
}

fn prune(args: PruneArgs, ctx: &Context) -> Result<u8> {
    let filters = filters(&args.filter)?;
    let (store, host) = (ctx.store(), ctx.host());
    let names = container::prunable_volumes(&store, &filters).map_err(coded)?;
    if !args.force {
        // podman asks on stdout and reads a line even when stdin is no terminal; end of
        // input is its error "EOF".
        let mut out = std::io::stdout().lock();
        write!(
            out,
            "WARNING! This will remove all volumes not used by at least one container. The following volumes will be removed:\n{}Are you sure you want to continue? [y/N] ",
            names.iter().map(|n| format!("{n}\n")).collect::<String>()
        )?;
        out.flush()?;
        let mut answer = String::new();
        if std::io::stdin().lock().read_line(&mut answer)? == 0 {
            return Err(CodedError::new(125, "EOF").into());
        }
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            return Ok(0);
        }
    }
    let mut failure = None;
    for name in &names {
        match container::remove_volume(&store, &host, name, false) {
            Ok(()) => println!("{name}"),
            // Gone meanwhile, or taken into use: not this prune's to remove.
            Err(ContainerError::Volume(
                VolumeError::NotFound { .. } | VolumeError::InUse { .. },
            )) => {}
            Err(e) => failure = Some(e),
        }
    }
    match failure {
        Some(e) => Err(coded(e)),
        None => Ok(0),
    }
}

fn export(args: ExportArgs, ctx: &Context) -> Result<u8> {
    let out = match &args.output {
        Some(path) => std::fs::File::create(path)
            .map_err(|e| CodedError::new(125, format!("cannot create {}: {e}", path.display())))?,
        None => {
            if std::io::stdout().is_terminal() {
                return Err(CodedError::new(
                    125,
                    "cannot write to terminal, use command-line redirection or the --output flag",
                )
                .into());
            }
            std::io::stdout().as_fd_file()?
        }
    };
    container::export_volume(&ctx.store(), &ctx.host(), &args.volume, out)
        .map_err(no_such_volume)?;
    Ok(0)
}

fn import(args: ImportArgs, ctx: &Context) -> Result<u8> {
    let input = if args.source == "-" {
        std::io::stdin().as_fd_file()?
    } else {
        std::fs::File::open(&args.source).map_err(|e| {
            CodedError::new(
                125,
                format!("open {}: {}", args.source, e.kind()).to_lowercase(),
            )
        })?
    };
    container::import_volume(&ctx.store(), &ctx.host(), &args.volume, input, &args.source)
        .map_err(no_such_volume)?;
    Ok(0)
}

/// podman's `volume export` and `import` name a missing volume more tersely than `rm`.
fn no_such_volume(e: ContainerError) -> anyhow::Error {
    match e {
        ContainerError::Volume(VolumeError::NotFound { name }) => {
            CodedError::new(125, format!("no such volume {name}")).into()
        }
        e => coded(e),
    }
}

fn mount(args: MountArgs, ctx: &Context, verb: &str) -> Result<u8> {
    if nix::unistd::geteuid().as_raw() != 0 {
        // The path means nothing outside the user namespace.
        return Err(super::common::needs_unshare(ctx, &format!("volume {verb}")));
    }
    let store = ctx.store();
    for name in &args.volumes {
        let path = container::volume_mountpoint(&store, name).map_err(coded)?;
        // The local driver's volumes are plain directories: nothing to mount or unmount.
        if verb == "mount" {
            println!("{}", path.display());
        } else {
            println!("{name}");
        }
    }
    Ok(0)
}

/// A duplicate of a standard stream's descriptor as a `File`, for work done in a child.
trait AsFdFile {
    fn as_fd_file(&self) -> std::io::Result<std::fs::File>;
}

impl<T: std::os::fd::AsFd> AsFdFile for T {
    fn as_fd_file(&self) -> std::io::Result<std::fs::File> {
        Ok(std::fs::File::from(self.as_fd().try_clone_to_owned()?))
    }
}
