//! `burrow export` (and `container export`): a container's filesystem as a tar.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Result;

use super::common::coded;
use super::{CodedError, Context};
use crate::container::{self, view};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write to a specified file (default: stdout, which must be redirected)
    #[arg(short, long, value_name = "FILE", add = super::completion::files())]
    pub output: Option<PathBuf>,
    /// CONTAINER
    #[arg(value_name = "CONTAINER", add = super::completion::all_containers())]
    pub container: Vec<String>,
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let key = match args.container.as_slice() {
        [one] => one,
        // podman's texts
        [] => {
            return Err(CodedError::new(125, "requires exactly 1 arg(s), only received 0").into());
        }
        many => {
            return Err(
                CodedError::new(125, format!("accepts 1 arg(s), received {}", many.len())).into(),
            );
        }
    };
    if args.output.is_none() && std::io::stdout().is_terminal() {
        return Err(CodedError::new(
            125,
            "refusing to export to terminal. Use -o flag or redirect",
        )
        .into());
    }
    let (store, host) = (ctx.store(), ctx.host());
    let found = container::find(&store, &host, key).map_err(coded)?;
    let image =
        view::container_image(&store, &found).map_err(|e| CodedError::new(125, e.to_string()))?;
    // Made before entering the user namespace, so the file is the user's own.
    let file =
        match &args.output {
            Some(path) => Some(std::fs::File::create(path).map_err(|e| {
                CodedError::new(125, format!("cannot create {}: {e}", path.display()))
            })?),
            None => None,
        };
    let identity = ctx.enter_userns()?;
    let owners = view::image_owners(&store, &found, &identity)
        .map_err(|e| CodedError::new(125, e.to_string()))?;
    let result = match file {
        Some(file) => {
            let mut out = std::io::BufWriter::with_capacity(256 * 1024, file);
            view::export(&store, &found, &image, owners.as_ref(), &mut out)
                .map(|_| ())
                .and_then(|()| {
                    out.flush()
                        .map_err(|source| crate::layer::DiffError::Write { source }.into())
                })
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::with_capacity(256 * 1024, stdout.lock());
            view::export(&store, &found, &image, owners.as_ref(), &mut out)
                .map(|_| ())
                .and_then(|()| {
                    out.flush()
                        .map_err(|source| crate::layer::DiffError::Write { source }.into())
                })
        }
    };
    if let Err(e) = result {
        if let Some(path) = &args.output {
            let _ = std::fs::remove_file(path);
        }
        return Err(CodedError::new(125, e.to_string()).into());
    }
    Ok(0)
}
