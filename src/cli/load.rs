use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;

use super::{CodedError, Context};
use crate::archive::Input;
use crate::image::{Progress, Selection};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Read from the archive file (or OCI layout directory) instead of stdin
    #[arg(short, long, value_name = "PATH")]
    pub input: Option<PathBuf>,
    /// Suppress the progress output
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let input = match &args.input {
        Some(path) => Input::Path(path),
        None if std::io::stdin().is_terminal() => {
            // podman's text
            return Err(CodedError::new(
                125,
                "cannot read from terminal, use command-line redirection or the --input flag",
            )
            .into());
        }
        None => Input::Stdin,
    };
    let store = ctx.store();
    ctx.enter_userns()?;
    let progress = Progress::new(args.quiet);
    let images = crate::image::load(&store, input, Selection::All, "docker-archive", &progress)?;
    for image in images {
        if image.names.is_empty() {
            println!("Loaded image: sha256:{}", image.id);
        }
        for name in &image.names {
            println!("Loaded image: {name}");
        }
    }
    Ok(0)
}
