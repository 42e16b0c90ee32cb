//! Image commands (images, inspect, tag, rmi, exists, prune), login, version, info and the CLI's
//! podman conventions, run as the unprivileged test user.

mod common;

use common::*;

fn id12(name: &str) -> String {
    fixture_id(name)[..12].to_string()
}

#[test]
fn images_default_table_and_formats() {
    let sb = Sandbox::new();
    sb.pull("busybox:latest");
    sb.pull("many/img0:latest");
    let table = sb.ok(&["images"]).stdout();
    let mut lines = table.lines();
    let header = lines.next().unwrap();
    for column in ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"] {
        assert!(header.contains(column), "{header}");
    }
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2, "{table}");
    assert!(
        rows.iter()
            .any(|r| r.contains(&image_ref("busybox")) && r.contains(&id12("busybox:latest")))
    );
    // Columns line up: every row starts its IMAGE ID where the header does.
    let col = header.find("IMAGE ID").unwrap();
    for row in &rows {
        assert_eq!(&row[col..col + 12].trim().len(), &12, "{table}");
    }

    let noheading = sb.ok(&["images", "--noheading"]).stdout();
    assert_eq!(noheading.lines().count(), 2);
    assert!(!noheading.contains("REPOSITORY"));

    let quiet = sb.ok(&["images", "-q"]).stdout();
    let mut ids: Vec<&str> = quiet.lines().collect();
    ids.sort();
    let mut want = vec![id12("busybox:latest"), id12("many/img0:latest")];
    want.sort();
    assert_eq!(ids, want);

    let full = sb.ok(&["images", "-q", "--no-trunc", "busybox"]).stdout();
    assert_eq!(
        full.trim(),
        format!("sha256:{}", fixture_id("busybox:latest"))
    );

    let custom = sb
        .ok(&["images", "--format", "table {{.Repository}} {{.Size}}"])
        .stdout();
    assert!(custom.starts_with("REPOSITORY"), "{custom}");
    assert!(custom.contains("SIZE"));

    let json = sb.ok(&["images", "--format", "json"]).json();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 2);
    let bb = items
        .iter()
        .find(|i| i["Id"] == fixture_id("busybox:latest"))
        .unwrap();
    assert_eq!(bb["Names"][0], image_ref("busybox:latest"));
    assert_eq!(bb["Digest"], fixture("busybox:latest")["manifest_digest"]);
    assert_eq!(bb["Labels"]["org.burrow.fixture"], "busybox");

    let filtered = sb
        .ok(&[
            "images",
            "--filter",
            "reference=img*",
            "--format",
            "{{.Repository}}",
        ])
        .stdout();
    assert_eq!(filtered.trim(), image_ref("many/img0"));
    let labelled = sb
        .ok(&[
            "images",
            "--filter",
            "label=org.burrow.fixture=busybox",
            "-q",
        ])
        .stdout();
    assert_eq!(labelled.trim(), id12("busybox:latest"));
}

#[test]
fn bad_formats_and_filters_are_tool_errors() {
    let sb = Sandbox::new();
    sb.pull("busybox:latest");
    sb.run(&["images", "--format", "{{.Nope}}"])
        .assert_error(125, &["can't evaluate field Nope"]);
    sb.run(&["images", "--format", "{{.ID"])
        .assert_error(125, &["template"]);
    sb.run(&["images", "--filter", "color=blue"])
        .assert_error(125, &["color", "dangling"]);
}

