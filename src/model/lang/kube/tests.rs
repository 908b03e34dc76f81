//! Data-driven tests: a manifest in, the API's answer out, each message
//! prefixed with the line and column it is anchored to.

use super::*;
use crate::model::base::diag::LineIndex;
use crate::model::base::yaml;

/// Decode every document of `text` and print each outcome: `ok Kind/name`,
/// or the diagnostics as `line:col origin: message`.
fn check(text: &str, expect: &str) {
    let file = FileId::Workspace(0);
    let (docs, mut diags) = yaml::parse(file, text);
    let mut out = String::new();
    for (i, doc) in docs.iter().enumerate() {
        let decoded = decode_document(file, i, doc);
        if let Ok(obj) = &decoded.result {
            out.push_str(&format!("ok {}/{}\n", obj.kind(), obj.name()));
        }
        diags.extend(decoded.diagnostics());
    }
    let index = LineIndex::new(text);
    for d in &diags {
        let at = d
            .primary()
            .map_or((0, 0), |l| index.line_col(text, l.span.start));
        out.push_str(&format!(
            "{}:{} {}: {}\n",
            at.0,
            at.1,
            d.origin.as_str(),
            d.message
        ));
        for n in &d.notes {
            out.push_str(&format!("  {n}\n"));
        }
    }
    assert_eq!(out.trim_end(), expect.trim(), "\n--- got ---\n{out}");
}

fn rejection(text: &str) -> String {
    let (docs, _) = yaml::parse(FileId::Workspace(0), text);
    decode_document(FileId::Workspace(0), 0, &docs[0])
        .result
        .unwrap_err()
        .api_message()
}

const POD_HEAD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: fruit-service\nspec:\n";

#[test]
fn seed_manifests_are_accepted() {
    check(
        include_str!("../../project/workspace/fruit-service.yml"),
        "ok Pod/fruit-service",
    );
    check(
        include_str!("../../project/workspace/busybox.yml"),
        "ok Pod/busybox",
    );
    check(
        include_str!("../../project/workspace/fruit-service-ambassador-config.yml"),
        "ok ConfigMap/fruit-service-ambassador-config",
    );
}

/// kubectl sends JSON with sorted keys, so the API lists unknown fields in
/// that order, not the manifest's.
#[test]
fn unknown_fields_are_all_listed() {
    let text = format!(
        "{POD_HEAD}  containers:\n  - name: a\n    image: haproxy:1.7\n    volumeMount:\n    - name: v\n    imgae: x\n  foo: 1\n"
    );
    check(
        &text,
        r#"
11:5 kube-apiserver: strict decoding error: unknown field "spec.containers[0].imgae"
  podlab: did you mean `image`?
9:5 kube-apiserver: strict decoding error: unknown field "spec.containers[0].volumeMount"
  podlab: did you mean `volumeMounts`?
12:3 kube-apiserver: strict decoding error: unknown field "spec.foo"
"#,
    );
    assert_eq!(
        rejection(&text),
        r#"Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imgae", unknown field "spec.containers[0].volumeMount", unknown field "spec.foo""#
    );
}

#[test]
fn type_errors_name_the_go_struct_field() {
    let text = format!(
        "{POD_HEAD}  containers:\n  - name: a\n    image: b\n    ports:\n    - containerPort: \"80\"\n"
    );
    check(
        &text,
        r#"10:22 kube-apiserver: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32"#,
    );
    check(
        &format!("{POD_HEAD}  containers:\n    name: a\n"),
        "7:5 kube-apiserver: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container",
    );
    check(
        &format!("{POD_HEAD}  containers:\n  - a\n"),
        "7:5 kube-apiserver: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container",
    );
    check(
        &format!("{POD_HEAD}  containers:\n  - name: a\n    image: 1.7\n"),
        "8:12 kube-apiserver: json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string",
    );
    check(
        &format!(
            "{POD_HEAD}  containers:\n  - name: a\n    image: b\n    ports:\n    - containerPort: 99999999999\n"
        ),
        "10:22 kube-apiserver: json: cannot unmarshal number 99999999999 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32",
    );
}

#[test]
fn required_fields() {
    check(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {}\nspec:\n  containers:\n  - name: a\n    volumeMounts:\n    - name: v\n",
        r#"
4:3 kube-apiserver: metadata.name: Required value: name or generateName is required
7:5 kube-apiserver: spec.containers[0].image: Required value
9:13 kube-apiserver: spec.containers[0].volumeMounts[0].name: Not found: "v"
9:7 kube-apiserver: spec.containers[0].volumeMounts[0].mountPath: Required value
"#,
    );
}

