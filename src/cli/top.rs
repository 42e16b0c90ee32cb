//! `burrow top`: the processes of a running container, as podman's (psgo's) descriptors show
//! them.

use anyhow::Result;

use super::run::coded;
use super::{CodedError, Context};
use crate::container::{self, top};
use crate::store::Status;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The container (name or ID)
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Columns: psgo descriptors (user pid ppid pcpu etime tty time args ...) or AIX codes (%U %p ...)
    #[arg(value_name = "DESCRIPTORS")]
    pub descriptors: Vec<String>,
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let found = container::find(&ctx.store(), &ctx.host(), &args.container).map_err(coded)?;
    let process = container::running_process(&found.state).filter(|p| p.alive());
    let Some(process) = process.filter(|_| found.state.status == Status::Running) else {
        return Err(CodedError::new(
            125,
            format!(
                "top can only be used on running containers; {} is {}: container state improper",
                args.container,
                found.state.status.as_str()
            ),
        )
        .into());
    };
    let pids = top::container_processes(process.pid)?;
    let table = top::top(&pids, &args.descriptors)?;
    let mut text = String::new();
    for row in table {
        text.push_str(&row.join("\t"));
        text.push('\n');
    }
    print!("{}", crate::output::align_columns(&text));
    Ok(0)
}
