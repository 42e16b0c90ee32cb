use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};

use super::Context;
use crate::archive::Input;
use crate::config::transport::{ImageSource, parse_image_source};
use crate::config::{Credentials, RegistriesConf};
use crate::image::{self, Platform, Progress, PullOptions, Selection, lookup};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Images to pull (name[:tag] or name@digest)
    #[arg(required = true, value_name = "IMAGE")]
    pub images: Vec<String>,
    /// Print only the image ID
    #[arg(short, long)]
    pub quiet: bool,
    /// Choose an image of this platform from a manifest list (OS/ARCH[/VARIANT])
    #[arg(long, value_name = "OS/ARCH[/VARIANT]", add = super::completion::platforms())]
    pub platform: Option<String>,
    /// Use ARCH instead of the host's architecture
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Use OS instead of the host's operating system
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Use VARIANT instead of the architecture's default variant
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    #[command(flatten)]
    pub registry: RegistryArgs,
    /// When to pull: always, missing, never, newer
    #[arg(long, default_value = "always", value_parser = ["always", "missing", "never", "newer"])]
    pub policy: String,
}

/// How to reach and authenticate with a registry: the flags pull and push share.
#[derive(Debug, clap::Args)]
pub struct RegistryArgs {
    /// Require HTTPS and verify certificates (--tls-verify=false allows plain HTTP)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true, value_name = "BOOL")]
    pub tls_verify: Option<bool>,
    /// Credentials (USERNAME[:PASSWORD]) to use with the registry
    #[arg(long, value_name = "USERNAME[:PASSWORD]")]
    pub creds: Option<String>,
    /// Path of the authentication file (overrides REGISTRY_AUTH_FILE)
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<PathBuf>,
}

impl Args {
    pub fn platform(&self) -> Result<Platform> {
        let mut platform = match &self.platform {
            Some(text) => Platform::parse(text)?,
            None => Platform::host(),
        };
        if let Some(os) = &self.os {
            platform.os = os.clone();
        }
        if let Some(arch) = &self.arch {
            platform.arch = arch.clone();
        }
        if self.variant.is_some() {
            platform.variant = self.variant.clone();
        }
        Ok(platform)
    }
}

impl RegistryArgs {
    /// The configuration environment with `--authfile` applied.
    pub fn env(&self, ctx: &Context) -> crate::config::ConfigEnv {
        let mut env = ctx.env.clone();
        if let Some(path) = &self.authfile {
            env.registry_auth_file = Some(path.clone());
        }
        env
    }

    /// `--creds USERNAME[:PASSWORD]`.
    pub fn credentials(&self) -> Result<Option<Credentials>> {
        parse_creds(self.creds.as_deref())
    }
}

fn parse_creds(creds: Option<&str>) -> Result<Option<Credentials>> {
    let Some(creds) = creds else {
        return Ok(None);
    };
    let (username, password) = creds.split_once(':').unwrap_or((creds, ""));
    if username.is_empty() {
        bail!("invalid --creds \"{creds}\": the username is empty; use --creds USERNAME:PASSWORD");
    }
    Ok(Some(Credentials::Basic {
        username: username.to_string(),
        password: password.to_string(),
    }))
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let platform = args.platform()?;
    let env = args.registry.env(ctx);
    let credentials = args.registry.credentials()?;
    let store = ctx.store();
    let conf = RegistriesConf::load(&env)?;
    ctx.enter_userns()?;
    let runtime = crate::image::network_runtime().context("cannot start the network runtime")?;
    let progress = Progress::new(args.quiet);
    let opts = PullOptions {
        platform,
        tls_verify: args.registry.tls_verify,
        credentials,
        env,
    };
    for input in &args.images {
        let input = match parse_image_source(input)? {
            ImageSource::Archive {
                transport,
                path,
                reference,
            } => {
                let records = image::load(
                    &store,
                    Input::Path(&path),
                    Selection::One(reference.as_deref()),
                    transport.name(),
                    &progress,
                )?;
                for record in records {
                    println!("{}", record.id);
                }
                continue;
            }
            ImageSource::Registry(name) => name,
        };
        let input = &input;
        if args.policy != "always" && args.policy != "newer" {
            match lookup(&store.images()?, &ctx.env, input) {
                Ok(found) => {
                    println!("{}", found.image.id);
                    continue;
                }
                Err(e) if args.policy == "never" || !e.is_not_known() => return Err(e.into()),
                Err(_) => {}
            }
        }
        let resolution = conf.resolve_pull(input)?;
        if let Some(description) = &resolution.description {
            progress.message(description);
        }
        let record = runtime.block_on(image::pull(
            &store,
            &resolution.candidates,
            &opts,
            &progress,
        ))?;
        println!("{}", record.id);
    }
    Ok(0)
}
