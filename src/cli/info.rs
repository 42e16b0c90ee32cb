use anyhow::Result;
use serde_json::{Map, Value, json};

use super::Context;
use crate::output::{self, JsonStyle};
use crate::userns::Identity;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Format the output with a Go template or as json
    #[arg(short, long)]
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
    Ok(json!({
        "host": {
            "arch": platform.arch,
            "os": platform.os,
            "kernel": uname.release().to_string_lossy(),
            "hostname": uname.nodename().to_string_lossy(),
            "cgroupManager": cgroups.manager,
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
            "graphDriverName": "overlay",
            "graphRoot": store.root(),
            "runRoot": ctx.run_root(),
            "imageStore": { "number": images },
            "containerStore": { "number": 0, "paused": 0, "running": 0, "stopped": 0 },
        },
        "registries": { "search": search },
        "version": {
            "Version": env!("CARGO_PKG_VERSION"),
            "OsArch": format!("{}/{}", platform.os, platform.arch),
        },
    }))
}

/// The Go field name podman's templates use for an info JSON key.
fn go_name(key: &str) -> String {
    match key {
        "idMappings" => "IDMappings".into(),
        "uidmap" => "UIDMap".into(),
        "gidmap" => "GIDMap".into(),
        "ociRuntime" => "OCIRuntime".into(),
        "cgroupVersion" => "CgroupsVersion".into(),
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
