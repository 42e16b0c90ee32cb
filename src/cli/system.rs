//! `system`: the store's consistency check (podman 5's `system check`), `migrate`, and the
//! storage commands (`df`).

use anyhow::Result;
use chrono::Utc;
use serde::Serialize;

use super::{CodedError, Context};
use crate::container::{CheckReport, DiskUsage, Repair};
use crate::output::{self, JsonStyle, ListFormat};
use crate::store::Finding;

#[derive(Debug, clap::Subcommand)]
// Arguments are built only for the subcommand a command line takes (see cli::parse_from).
#[command(defer = true)]
pub enum SystemCommand {
    /// Check storage consistency
    Check(CheckArgs),
    /// Migrate containers
    Migrate(MigrateArgs),
    /// Show burrow disk usage
    Df(DfArgs),
    /// Remove unused data
    Prune(PruneArgs),
    /// Reset burrow storage: remove every container, image, volume and the namespace holder
    Reset(ResetArgs),
}

#[derive(Debug, clap::Args)]
pub struct ResetArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct PruneArgs {
    /// Remove all unused images, not only dangling ones
    #[arg(short, long)]
    pub all: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Prune volumes too
    #[arg(long)]
    pub volumes: bool,
    /// Only prune what passes these filters: until=, label=, label!=
    #[arg(long, value_name = "FILTER", add = super::completion::prune_filters())]
    pub filter: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct DfArgs {
    /// Pretty-print the summary with a Go template or as json
    #[arg(long, value_name = "string")]
    pub format: Option<String>,
    /// Show detailed information on space usage
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// Specify a new runtime for all containers
    #[arg(long, value_name = "string")]
    pub new_runtime: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Skip time-consuming checks (records are only checked to exist, not read)
    #[arg(short, long)]
    pub quick: bool,
    /// Remove leftovers, unused layers and damaged images that no container uses
    #[arg(short, long)]
    pub repair: bool,
    /// With --repair, also remove damaged containers and those using damaged images
    #[arg(short, long)]
    pub force: bool,
}

pub fn run(command: SystemCommand, ctx: &Context) -> Result<u8> {
    match command {
        SystemCommand::Check(args) => check(args, ctx),
        SystemCommand::Migrate(args) => migrate(args, ctx),
        SystemCommand::Reset(args) => reset(args, ctx),
        SystemCommand::Df(args) => df(args, ctx),
        SystemCommand::Prune(args) => prune(args, ctx),
    }
}

/// `system prune`: stopped containers, then (with `--volumes`) unused volumes, then dangling
/// images (with `-a`, every unused one), each part's report under its heading as podman
/// prints them, and the bytes that came back.
fn prune(args: PruneArgs, ctx: &Context) -> Result<u8> {
    use crate::container::{PruneFilter, VolumeFilter};
    let now = Utc::now();
    let filter =
        PruneFilter::parse(&args.filter, now).map_err(|e| CodedError::new(125, e.to_string()))?;
    let store = ctx.store();
    let image_filter =
        crate::image::PruneImageFilter::parse(&store.images()?, &ctx.env, &args.filter, now)?;
    // Volumes carry labels but no creation filter of podman's volume prune.
    let volume_filters = args
        .filter
        .iter()
        .filter(|f| f.starts_with("label="))
        .map(|f| crate::container::parse_volume_filter(f))
        .collect::<Result<Vec<VolumeFilter>, _>>()
        .map_err(super::common::coded)?;
    if !args.force {
        let volumes = if args.volumes {
            "\n\t- all volumes not used by at least one container"
        } else {
            ""
        };
        let images = if args.all {
            "\t- all images without at least one container associated with them\n\t- all build cache"
        } else {
            "\t- all dangling images\n\t- all dangling build cache"
        };
        let warning = format!(
            "WARNING! This command removes:\n\t- all stopped containers\n\t- all networks not used by at least one container{volumes}\n{images}\n\n"
        );
        if !confirm(&warning)? {
            return Ok(0);
        }
    }
    let mut reclaimed = 0;
    let (containers, mut errors) = super::container::prune_containers(ctx, &filter)?;
    if !containers.is_empty() {
        println!("Deleted Containers");
    }
    for c in &containers {
        println!("{}", c.id);
        reclaimed += c.size;
    }
    if args.volumes && store.root().exists() {
        let host = ctx.host();
        let names = crate::container::prunable_volumes(&store, &volume_filters)
            .map_err(super::common::coded)?;
        let volumes = crate::container::volume_store(&store);
        let mut deleted = Vec::new();
        for name in names {
            let size = crate::store::tree_usage(&volumes.data_dir(&name)).unwrap_or(0);
            match crate::container::remove_volume(&store, &host, &name, false) {
                Ok(()) => {
                    reclaimed += size;
                    deleted.push(name);
                }
                // Gone meanwhile, or taken into use: not this prune's to remove.
                Err(crate::container::ContainerError::Volume(
                    crate::volume::VolumeError::NotFound { .. }
                    | crate::volume::VolumeError::InUse { .. },
                )) => {}
                Err(e) => errors.push(e),
            }
        }
        if !deleted.is_empty() {
            println!("Deleted Volumes");
        }
        for name in &deleted {
            println!("{name}");
        }
    }
    if store.root().exists() {
        let host = crate::container::Host {
            identity: ctx.enter_userns()?,
            run_root: ctx.run_root(),
        };
        let images = crate::image::prune(&store, &host, args.all, &image_filter)?;
        if !images.removed.is_empty() {
            println!("Deleted Images");
        }
        for id in &images.removed {
            println!("{id}");
        }
        reclaimed += images.reclaimed;
    }
    println!("Total reclaimed space: {}", df_size(reclaimed));
    super::container::report_errors(errors)
}

/// podman's confirmation: `warning` and the question on stdout, then a line of stdin, even
/// when it is no terminal; the end of input is its error "EOF".
pub(super) fn confirm(warning: &str) -> Result<bool> {
    use std::io::{BufRead, Write};
    let mut out = std::io::stdout().lock();
    write!(out, "{warning}Are you sure you want to continue? [y/N] ")?;
    out.flush()?;
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer)? == 0 {
        return Err(CodedError::new(125, "EOF").into());
    }
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// `system df`: the summary, or with `-v` a table each for images, containers and volumes.
fn df(args: DfArgs, ctx: &Context) -> Result<u8> {
    if args.verbose && args.format.is_some() {
        return Err(CodedError::new(125, "cannot combine --format and --verbose flags").into());
    }
    let store = ctx.store();
    let host = ctx.host();
    if store.root().exists() {
        // Writable layers and volumes hold files of subordinate IDs that only the user
        // namespace may read.
        ctx.enter_userns()?;
    }
    let usage = crate::container::disk_usage(&store, &host).map_err(super::common::coded)?;
    if args.verbose {
        print!("{}", df_verbose(&usage)?);
    } else {
        print!("{}", df_summary(&usage, args.format.as_deref())?);
    }
    Ok(0)
}

/// go-units `HumanSize`, as `system df` prints sizes.
fn df_size(bytes: u64) -> String {
    output::go_units_human_size(bytes as f64, 4)
}

/// A summary line with podman's template fields (`Size` and `Reclaimable` formatted, the
/// `Raw` ones in bytes).
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DfSummaryRow {
    #[serde(rename = "Type")]
    kind: &'static str,
    total: usize,
    active: usize,
    size: String,
    reclaimable: String,
    raw_size: u64,
    raw_reclaimable: u64,
}

/// A summary line as podman's JSON has it: the sizes in bytes.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DfSummaryJson {
    #[serde(rename = "Type")]
    kind: &'static str,
    total: usize,
    active: usize,
    size: u64,
    reclaimable: u64,
}

