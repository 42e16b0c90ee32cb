//! `burrow top`: the processes of a running container, as podman's (psgo's) descriptors show
//! them.

use anyhow::Result;

use super::common::{coded, or_latest};
use super::{CodedError, Context};
use crate::container::{self, top};
use crate::store::Status;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Act on the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    /// The container (name or ID); with --latest, the first descriptor
    #[arg(value_name = "CONTAINER", required_unless_present = "latest", add = super::completion::all_containers())]
    pub container: Option<String>,
    /// Columns: psgo descriptors (user pid ppid pcpu etime tty time args ...) or AIX codes (%U %p ...)
    #[arg(value_name = "DESCRIPTORS")]
    pub descriptors: Vec<String>,
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    // With --latest every argument is a descriptor, as in podman.
    let (key, descriptors) = if args.latest {
        let descriptors = args.container.into_iter().chain(args.descriptors).collect();
        let latest = or_latest(ctx, &[], true, 125)?;
        (latest[0].clone(), descriptors)
    } else {
        (args.container.unwrap_or_default(), args.descriptors)
    };
    let found = container::find(&ctx.store(), &ctx.host(), &key).map_err(coded)?;
    let process = container::running_process(&found.state).filter(|p| p.alive());
    let running = found.state.status == Status::Running && !found.state.is_paused();
    let Some(process) = process.filter(|_| running) else {
        return Err(CodedError::new(
            125,
            format!(
                "top can only be used on running containers; {} is {}: container state improper",
                key,
                found.state.shown_status()
            ),
        )
        .into());
    };
    let pids = top::container_processes(process.pid, &found.record.id)?;
    let table = top::top(&pids, &descriptors)?;
    let mut text = String::new();
    for row in table {
        text.push_str(&row.join("\t"));
        text.push('\n');
    }
    print!("{}", crate::output::align_columns(&text));
    Ok(0)
}