#[test]
fn names_and_duplicates() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: Fruit_Service\nspec:\n  containers:\n  - name: app\n    image: a\n  - name: app\n    image: b\n";
    check(
        text,
        r#"
4:9 kube-apiserver: metadata.name: Invalid value: "Fruit_Service": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
9:11 kube-apiserver: spec.containers[1].name: Duplicate value: "app"
"#,
    );
    assert!(
        rejection(text)
            .starts_with("Pod \"Fruit_Service\" is invalid: [metadata.name: Invalid value")
    );
}

#[test]
fn volume_mount_naming_no_volume() {
    let text = include_str!("../../project/workspace/fruit-service.yml").replace(
        "        - name: fruit-service-volume\n",
        "        - name: fruit-service-vol\n",
    );
    check(
        &text,
        r#"12:17 kube-apiserver: spec.containers[1].volumeMounts[0].name: Not found: "fruit-service-vol""#,
    );
    assert_eq!(
        rejection(&text),
        r#"Pod "fruit-service" is invalid: spec.containers[1].volumeMounts[0].name: Not found: "fruit-service-vol""#
    );
}

#[test]
fn port_range_and_protocol() {
    check(
        &format!(
            "{POD_HEAD}  containers:\n  - name: a\n    image: b\n    ports:\n    - containerPort: 70000\n      protocol: tcp\n"
        ),
        r#"
10:22 kube-apiserver: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive
11:17 kube-apiserver: spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"
"#,
    );
}

#[test]
fn duplicate_ports_are_a_warning_not_an_error() {
    check(
        &format!(
            "{POD_HEAD}  containers:\n  - name: a\n    image: nginx\n    ports:\n    - containerPort: 80\n  - name: b\n    image: haproxy:1.7\n    ports:\n    - containerPort: 80\n"
        ),
        r#"
ok Pod/fruit-service
14:7 kube-apiserver: Warning: spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]
"#,
    );
}

#[test]
fn kind_and_api_version() {
    check(
        "apiVersion: v1\nkind: Pods\nmetadata:\n  name: x\n",
        r#"2:7 kubectl: no matches for kind "Pods" in version "v1""#,
    );
    check(
        "apiVersion: apps/v1\nkind: Pod\nmetadata:\n  name: x\n",
        r#"2:7 kubectl: no matches for kind "Pod" in version "apps/v1""#,
    );
    check(
        "kind: Pod\nmetadata:\n  name: x\n",
        r#"1:7 kubectl: no matches for kind "Pod" in version """#,
    );
    check(
        "apiVersion: v1\nmetadata:\n  name: x\n",
        "1:1 kubectl: Object 'Kind' is missing\n  every manifest needs `apiVersion:` and `kind:`, e.g. `apiVersion: v1` and `kind: Pod`",
    );
    assert_eq!(
        rejection("apiVersion: v1\nmetadata:\n  name: x\n"),
        r#"Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'"#
    );
    check(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n",
        r#"2:7 podlab: podlab does not model the kind "Deployment"; only Pod, ConfigMap and Namespace"#,
    );
}

#[test]
fn unmodelled_fields_are_notes() {
    check(
        &format!(
            "{POD_HEAD}  containers:\n  - name: a\n    image: busybox\n    livenessProbe:\n      exec: {{command: [x]}}\n"
        ),
        r#"
ok Pod/fruit-service
9:5 podlab: `spec.containers[0].livenessProbe` is accepted but not modelled by podlab
"#,
    );
}

#[test]
fn volumes_need_exactly_one_type() {
    check(
        &format!(
            "{POD_HEAD}  containers:\n  - name: a\n    image: b\n  volumes:\n  - name: v\n  - name: w\n    emptyDir: {{}}\n    configMap:\n      name: c\n"
        ),
        r#"
10:5 kube-apiserver: spec.volumes[0]: Required value: must specify a volume type
13:5 kube-apiserver: spec.volumes[1].configMap: Forbidden: may not specify more than 1 volume type
"#,
    );
}

#[test]
fn config_map_keys_and_values() {
    check(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  bad key: x\n",
        r#"6:3 kube-apiserver: data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"#,
    );
    check(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  port: 80\n",
        "6:9 kube-apiserver: json: cannot unmarshal number into Go struct field ConfigMap.data of type string",
    );
}

#[test]
fn namespace_names_are_labels() {
    check(
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ch-4\n",
        "ok Namespace/ch-4",
    );
    check(
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ch.4\n",
        r#"4:9 kube-apiserver: metadata.name: Invalid value: "ch.4": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
    );
}

