//! `burrow commit` (and `container commit`): a new image from a container's changes.

use anyhow::Result;

use super::common::coded;
use super::{CodedError, Context};
use crate::container::commit::{CommitRequest, Progress};
use crate::container::{self, view};
use crate::image::commit::{ImageFormat, parse_changes};
use crate::store::Status;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Set the author for the image committed
    #[arg(short, long, value_name = "AUTHOR")]
    pub author: Option<String>,
    /// Apply the following possible instructions to the created image (default []): CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | ONBUILD | STOPSIGNAL | USER | VOLUME | WORKDIR
    #[arg(short, long, value_name = "CHANGE")]
    pub change: Vec<String>,
    /// Format of the image manifest and metadata
    #[arg(short, long, value_name = "FORMAT", default_value = "oci")]
    pub format: String,
    /// Include container volumes as image volumes
    #[arg(long)]
    pub include_volumes: bool,
    /// Set commit message for imported image
    #[arg(short, long, value_name = "MESSAGE")]
    pub message: Option<String>,
    /// Pause container during commit
    #[arg(short, long)]
    pub pause: bool,
    /// Suppress output
    #[arg(short, long)]
    pub quiet: bool,
    /// Squash newly built layers into a single new layer
    #[arg(short, long)]
    pub squash: bool,
    /// CONTAINER [IMAGE]
    #[arg(value_name = "CONTAINER [IMAGE]", add = super::completion::first_container())]
    pub args: Vec<String>,
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let (key, name) = match args.args.as_slice() {
        [key] => (key, None),
        [key, name] => (key, Some(name)),
        // podman's texts
        [] => {
            return Err(CodedError::new(125, "requires at least 1 arg(s), only received 0").into());
        }
        many => {
            return Err(CodedError::new(
                125,
                format!("accepts at most 2 arg(s), received {}", many.len()),
            )
            .into());
        }
    };
    let format = ImageFormat::parse(&args.format).ok_or_else(|| {
        CodedError::new(125, format!("unrecognized image type {:?}", args.format))
    })?;
    if format == ImageFormat::Oci && args.message.as_deref().is_some_and(|m| !m.is_empty()) {
        return Err(CodedError::new(
            125,
            "messages are only compatible with the docker image format (-f docker)",
        )
        .into());
    }
    let changes = parse_changes(&args.change).map_err(|e| CodedError::new(125, e.to_string()))?;
    if format == ImageFormat::Oci {
        for onbuild in &changes.onbuild {
            tracing::warn!(
                "ONBUILD is not supported for OCI image format, {onbuild} will be ignored. Must use `docker` format"
            );
        }
    }
    let name = name
        .map(|n| crate::image::local_name(n))
        .transpose()
        .map_err(|e| CodedError::new(125, e.to_string()))?;
    let (store, host) = (ctx.store(), ctx.host());
    let found = container::find(&store, &host, key).map_err(coded)?;
    let image =
        view::container_image(&store, &found).map_err(|e| CodedError::new(125, e.to_string()))?;
    let source_date_epoch =
        crate::image::commit::source_date_epoch(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
            .map_err(|e| CodedError::new(125, e))?;
    // Read before the namespace is entered, where the caller's IDs are still the host's.
    let owners = view::image_owners(&store, &found, &crate::userns::Identity::detect())
        .map_err(|e| CodedError::new(125, e.to_string()))?;
    let paused = args.pause && container::current_state(&found.state).status == Status::Running;
    if paused {
        container::freeze(&store, &found.record.id, "pause").map_err(coded)?;
    }
    ctx.enter_userns()?;
    let request = CommitRequest {
        name,
        author: args.author.clone(),
        message: args.message.clone(),
        changes,
        squash: args.squash,
        format,
        include_volumes: args.include_volumes,
        history_comment: Some(format!(
            "FROM {}",
            if found.record.image_name.is_empty() {
                &image.id
            } else {
                &found.record.image_name
            }
        )),
        source_date_epoch,
        owners,
    };
    let quiet = args.quiet;
    if !quiet {
        eprintln!("Getting image source signatures");
    }
    let result = container::commit::commit(&store, &found, &image, &request, &mut |step| {
        if quiet {
            return;
        }
        match step {
            Progress::Blob(digest) => eprintln!("Copying blob {digest}"),
            Progress::Config(digest) => eprintln!("Copying config {digest}"),
        }
    });
    if paused {
        container::freeze(&store, &found.record.id, "unpause").map_err(coded)?;
    }
    let stored = result.map_err(|e| CodedError::new(125, e.to_string()))?;
    if !quiet {
        eprintln!("Writing manifest to image destination");
        eprintln!("Storing signatures");
    }
    println!("{}", stored.id);
    Ok(0)
}
