//! `burrow port`: the published ports of a container, or of all running ones.

use anyhow::Result;

use super::common::{coded, or_latest};
use super::{CodedError, Context};
use crate::container;
use crate::network::port_lines;
use crate::store::Status;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// List the ports of all running containers
    #[arg(short, long)]
    pub all: bool,
    /// Act on the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    /// CONTAINER [PRIVATE_PORT[/PROTOCOL]] (with -a or -l: only the port)
    #[arg(value_name = "CONTAINER [PORT]", add = super::completion::first_container())]
    pub args: Vec<String>,
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let (store, host) = (ctx.store(), ctx.host());
    let (keys, private) = if args.all || args.latest {
        if args.args.len() > 1 {
            return Err(CodedError::new(
                125,
                "the port command takes only a port with --all or --latest",
            )
            .into());
        }
        let keys = if args.all {
            Vec::new()
        } else {
            or_latest(ctx, &[], true, 125)?
        };
        (keys, args.args.first().cloned())
    } else {
        match args.args.as_slice() {
            [c] => (vec![c.clone()], None),
            [c, p] => (vec![c.clone()], Some(p.clone())),
            [] => {
                return Err(
                    CodedError::new(125, "you must supply a running container name or id").into(),
                );
            }
            _ => return Err(CodedError::new(125, "`port` accepts at most 2 arguments").into()),
        }
    };
    let containers = if args.all {
        container::list(&store, &host).map_err(coded)?
    } else {
        vec![container::find(&store, &host, &keys[0]).map_err(coded)?]
    };
    let mut found = false;
    for c in containers {
        if c.state.status != Status::Running {
            continue;
        }
        let config = container::network_of(&store, &c.record.id).map_err(coded)?;
        let prefix = if args.all {
            format!("{}\t", &c.record.id[..12])
        } else {
            String::new()
        };
        if let Some(lines) = port_lines(&config.ports, private.as_deref())
            .map_err(|e| CodedError::new(125, e.to_string()))?
        {
            found |= !lines.is_empty();
            for line in lines {
                println!("{prefix}{line}");
            }
        }
    }
    if let Some(p) = private
        && !found
    {
        return Err(CodedError::new(125, format!("failed to find published port {p:?}")).into());
    }
    Ok(0)
}
