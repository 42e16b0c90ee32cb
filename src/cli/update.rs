//! `burrow update`: changes a container's resource limits, live when it runs.

use anyhow::Result;

use super::Context;
use super::common::{coded, or_latest};
use crate::container;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Act on the most recently created container
    #[arg(short, long)]
    pub latest: bool,
    #[command(flatten)]
    pub resources: super::run::ResourceArgs,
    /// The container (name or ID)
    #[arg(value_name = "CONTAINER", required_unless_present = "latest", add = super::completion::all_containers())]
    pub container: Option<String>,
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let given = args.resources.given();
    let update = crate::spec::parse_resources(&given)?;
    let keys: Vec<String> = args.container.into_iter().collect();
    let key = or_latest(ctx, &keys, args.latest, 125)?.remove(0);
    let id = container::update(&ctx.store(), &ctx.host(), &key, &update).map_err(coded)?;
    println!("{id}");
    Ok(0)
}