/// The issue's own example: a misspelt `volumeMounts` in the lab's pod.
#[test]
fn strict_decoding_of_the_lab_pod() {
    let text = include_str!("../../project/workspace/fruit-service.yml")
        .replace("volumeMounts:", "volumeMount:");
    check(
        &text,
        r#"
11:7 kube-apiserver: strict decoding error: unknown field "spec.containers[1].volumeMount"
  podlab: did you mean `volumeMounts`?
"#,
    );
    assert_eq!(
        rejection(&text),
        r#"Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[1].volumeMount""#
    );
}

/// encoding/json reports the first mismatch of the sorted JSON, and a type
/// error hides unknown fields.
#[test]
fn the_first_type_error_in_key_order_wins() {
    check(
        &format!("{POD_HEAD}  containers:\n  - name: 5\n    image: 7\n    imgae: x\n"),
        "8:12 kube-apiserver: json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string",
    );
    check(
        &format!(
            "{POD_HEAD}  containers:\n  - name: a\n    image: b\n  - name: c\n    image: d\n    ports: 80\n  restartPolicy: 1\n"
        ),
        "11:12 kube-apiserver: json: cannot unmarshal number into Go struct field Container.spec.containers.ports of type []v1.ContainerPort",
    );
}

#[test]
fn container_names_are_labels() {
    check(
        &format!(
            "{POD_HEAD}  containers:\n  - name: Legacy_App\n    image: busybox\n  - image: busybox\n"
        ),
        r#"
7:11 kube-apiserver: spec.containers[0].name: Invalid value: "Legacy_App": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
9:5 kube-apiserver: spec.containers[1].name: Required value
"#,
    );
}

#[test]
fn duplicate_volumes_and_init_container_names() {
    check(
        &format!(
            "{POD_HEAD}  initContainers:\n  - name: app\n    image: busybox\n  containers:\n  - name: app\n    image: busybox\n    volumeMounts:\n    - name: v\n      mountPath: /v\n  volumes:\n  - name: v\n    emptyDir: {{}}\n  - name: v\n    emptyDir: {{}}\n"
        ),
        r#"
18:11 kube-apiserver: spec.volumes[1].name: Duplicate value: "v"
7:11 kube-apiserver: spec.initContainers[0].name: Duplicate value: "app"
"#,
    );
}

#[test]
fn sub_paths_are_reported_without_the_mount_index() {
    check(
        &format!(
            "{POD_HEAD}  containers:\n  - name: a\n    image: busybox\n    volumeMounts:\n    - name: v\n      mountPath: /v\n      subPath: ../x\n  volumes:\n  - name: v\n    emptyDir: {{}}\n"
        ),
        r#"12:16 kube-apiserver: spec.containers[0].volumeMounts.subPath: Invalid value: "../x": must not contain '..'"#,
    );
}

#[test]
fn labels_are_qualified_names_and_label_values() {
    check(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    app name: fruit\n    tier: -web\n",
        r#"
6:5 kube-apiserver: metadata.labels: Invalid value: "app name": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')
7:11 kube-apiserver: metadata.labels: Invalid value: "-web": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')
"#,
    );
}

#[test]
fn a_namespace_ignores_its_own_namespace_field() {
    check(
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ch-4\n  namespace: Not_A_Label\n",
        "ok Namespace/ch-4",
    );
    check(
        &format!(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {}\n",
            "a".repeat(64)
        ),
        &format!(
            r#"4:9 kube-apiserver: metadata.name: Invalid value: "{}": must be no more than 63 characters"#,
            "a".repeat(64)
        ),
    );
    check(
        "apiVersion: v1\nkind: Namespace\nmetadata: {}\n",
        "3:11 kube-apiserver: metadata.name: Required value: name or generateName is required",
    );
}

/// kubectl's YAML-to-JSON step sorts keys, so the JSON it quotes does too.
#[test]
fn a_missing_kind_quotes_sorted_json() {
    assert_eq!(
        rejection("metadata:\n  name: x\napiVersion: v1\n"),
        r#"Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'"#
    );
    check(
        "apiVersion: apps/v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
        r#"2:7 kubectl: no matches for kind "ConfigMap" in version "apps/v1""#,
    );
}

/// A pod without a spec or an object without metadata, second in its file,
/// is anchored at its own document.
#[test]
fn a_pod_without_a_spec() {
    check(
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ch-4\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n",
        "ok Namespace/ch-4\n6:1 kube-apiserver: spec.containers: Required value",
    );
    check(
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ch-4\n---\napiVersion: v1\nkind: ConfigMap\n",
        "ok Namespace/ch-4\n6:1 kube-apiserver: metadata.name: Required value: name or generateName is required",
    );
}