fn df_summary(usage: &DiskUsage, format: Option<&str>) -> Result<String> {
    let summary = usage.summary();
    let rows: Vec<DfSummaryRow> = summary
        .iter()
        .map(|s| {
            // podman rounds the share to a whole percent, and calls nothing of nothing 0%.
            let percent = if s.size > 0 {
                (s.reclaimable as f64 / s.size as f64 * 100.0).round() as u64
            } else {
                0
            };
            DfSummaryRow {
                kind: s.kind,
                total: s.total,
                active: s.active,
                size: df_size(s.size),
                reclaimable: format!("{} ({percent}%)", df_size(s.reclaimable)),
                raw_size: s.size,
                raw_reclaimable: s.reclaimable,
            }
        })
        .collect();
    let json = || -> Vec<DfSummaryJson> {
        summary
            .iter()
            .map(|s| DfSummaryJson {
                kind: s.kind,
                total: s.total,
                active: s.active,
                size: s.size,
                reclaimable: s.reclaimable,
            })
            .collect()
    };
    Ok(output::render_list(
        &rows,
        json,
        &ListFormat {
            name: "df",
            format,
            default_table: "table {{.Type}}\t{{.Total}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}",
            headers: &[],
            noheading: false,
            json: JsonStyle::INDENT_4,
        },
    )?)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DfImageRow {
    repository: String,
    tag: String,
    #[serde(rename = "ImageID")]
    image_id: String,
    created: String,
    size: String,
    shared_size: String,
    unique_size: String,
    containers: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DfContainerRow {
    #[serde(rename = "ContainerID")]
    container_id: String,
    image: String,
    command: String,
    local_volumes: usize,
    size: String,
    created: String,
    status: &'static str,
    names: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DfVolumeRow {
    volume_name: String,
    links: usize,
    size: String,
}

fn short_id(id: &str) -> String {
    id[..id.len().min(12)].to_string()
}

/// `system df -v`: podman's three titled tables; an image gets a row per tagged name.
fn df_verbose(usage: &DiskUsage) -> Result<String> {
    let now = Utc::now();
    // podman's CREATED here is the duration alone, without " ago".
    let ago = |t: chrono::DateTime<Utc>| {
        let since = output::human_duration_since(t, now);
        since.trim_end_matches(" ago").to_string()
    };
    let mut images = Vec::new();
    for i in &usage.images {
        let mut pairs: Vec<(String, String)> = i
            .names
            .iter()
            .filter_map(|n| match crate::image::split_name(n) {
                (repo, Some(tag), _) => Some((repo.to_string(), tag.to_string())),
                _ => None,
            })
            .collect();
        if pairs.is_empty() {
            pairs.push(("<none>".into(), "<none>".into()));
        }
        for (repository, tag) in pairs {
            images.push(DfImageRow {
                repository,
                tag,
                image_id: short_id(&i.id),
                created: i.created.map(ago).unwrap_or_default(),
                size: df_size(i.size),
                shared_size: df_size(i.shared_size),
                unique_size: df_size(i.unique_size),
                containers: i.containers,
            });
        }
    }
    let containers: Vec<DfContainerRow> = usage
        .containers
        .iter()
        .map(|c| DfContainerRow {
            container_id: short_id(&c.id),
            image: short_id(&c.image_id),
            command: c.command.join(" "),
            local_volumes: c.local_volumes,
            size: df_size(c.rw_size),
            created: ago(c.created),
            status: c.status.as_str(),
            names: c.name.clone(),
        })
        .collect();
    let volumes: Vec<DfVolumeRow> = usage
        .volumes
        .iter()
        .map(|v| DfVolumeRow {
            volume_name: v.name.clone(),
            links: v.links,
            size: df_size(v.size),
        })
        .collect();
    let table = |default_table, headers: &'static [(&'static str, &'static str)]| ListFormat {
        name: "df",
        format: None,
        default_table,
        headers,
        noheading: false,
        json: JsonStyle::INDENT_4,
    };
    let images = output::render_list(
        &images,
        || (),
        &table(
            "table {{.Repository}}\t{{.Tag}}\t{{.ImageID}}\t{{.Created}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}",
            &[
                ("ImageID", "IMAGE ID"),
                ("SharedSize", "SHARED SIZE"),
                ("UniqueSize", "UNIQUE SIZE"),
            ],
        ),
    )?;
    let containers = output::render_list(
        &containers,
        || (),
        &table(
            "table {{.ContainerID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.Created}}\t{{.Status}}\t{{.Names}}",
            &[
                ("ContainerID", "CONTAINER ID"),
                ("LocalVolumes", "LOCAL VOLUMES"),
            ],
        ),
    )?;
    let volumes = output::render_list(
        &volumes,
        || (),
        &table(
            "table {{.VolumeName}}\t{{.Links}}\t{{.Size}}",
            &[("VolumeName", "VOLUME NAME")],
        ),
    )?;
    Ok(format!(
        "Images space usage:\n\n{images}\nContainers space usage:\n\n{containers}\nLocal Volumes space usage:\n\n{volumes}"
    ))
}

/// podman migrates its containers after an upgrade and restarts its pause process; toolbox
/// calls this once per podman version it sees. burrow's records carry nothing an upgrade
/// changes, but the shared user namespace keeps the ID maps it was made with: migrate stops
/// the running containers (printing each, as podman) and ends the namespace holder, so that
/// a changed /etc/subuid takes effect with the next command.
fn migrate(args: MigrateArgs, ctx: &Context) -> Result<u8> {
    if let Some(runtime) = args.new_runtime {
        return Err(CodedError::new(
            125,
            format!(
                "cannot migrate containers to runtime {runtime:?}: burrow keeps each container's runtime as created; recreate the containers with --runtime {runtime}"
            ),
        )
        .into());
    }
    let stopped =
        crate::container::migrate(&ctx.store(), &ctx.host()).map_err(super::common::coded)?;
    for id in stopped {
        println!("stopped {id}");
    }
    Ok(0)
}

/// `system reset`: podman's warning naming both directories and its question, unless `-f`;
/// then everything of the user's burrow goes.
fn reset(args: ResetArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let run_root = ctx.run_root();
    if !args.force {
        use std::io::{BufRead, Write};
        let mut out = std::io::stdout().lock();
        write!(
            out,
            "WARNING! This will remove:\n        - all containers\n        - all pods\n        - all images\n        - all networks\n        - all build cache\n        - all machines\n        - all volumes\n        - the graphRoot directory: {:?}\n        - the runRoot directory: {:?}\nAre you sure you want to continue? [y/N] ",
            store.root().display().to_string(),
            run_root.display().to_string(),
        )?;
        out.flush()?;
        let mut answer = String::new();
        // podman logs the end of input as an error and exits 1.
        if std::io::stdin().lock().read_line(&mut answer)? == 0 {
            tracing::error!("EOF");
            return Ok(1);
        }
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            return Ok(0);
        }
    }
    let host = if store.root().exists() || store.volumes_dir().exists() {
        // Layers and volumes hold files of subordinate IDs: only the namespace can delete them.
        crate::container::Host {
            identity: ctx.enter_userns()?,
            run_root,
        }
    } else {
        ctx.host()
    };
    crate::container::reset(&store, &host).map_err(super::common::coded)?;
    Ok(0)
}

fn check(args: CheckArgs, ctx: &Context) -> Result<u8> {
    let repair = args.repair || args.force;
    let store = ctx.store();
    let host = if repair && store.root().exists() {
        // Layers hold files owned by subordinate IDs: only the user namespace can delete them.
        Some(crate::container::Host {
            identity: ctx.enter_userns()?,
            run_root: ctx.run_root(),
        })
    } else {
        None
    };
    let repair = host.as_ref().map(|host| Repair {
        host,
        force: args.force,
    });
    let report =
        crate::container::check(&store, args.quick, repair).map_err(super::common::coded)?;
    print_report(&report);
    if report.remaining.is_empty() {
        return Ok(0);
    }
    let message = if args.repair || args.force {
        "damage in local storage still present after repair attempt (see above)"
    } else {
        "damage detected in local storage; repair it with: burrow system check --repair"
    };
    Err(CodedError::new(125, message).into())
}

fn print_report(report: &CheckReport) {
    for finding in &report.findings {
        println!("{}", describe(finding));
    }
    for line in report.repaired.iter().chain(&report.kept) {
        println!("{line}");
    }
}

/// A finding as podman words damage (`Damaged image ID:` and one ` - ` line per problem).
fn describe(finding: &Finding) -> String {
    match finding {
        Finding::DamagedContainer(d) => {
            let name = d.record.as_ref().map(|r| format!(" ({})", r.name));
            format!(
                "Damaged container {}{}:\n - {} cannot be read ({})",
                d.id,
                name.unwrap_or_default(),
                d.path.display(),
                d.reason
            )
        }
        Finding::ContainerWithoutImage { id, name, image_id } => format!(
            "Damaged container {id} ({name}):\n - its image {} is not in the store, so it cannot start again",
            &image_id[..image_id.len().min(12)]
        ),
        Finding::DamagedImage {
            id,
            names,
            problems,
        } => {
            let names = if names.is_empty() {
                String::new()
            } else {
                format!(" ({})", names.join(", "))
            };
            let lines: Vec<String> = problems.iter().map(|p| format!(" - {p}")).collect();
            format!("Damaged image {id}{names}:\n{}", lines.join("\n"))
        }
        Finding::DamagedLayer { short, reason } => format!("Damaged layer {short}:\n - {reason}"),
        Finding::UnusedLayer { short } => format!("Unused layer {short}: no image uses it"),
        Finding::QuarantinedLayer { path, .. } => format!(
            "Quarantined layer {}: set aside when its record was found damaged",
            path.display()
        ),
        Finding::Leftover { what, path } => format!("Leftover {}: {what}", path.display()),
    }
}
