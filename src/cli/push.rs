use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};

use super::Context;
use crate::config::{ImageRef, RegistriesConf};
use crate::image::{self, Compression, ManifestFormat, Progress, PushError, PushOptions, lookup};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The local image to push (name or ID)
    #[arg(value_name = "IMAGE", add = super::completion::images())]
    pub image: String,
    /// Where to push it ([docker://]REGISTRY/REPOSITORY[:TAG]); default: the image's name
    #[arg(value_name = "DESTINATION")]
    pub destination: Option<String>,
    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub registry: super::pull::RegistryArgs,
    /// Manifest type to push: oci or v2s2 (default: the image's own)
    #[arg(short, long, value_name = "FORMAT", value_parser = ["oci", "v2s2", "docker"])]
    pub format: Option<String>,
    /// Compression of the layers pushed: gzip or zstd (default: as stored, gzip for uncompressed ones)
    #[arg(long, value_name = "FORMAT", value_parser = ["gzip", "zstd"])]
    pub compression_format: Option<String>,
    /// Write the digest of the pushed manifest to this file
    #[arg(long, value_name = "FILE")]
    pub digestfile: Option<PathBuf>,
}

/// `DEST` as podman takes it: a registry reference, with or without `docker://`.
fn destination(text: &str) -> Result<ImageRef> {
    let reference = match text.split_once("://") {
        Some(("docker", rest)) => rest,
        Some((transport, _)) => bail!(
            "invalid destination \"{text}\": transport \"{transport}\" is not supported by push; give a registry reference such as docker://REGISTRY/REPOSITORY:TAG"
        ),
        None => match text.split_once(':') {
            Some((transport, _))
                if matches!(
                    transport,
                    "oci" | "oci-archive" | "docker-archive" | "dir" | "containers-storage"
                ) =>
            {
                bail!(
                    "invalid destination \"{text}\": transport \"{transport}\" is not supported by push; give a registry reference such as docker://REGISTRY/REPOSITORY:TAG"
                )
            }
            _ => text,
        },
    };
    Ok(ImageRef::parse(reference)?)
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let env = args.registry.env(ctx);
    let credentials = args.registry.credentials()?;
    let store = ctx.store();
    let images = store.images()?;
    let found = lookup(&images, &ctx.env, &args.image)?;
    let dest = match (&args.destination, found.name) {
        (Some(text), _) => destination(text)?,
        (None, Some(name)) => destination(name)?,
        (None, None) => bail!(
            "{}: an image ID is not a destination; name one: burrow push {} REGISTRY/REPOSITORY[:TAG]",
            args.image,
            args.image
        ),
    };
    let conf = RegistriesConf::load(&env)?;
    let endpoint = conf.push_endpoint(&dest)?;
    let opts = PushOptions {
        tls_verify: args.registry.tls_verify,
        credentials,
        env,
        format: args.format.as_deref().and_then(ManifestFormat::parse),
        compression: args
            .compression_format
            .as_deref()
            .and_then(Compression::parse),
    };
    let runtime = crate::image::network_runtime().context("cannot start the network runtime")?;
    let progress = Progress::new(args.quiet);
    let report = runtime.block_on(image::push(
        &store,
        found.image,
        &endpoint,
        &opts,
        &progress,
    ))?;
    if let Some(path) = &args.digestfile {
        std::fs::write(path, &report.manifest_digest).map_err(|source| PushError::DigestFile {
            path: path.clone(),
            source,
        })?;
    }
    Ok(0)
}