#[test]
fn image_inspect_uses_podmans_fields() {
    let sb = Sandbox::new();
    sb.pull("busybox:latest");
    let json = sb.ok(&["image", "inspect", "busybox"]).json();
    let img = &json[0];
    assert_eq!(img["Id"], fixture_id("busybox:latest"));
    assert_eq!(img["Digest"], fixture("busybox:latest")["manifest_digest"]);
    assert_eq!(img["RepoTags"][0], image_ref("busybox:latest"));
    assert_eq!(
        img["RepoDigests"][0],
        format!(
            "{}@{}",
            image_ref("busybox"),
            fixture("busybox:latest")["manifest_digest"]
                .as_str()
                .unwrap()
        )
    );
    assert_eq!(img["Architecture"], "amd64");
    assert_eq!(img["Os"], "linux");
    assert_eq!(img["Config"]["Cmd"][0], "sh");
    assert_eq!(img["RootFS"]["Type"], "layers");
    assert_eq!(
        img["RootFS"]["Layers"][0],
        fixture("busybox:latest")["layers"][0]["diff_id"]
    );
    assert_eq!(img["Labels"]["org.burrow.fixture"], "busybox");
    assert_eq!(img["GraphDriver"]["Name"], "overlay");
    assert!(img["Size"].as_u64().unwrap() > 1_000_000);
    assert!(img["Created"].as_str().unwrap().starts_with("2024-01-01"));
    assert!(img["History"].as_array().is_some_and(|h| !h.is_empty()));

    let formatted = sb
        .ok(&["image", "inspect", "--format", "{{.Id}} {{.Os}}", "busybox"])
        .stdout();
    assert_eq!(
        formatted,
        format!("{} linux\n", fixture_id("busybox:latest"))
    );

    let missing = sb.run(&["image", "inspect", "busybox", "nosuchimage"]);
    missing.assert_error(125, &["nosuchimage: image not known"]);
}

#[test]
fn tag_untag_and_remove() {
    let sb = Sandbox::new();
    sb.pull("busybox:latest");
    sb.ok(&["tag", "busybox", "mine:v1", "quay.io/team/tool"]);
    let names = sb
        .ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .stdout();
    for name in [
        "localhost/mine:v1",
        "quay.io/team/tool:latest",
        &image_ref("busybox:latest"),
    ] {
        assert!(names.lines().any(|l| l == name), "{name} not in:\n{names}");
    }
    assert_eq!(sb.run(&["image", "exists", "mine:v1"]).code(), 0);
    assert_eq!(sb.run(&["image", "exists", "mine:v2"]).code(), 1);

    // By name, with other names left: only that name goes.
    let untag = sb.ok(&["rmi", "mine:v1"]).stdout();
    assert_eq!(untag, "Untagged: localhost/mine:v1\n");
    assert_eq!(sb.run(&["image", "exists", "busybox"]).code(), 0);

    // By ID with several names: refused without -f, as podman does.
    sb.run(&["rmi", &id12("busybox:latest")])
        .assert_error(125, &["more than one tag", "force"]);
    let removed = sb.ok(&["rmi", "-f", &id12("busybox:latest")]).stdout();
    assert!(
        removed.contains("Untagged: quay.io/team/tool:latest"),
        "{removed}"
    );
    assert!(
        removed.ends_with(&format!("Deleted: {}\n", fixture_id("busybox:latest"))),
        "{removed}"
    );
    assert!(sb.ok(&["images", "-q"]).stdout().is_empty());
    assert!(
        sb.layer_dirs().is_empty(),
        "layers left: {:?}",
        sb.layer_dirs()
    );

    // podman's exit code 1 for an image that does not exist; -i ignores it.
    sb.run(&["rmi", "busybox"])
        .assert_error(1, &["busybox: image not known"]);
    sb.ok(&["rmi", "-i", "busybox"]);
    sb.run(&["tag", "busybox", "x"])
        .assert_error(125, &["busybox: image not known"]);
    sb.run(&["tag", "nosuch", "Bad:Name"])
        .assert_error(125, &["Bad:Name"]);
}

#[test]
fn rmi_keeps_layers_that_other_images_share() {
    let sb = Sandbox::new();
    sb.pull("busybox:latest");
    sb.pull("many/img1:latest");
    let before = sb.layer_dirs().len();
    sb.ok(&["rmi", "many/img1"]);
    assert_eq!(sb.layer_dirs().len(), before - 1);
    // The shared busybox layer is still whole: a re-pull downloads nothing.
    let again = sb.pull("busybox:latest");
    assert!(!again.stderr().contains(" done"), "{}", again.stderr());
    sb.ok(&["rmi", "-a"]);
    assert!(sb.layer_dirs().is_empty());
}

