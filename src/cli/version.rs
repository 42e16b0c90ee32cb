use anyhow::Result;
use serde::Serialize;

use super::Context;
use crate::output::{self, JsonStyle};

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

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Client {
    version: &'static str,
    #[serde(rename = "OsArch")]
    os_arch: String,
    built: i64,
    built_time: &'static str,
    git_commit: &'static str,
}

pub fn run(args: Args, _ctx: &Context) -> Result<u8> {
    let platform = crate::image::Platform::host();
    let version = Version {
        client: Client {
            version: env!("CARGO_PKG_VERSION"),
            os_arch: format!("{}/{}", platform.os, platform.arch),
            built: 0,
            built_time: "",
            git_commit: "",
        },
    };
    match args.format.as_deref() {
        Some(format) => print!(
            "{}",
            output::render_one(&version, Some(format), "version", JsonStyle::INDENT_2)?
        ),
        None => {
            println!("Client:       burrow");
            println!("Version:      {}", version.client.version);
            println!("OS/Arch:      {}", version.client.os_arch);
        }
    }
    Ok(0)
}
