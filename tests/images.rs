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
    // Without -f and with no answer on stdin, nothing is removed: podman's "EOF" error.
    sb.run(&["image", "prune", "-a"])
        .assert_error(125, &["EOF"]);
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

fn busybox_digest() -> String {
    fixture("busybox:latest")["manifest_digest"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The busybox fixture, also named as if pulled from Docker Hub and as a local image, so that
/// every form of name can be looked up without reaching docker.io.
fn sandbox_with_hub_names() -> Sandbox {
    let sb = sandbox_with_busybox();
    sb.ok(&[
        "tag",
        &image_ref("busybox"),
        "docker.io/library/busybox:latest",
        "localhost/x",
    ]);
    sb
}

#[test]
fn every_form_of_name_finds_the_stored_image() {
    let sb = sandbox_with_hub_names();
    let id = fixture_id("busybox:latest");
    let digest = busybox_digest();
    let forms = [
        "docker.io/busybox".to_string(),
        "docker.io/library/busybox:latest".to_string(),
        "busybox".to_string(),
        "library/busybox".to_string(),
        "localhost/x".to_string(),
        "x".to_string(),
        "x:latest".to_string(),
        id.clone(),
        id[..5].to_string(),
        format!("sha256:{id}"),
        format!("{}@{digest}", image_ref("busybox")),
        format!("{}@{digest}", image_ref("busybox:latest")),
        format!("{}@{digest}", image_ref("busybox:othertag")),
        format!("busybox@{digest}"),
        format!("docker.io/library/busybox@{digest}"),
    ];
    for form in &forms {
        let inspected = sb.run(&["image", "inspect", "--format", "{{.Id}}", form]);
        assert_eq!(
            inspected.stdout().trim(),
            id,
            "{form}: {}",
            inspected.stderr()
        );
        assert_eq!(sb.run(&["image", "exists", form]).code(), 0, "{form}");
        assert_eq!(
            sb.ok(&["history", "-q", "--no-trunc", form])
                .stdout()
                .lines()
                .next(),
            Some(id.as_str()),
            "{form}"
        );
    }
    // Stored, so run pulls nothing (docker.io is out of reach here).
    let ran = sb.ok(&["run", "--rm", "docker.io/busybox", "echo", "ran"]);
    assert_eq!(ran.stdout(), "ran\n");
    sb.ok(&["create", "--name", "c", "library/busybox", "true"]);
    assert_eq!(sb.inspect("c")["Image"], id);

    let short_sha = sb.run(&["image", "inspect", "sha256:0621"]);
    short_sha.assert_error(
        125,
        &["Error: inspecting object: sha256:0621: invalid format: no 64-byte hexadecimal value"],
    );
    assert_eq!(short_sha.stdout(), "[]\n");
    for missing in [
        "nosuch",
        "example.com/busybox",
        "busybox:othertag",
        "usybox",
    ] {
        sb.run(&["image", "inspect", missing]).assert_error(
            125,
            &[&format!(
                "Error: inspecting object: {missing}: image not known"
            )],
        );
        assert_eq!(sb.run(&["image", "exists", missing]).code(), 1, "{missing}");
    }
}

#[test]
fn run_with_pull_never_names_the_missing_image() {
    let sb = Sandbox::new();
    sb.run(&["run", "--rm", "--pull=never", "nosuch", "true"])
        .assert_one_line_error(125, &["Error: nosuch: image not known"]);
}

#[test]
fn rmi_of_names_and_missing_images_as_podman() {
    let sb = sandbox_with_hub_names();
    // The name given goes, the image keeps its others.
    assert_eq!(
        sb.ok(&["rmi", "docker.io/busybox"]).stdout(),
        "Untagged: docker.io/library/busybox:latest\n"
    );
    assert_eq!(
        sb.ok(&["rmi", "x"]).stdout(),
        "Untagged: localhost/x:latest\n"
    );
    // -f: a missing image is no error at all.
    let forced = sb.ok(&["rmi", "-f", "nosuch"]);
    assert_eq!(
        (forced.stdout(), forced.stderr()),
        (String::new(), String::new())
    );
    sb.run(&["rmi", "nosuch", "other"]).assert_error(
        1,
        &["Error: 2 errors occurred:\n\t* nosuch: image not known\n\t* other: image not known"],
    );
    // Found images are removed even when others are missing.
    let partly = sb.run(&["rmi", "busybox", "nosuch"]);
    partly.assert_error(1, &["Error: nosuch: image not known"]);
    assert_eq!(
        partly.stdout(),
        format!(
            "Untagged: {}\nDeleted: {}\n",
            image_ref("busybox:latest"),
            fixture_id("busybox:latest")
        )
    );
}

#[test]
fn untag_takes_the_given_names_or_all() {
    let sb = sandbox_with_hub_names();
    let id = fixture_id("busybox:latest");
    let names = || {
        sb.ok(&["image", "inspect", "--format", "{{.RepoTags}}", &id])
            .stdout()
    };
    sb.run(&["untag", &id, "localhost/x", "nosuch"])
        .assert_error(125, &["Error: localhost/nosuch:latest: tag not known"]);
    // Nothing was untagged by the failed command.
    assert!(names().contains("localhost/x:latest"), "{}", names());
    sb.ok(&["untag", &id, "x"]);
    assert_eq!(
        names().trim(),
        format!(
            "[{} docker.io/library/busybox:latest]",
            image_ref("busybox:latest")
        )
    );
    sb.ok(&["image", "untag", "busybox"]);
    assert_eq!(names().trim(), "[]");
    let rows = sb
        .ok(&["images", "--format", "{{.Repository}} {{.Tag}} {{.ID}}"])
        .stdout();
    assert_eq!(rows, format!("<none> <none> {}\n", &id[..12]));
    sb.run(&["untag", "nosuch"])
        .assert_error(125, &["Error: nosuch: image not known"]);
    let events = sb
        .ok(&[
            "events",
            "--stream=false",
            "--filter",
            "event=untag",
            "--format",
            "{{.Name}}",
        ])
        .stdout();
    assert!(events.contains("localhost/x:latest"), "{events}");
}

#[test]
fn history_prints_as_podman() {
    let sb = sandbox_with_busybox();
    let id = fixture_id("busybox:latest");
    let table = sb.ok(&["history", "busybox"]).stdout();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["ID", "CREATED", "CREATED", "BY", "SIZE", "COMMENT"],
        "{table}"
    );
    assert!(
        lines[1].starts_with(&format!("{}  ", &id[..12]))
            && lines[1].contains(" ago  /bin/sh -c #(nop) CMD [\"sh\"]   0 B"),
        "{table}"
    );
    assert!(
        lines[2].starts_with("<missing>     ")
            && lines[2].contains("burrow fixture layer: busybox  2.13 MB"),
        "{table}"
    );
    assert_eq!(lines.len(), 3, "{table}");

    let exact = sb
        .ok(&["image", "history", "--human=false", "busybox"])
        .stdout();
    assert!(exact.contains("2024-01-01T00:00:00Z  /bin/sh"), "{exact}");
    assert_eq!(
        sb.ok(&["history", "-q", "busybox"]).stdout(),
        format!("{}\n<missing>\n", &id[..12])
    );
    let long = sb.ok(&["history", "--no-trunc", "busybox"]).stdout();
    assert!(long.lines().nth(1).unwrap().starts_with(&id), "{long}");
    let custom = sb
        .ok(&[
            "history",
            "--format",
            "{{.ID}}|{{.CreatedSince}}|{{.CreatedAt}}|{{.Size}}",
            "busybox",
        ])
        .stdout();
    assert!(custom.lines().next().unwrap().contains(" ago|"), "{custom}");
    assert!(
        custom.lines().nth(1).unwrap().starts_with("<missing>|"),
        "{custom}"
    );
    assert!(
        custom.contains("|2024-01-01 00:00:00 +0000 UTC|2.13 MB"),
        "{custom}"
    );
    let json = sb.ok(&["history", "--format", "json", "busybox"]).stdout();
    assert_eq!(
        json,
        format!(
            "[{{\"id\":\"{id}\",\"created\":\"2024-01-01T00:00:00Z\",\"CreatedBy\":\"/bin/sh -c #(nop) CMD [\\\"sh\\\"]\",\"size\":0,\"Created\":\"2024-01-01T00:00:00Z\"}},{{\"id\":\"\\u003cmissing\\u003e\",\"created\":\"2024-01-01T00:00:00Z\",\"CreatedBy\":\"burrow fixture layer: busybox\",\"size\":2129920,\"Created\":\"2024-01-01T00:00:00Z\"}}]\n"
        )
    );
    sb.run(&["history", "nosuch"])
        .assert_error(125, &["Error: nosuch: image not known"]);

    // A step whose layer is another stored image's top gets that image's ID; long commands
    // are cut at 45 characters.
    sb.pull("layers:latest");
    let ids = sb.ok(&["history", "-q", "layers"]).stdout();
    assert_eq!(
        ids.lines().collect::<Vec<_>>(),
        [
            id12("layers:latest").as_str(),
            "<missing>",
            "<missing>",
            "<missing>",
            "<missing>",
            &id[..12]
        ]
    );
    let table = sb.ok(&["history", "layers"]).stdout();
    assert!(
        table.contains("  burrow fixture layer: whiteouts, links, mo...  20.5 kB"),
        "{table}"
    );
}

#[test]
fn templates_take_id_and_history_as_podmans_do() {
    let sb = sandbox_with_busybox();
    sb.ok(&["tag", "busybox", "x"]);
    let id = fixture_id("busybox:latest");
    let both = sb
        .ok(&["image", "inspect", "--format", "{{.ID}} {{.Id}}", "busybox"])
        .stdout();
    assert_eq!(both, format!("{id} {id}\n"));
    // The ID field is for templates only: podman's JSON has Id alone.
    let json = sb.ok(&["image", "inspect", "busybox"]).json();
    assert!(json[0].get("ID").is_none());
    let history = sb
        .ok(&[
            "image",
            "inspect",
            "--format",
            "{{len .History}}",
            "busybox",
        ])
        .stdout();
    assert_eq!(history, "2\n");

    // History: every name the image was given, newest first, kept after an untag.
    sb.ok(&["untag", "busybox", "x"]);
    let row = sb
        .ok(&["images", "--format", "{{.ID}} {{.Id}} {{.History}}"])
        .stdout();
    assert_eq!(
        row,
        format!(
            "{} {id} localhost/x:latest, {}\n",
            &id[..12],
            image_ref("busybox:latest")
        )
    );
    let json = sb.ok(&["images", "--format", "json"]).json();
    assert_eq!(json[0]["History"][0], "localhost/x:latest");
    let names_history = sb
        .ok(&[
            "image",
            "inspect",
            "--format",
            "{{.NamesHistory}}",
            "busybox",
        ])
        .stdout();
    assert_eq!(
        names_history,
        format!("[localhost/x:latest {}]\n", image_ref("busybox:latest"))
    );
}

#[test]
fn images_filter_after_and_since_name_images() {
    let sb = sandbox_with_busybox();
    sb.pull("many/img0:latest");
    // The fixtures share one creation time, so nothing is after either.
    for key in ["after", "since", "before"] {
        let rows = sb
            .ok(&["images", "--filter", &format!("{key}=busybox"), "-q"])
            .stdout();
        assert_eq!(rows, "", "{key}");
    }
    sb.run(&["images", "--filter", "after=nosuch"]).assert_error(
        125,
        &["could not find local image for filter filter \"after\"=\"nosuch\": nosuch: image not known"],
    );
}

#[test]
fn a_pull_by_digest_adds_no_row_beside_the_tag() {
    let sb = sandbox_with_busybox();
    let by_digest = format!("{}@{}", image_ref("busybox"), busybox_digest());
    sb.ok(&["pull", &by_digest]);
    let rows = sb
        .ok(&["images", "--format", "{{.Repository}} {{.Tag}}"])
        .stdout();
    assert_eq!(rows, format!("{} latest\n", image_ref("busybox")));
    let tags = sb
        .ok(&["image", "inspect", "--format", "{{.RepoTags}}", "busybox"])
        .stdout();
    assert_eq!(tags, format!("[{}]\n", image_ref("busybox:latest")));
    // Without a tagged name the digest name is the row, as `<none>`.
    sb.ok(&["untag", "busybox", &image_ref("busybox:latest")]);
    let rows = sb
        .ok(&["images", "--format", "{{.Repository}} {{.Tag}}"])
        .stdout();
    assert_eq!(rows, format!("{} <none>\n", image_ref("busybox")));
}

/// podman 4.3 on its own storage, as the test user.
fn podman(sb: &Sandbox, args: &[&str]) -> String {
    String::from_utf8(sb.real_podman(args).stdout).unwrap()
}

#[test]
fn image_tree_prints_what_podman_prints() {
    let sb = Sandbox::new();
    // The same pulls in the same order: layers are listed in the order they came.
    let names = [
        "busybox:latest",
        "many/img0:latest",
        "many/img1:latest",
        "layers:latest",
    ];
    for name in names {
        sb.pull(name);
        podman(&sb, &["pull", "-q", "--tls-verify=false", &image_ref(name)]);
    }
    for args in [
        vec!["image", "tree", "many/img0"],
        vec!["image", "tree", "layers"],
        vec!["image", "tree", "--whatrequires", "busybox"],
        vec!["image", "tree", "--whatrequires", "many/img0"],
    ] {
        let mut for_podman: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let last = for_podman.last_mut().unwrap();
        *last = image_ref(last);
        let refs: Vec<&str> = for_podman.iter().map(String::as_str).collect();
        let expected = podman(&sb, &refs);
        assert_eq!(sb.ok(&args).stdout(), expected, "{args:?}");
    }
    let tree = sb
        .ok(&["image", "tree", "--whatrequires", "busybox"])
        .stdout();
    assert!(tree.contains("├── ID: "), "{tree}");
    assert!(tree.contains("    └── ID: "), "{tree}");
    assert!(
        tree.contains(&format!(
            "Top Layer of: [{}]",
            image_ref("many/img1:latest")
        )),
        "{tree}"
    );
    sb.run(&["image", "tree", "nosuch"])
        .assert_error(125, &["nosuch: image not known"]);
}

#[test]
fn inspect_formats_rootfs_layers_as_podman() {
    let sb = Sandbox::new();
    sb.pull("layers:latest");
    podman(
        &sb,
        &[
            "pull",
            "-q",
            "--tls-verify=false",
            &image_ref("layers:latest"),
        ],
    );
    for format in [
        "{{.RootFS.Layers}}",
        "{{.RootFS}}",
        "{{json .RootFS.Layers}}",
    ] {
        let expected = podman(
            &sb,
            &[
                "image",
                "inspect",
                "--format",
                format,
                &image_ref("layers:latest"),
            ],
        );
        assert_eq!(
            sb.ok(&["image", "inspect", "--format", format, "layers"])
                .stdout(),
            expected,
            "{format}"
        );
    }
}
