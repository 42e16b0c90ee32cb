//! The storage commands as the unprivileged test user with real images: `system df`, the
//! prunes, `container cleanup`, `system reset` and `system migrate`.

mod common;

use common::*;

fn fixture_layer_bytes(name: &str) -> Vec<u64> {
    fixture(name)["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["uncompressed_size"].as_u64().unwrap())
        .collect()
}

/// One summary line of `system df --format json` by its Type.
fn df_line(sb: &Sandbox, kind: &str) -> serde_json::Value {
    let all = sb.ok(&["system", "df", "--format", "json"]).json();
    all.as_array()
        .unwrap()
        .iter()
        .find(|l| l["Type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} line in {all}"))
        .clone()
}

#[test]
fn df_of_an_empty_store_is_zeros_and_creates_nothing() {
    let sb = Sandbox::new();
    let out = sb.ok(&["system", "df"]).stdout();
    assert_eq!(
        out,
        "TYPE           TOTAL       ACTIVE      SIZE        RECLAIMABLE\n\
         Images         0           0           0B          0B (0%)\n\
         Containers     0           0           0B          0B (0%)\n\
         Local Volumes  0           0           0B          0B (0%)\n"
    );
    assert!(!sb.graph_root().exists(), "df created the store");
}

#[test]
fn df_counts_shared_layers_once_and_matches_images_and_volumes() {
    let sb = Sandbox::new();
    sb.pull("busybox:latest");
    sb.pull("layers:latest");
    let busybox: u64 = fixture_layer_bytes("busybox:latest").iter().sum();
    let layers: u64 = fixture_layer_bytes("layers:latest").iter().sum();
    // The layers image is built on busybox's layer: stored once, counted once.
    let own = layers - busybox;
    sb.ok(&["create", "--name", "idle", "busybox", "true"]);
    sb.ok(&[
        "run",
        "--name",
        "writer",
        "-v",
        "data:/data",
        "busybox",
        "sh",
        "-c",
        "dd if=/dev/zero of=/data/x bs=1k count=50 2>/dev/null; echo hi > /y",
    ]);
    sb.ok(&["volume", "create", "spare"]);

    let images = df_line(&sb, "Images");
    assert_eq!(images["Total"], 2);
    assert_eq!(images["Active"], 1, "busybox is used by the containers");
    assert_eq!(images["Size"], layers);
    assert_eq!(images["Reclaimable"], own);
    // The same bytes `images` shows for each.
    let listed: Vec<u64> = sb
        .ok(&["images", "--format", "json"])
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["Size"].as_u64().unwrap())
        .collect();
    assert_eq!(listed.iter().sum::<u64>(), busybox + layers);

    let containers = df_line(&sb, "Containers");
    assert_eq!(
        (containers["Total"].as_u64(), containers["Active"].as_u64()),
        (Some(2), Some(0))
    );
    // /y holds "hi\n"; nothing the container did not write is counted.
    assert_eq!(containers["Size"], 3);
    assert_eq!(containers["Reclaimable"], 3);

    let volumes = df_line(&sb, "Local Volumes");
    assert_eq!(
        (volumes["Total"].as_u64(), volumes["Active"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(volumes["Size"], 50 * 1024);
    assert_eq!(volumes["Reclaimable"], 0);

    let table = sb.ok(&["system", "df"]).stdout();
    let percent = (own as f64 / layers as f64 * 100.0).round();
    assert!(
        table.contains(&format!(
            "Images         2           1           3.768MB     1.638MB ({percent}%)"
        )),
        "{table}"
    );
    assert!(
        table.contains("Local Volumes  2           1           51.2kB      0B (0%)"),
        "{table}"
    );
    let template = sb
        .ok(&[
            "system",
            "df",
            "--format",
            "{{.Type}}={{.RawSize}} {{.Reclaimable}}",
        ])
        .stdout();
    assert!(
        template.contains(&format!("Images={layers} 1.638MB ({percent}%)\n")),
        "{template}"
    );

    let verbose = sb.ok(&["system", "df", "-v"]).stdout();
    let busybox_id = &fixture_id("busybox:latest")[..12];
    for want in [
        "Images space usage:\n\nREPOSITORY              TAG         IMAGE ID      CREATED     SIZE        SHARED SIZE  UNIQUE SIZE  CONTAINERS\n",
        &format!(
            "/busybox  latest      {busybox_id}  2 years     2.13MB      2.13MB       0B           2\n"
        ),
        "\nContainers space usage:\n\nCONTAINER ID  IMAGE ",
        "\nLocal Volumes space usage:\n\nVOLUME NAME  LINKS       SIZE\n",
        "data         1           51.2kB\n",
        "spare        0           0B\n",
    ] {
        assert!(verbose.contains(want), "no {want:?} in:\n{verbose}");
    }
    assert!(verbose.contains("3B"), "{verbose}");
    sb.run(&["system", "df", "-v", "--format", "json"])
        .assert_error(125, &["cannot combine --format and --verbose flags"]);
}
