use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap_complete::Shell;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell: bash, zsh, fish or powershell
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
    /// Write the script to this file instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// The completion script for `shell`, as committed under completions/.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut super::command(), "burrow", &mut out);
    out
}

pub fn run(args: Args) -> Result<u8> {
    let text = script(args.shell);
    match args.file {
        Some(path) => std::fs::write(&path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&text)?;
        }
    }
    Ok(0)
}