#[test]
fn prune_removes_dangling_images_only_unless_all() {
    let sb = Sandbox::new();
    sb.pull("many/img2:latest");
    sb.pull("many/img3:latest");
    // Moving img2's only name onto img3 leaves img2 dangling.
    sb.ok(&["tag", "many/img3", &image_ref("many/img2:latest")]);
    let dangling = sb
        .ok(&["images", "--filter", "dangling=true", "-q"])
        .stdout();
    assert_eq!(dangling.trim(), id12("many/img2:latest"));
    let pruned = sb.ok(&["image", "prune", "-f"]).stdout();
    assert_eq!(pruned.trim(), fixture_id("many/img2:latest"));
    assert_eq!(
        sb.ok(&["images", "-q"]).stdout().trim(),
        id12("many/img3:latest")
    );
    // Without -f and with no terminal to ask, nothing is removed.
    sb.ok(&["image", "prune", "-a"]);
    assert_eq!(
        sb.ok(&["images", "-q"]).stdout().trim(),
        id12("many/img3:latest")
    );
    sb.ok(&["image", "prune", "-a", "-f"]);
    assert!(sb.ok(&["images", "-q"]).stdout().is_empty());
    assert!(sb.layer_dirs().is_empty());
}

fn auth_registry() -> (String, String, String) {
    let a = &fixtures()["auth_registry"];
    (
        a["address"].as_str().unwrap().to_string(),
        a["username"].as_str().unwrap().to_string(),
        a["password"].as_str().unwrap().to_string(),
    )
}

fn auth_sandbox() -> (Sandbox, String) {
    let (address, _, _) = auth_registry();
    let sb = Sandbox::new();
    sb.write_registries_conf(&format!(
        "unqualified-search-registries = [\"{address}\"]\n[[registry]]\nlocation = \"{address}\"\ninsecure = true\n"
    ));
    (sb, format!("{address}/busybox:latest"))
}

#[test]
fn a_registry_that_wants_credentials_says_to_log_in() {
    let (sb, image) = auth_sandbox();
    let (address, user, password) = auth_registry();
    sb.run(&["pull", &image]).assert_error(
        125,
        &[
            "authentication required",
            &format!("burrow login {address}"),
        ],
    );
    assert!(sb.ok(&["images", "-q"]).stdout().is_empty());
    sb.run(&["pull", "--creds", &format!("{user}:wrong"), &image])
        .assert_error(125, &["authentication required"]);
    let run = sb.ok(&[
        "pull",
        "-q",
        "--creds",
        &format!("{user}:{password}"),
        &image,
    ]);
    assert_eq!(run.stdout().trim(), fixture_id("busybox:latest"));
}

#[test]
fn login_stores_credentials_that_pull_uses_and_logout_removes() {
    let (sb, image) = auth_sandbox();
    let (address, user, password) = auth_registry();
    sb.run(&["login", "-u", &user, "-p", "wrong", &address])
        .assert_error(125, &["invalid username/password"]);
    let auth = sb.home.join(".config/containers/auth.json");
    assert!(!auth.exists(), "a failed login wrote credentials");
    sb.ok(&["login", "-u", &user, "-p", &password, &address])
        .stdout()
        .contains("Login Succeeded!");
    assert_eq!(
        sb.ok(&["login", "--get-login", &address]).stdout().trim(),
        user
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&auth).unwrap().permissions().mode() & 0o777,
        0o600
    );
    sb.ok(&["pull", &image]);
    assert_eq!(
        sb.ok(&["logout", &address]).stdout().trim(),
        format!("Removed login credentials for {address}")
    );
    sb.run(&["logout", &address])
        .assert_error(125, &["not logged into"]);
    sb.ok(&["rmi", "-a"]);
    sb.run(&["pull", &image])
        .assert_error(125, &["authentication required"]);
}

#[test]
fn docker_config_credentials_are_read() {
    let (sb, image) = auth_sandbox();
    let (address, user, password) = auth_registry();
    let docker = sb.home.join(".docker");
    std::fs::create_dir_all(&docker).unwrap();
    let token = base64_encode(&format!("{user}:{password}"));
    std::fs::write(
        docker.join("config.json"),
        format!("{{\"auths\":{{\"{address}\":{{\"auth\":\"{token}\"}}}}}}"),
    )
    .unwrap();
    sb.chown_home();
    sb.ok(&["pull", &image]);
}

