//! Rendering compared byte for byte with podman 4.3.1 output captured on this machine
//! (`podman images …`, `podman ps -a`) for the same data.

use std::collections::BTreeMap;

use serde::Serialize;

use super::*;

/// The fields podman's `images` template sees (imageReporter and its methods).
#[derive(Serialize, Clone)]
#[serde(rename = "images.imageReporter", rename_all = "PascalCase")]
struct ImageRow {
    repository: String,
    tag: String,
    #[serde(rename = "ID")]
    id: String,
    created: String,
    created_since: String,
    created_at: String,
    size: String,
    digest: String,
    names: Vec<String>,
    #[serde(serialize_with = "serialize_nil_map")]
    labels: Option<BTreeMap<String, String>>,
    containers: i64,
    dangling: bool,
    virtual_size: i64,
}

/// podman images' JSON shape (entities.ImageSummary plus Created/CreatedAt).
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ImageJson {
    id: String,
    parent_id: String,
    #[serde(serialize_with = "serialize_nil_slice")]
    repo_tags: Option<Vec<String>>,
    repo_digests: Vec<String>,
    size: i64,
    shared_size: i64,
    virtual_size: i64,
    #[serde(serialize_with = "serialize_nil_map")]
    labels: Option<BTreeMap<String, String>>,
    containers: i64,
    names: Vec<String>,
    digest: String,
    history: Vec<String>,
    created: i64,
    created_at: String,
}

const BB_DIGEST: &str = "sha256:1d2d3c61c297ce89a47f4e33e1034c6bcf313cc25e51447f28ca80289333f6a5";
const BIG_DIGEST: &str = "sha256:99753f8f82628c34d76d670ed81e8f46ebba487cfbb577ed12a3b71bb21b3996";
const TEST_DIGEST: &str = "sha256:5cce76392c90b10d6193ece2342efd02bb9930f4c2f8451a3389cfd59b7dd8ed";
const LONG: &str = "quay.io/someorg/some-very-long-repository-name";

fn test_labels() -> Option<BTreeMap<String, String>> {
    Some(
        [("a.b", "x<y"), ("foo", "bar")]
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect(),
    )
}

fn image_rows() -> Vec<ImageRow> {
    let row = |repo: &str, tag: &str, id: &str, since: &str, at: &str, size: &str| ImageRow {
        repository: repo.into(),
        tag: tag.into(),
        id: id.into(),
        created: since.into(),
        created_since: since.into(),
        created_at: at.into(),
        size: size.into(),
        digest: String::new(),
        names: Vec::new(),
        labels: None,
        containers: 0,
        dangling: false,
        virtual_size: 0,
    };
    let mut bb = row(
        "localhost/bb",
        "latest",
        "b629122e1a49",
        "11 minutes ago",
        "2026-11-27 15:52:06 +0000 UTC",
        "1.99 MB",
    );
    bb.digest = BB_DIGEST.into();
    bb.names = vec!["localhost/bb:latest".into()];
    bb.containers = 3;
    bb.virtual_size = 1987653;
    let mut big = row(
        "docker.io/library/big",
        "1.0",
        "6e85c1e7e1cc",
        "14 minutes ago",
        "2026-11-27 15:49:21 +0000 UTC",
        "3.01 MB",
    );
    big.digest = BIG_DIGEST.into();
    big.names = vec!["docker.io/library/big:1.0".into()];
    big.virtual_size = 3011655;
    let mut test = row(
        "localhost/test",
        "latest",
        "1a0192e00016",
        "14 minutes ago",
        "2026-11-27 15:49:20 +0000 UTC",
        "11.4 kB",
    );
    test.digest = TEST_DIGEST.into();
    test.names = vec!["localhost/test:latest".into(), format!("{LONG}:v1.2.3")];
    test.labels = test_labels();
    test.virtual_size = 11370;
    let mut long = test.clone();
    long.repository = LONG.into();
    long.tag = "v1.2.3".into();
    vec![bb, big, test, long]
}

const IMAGES_DEFAULT_ROW: &str = "{{if .Repository}}{{.Repository}}{{else}}<none>{{end}}\t\
    {{if .Tag}}{{.Tag}}{{else}}<none>{{end}}\t{{.ID}}\t{{.Created}}\t{{.Size}}";
const IMAGES_HEADERS: &[(&str, &str)] = &[("ID", "IMAGE ID"), ("ReadOnly", "R/O")];

fn images_format(format: Option<&str>) -> ListFormat<'_> {
    ListFormat {
        name: "images",
        format,
        default_table: IMAGES_DEFAULT_ROW,
        headers: IMAGES_HEADERS,
        noheading: false,
        json: JsonStyle::INDENT_4,
    }
}

fn no_json() -> Vec<ImageJson> {
    panic!("JSON must not be built for template output")
}

