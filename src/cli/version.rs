//! `version` and `--version`. Tools read podman's version to choose what to ask for (toolbox:
//! `version --format json` → `.Client.Version`, at least 1.8.1 for `exec --detach-keys ""`
//! and 2.1.0 for `--mount type=devpts`; it runs `system migrate` whenever the number
//! changes), so `Version` is the podman whose behaviour burrow matches and is checked against,
//! and burrow's own version is beside it in `BurrowVersion`.

use anyhow::Result;
use serde::Serialize;

use super::Context;
use crate::output::{self, JsonStyle};

/// The podman release whose behaviour, texts and exit codes burrow matches.
pub const PODMAN_VERSION: &str = "4.3.1";
/// burrow's own version.
pub const BURROW_VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Format the output with a Go template or as json
    #[arg(short, long)]
    pub format: Option<String>,
}

/// podman's `version` fields, under `.Client`.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Version {
    client: Client,
}

/// podman's keys in podman's order, then burrow's own.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Client {
    #[serde(rename = "APIVersion")]
    api_version: &'static str,
    version: &'static str,
    git_commit: &'static str,
    built_time: &'static str,
    built: i64,
    #[serde(rename = "OsArch")]
    os_arch: String,
    os: String,
    burrow_version: &'static str,
}

/// `--version`: podman's line when called by another name (scripts cut the third word),
/// both versions when called as burrow.
pub fn version_line(program: &str) -> String {
    if program == "burrow" {
        format!("burrow version {BURROW_VERSION} (podman {PODMAN_VERSION})")
    } else {
        format!("{program} version {PODMAN_VERSION}")
    }
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let platform = crate::image::Platform::host();
    let version = Version {
        client: Client {
            api_version: PODMAN_VERSION,
            version: PODMAN_VERSION,
            git_commit: "",
            // podman's text for a build without a recorded time
            built_time: "Thu Jan  1 00:00:00 1970",
            built: 0,
            os_arch: format!("{}/{}", platform.os, platform.arch),
            os: platform.os.to_string(),
            burrow_version: BURROW_VERSION,
        },
    };
    match args.format.as_deref() {
        Some(format) => print!(
            "{}",
            output::render_one(&version, Some(format), "version", JsonStyle::INDENT_2)?
        ),
        None => {
            let c = &version.client;
            println!("Client:          {}", ctx.program);
            println!("Version:         {}", c.version);
            println!("API Version:     {}", c.api_version);
            println!("Burrow Version:  {}", c.burrow_version);
            println!("Built:           {}", c.built_time);
            println!("OS/Arch:         {}", c.os_arch);
        }
    }
    Ok(0)
}
