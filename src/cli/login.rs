use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};

use super::Context;
use crate::config::{
    ConfigEnv, Credentials, RegistriesConf, RemoveOutcome, lookup_credentials_for_key,
    parse_credentials_key, remove_all_credentials, remove_credentials, store_credentials,
};

#[derive(Debug, clap::Args)]
pub struct LoginArgs {
    /// Registry to log in to (default: the first unqualified-search registry)
    #[arg(value_name = "REGISTRY")]
    pub registry: Option<String>,
    /// Username for the registry
    #[arg(short, long)]
    pub username: Option<String>,
    /// Password for the registry (prefer --password-stdin)
    #[arg(short, long)]
    pub password: Option<String>,
    /// Read the password from standard input
    #[arg(long)]
    pub password_stdin: bool,
    /// Path of the authentication file (overrides REGISTRY_AUTH_FILE)
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<PathBuf>,
    /// Require HTTPS and verify certificates (--tls-verify=false allows plain HTTP)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true, value_name = "BOOL")]
    pub tls_verify: Option<bool>,
    /// Print the username stored for the registry and exit
    #[arg(long)]
    pub get_login: bool,
}

#[derive(Debug, clap::Args)]
pub struct LogoutArgs {
    /// Registry to log out from
    #[arg(value_name = "REGISTRY", required_unless_present = "all")]
    pub registry: Option<String>,
    /// Remove the credentials of every registry
    #[arg(short, long)]
    pub all: bool,
    /// Path of the authentication file (overrides REGISTRY_AUTH_FILE)
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<PathBuf>,
}

fn env_with(ctx: &Context, authfile: &Option<PathBuf>) -> ConfigEnv {
    let mut env = ctx.env.clone();
    if let Some(path) = authfile {
        env.registry_auth_file = Some(path.clone());
    }
    env
}

fn read_line(prompt: &str) -> Result<String> {
    eprint!("{prompt}");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// Reads a password from the terminal without echoing it.
fn read_password() -> Result<String> {
    use nix::sys::termios::{LocalFlags, SetArg, tcgetattr, tcsetattr};
    let stdin = std::io::stdin();
    let saved = tcgetattr(&stdin)?;
    let mut silent = saved.clone();
    silent.local_flags.remove(LocalFlags::ECHO);
    tcsetattr(&stdin, SetArg::TCSANOW, &silent)?;
    let password = read_line("Password: ");
    tcsetattr(&stdin, SetArg::TCSANOW, &saved)?;
    eprintln!();
    password
}

pub fn login(args: LoginArgs, ctx: &Context) -> Result<u8> {
    let env = env_with(ctx, &args.authfile);
    let conf = RegistriesConf::load(&env)?;
    let target = match &args.registry {
        Some(r) => r.clone(),
        None => match conf.search_registries().first() {
            Some(r) => r.clone(),
            None => bail!(
                "no registry given and no unqualified-search-registries in registries.conf; run: burrow login REGISTRY"
            ),
        },
    };
    let (key, registry) = parse_credentials_key(&target)?;
    if args.get_login {
        return match lookup_credentials_for_key(&env, &key)? {
            Some(found) => match found.credentials {
                Credentials::Basic { username, .. } => {
                    println!("{username}");
                    Ok(0)
                }
                Credentials::IdentityToken(_) => {
                    bail!("{key} uses an identity token, not a username")
                }
            },
            None => bail!("not logged into {key}"),
        };
    }
    let interactive = std::io::stdin().is_terminal();
    let username = match args.username {
        Some(u) => u,
        None if interactive => read_line("Username: ")?,
        None => {
            bail!("no username for {registry}: pass --username (standard input is not a terminal)")
        }
    };
    let password = match (args.password, args.password_stdin) {
        (Some(_), true) => bail!("--password and --password-stdin are mutually exclusive"),
        (Some(p), false) => p,
        (None, true) => {
            let mut p = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut p)
                .context("cannot read the password from standard input")?;
            p.trim_end_matches(['\r', '\n']).to_string()
        }
        (None, false) if interactive => read_password()?,
        (None, false) => bail!(
            "no password for {registry}: pass --password-stdin (standard input is not a terminal)"
        ),
    };
    if username.is_empty() || password.is_empty() {
        bail!("username and password must not be empty");
    }
    let insecure = args.tls_verify == Some(false) || conf.is_insecure_host(&registry);
    let runtime = crate::image::network_runtime().context("cannot start the network runtime")?;
    runtime.block_on(crate::image::verify_login(
        &registry, &username, &password, insecure,
    ))?;
    store_credentials(&env, &key, &username, &password)?;
    println!("Login Succeeded!");
    Ok(0)
}

pub fn logout(args: LogoutArgs, ctx: &Context) -> Result<u8> {
    let env = env_with(ctx, &args.authfile);
    if args.all {
        remove_all_credentials(&env)?;
        println!("Removed login credentials for all registries");
        return Ok(0);
    }
    let target = args
        .registry
        .expect("clap requires a registry without --all");
    let (key, _) = parse_credentials_key(&target)?;
    match remove_credentials(&env, &key)? {
        RemoveOutcome::Removed { .. } => {
            println!("Removed login credentials for {key}");
            Ok(0)
        }
        RemoveOutcome::NotLoggedIn {
            found_elsewhere: Some(path),
        } => bail!(
            "not logged into {key} with burrow; the credentials in {} were stored by another tool (docker login): remove them there",
            path.display()
        ),
        RemoveOutcome::NotLoggedIn {
            found_elsewhere: None,
        } => bail!("not logged into {key}"),
    }
}
