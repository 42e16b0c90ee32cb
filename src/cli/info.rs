use anyhow::Result;
use serde_json::{Map, Value, json};

use super::Context;
use crate::output::{self, JsonStyle};
use crate::userns::Identity;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Format the output with a Go template or as json
    #[arg(short, long, add = super::completion::formats())]
    pub format: Option<String>,
}

/// podman's info, with its JSON keys (lower camel case).
fn gather(ctx: &Context) -> Result<Value> {
    let identity = Identity::detect();
    let cgroups = crate::cgroups::detect();
    let uname = nix::sys::utsname::uname()?;
    let platform = crate::image::Platform::host();
    let store = ctx.store();
    let images = store.images()?.len();
    let conf = crate::config::RegistriesConf::load(&ctx.env).ok();
    let search = conf
        .map(|c| c.search_registries().to_vec())
        .unwrap_or_default();
    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let events = ctx.events_settings()?;
    let volume_path = ctx
        .global
        .volumepath
        .clone()
        .unwrap_or_else(|| store.root().join("volumes"));
    Ok(json!({
        "host": {
            "arch": platform.arch,
            "conmon": {
                // the per-container monitor is burrow itself
                "package": "burrow",
                "path": exe,
                "version": concat!("burrow-monitor version ", env!("CARGO_PKG_VERSION")),
            },
            "distribution": distribution(&std::fs::read_to_string("/etc/os-release").unwrap_or_default()),
            "eventLogger": if events.enabled { "file" } else { "none" },
            "logDriver": "k8s-file",
            "pasta": helper("pasta"),
            "slirp4netns": helper("slirp4netns"),
            // What a container gets without --network: containers.conf's choice, else pasta,
            // else slirp4netns, else none.
            "rootlessNetworkCmd": crate::network::mode_name(
                &crate::network::resolve_default(
                    &crate::network::NetworkMode::Default,
                    crate::config::ContainersConf::load(&ctx.env)
                        .ok()
                        .and_then(|c| c.rootless_network_cmd)
                        .as_deref(),
                    |n| crate::network::find_helper(n).is_some(),
                )
                .0,
            ),
            "os": platform.os,
            "kernel": uname.release().to_string_lossy(),
            "hostname": uname.nodename().to_string_lossy(),
            "cgroupControllers": cgroups.controllers,
            "cgroupManager": match (cgroups.version, super::run::cgroup_manager(ctx)?) {
                ("v2", Some(crate::spec::Manager::Cgroupfs)) => "cgroupfs",
                ("v2", Some(crate::spec::Manager::Systemd)) => "systemd",
                _ => cgroups.manager,
            },
            "cgroupVersion": cgroups.version,
            "idMappings": {
                "uidmap": identity.uid_map,
                "gidmap": identity.gid_map,
            },
            "ociRuntime": {
                "name": "burrow",
                "path": exe,
                "version": concat!("burrow version ", env!("CARGO_PKG_VERSION")),
            },
            "security": {
                "rootless": identity.rootless(),
                "seccompEnabled": false,
            },
        },
        "store": {
            "configFile": ctx.env.config_home().join("containers/storage.conf"),
            "graphDriverName": "overlay",
            "graphOptions": {},
            "graphStatus": {
                "Backing Filesystem": backing_filesystem(store.root()),
                "Native Overlay Diff": "true",
                "Supports d_type": "true",
                "Using metacopy": "false",
            },
            "graphRoot": store.root(),
            "runRoot": ctx.run_root(),
            "imageStore": { "number": images },
            "containerStore": { "number": 0, "paused": 0, "running": 0, "stopped": 0 },
            "volumePath": volume_path,
        },
        "registries": { "search": search },
        "version": {
            "Version": env!("CARGO_PKG_VERSION"),
            "OsArch": format!("{}/{}", platform.os, platform.arch),
        },
    }))
}

/// podman's host.distribution: ID, VERSION_ID and VERSION_CODENAME of /etc/os-release.
fn distribution(os_release: &str) -> Value {
    let field = |key: &str| {
        os_release
            .lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .map(|v| v.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
            .unwrap_or_default()
    };
    json!({
        "distribution": field("ID"),
        "version": field("VERSION_ID"),
        "codename": field("VERSION_CODENAME"),
    })
}

/// A network helper podman would use (pasta, slirp4netns): its path in $PATH or podman's
/// helper directories, and its version (one line of `--version`), or empty strings.
fn helper(name: &str) -> Value {
    let path = crate::network::find_helper(name);
    let Some(path) = path else {
        return json!({ "executable": "", "package": "", "version": "" });
    };
    let version = std::process::Command::new(&path)
        .arg("--version")
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .map(str::to_string)
        })
        .unwrap_or_default();
    json!({ "executable": path, "package": "", "version": version })
}

