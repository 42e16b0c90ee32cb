//! `system`: the store's consistency check (podman 5's `system check`) and `migrate`.

use anyhow::Result;

use super::{CodedError, Context};
use crate::container::{CheckReport, Repair};
use crate::store::Finding;

#[derive(Debug, clap::Subcommand)]
// Arguments are built only for the subcommand a command line takes (see cli::parse_from).
#[command(defer = true)]
pub enum SystemCommand {
    /// Check storage consistency
    Check(CheckArgs),
    /// Migrate containers
    Migrate(MigrateArgs),
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
        SystemCommand::Migrate(args) => migrate(args),
    }
}

/// podman migrates its containers' lock numbers and user namespace after an upgrade; toolbox
/// calls this once per podman version it sees. burrow's records and its pause process carry
/// nothing an upgrade changes, so there is nothing to migrate and, as podman with nothing to
/// do, it succeeds silently.
fn migrate(args: MigrateArgs) -> Result<u8> {
    if let Some(runtime) = args.new_runtime {
        return Err(CodedError::new(
            125,
            format!(
                "cannot migrate containers to runtime {runtime:?}: burrow keeps each container's runtime as created; recreate the containers with --runtime {runtime}"
            ),
        )
        .into());
    }
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
