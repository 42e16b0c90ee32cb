use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;

use super::{CodedError, Context};
use crate::archive::OutputKind;
use crate::image::{SaveFormat, SaveOptions};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Images to save (name or ID)
    #[arg(required = true, value_name = "IMAGE", add = super::completion::images())]
    pub images: Vec<String>,
    /// Write to a file (or directory, for oci-dir and docker-dir) instead of stdout
    #[arg(short, long, value_name = "PATH", add = super::completion::files())]
    pub output: Option<PathBuf>,
    /// Save image to oci-archive, oci-dir (directory with oci manifest type), docker-archive, docker-dir (directory with v2s2 manifest type)
    #[arg(long, default_value = "docker-archive", value_parser = ["docker-archive", "oci-archive", "oci-dir", "docker-dir"])]
    pub format: String,
    /// Save several images in one docker-archive (podman's -m; several images imply it)
    #[arg(short = 'm', long)]
    pub multi_image_archive: bool,
    /// Accept uncompressed layers when copying OCI images
    #[arg(long)]
    pub uncompressed: bool,
    /// Compress tarball image layers when saving to a directory using the 'dir' transport (accepted; layers keep the compression they were pulled with)
    #[arg(long)]
    pub compress: bool,
    /// Suppress the output
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let format = SaveFormat::parse(&args.format).expect("clap checked the format");
    let output = match &args.output {
        Some(path) if format.is_directory() => OutputKind::Directory(path.clone()),
        Some(path) if path.as_os_str() == "/dev/stdout" => OutputKind::Stdout,
        Some(path) => OutputKind::TarFile(path.clone()),
        None if format.is_directory() => {
            return Err(CodedError::new(
                125,
                format!(
                    "--format {} writes a directory: name it with -o DIR",
                    format.name()
                ),
            )
            .into());
        }
        None if std::io::stdout().is_terminal() => {
            // podman's text
            return Err(CodedError::new(
                125,
                "refusing to save to terminal. Use -o flag or redirect",
            )
            .into());
        }
        None => OutputKind::Stdout,
    };
    let store = ctx.store();
    crate::image::save(
        &store,
        &ctx.env,
        &args.images,
        SaveOptions {
            format,
            output,
            uncompressed: args.uncompressed,
        },
    )?;
    Ok(0)
}
