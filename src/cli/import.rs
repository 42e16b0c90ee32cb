//! `burrow import` (and `image import`): a tarball becomes a one-layer image.

use std::io::Read;

use anyhow::Result;

use super::{CodedError, Context};
use crate::image::commit::parse_changes;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Apply the following possible instructions to the created image (default []): CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | ONBUILD | STOPSIGNAL | USER | VOLUME | WORKDIR
    #[arg(short, long, value_name = "CHANGE")]
    pub change: Vec<String>,
    /// Set commit message for imported image
    #[arg(short, long, value_name = "MESSAGE")]
    pub message: Option<String>,
    /// Suppress output
    #[arg(short, long)]
    pub quiet: bool,
    /// PATH (a file, - for stdin, or a URL) [REFERENCE]
    #[arg(value_name = "PATH [REFERENCE]")]
    pub args: Vec<String>,
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let (source, name) = match args.args.as_slice() {
        [source] => (source, None),
        [source, name] => (source, Some(name)),
        // podman's texts
        [] => {
            return Err(CodedError::new(
                125,
                "you must provide a path to import: requires at least 1 arg(s), only received 0",
            )
            .into());
        }
        many => {
            return Err(CodedError::new(
                125,
                format!("accepts at most 2 arg(s), received {}", many.len()),
            )
            .into());
        }
    };
    let changes = parse_changes(&args.change).map_err(|e| CodedError::new(125, e.to_string()))?;
    let names: Vec<String> = name
        .map(|n| crate::image::local_name(n))
        .transpose()
        .map_err(|e| CodedError::new(125, e.to_string()))?
        .into_iter()
        .collect();
    let url = source.starts_with("http://") || source.starts_with("https://");
    let input: Option<Box<dyn Read>> = if source == "-" {
        Some(Box::new(std::io::stdin().lock()))
    } else if url {
        None
    } else {
        Some(Box::new(std::fs::File::open(source).map_err(|e| {
            // podman's text
            CodedError::new(
                125,
                format!("error opening {source:?}: open {source}: {}", go_text(&e)),
            )
        })?))
    };
    ctx.enter_userns()?;
    let store = ctx.store();
    let input = match input {
        Some(input) => input,
        None => {
            if !args.quiet {
                println!("Downloading from {source:?}");
            }
            store.init()?;
            // The runtime lives only for the download: its threads are gone before the
            // import forks anything.
            let runtime = crate::image::network_runtime().map_err(|e| {
                CodedError::new(125, format!("cannot start the network runtime: {e}"))
            })?;
            let file = runtime
                .block_on(crate::image::import::download(&store, source))
                .map_err(|e| CodedError::new(125, e.to_string()))?;
            drop(runtime);
            Box::new(file)
        }
    };
    if !args.quiet {
        eprintln!("Getting image source signatures");
    }
    let imported =
        crate::image::import::import(&store, input, &changes, args.message.as_deref(), &names)
            .map_err(|e| CodedError::new(125, e.to_string()))?;
    if !args.quiet {
        eprintln!("Copying blob {}", imported.blob_digest);
        eprintln!("Copying config {}", imported.config_digest);
        eprintln!("Writing manifest to image destination");
        eprintln!("Storing signatures");
    }
    println!("sha256:{}", imported.image.id);
    Ok(0)
}

/// An I/O error as Go prints it: `no such file or directory`.
fn go_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