fn base64_encode(text: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | (b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn version_and_info_answer_what_users_check_first() {
    let sb = Sandbox::new();
    let version = sb.ok(&["--version"]).stdout();
    // the podman release burrow matches, for tools that pick flags by it (tests/cli.rs)
    assert_eq!(
        version,
        format!(
            "burrow version {} (podman 4.3.1)\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(
        sb.ok(&["version", "--format", "{{.Client.BurrowVersion}}"])
            .stdout()
            .trim(),
        env!("CARGO_PKG_VERSION")
    );

    let info = sb.ok(&["info", "--format", "json"]).json();
    assert_eq!(info["host"]["security"]["rootless"], true);
    assert_eq!(info["store"]["graphDriverName"], "overlay");
    assert_eq!(
        info["store"]["graphRoot"],
        sb.graph_root().display().to_string()
    );
    let uidmap = &info["host"]["idMappings"]["uidmap"];
    assert_eq!(uidmap[0]["host_id"], sb.user.uid);
    assert_eq!(uidmap[1]["host_id"], sb.user.subuid_start.unwrap());
    assert_eq!(uidmap[1]["size"], 65536);
    let version = info["host"]["cgroupVersion"].as_str().unwrap();
    assert!(version == "v1" || version == "v2", "{version}");
    let rootless = sb
        .ok(&[
            "info",
            "--format",
            "{{.Host.Security.Rootless}} {{.Store.GraphDriverName}}",
        ])
        .stdout();
    assert_eq!(rootless, "true overlay\n");
    let yaml = sb.ok(&["info"]).stdout();
    assert!(
        yaml.contains("graphRoot: ") && yaml.contains("rootless: true"),
        "{yaml}"
    );

    let custom_root = sb.home.join("elsewhere");
    let info = sb.ok(&[
        "--root",
        custom_root.to_str().unwrap(),
        "info",
        "--format",
        "{{.Store.GraphRoot}}",
    ]);
    assert_eq!(info.stdout().trim(), custom_root.display().to_string());
}

#[test]
fn xdg_data_home_moves_the_store() {
    let mut sb = Sandbox::new();
    let data = sb.home.join("data");
    sb.envs
        .push(("XDG_DATA_HOME".into(), data.display().to_string()));
    sb.pull("busybox:latest");
    assert!(data.join("burrow/images.json").exists());
    assert!(!sb.graph_root().exists());
}

#[test]
fn usage_errors_exit_125_with_a_hint() {
    let sb = Sandbox::new();
    sb.run(&["pull", "--bogus", "busybox"])
        .assert_error(125, &["--bogus", "See 'burrow pull --help'"]);
    sb.run(&["nosuchcommand"])
        .assert_error(125, &["nosuchcommand"]);
    sb.run(&["pull", "--platform", "linux", "busybox"])
        .assert_error(125, &["invalid platform \"linux\""]);
    let help = sb.ok(&["pull", "--help"]).stdout();
    assert!(help.contains("--platform"), "{help}");
}

#[test]
fn log_levels_are_podmans() {
    let sb = Sandbox::new();
    // podman's text, exit code 1 and no "Error: " prefix.
    let bogus = sb.run(&["--log-level", "bogus", "images"]);
    bogus.assert_code(1);
    assert_eq!(
        bogus.stderr(),
        "Log Level \"bogus\" is not supported, choose from: trace, debug, info, warn, warning, error, fatal, panic\n"
    );
    assert_eq!(bogus.stdout(), "");
    // All eight, in any case, as podman lowercases the value.
    for level in [
        "trace", "debug", "info", "warn", "warning", "error", "fatal", "panic", "DEBUG", "Warn",
    ] {
        sb.ok(&["--log-level", level, "images", "-q"]);
    }
}

#[test]
fn templates_that_go_rejects_are_one_line_errors() {
    let sb = Sandbox::new();
    // A format for one object is parsed as given, so Go's parser rejects these...
    for (format, message) in [
        ("{{else}}", "template: info:1: unexpected {{else}}"),
        ("{{break}}", "template: info:1: {{break}} outside {{range}}"),
        (
            "{{continue}}",
            "template: info:1: {{continue}} outside {{range}}",
        ),
    ] {
        sb.run(&["info", "--format", format])
            .assert_one_line_error(125, &[message]);
    }
    // ...while a list command's format is wrapped in {{range .}}...{{end}} first, as podman's
    // EnforceRange does, where they are legal.
    sb.pull("busybox:latest");
    for format in ["{{else}}", "{{break}}", "{{continue}}"] {
        sb.ok(&["images", "--format", format]);
    }
}