fn images(format: &str) -> Result<String, OutputError> {
    render_list(&image_rows(), no_json, &images_format(Some(format)))
}

fn images_ok(format: &str) -> String {
    images(format).unwrap_or_else(|e| panic!("format {format:?} failed: {e}"))
}

fn images_err(format: &str) -> (String, String) {
    match images(format) {
        Ok(out) => panic!("format {format:?} should fail, printed {out:?}"),
        Err(OutputError::Execute {
            message,
            partial_output,
        }) => (message, partial_output),
        Err(other) => (other.to_string(), String::new()),
    }
}

#[test]
fn default_images_table_matches_podman() {
    let want = "\
REPOSITORY                                      TAG         IMAGE ID      CREATED         SIZE
localhost/bb                                    latest      b629122e1a49  11 minutes ago  1.99 MB
docker.io/library/big                           1.0         6e85c1e7e1cc  14 minutes ago  3.01 MB
localhost/test                                  latest      1a0192e00016  14 minutes ago  11.4 kB
quay.io/someorg/some-very-long-repository-name  v1.2.3      1a0192e00016  14 minutes ago  11.4 kB
";
    let out = render_list(&image_rows(), no_json, &images_format(None)).unwrap();
    assert_eq!(out, want);
    // bare "table" means the default table
    assert_eq!(images_ok("table"), want);
}

#[test]
fn default_table_without_heading_and_without_rows() {
    let mut fmt = images_format(None);
    fmt.noheading = true;
    let want = "\
localhost/bb                                    latest      b629122e1a49  11 minutes ago  1.99 MB
docker.io/library/big                           1.0         6e85c1e7e1cc  14 minutes ago  3.01 MB
localhost/test                                  latest      1a0192e00016  14 minutes ago  11.4 kB
quay.io/someorg/some-very-long-repository-name  v1.2.3      1a0192e00016  14 minutes ago  11.4 kB
";
    assert_eq!(render_list(&image_rows(), no_json, &fmt).unwrap(), want);
    // podman images with no images prints only the header, columns at minimum width
    let empty: Vec<ImageRow> = Vec::new();
    let out = render_list(&empty, no_json, &images_format(None)).unwrap();
    assert_eq!(
        out,
        "REPOSITORY  TAG         IMAGE ID    CREATED     SIZE\n"
    );
}

#[test]
fn plain_template_is_applied_per_row() {
    assert_eq!(
        images_ok("{{.Repository}}:{{.Tag}}"),
        "localhost/bb:latest\ndocker.io/library/big:1.0\nlocalhost/test:latest\n\
         quay.io/someorg/some-very-long-repository-name:v1.2.3\n"
    );
}

#[test]
fn table_template_derives_headers() {
    let want = "IMAGE ID      SIZE\nb629122e1a49  1.99 MB\n6e85c1e7e1cc  3.01 MB\n\
                1a0192e00016  11.4 kB\n1a0192e00016  11.4 kB\n";
    assert_eq!(images_ok("table {{.ID}} {{.Size}}"), want);
    let mut fmt = images_format(Some("table {{.ID}} {{.Size}}"));
    fmt.noheading = true;
    let out = render_list(&image_rows(), no_json, &fmt).unwrap();
    assert_eq!(out, want.split_once('\n').unwrap().1);
}

#[test]
fn table_headers_split_camel_case() {
    // podman prints "<no value>" here because CreatedAt is a method there; a field
    // gets its split name, as the brief asks and as fields do in podman
    let want = format!(
        "\
REPOSITORY                                      CREATED AT                     DIGEST
localhost/bb                                    2026-11-27 15:52:06 +0000 UTC  {BB_DIGEST}
docker.io/library/big                           2026-11-27 15:49:21 +0000 UTC  {BIG_DIGEST}
localhost/test                                  2026-11-27 15:49:20 +0000 UTC  {TEST_DIGEST}
{LONG}  2026-11-27 15:49:20 +0000 UTC  {TEST_DIGEST}
"
    );
    assert_eq!(
        images_ok(r"table {{.Repository}}\t{{.CreatedAt}}\t{{.Digest}}"),
        want
    );
}

