//! `burrow cp`: copy files between a container and the host.

use anyhow::Result;

use super::{CodedError, Context};
use crate::container::{self, CopyLocation, CopyRequest};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Chown copied files to the primary uid/gid of the destination container
    #[arg(
        short,
        long,
        value_name = "BOOL",
        default_value_t = true,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        action = clap::ArgAction::Set
    )]
    pub archive: bool,
    /// Allow directories to be overwritten with non-directories and vice versa
    #[arg(long)]
    pub overwrite: bool,
    /// What to copy: [CONTAINER:]PATH, or - for a tar stream on standard input
    #[arg(value_name = "SRC_PATH", allow_hyphen_values = true, add = super::completion::copy_path())]
    pub source: String,
    /// Where to copy it: [CONTAINER:]PATH, or - for a tar stream on standard output
    #[arg(value_name = "DEST_PATH", allow_hyphen_values = true, add = super::completion::copy_path())]
    pub dest: String,
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let request = CopyRequest {
        source: CopyLocation::parse(&args.source),
        dest: CopyLocation::parse(&args.dest),
        archive: args.archive,
        overwrite: args.overwrite,
    };
    container::copy(&ctx.store(), &ctx.host(), &request)
        .map_err(|e| CodedError::new(125, e.to_string()))?;
    Ok(0)
}