/// containers/storage's name for the filesystem under the store (its nearest existing
/// directory, so a store not made yet reports where it will be).
fn backing_filesystem(root: &std::path::Path) -> String {
    let Some(existing) = root.ancestors().find(|p| p.exists()) else {
        return "unknown".into();
    };
    let Ok(stat) = nix::sys::statfs::statfs(existing) else {
        return "unknown".into();
    };
    #[allow(clippy::unnecessary_cast)] // the field's type differs between architectures
    let magic = stat.filesystem_type().0 as i64;
    match magic {
        0xEF53 => "extfs",
        0x5846_5342 => "xfs",
        0x9123_683E => "btrfs",
        0x0102_1994 => "tmpfs",
        0x794C_7630 => "overlayfs",
        0x2FC1_2FC1 => "zfs",
        0x6969 => "nfs",
        0xF2F5_2010 => "f2fs",
        0x6573_5546 => "fuseblk",
        _ => return format!("<unknown ({magic:#x})>"),
    }
    .into()
}

/// The Go field name podman's templates use for an info JSON key.
fn go_name(key: &str) -> String {
    match key {
        "idMappings" => "IDMappings".into(),
        "uidmap" => "UIDMap".into(),
        "gidmap" => "GIDMap".into(),
        "ociRuntime" => "OCIRuntime".into(),
        "cgroupVersion" => "CgroupsVersion".into(),
        "slirp4netns" => "Slirp4NetNS".into(),
        "container_id" => "ContainerID".into(),
        "host_id" => "HostID".into(),
        _ => {
            let mut chars = key.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        }
    }
}

fn go_names(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (go_name(k), go_names(v)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(go_names).collect()),
        other => other.clone(),
    }
}

/// podman prints info as YAML by default.
fn yaml(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::Object(m) if !m.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        yaml(v, indent + 2, out);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        yaml(v, indent, out);
                    }
                    _ => out.push_str(&format!("{pad}{k}: {}\n", scalar(v))),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        let mut inner = String::new();
                        yaml(item, indent + 2, &mut inner);
                        // The first key goes on the dash line, as YAML lists of maps read.
                        let body = inner.trim_start_matches(' ');
                        out.push_str(&format!("{pad}- {body}"));
                    }
                    _ => out.push_str(&format!("{pad}- {}\n", scalar(item))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) if s.is_empty() => "\"\"".into(),
        Value::String(s) => s.clone(),
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
        other => other.to_string(),
    }
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    let info = gather(ctx)?;
    match args.format.as_deref() {
        Some(f) if output::is_json(f) => {
            print!("{}", output::to_json_pretty(&info, JsonStyle::INDENT_2)?)
        }
        Some(f) => print!(
            "{}",
            output::render_one(&go_names(&info), Some(f), "info", JsonStyle::INDENT_2)?
        ),
        None => {
            let mut out = String::new();
            yaml(&info, 0, &mut out);
            print!("{out}");
        }
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_follow_podmans_go_fields() {
        let v = go_names(
            &json!({"host": {"idMappings": {"uidmap": [{"container_id": 0}]}, "cgroupVersion": "v1"}}),
        );
        assert_eq!(v["Host"]["IDMappings"]["UIDMap"][0]["ContainerID"], 0);
        assert_eq!(v["Host"]["CgroupsVersion"], "v1");
    }

    #[test]
    fn distribution_comes_from_os_release() {
        let d = distribution(
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n",
        );
        assert_eq!(
            d,
            json!({"distribution": "debian", "version": "12", "codename": "bookworm"})
        );
        assert_eq!(go_names(&json!({"slirp4netns": 1}))["Slirp4NetNS"], 1);
    }

    #[test]
    fn yaml_nests_maps_and_lists() {
        let mut out = String::new();
        yaml(
            &json!({"a": {"b": 1, "c": [{"x": 1, "y": 2}], "d": ""}}),
            0,
            &mut out,
        );
        assert_eq!(out, "a:\n  b: 1\n  c:\n  - x: 1\n    y: 2\n  d: \"\"\n");
    }
}