#[test]
fn table_spaces_become_columns_even_inside_actions() {
    let want = "\
REPOSITORY                                      TAG         TAG         TAG
localhost/bb                                    latest      latest      latest
docker.io/library/big                           1.0         1.0         1.0
localhost/test                                  latest      latest      latest
quay.io/someorg/some-very-long-repository-name  v1.2.3      v1.2.3      v1.2.3
";
    assert_eq!(
        images_ok(r#"table {{.Repository}} {{.Tag}} {{printf "%s %s" .Tag .Tag}}"#),
        want
    );
}

#[test]
fn go_values_print_like_fmt() {
    let want = "\
b629122e1a49\t[localhost/bb:latest]\tmap[]\t3\tfalse\t1987653
6e85c1e7e1cc\t[docker.io/library/big:1.0]\tmap[]\t0\tfalse\t3011655
1a0192e00016\t[localhost/test:latest quay.io/someorg/some-very-long-repository-name:v1.2.3]\tmap[a.b:x<y foo:bar]\t0\tfalse\t11370
1a0192e00016\t[localhost/test:latest quay.io/someorg/some-very-long-repository-name:v1.2.3]\tmap[a.b:x<y foo:bar]\t0\tfalse\t11370
";
    let format =
        r"{{.ID}}\t{{.Names}}\t{{.Labels}}\t{{.Containers}}\t{{.Dangling}}\t{{.VirtualSize}}";
    assert_eq!(images_ok(format), want);
}

#[test]
fn json_function_on_fields() {
    let want = r#"null ["localhost/bb:latest"] 3 false
null ["docker.io/library/big:1.0"] 0 false
{"a.b":"x<y","foo":"bar"} ["localhost/test:latest","quay.io/someorg/some-very-long-repository-name:v1.2.3"] 0 false
{"a.b":"x<y","foo":"bar"} ["localhost/test:latest","quay.io/someorg/some-very-long-repository-name:v1.2.3"] 0 false
"#;
    assert_eq!(
        images_ok("{{json .Labels}} {{json .Names}} {{json .Containers}} {{json .Dangling}}"),
        want
    );
}

#[test]
fn json_function_on_a_whole_row_keeps_field_order() {
    let rows = &image_rows()[..1];
    let out = render_list(rows, no_json, &images_format(Some("{{json .}} x"))).unwrap();
    let want = format!(
        r#"{{"Repository":"localhost/bb","Tag":"latest","ID":"b629122e1a49","Created":"11 minutes ago","CreatedSince":"11 minutes ago","CreatedAt":"2026-11-27 15:52:06 +0000 UTC","Size":"1.99 MB","Digest":"{BB_DIGEST}","Names":["localhost/bb:latest"],"Labels":null,"Containers":3,"Dangling":false,"VirtualSize":1987653}} x
"#
    );
    assert_eq!(out, want);
}

#[test]
fn range_index_and_if() {
    assert_eq!(
        images_ok("{{range .Names}}<{{.}}>{{end}}"),
        "<localhost/bb:latest>\n<docker.io/library/big:1.0>\n\
         <localhost/test:latest><quay.io/someorg/some-very-long-repository-name:v1.2.3>\n\
         <localhost/test:latest><quay.io/someorg/some-very-long-repository-name:v1.2.3>\n"
    );
    assert_eq!(
        images_ok(r#"{{index .Labels "foo"}}|{{index .Labels "a.b"}}|{{index .Names 0}}"#),
        "||localhost/bb:latest\n||docker.io/library/big:1.0\n\
         bar|x<y|localhost/test:latest\nbar|x<y|localhost/test:latest\n"
    );
    assert_eq!(
        images_ok(
            r#"{{if .Labels}}labelled{{else}}plain{{end}} {{if eq .Tag "latest"}}L{{end}}{{if ne .Containers 0}}C{{end}}"#
        ),
        "plain LC\nplain \nlabelled L\nlabelled \n"
    );
    assert_eq!(
        images_ok("{{.Labels.foo}}|{{.Labels.nope}}|"),
        "<no value>|<no value>|\n<no value>|<no value>|\nbar|<no value>|\nbar|<no value>|\n"
    );
}

#[test]
fn podman_functions() {
    let want = format!(
        "\
localhost/bb:latest|[sha256 {bb}]|Localhost/Bb|sha256:1d2|  latest   |abc|LATEST
docker.io/library/big:1.0|[sha256 {big}]|Docker.Io/Library/Big|sha256:997|  1.0   |abc|1.0
localhost/test:latest, {LONG}:v1.2.3|[sha256 {test}]|Localhost/Test|sha256:5cc|  latest   |abc|LATEST
localhost/test:latest, {LONG}:v1.2.3|[sha256 {test}]|Quay.Io/Someorg/Some-Very-Long-Repository-Name|sha256:5cc|  v1.2.3   |abc|V1.2.3
",
        bb = &BB_DIGEST[7..],
        big = &BIG_DIGEST[7..],
        test = &TEST_DIGEST[7..],
    );
    let format = r#"{{join .Names ", "}}|{{split .Digest ":"}}|{{title .Repository}}|{{truncate .Digest 10}}|{{pad .Tag 2 3}}|{{lower "ABC"}}|{{upper .Tag}}"#;
    assert_eq!(images_ok(format), want);
    assert_eq!(
        images_ok(
            r#"{{ split "a,b" "," }} {{split "" ","}} {{split "abc" ""}} {{len (split "" ",")}}"#
        )
        .lines()
        .next(),
        Some("[a b] [] [a b c] 1")
    );
    assert_eq!(
        images_ok(r#"{{pad "" 3 3}}|{{truncate "ab" 5}}"#)
            .lines()
            .next(),
        Some("|ab")
    );
}

#[test]
fn go_builtins() {
    let want = "\
1 latest-3 localhost/bb latest true
1 1.0-0 docker.io/library/big 1.0 true
2 latest-0 localhost/test latest true
2 v1.2.3-0 quay.io/someorg/some-very-long-repository-name v1.2.3 true
";
    let format = r#"{{len .Names}} {{printf "%s-%d" .Tag .Containers}} {{and .Tag .Repository}} {{or "" .Tag}} {{not .Dangling}}"#;
    assert_eq!(images_ok(format), want);
}

#[test]
fn format_that_ranges_itself_is_not_wrapped() {
    assert_eq!(
        images_ok("{{range .}}{{.ID}} {{end}}"),
        "b629122e1a49 6e85c1e7e1cc 1a0192e00016 1a0192e00016 \n"
    );
}

#[test]
fn unparsable_expansion_falls_back_to_the_raw_format() {
    // "\n" inside a Go string breaks the expanded text; podman then parses the format as
    // given and adds no final newline
    assert_eq!(
        images_ok(r#"{{.ID}} {{printf "\n"}}X"#),
        "b629122e1a49 \nX6e85c1e7e1cc \nX1a0192e00016 \nX1a0192e00016 \nX"
    );
}

#[test]
fn escapes_and_empty_formats() {
    let rows = &image_rows()[..2];
    let render = |f: &str| render_list(rows, no_json, &images_format(Some(f))).unwrap();
    assert_eq!(
        render(r"{{.ID}}\t{{.Tag}}\n"),
        "b629122e1a49\tlatest\n6e85c1e7e1cc\t1.0\n"
    );
    assert_eq!(
        render(r"table {{.ID}}\t{{.Tag}}\n"),
        "IMAGE ID      TAG\nb629122e1a49  latest\n6e85c1e7e1cc  1.0\n"
    );
    assert_eq!(render(""), "\n\n");
    assert_eq!(render("JSON"), "JSON\nJSON\n");
    assert_eq!(render("{{else}}"), "");
    assert_eq!(render("{{break}}"), "");
    assert_eq!(render("{{/* c */}}x"), "x\nx\n");
}

fn image_json() -> Vec<ImageJson> {
    vec![
        ImageJson {
            id: "b629122e1a49a580df30a696138970f81ac878031958790bacd96b6c71489177".into(),
            parent_id: String::new(),
            repo_tags: None,
            repo_digests: vec![format!("localhost/bb@{BB_DIGEST}")],
            size: 1987653,
            shared_size: 0,
            virtual_size: 1987653,
            labels: None,
            containers: 3,
            names: vec!["localhost/bb:latest".into()],
            digest: BB_DIGEST.into(),
            history: vec!["localhost/bb:latest".into()],
            created: 1795794726,
            created_at: "2026-11-27T15:52:06Z".into(),
        },
        ImageJson {
            id: "1a0192e0001656e1da40db52ddcc698870c960981ca1ef31716e9e4435ba2df9".into(),
            parent_id: String::new(),
            repo_tags: None,
            repo_digests: vec![
                format!("localhost/test@{TEST_DIGEST}"),
                format!("{LONG}@{TEST_DIGEST}"),
            ],
            size: 11370,
            shared_size: 0,
            virtual_size: 11370,
            labels: test_labels(),
            containers: 0,
            names: vec!["localhost/test:latest".into(), format!("{LONG}:v1.2.3")],
            digest: TEST_DIGEST.into(),
            history: vec![format!("{LONG}:v1.2.3"), "localhost/test:latest".into()],
            created: 1795794560,
            created_at: "2026-11-27T15:49:20Z".into(),
        },
    ]
}

/// `podman images --format json` for the bb and test images, verbatim.
const IMAGES_JSON: &str = r#"[
    {
        "Id": "b629122e1a49a580df30a696138970f81ac878031958790bacd96b6c71489177",
        "ParentId": "",
        "RepoTags": null,
        "RepoDigests": [
            "localhost/bb@sha256:1d2d3c61c297ce89a47f4e33e1034c6bcf313cc25e51447f28ca80289333f6a5"
        ],
        "Size": 1987653,
        "SharedSize": 0,
        "VirtualSize": 1987653,
        "Labels": null,
        "Containers": 3,
        "Names": [
            "localhost/bb:latest"
        ],
        "Digest": "sha256:1d2d3c61c297ce89a47f4e33e1034c6bcf313cc25e51447f28ca80289333f6a5",
        "History": [
            "localhost/bb:latest"
        ],
        "Created": 1795794726,
        "CreatedAt": "2026-11-27T15:52:06Z"
    },
    {
        "Id": "1a0192e0001656e1da40db52ddcc698870c960981ca1ef31716e9e4435ba2df9",
        "ParentId": "",
        "RepoTags": null,
        "RepoDigests": [
            "localhost/test@sha256:5cce76392c90b10d6193ece2342efd02bb9930f4c2f8451a3389cfd59b7dd8ed",
            "quay.io/someorg/some-very-long-repository-name@sha256:5cce76392c90b10d6193ece2342efd02bb9930f4c2f8451a3389cfd59b7dd8ed"
        ],
        "Size": 11370,
        "SharedSize": 0,
        "VirtualSize": 11370,
        "Labels": {
            "a.b": "x\u003cy",
            "foo": "bar"
        },
        "Containers": 0,
        "Names": [
            "localhost/test:latest",
            "quay.io/someorg/some-very-long-repository-name:v1.2.3"
        ],
        "Digest": "sha256:5cce76392c90b10d6193ece2342efd02bb9930f4c2f8451a3389cfd59b7dd8ed",
        "History": [
            "quay.io/someorg/some-very-long-repository-name:v1.2.3",
            "localhost/test:latest"
        ],
        "Created": 1795794560,
        "CreatedAt": "2026-11-27T15:49:20Z"
    }
]
"#;

#[test]
fn json_formats_print_the_json_value() {
    let rows = image_rows();
    for format in [
        "json",
        " json ",
        "{{json .}}",
        "{{ json . }}",
        "{{json}}",
        "{{ json }}",
    ] {
        let out = render_list(&rows, image_json, &images_format(Some(format))).unwrap();
        assert_eq!(out, IMAGES_JSON, "format {format:?}");
    }
    let empty: Vec<ImageRow> = Vec::new();
    let out = render_list(&empty, Vec::<ImageJson>::new, &images_format(Some("json"))).unwrap();
    assert_eq!(out, "[]\n");
}

#[test]
fn is_json_matches_podman_regex() {
    for yes in [
        "json",
        "  json\n",
        "{{json .}}",
        "{{ json . }}",
        "{{json}}",
        "{{json.}}",
    ] {
        assert!(is_json(yes), "{yes:?}");
    }
    for no in [
        "JSON",
        "{{json .Labels}}",
        "{{json .}} x",
        "table json",
        "{{ json ..}}",
        "",
    ] {
        assert!(!is_json(no), "{no:?}");
    }
}

#[test]
fn unknown_field_errors_name_the_type_and_keep_partial_output() {
    let (message, partial) = images_err("{{.ID}} {{.Foo}}");
    assert_eq!(
        message,
        r#"template: images:1:21: executing "images" at <.Foo>: can't evaluate field Foo in type images.imageReporter"#
    );
    assert_eq!(partial, "b629122e1a49 ");
    let (message, partial) = images_err("table {{.ID}} {{.Foo}}");
    assert!(message.ends_with("can't evaluate field Foo in type images.imageReporter"));
    assert_eq!(partial, "IMAGE ID    <no value>\nb629122e1a49");
}

#[test]
fn execution_errors_match_podman() {
    let cases = [
        (
            "table {{.Labels.foo}}",
            r#"template: images:1:20: executing "images" at <.Labels.foo>: can't evaluate field foo in type string"#,
        ),
        (
            "{{upper .Containers}}",
            r#"template: images:1:19: executing "images" at <.Containers>: wrong type for value; expected string; got int"#,
        ),
        (
            "{{.Containers | upper}}",
            r#"template: images:1:27: executing "images" at <upper>: wrong type for value; expected string; got int"#,
        ),
        (
            "{{index .Names 5}}",
            r#"template: images:1:13: executing "images" at <index .Names 5>: error calling index: index out of range: 5"#,
        ),
        (
            "{{ truncate .Tag -1 }}",
            r#"template: images:1:14: executing "images" at <truncate .Tag -1>: error calling truncate: runtime error: slice bounds out of range [:-1]"#,
        ),
        (
            "{{ pad .Tag -1 1}}",
            r#"template: images:1:14: executing "images" at <pad .Tag -1 1>: error calling pad: strings: negative Repeat count"#,
        ),
        (
            // Aborted burrow (the allocation failed) before; Go reports strings.Repeat's
            // panic. Found while bounding the fuzz target `template`.
            "{{ pad .Tag 9223372036854775807 0}}",
            r#"template: images:1:14: executing "images" at <pad .Tag 9223372036854775807 0>: error calling pad: runtime error: makeslice: len out of range"#,
        ),
        (
            "{{ join .Names }}",
            r#"template: images:1:14: executing "images" at <join>: wrong number of args for join: want 2 got 1"#,
        ),
        (
            "{{ .Names.Foo }}",
            r#"template: images:1:20: executing "images" at <.Names.Foo>: can't evaluate field Foo in type []string"#,
        ),
        (
            "{{.Names.Foo.Bar}}",
            r#"template: images:1:19: executing "images" at <.Names.Foo.Bar>: can't evaluate field Foo in type []string"#,
        ),
        (
            "{{ $x := . }}{{$x.Bar}}",
            r#"template: images:1:28: executing "images" at <$x.Bar>: can't evaluate field Bar in type images.imageReporter"#,
        ),
    ];
    for (format, want) in cases {
        assert_eq!(images_err(format).0, want, "format {format:?}");
    }
}

#[test]
fn parse_errors_match_podman() {
    let cases = [
        ("{{.ID}", "template: images:1: bad character U+007D '}'"),
        ("{{if}}", "template: images:1: missing value for if"),
        ("{{range .Names}}", "template: images:1: unexpected EOF"),
        (
            "{{foo}}",
            r#"template: images:1: function "foo" not defined"#,
        ),
        (
            "{{foo .ID}}",
            r#"template: images:1: function "foo" not defined"#,
        ),
        ("{{$y}}", r#"template: images:1: undefined variable "$y""#),
        ("{{end}}", "template: images:1: unexpected {{end}}"),
        (
            "{{if .ID}}{{else}}{{else}}{{end}}",
            "template: images:1: expected end; found {{else}}",
        ),
        (
            r#"{{"abc}}"#,
            "template: images:1: unterminated quoted string",
        ),
    ];
    for (format, want) in cases {
        match images(format) {
            Err(OutputError::Parse { message }) => assert_eq!(message, want, "format {format:?}"),
            other => panic!("format {format:?}: expected a parse error, got {other:?}"),
        }
        match check_list_format("images", format) {
            Err(OutputError::Parse { message }) => assert_eq!(message, want, "format {format:?}"),
            other => panic!("format {format:?}: check gave {other:?}"),
        }
    }
}

#[test]
fn checking_a_format_parses_without_running() {
    for format in [
        "table",
        "json",
        "{{.ID}}",
        "table {{.ID}} {{.Size}}",
        "{{.Nope}}",
    ] {
        assert!(check_list_format("images", format).is_ok(), "{format:?}");
    }
    // Would loop for a very long time if it ran.
    assert!(check_list_format("images", "{{range 10000000000000}}{{end}}").is_ok());
}

/// The fields of podman ps' default table.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PsRow {
    #[serde(rename = "ID")]
    id: String,
    image: String,
    command: String,
    created_human: String,
    status: String,
    ports: String,
    names: String,
}

const PS_DEFAULT_ROW: &str =
    "{{.ID}}\t{{.Image}}\t{{.Command}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
const PS_HEADERS: &[(&str, &str)] = &[
    ("CreatedHuman", "created"),
    ("ID", "container id"),
    ("RunningFor", "running for"),
];

fn ps_rows() -> Vec<PsRow> {
    [
        ("167a56febabf", "sh -c exit 3", "c1"),
        ("181b616e713d", "sleep 1000", "c2"),
        ("cb3a5d28ccd1", "true", "c3"),
    ]
    .into_iter()
    .map(|(id, command, name)| PsRow {
        id: id.into(),
        image: "localhost/bb:latest".into(),
        command: command.into(),
        created_human: "11 minutes ago".into(),
        status: "Created".into(),
        ports: String::new(),
        names: name.into(),
    })
    .collect()
}

fn ps_format(format: Option<&str>, noheading: bool) -> ListFormat<'_> {
    ListFormat {
        name: "ps",
        format,
        default_table: PS_DEFAULT_ROW,
        headers: PS_HEADERS,
        noheading,
        json: JsonStyle::INDENT_2,
    }
}

#[test]
fn default_ps_table_matches_podman() {
    let want = "\
CONTAINER ID  IMAGE                COMMAND       CREATED         STATUS      PORTS       NAMES
167a56febabf  localhost/bb:latest  sh -c exit 3  11 minutes ago  Created                 c1
181b616e713d  localhost/bb:latest  sleep 1000    11 minutes ago  Created                 c2
cb3a5d28ccd1  localhost/bb:latest  true          11 minutes ago  Created                 c3
";
    let out = render_list(&ps_rows(), Vec::<PsRow>::new, &ps_format(None, false)).unwrap();
    assert_eq!(out, want);
    let format = r"table {{.ID}}\t{{.Names}}\t{{.Ports}}\t{{.Status}}";
    let out = render_list(
        &ps_rows(),
        Vec::<PsRow>::new,
        &ps_format(Some(format), true),
    )
    .unwrap();
    assert_eq!(
        out,
        "167a56febabf  c1                      Created\n\
         181b616e713d  c2                      Created\n\
         cb3a5d28ccd1  c3                      Created\n"
    );
}

#[test]
fn ps_json_uses_two_spaces() {
    let rows = &ps_rows()[..1];
    let out = render_list(rows, || rows, &ps_format(Some("json"), false)).unwrap();
    assert!(
        out.starts_with("[\n  {\n    \"ID\": \"167a56febabf\",\n"),
        "{out}"
    );
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Version {
    client: VersionDetail,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct VersionDetail {
    version: String,
    #[serde(rename = "APIVersion")]
    api_version: String,
    go_version: String,
    git_commit: String,
    built_time: String,
    os_arch: String,
}

fn version() -> Version {
    Version {
        client: VersionDetail {
            version: "4.3.1".into(),
            api_version: "4.3.1".into(),
            go_version: "go1.19.8".into(),
            git_commit: String::new(),
            built_time: "Thu Jan  1 00:00:00 1970".into(),
            os_arch: "linux/amd64".into(),
        },
    }
}

#[test]
fn single_object_formats() {
    let v = version();
    assert_eq!(
        render_one(
            &v,
            Some("{{.Client.Version}}"),
            "version",
            JsonStyle::INDENT_2
        )
        .unwrap(),
        "4.3.1\n"
    );
    let json = render_one(&v, None, "version", JsonStyle::INDENT_2).unwrap();
    assert!(
        json.starts_with("{\n  \"Client\": {\n    \"Version\": \"4.3.1\",\n"),
        "{json}"
    );
    let err = render_one(&v, Some("{{.Nope}}"), "version", JsonStyle::INDENT_2).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"template: version:1:2: executing "version" at <.Nope>: can't evaluate field Nope in type Version"#
    );
}

#[test]
fn inspect_formats() {
    let rows = &image_json()[..1];
    let out = render_inspect(rows, Some("{{.Id}} {{json .Labels}}"), "inspect").unwrap();
    assert_eq!(
        out,
        "b629122e1a49a580df30a696138970f81ac878031958790bacd96b6c71489177 null\n"
    );
    let out = render_inspect(rows, None, "inspect").unwrap();
    assert!(
        out.starts_with("[\n     {\n          \"Id\": \"b629122e"),
        "{out}"
    );
    assert!(out.ends_with("\n     }\n]\n"), "{out}");
}

#[test]
fn nil_pointers_print_like_go() {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Row {
        health: Option<String>,
        ratio: f64,
        big: f64,
    }
    let rows = [Row {
        health: None,
        ratio: 0.25,
        big: 1e6,
    }];
    let fmt = ListFormat {
        name: "t",
        format: Some(
            "{{.Health}}|{{json .Health}}|{{if .Health}}y{{else}}n{{end}}|{{.Ratio}}|{{.Big}}|{{.}}",
        ),
        default_table: "",
        headers: &[],
        noheading: false,
        json: JsonStyle::INDENT_2,
    };
    let out = render_list(&rows, || &rows, &fmt).unwrap();
    assert_eq!(out, "<nil>|null|n|0.25|1e+06|{<nil> 0.25 1e+06}\n");
}

#[test]
fn camel_case_split_follows_podman() {
    let cases: &[(&str, &[&str])] = &[
        ("CreatedAt", &["Created", "At"]),
        ("ID", &["ID"]),
        ("PDFLoader", &["PDF", "Loader"]),
        ("GL11Version", &["GL", "11", "Version"]),
        ("vimRPCPlugin", &["vim", "RPC", "Plugin"]),
        ("BFG9000", &["BFG", "9000"]),
        ("", &[]),
    ];
    for (name, want) in cases {
        assert_eq!(camel_case_split(name), *want, "{name}");
    }
}

#[test]
fn ten_rows_render_well_under_a_millisecond() {
    let rows: Vec<ImageRow> = image_rows().into_iter().cycle().take(10).collect();
    let fmt = images_format(None);
    // warm up allocations, then time the best of several runs
    let _ = render_list(&rows, no_json, &fmt).unwrap();
    let best = (0..20)
        .map(|_| {
            let start = std::time::Instant::now();
            let out = render_list(&rows, no_json, &fmt).unwrap();
            assert_eq!(out.lines().count(), 11);
            start.elapsed()
        })
        .min()
        .unwrap();
    // generous for unoptimized test builds; release builds are far below this
    assert!(
        best < std::time::Duration::from_millis(5),
        "10 rows took {best:?}"
    );
}

#[test]
fn print_functions_format_like_go() {
    let first = |format: &str| images_ok(format).lines().next().unwrap_or("").to_string();
    assert_eq!(first(r#"{{printf "%s" .Names}}"#), "[localhost/bb:latest]");
    assert_eq!(
        first(r#"{{.Names | printf "%s"}}"#),
        "[localhost/bb:latest]"
    );
    assert_eq!(
        first(r#"{{printf "%v|%d" .Names .Containers}}"#),
        "[localhost/bb:latest]|3"
    );
    assert_eq!(
        first("{{print .Names .Labels}}"),
        "[localhost/bb:latest] map[]"
    );
    assert_eq!(first(r#"{{print 1 2 "a" 3 .Tag 4}}"#), "1 2a3latest4");
    assert_eq!(first("{{print nil 1}}"), "<nil> 1");
    assert_eq!(
        images_ok(r#"{{println 1 "a" .Names}}"#).lines().next(),
        Some("1 a [localhost/bb:latest]")
    );
    assert_eq!(
        first(r#"{{ .VirtualSize }} {{printf "%.2f" 1.5}} {{ 1.5 }} {{ 1e6 }}"#),
        "1987653 1.50 1.5 1e+06"
    );
    assert_eq!(first(r#"{{.Containers | printf "%05d"}}"#), "00003");
    assert_eq!(first(r#"{{ title "ǆemal" }}"#), "ǅemal");
}

#[test]
fn len_and_templates_follow_go() {
    assert_eq!(
        images_ok("{{len .Labels}}|{{len .Tag}}"),
        "0|6\n0|3\n2|6\n2|6\n"
    );
    let cases = [
        (
            "{{ len . }}",
            r#"template: images:1:14: executing "images" at <len .>: error calling len: len of type images.imageReporter"#,
        ),
        (
            "{{len 3}}",
            r#"template: images:1:13: executing "images" at <len 3>: error calling len: len of type int"#,
        ),
        (
            "{{len .Labels.nope}}",
            r#"template: images:1:13: executing "images" at <len .Labels.nope>: error calling len: reflect: call of reflect.Value.Type on zero Value"#,
        ),
        (
            "{{range .Tag}}x{{end}}",
            r#"template: images:1:19: executing "images" at <.Tag>: range can't iterate over latest"#,
        ),
        (
            "{{range .Containers}}x{{end}}",
            r#"template: images:1:19: executing "images" at <.Containers>: range can't iterate over 3"#,
        ),
        (
            "{{ $x = 1 }}",
            r#"template: images:1:19: executing "images" at <1>: undefined variable: $x"#,
        ),
        (
            r#"{{.ID}}{{ template "nope" . }}"#,
            r#"template: images:1:30: executing "images" at <{{template "nope" .}}>: template "nope" not defined"#,
        ),
        (
            "{{.ID | truncate 3}}",
            r#"template: images:1:28: executing "images" at <3>: expected string; found 3"#,
        ),
        (
            "{{upper nil}}",
            r#"template: images:1:19: executing "images" at <nil>: cannot assign nil to string"#,
        ),
        (
            r#"{{join "a" ","}}"#,
            r#"template: images:1:18: executing "images" at <"a">: can't handle "a" for arg of type []string"#,
        ),
        (
            r#"{{pad .Tag "x" 1}}"#,
            r#"template: images:1:22: executing "images" at <"x">: expected integer; found "x""#,
        ),
    ];
    for (format, want) in cases {
        assert_eq!(images_err(format).0, want, "format {format:?}");
    }
    let (_, partial) = images_err(r#"{{.ID}}{{ template "nope" . }}"#);
    assert_eq!(partial, "b629122e1a49");
    assert_eq!(
        images(r#"{{define "x"}}X{{end}}{{template "x" .}}"#)
            .unwrap_err()
            .to_string(),
        "template: images:1: unexpected <define> in command"
    );
    assert_eq!(
        images_ok(r#"{{ $x := 1 }}{{ $x = 2 }}{{$x}}"#)
            .lines()
            .next(),
        Some("2")
    );
    assert_eq!(
        images_ok("{{range .Labels}}<{{.}}>{{end}}{{range .Labels.nope}}x{{end}}"),
        "\n\n<x<y><bar>\n<x<y><bar>\n"
    );
}

#[test]
fn unsigned_fields_compare_with_integer_constants() {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Row {
        size: u64,
        count: i64,
    }
    let rows = [Row { size: 5, count: -1 }];
    let fmt = ListFormat {
        name: "t",
        format: Some("{{eq .Size 5}} {{gt .Size 1}} {{lt .Count 0}} {{ne .Size 6}} {{le .Size 5}}"),
        default_table: "",
        headers: &[],
        noheading: false,
        json: JsonStyle::INDENT_2,
    };
    assert_eq!(
        render_list(&rows, || &rows, &fmt).unwrap(),
        "true true true true true\n"
    );
}
