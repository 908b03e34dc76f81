//! podlab's own cross-checks of haproxy.cfg against the pod that runs it,
//! shown before anything runs: the bind ports against the container's
//! `containerPort`s, each server address against what listens in the pod,
//! and the ConfigMap key and mountPath against the file HAProxy reads; and
//! what podlab makes of a pod's images (a near miss of a catalogued one, an
//! image it does not model). Every hint is `Origin::Podlab`: neither HAProxy
//! nor the API says any of this.

use std::net::IpAddr;

use crate::model::base::diag::{Diagnostic, FileId, Label, Origin, Span};
use crate::model::base::i18n::{Arg, Key, Msg};
use crate::model::lang::haproxy::Version;
use crate::model::lang::haproxy::config::{self, Config, ProxyKind};
use crate::model::lang::kube::objects::{PodObject, VolumeSourceSpec};
use crate::model::sim::images::{self, Kind, Lookup};
use crate::model::sim::programs::fruit;

/// The haproxy container whose configuration the hints are about.
pub struct Context<'a> {
    pub pod: &'a PodObject,
    /// Index into `pod.spec.containers`.
    pub container: usize,
    /// The ConfigMap that holds haproxy.cfg, and its key.
    pub configmap: &'a str,
    pub key: &'a str,
    /// The file HAProxy reads when the command line does not say `-f`
    /// (the image's CMD).
    pub default_path: &'a str,
}

/// Ports a container of a catalogued image listens on, on every address;
/// `None` for an image podlab does not know (it cannot tell).
fn listens(image: &str) -> Option<Vec<u16>> {
    match images::lookup(image) {
        Lookup::Known(i) => Some(match i.kind {
            Kind::FruitService => vec![fruit::PORT],
            // nginx's default server (the official image's default.conf).
            Kind::Nginx => vec![80],
            Kind::Haproxy(_) | Kind::Busybox { .. } | Kind::Debian => Vec::new(),
        }),
        _ => None,
    }
}

fn hint(severity: fn(Origin) -> Diagnostic, file: FileId, span: Span, msg: Msg) -> Diagnostic {
    severity(Origin::Podlab)
        .with_msg(msg)
        .with_label(Label::primary(file, span))
}

/// The file HAProxy reads: the last `-f` of the container's command line,
/// or the image's default.
fn config_path(ctx: &Context<'_>) -> String {
    let c = &ctx.pod.spec.containers[ctx.container];
    let argv: Vec<&String> = c.command.iter().chain(c.args.iter()).flatten().collect();
    argv.windows(2)
        .rev()
        .find(|w| w[0] == "-f")
        .map_or(ctx.default_path.to_string(), |w| w[1].clone())
}

/// podlab's cross-checks of `text` (haproxy.cfg) against its pod, labelled
/// in `file` (the haproxy.cfg pane).
pub fn cfg_hints(text: &str, version: Version, ctx: &Context<'_>, file: FileId) -> Vec<Diagnostic> {
    let cfg = config::parse(text, version);
    let mut out = Vec::new();
    let Some(c) = ctx.pod.spec.containers.get(ctx.container) else {
        return out;
    };
    version_hints(text, &cfg, c, version, file, &mut out);
    ports(&cfg, c, file, &mut out);
    servers(&cfg, ctx, file, &mut out);
    mount(ctx, file, &mut out);
    out
}

/// What the pod's HAProxy version lacks or forbids.
fn version_hints(
    text: &str,
    cfg: &Config,
    c: &crate::model::lang::kube::objects::ContainerSpec,
    version: Version,
    file: FileId,
    out: &mut Vec<Diagnostic>,
) {
    if !version.at_least(2, 2) {
        // Read as 2.6 would, to find what the old version refused.
        let current = config::parse(text, Version::V2_6);
        for px in &current.proxies {
            for r in &px.http_request {
                if matches!(r.action, config::HttpRequestAction::Return { .. }) {
                    let at = crate::model::base::diag::LineIndex::new(text)
                        .line_start(r.line as usize)
                        .unwrap_or(0);
                    out.push(hint(
                        Diagnostic::warning,
                        file,
                        Span::new(at, at),
                        Key::HintReturnArrived
                            .msg()
                            .arg("line", r.line)
                            .arg("image", &c.image)
                            .arg("version", version),
                    ));
                }
            }
        }
    }
    // Images from 2.4 run as user haproxy (fidelity.md), which cannot bind
    // ports below 1024.
    let root = matches!(images::lookup(&c.image), Lookup::Known(i) if i.root);
    if !root {
        for (port, _, _, span) in bind_ports(cfg) {
            if port < 1024 {
                out.push(hint(
                    Diagnostic::warning,
                    file,
                    span,
                    Key::HintNotRoot
                        .msg()
                        .arg("image", &c.image)
                        .arg("port", port),
                ));
            }
        }
    }
}

fn bind_ports(cfg: &Config) -> Vec<(u16, IpAddr, u32, Span)> {
    cfg.proxies
        .iter()
        .filter(|p| p.kind != ProxyKind::Backend)
        .flat_map(|p| &p.binds)
        .flat_map(|b| b.addrs.iter().map(|a| (a.port, a.ip, b.line, b.span)))
        .collect()
}

fn ports(
    cfg: &Config,
    c: &crate::model::lang::kube::objects::ContainerSpec,
    file: FileId,
    out: &mut Vec<Diagnostic>,
) {
    let binds = bind_ports(cfg);
    let declared: Vec<u16> = c.ports.iter().map(|p| p.port).collect();
    let list: Vec<Arg> = declared.iter().map(|p| Arg::Text(p.to_string())).collect();
    for (port, ip, _, span) in &binds {
        if ip.is_loopback() {
            out.push(hint(
                Diagnostic::warning,
                file,
                *span,
                Key::HintLoopbackOnly.msg().arg("ip", ip).arg("port", port),
            ));
        }
        if !declared.is_empty() && !declared.contains(port) {
            out.push(hint(
                Diagnostic::note,
                file,
                *span,
                Key::HintPortNotDeclared
                    .msg()
                    .arg("port", port)
                    .arg("container", &c.name)
                    .arg_list("declared", list.clone()),
            ));
        }
    }
    for p in &c.ports {
        if !binds.iter().any(|(port, ..)| *port == p.port) {
            let span = binds.first().map_or(Span::default(), |b| b.3);
            out.push(hint(
                Diagnostic::warning,
                file,
                span,
                Key::HintNoBind
                    .msg()
                    .arg("container", &c.name)
                    .arg("port", p.port),
            ));
        }
    }
}

fn servers(cfg: &Config, ctx: &Context<'_>, file: FileId, out: &mut Vec<Diagnostic>) {
    let own = bind_ports(cfg);
    // Who listens in the pod besides HAProxy; None if podlab cannot tell.
    let mut others: Option<Vec<(u16, &str)>> = Some(Vec::new());
    for (i, c) in ctx.pod.spec.containers.iter().enumerate() {
        if i == ctx.container {
            continue;
        }
        match (listens(&c.image), others.as_mut()) {
            (Some(ports), Some(v)) => v.extend(ports.into_iter().map(|p| (p, c.name.as_str()))),
            (None, _) => others = None,
            _ => {}
        }
    }
    for px in cfg.proxies.iter().filter(|p| p.is_backend()) {
        for s in &px.servers {
            let local = s.host == "localhost"
                || s.host == ctx.pod.name
                || s.host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
            if !local {
                continue;
            }
            let Some(port) = s.port else {
                let ports: Vec<Arg> = own.iter().map(|b| Arg::Text(b.0.to_string())).collect();
                let msg = Key::HintServerNoPort.msg().arg("server", &s.name);
                let msg = if ports.is_empty() {
                    msg.arg_msg("ports", Key::HintNone)
                } else {
                    msg.arg_list("ports", ports)
                };
                out.push(hint(Diagnostic::warning, file, s.span, msg));
                continue;
            };
            if own.iter().any(|b| b.0 == port) {
                out.push(hint(
                    Diagnostic::warning,
                    file,
                    s.span,
                    Key::HintServerIsSelf
                        .msg()
                        .arg("server", &s.name)
                        .arg("host", &s.host)
                        .arg("port", port),
                ));
                continue;
            }
            let Some(others) = &others else { continue };
            if !others.iter().any(|(p, _)| *p == port) {
                let what = if others.is_empty() {
                    Arg::Msg(Key::HintNothingElse.msg())
                } else {
                    Arg::List(
                        others
                            .iter()
                            .map(|(p, n)| {
                                Arg::Msg(
                                    Key::HintListensOn.msg().arg("container", n).arg("port", p),
                                )
                            })
                            .collect(),
                    )
                };
                out.push(hint(
                    Diagnostic::warning,
                    file,
                    s.span,
                    Key::HintNothingListens
                        .msg()
                        .arg("pod", &ctx.pod.name)
                        .arg("port", port)
                        .arg_any("what", what)
                        .arg("server", &s.name),
                ));
            }
        }
    }
}

fn mount(ctx: &Context<'_>, file: FileId, out: &mut Vec<Diagnostic>) {
    let c = &ctx.pod.spec.containers[ctx.container];
    let path = config_path(ctx);
    let start = Span::new(0, 0);
    let mut found = Vec::new();
    for m in &c.mounts {
        let Some(v) = ctx.pod.spec.volumes.iter().find(|v| v.name == m.volume) else {
            continue;
        };
        let VolumeSourceSpec::ConfigMap { name, items, .. } = &v.source else {
            continue;
        };
        if name != ctx.configmap {
            continue;
        }
        let dir = m.path.trim_end_matches('/');
        // Where the key's file lands.
        let target = match &m.sub_path {
            Some(sp) if sp == ctx.key => Some(dir.to_string()),
            Some(_) => None,
            None if items.is_empty() => Some(format!("{dir}/{}", ctx.key)),
            None => items
                .iter()
                .find(|(k, _)| k == ctx.key)
                .map(|(_, p)| format!("{dir}/{p}")),
        };
        found.push((m.path.clone(), dir.to_string(), target));
    }
    if found.is_empty() {
        out.push(hint(
            Diagnostic::warning,
            file,
            start,
            Key::HintNoMount
                .msg()
                .arg("container", &c.name)
                .arg("configmap", ctx.configmap)
                .arg("path", &path),
        ));
        return;
    }
    if found
        .iter()
        .any(|(_, _, t)| t.as_deref() == Some(path.as_str()))
    {
        return;
    }
    for (mount_path, dir, target) in found {
        if dir == path && target.as_deref().is_some_and(|t| t.ends_with(".cfg")) {
            out.push(hint(
                Diagnostic::note,
                file,
                start,
                Key::HintMountDir
                    .msg()
                    .arg("mount", &mount_path)
                    .arg("path", &path),
            ));
            continue;
        }
        let lands = target.map_or(Arg::Msg(Key::HintNowhere.msg()), Arg::Text);
        out.push(hint(
            Diagnostic::warning,
            file,
            start,
            Key::HintMountElsewhere
                .msg()
                .arg("path", &path)
                .arg("mount", &mount_path)
                .arg("key", ctx.key)
                .arg_any("lands", lands),
        ));
    }
}

/// podlab's notes on every image of a pod, init containers first.
pub fn image_notes(file: FileId, pod: &PodObject) -> Vec<Diagnostic> {
    pod.spec
        .init_containers
        .iter()
        .chain(&pod.spec.containers)
        .filter_map(|c| image_note(file, &c.image, c.image_span))
        .collect()
}

/// podlab's word on an image it does not know: a near miss of a catalogued
/// one fails to pull, anything else runs as a container podlab cannot see
/// into. Both are podlab's own notes, not the API's.
pub fn image_note(file: FileId, image: &str, span: Span) -> Option<Diagnostic> {
    match images::lookup(image) {
        images::Lookup::Known(_) => None,
        images::Lookup::NearMiss { suggestion } => Some(
            Diagnostic::warning(Origin::Podlab)
                .with_msg(
                    Key::ImageNearMiss
                        .msg()
                        .arg("image", format!("{image:?}"))
                        .arg("suggestion", format!("{suggestion:?}")),
                )
                .with_label(Label::primary(file, span))
                .with_note_msg(Key::ImageDidYouMean.msg().arg("suggestion", suggestion)),
        ),
        images::Lookup::Unknown => Some(
            Diagnostic::note(Origin::Podlab)
                .with_msg(Key::ImageUnknown.msg().arg("image", format!("{image:?}")))
                .with_label(Label::primary(file, span)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::base::diag::FileId;
    use crate::model::base::yaml;
    use crate::model::lang::kube::{self, objects::Object};

    const CFG: FileId = FileId::HaproxyCfg;
    const POD: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: fruit-service
spec:
  containers:
    - name: legacy-fruit-service
      image: linuxacademycontent/legacy-fruit-service:1
    - name: fruit-service-ambassador
      image: haproxy:1.7
      volumeMounts:
        - name: v
          mountPath: "/usr/local/etc/haproxy/"
      ports:
          - containerPort: 80
  volumes:
    - name: v
      configMap:
        name: cm
"#;

    fn pod(yaml_text: &str) -> PodObject {
        let (docs, _) = yaml::parse(FileId::Workspace(0), yaml_text);
        match kube::decode_document(FileId::Workspace(0), 0, &docs[0]).result {
            Ok(Object::Pod(p)) => p,
            other => panic!("{other:?}"),
        }
    }

    /// The hints for `cfg` in the pod, one line each: severity and message.
    fn check(pod_yaml: &str, cfg: &str, expect: &str) {
        let p = pod(pod_yaml);
        let ctx = Context {
            pod: &p,
            container: 1,
            configmap: "cm",
            key: "haproxy.cfg",
            default_path: "/usr/local/etc/haproxy/haproxy.cfg",
        };
        let got: Vec<String> = cfg_hints(cfg, Version::V1_7, &ctx, CFG)
            .iter()
            .map(|d| {
                assert_eq!(d.origin, Origin::Podlab);
                format!("{:?}: {}", d.severity, d.message)
            })
            .collect();
        assert_eq!(got.join("\n"), expect.trim(), "\n{}", got.join("\n"));
    }

    const LAB: &str =
        "listen http-in\n    bind *:80\n    server server1 127.0.0.1:8775 maxconn 32\n";

    #[test]
    fn the_lab_has_no_hint() {
        check(POD, LAB, "");
    }

    #[test]
    fn ports_and_servers() {
        check(
            POD,
            "listen a\n bind 127.0.0.1:8080\n server s1 127.0.0.1:8776\n server s2 localhost\n server s3 127.0.0.1:8080\n",
            r#"
Warning: this listener is on 127.0.0.1 only, so other pods (busybox) cannot reach it; `*:8080` listens on every address
Note: HAProxy listens on port 8080, but container 'fruit-service-ambassador' declares containerPort 80; containerPort is informational, clients must use 8080
Warning: container 'fruit-service-ambassador' declares containerPort 80, but no bind in haproxy.cfg listens on it: connections to port 80 are refused
Warning: nothing in pod 'fruit-service' listens on port 8776 ('legacy-fruit-service' listens on 8775): connections to server 's1' are refused, and clients get 503 after HAProxy's retries
Warning: server 's2' has no port, so HAProxy connects to the port the client used (8080): its own listener. The request loops until the queue times out, then 503
Warning: server 's3' is 127.0.0.1:8080, HAProxy's own listener: requests loop back into HAProxy
"#,
        );
    }

    /// Every hint is typed: its English is `message`, and it reads in
    /// Traditional Chinese too, names and numbers as written.
    #[test]
    fn the_hints_read_in_traditional_chinese() {
        use crate::model::base::i18n::Lang;
        let p = pod(&POD.replace(
            "- containerPort: 80",
            "- containerPort: 80\n          - containerPort: 81",
        ));
        let ctx = Context {
            pod: &p,
            container: 1,
            configmap: "cm",
            key: "haproxy.cfg",
            default_path: "/usr/local/etc/haproxy/haproxy.cfg",
        };
        let cfg =
            "listen a\n bind 127.0.0.1:8080\n server s1 127.0.0.1:8776\n server s2 localhost\n";
        let got: Vec<String> = cfg_hints(cfg, Version::V1_7, &ctx, CFG)
            .iter()
            .map(|d| {
                let own = d.own.as_ref().expect("typed");
                assert_eq!(own.message.en(), d.message);
                own.message.render(Lang::ZhTw)
            })
            .collect();
        assert_eq!(
            got,
            [
                "這個監聽只在 127.0.0.1 上，其他 Pod（busybox）連不到它；`*:8080` 會監聽所有位址",
                "HAProxy 監聽連接埠 8080，但 container 'fruit-service-ambassador' 宣告的 containerPort 是 80、81；containerPort 僅供參考，用戶端必須使用 8080",
                "container 'fruit-service-ambassador' 宣告了 containerPort 80，但 haproxy.cfg 中沒有任何 bind 監聽它：連到連接埠 80 的連線會被拒絕",
                "container 'fruit-service-ambassador' 宣告了 containerPort 81，但 haproxy.cfg 中沒有任何 bind 監聽它：連到連接埠 81 的連線會被拒絕",
                "Pod 'fruit-service' 中沒有任何程式監聽連接埠 8776（'legacy-fruit-service' 監聽 8775）：連到 server 's1' 的連線會被拒絕，用戶端在 HAProxy 重試之後會得到 503",
                "server 's2' 沒有指定連接埠，所以 HAProxy 會連到用戶端所用的連接埠（8080），也就是它自己的監聽。請求會不斷繞回，直到佇列逾時，然後得到 503",
            ]
        );
        let d = image_note(FileId::Workspace(0), "haproxy:1.77", Span::default()).unwrap();
        let notes: Vec<String> = d
            .note_texts()
            .iter()
            .map(|t| t.render(Lang::ZhTw))
            .collect();
        assert_eq!(notes, ["podlab：你是指 `haproxy:1.7` 嗎？"]);
        assert_eq!(d.notes, ["podlab: did you mean `haproxy:1.7`?"]);
    }

    #[test]
    fn what_the_image_version_lacks() {
        check(
            POD,
            &format!("{LAB}    http-request return status 200 if {{ path /health }}\n"),
            "Warning: line 4: `http-request return` arrived in HAProxy 2.2; the pod's image 'haproxy:1.7' runs HAProxy 1.7.14",
        );
        check(
            &POD.replace("haproxy:1.7", "haproxy:2.6"),
            LAB,
            "Warning: the image 'haproxy:2.6' runs HAProxy as user haproxy, not root: binding port 80 fails with \"cannot bind socket (Permission denied)\"",
        );
    }

    #[test]
    fn mount_paths_and_keys() {
        check(
            &POD.replace("/usr/local/etc/haproxy/\"", "/etc/haproxy\""),
            LAB,
            "Warning: HAProxy reads /usr/local/etc/haproxy/haproxy.cfg, but with mountPath /etc/haproxy the ConfigMap key 'haproxy.cfg' lands at /etc/haproxy/haproxy.cfg: HAProxy exits with \"Cannot open configuration file\"",
        );
        check(
            &POD.replace(
                "/usr/local/etc/haproxy/\"",
                "/usr/local/etc/haproxy/haproxy.cfg\"",
            ),
            LAB,
            "Note: mountPath /usr/local/etc/haproxy/haproxy.cfg makes /usr/local/etc/haproxy/haproxy.cfg a directory; it works only because HAProxy loads every *.cfg file of a directory given to -f",
        );
        check(
            &POD.replace("name: cm", "name: other"),
            LAB,
            "Warning: container 'fruit-service-ambassador' mounts no volume of ConfigMap 'cm': HAProxy reads /usr/local/etc/haproxy/haproxy.cfg, which the image does not ship, and exits with \"Cannot open configuration file\"",
        );
    }

    #[test]
    fn the_lab_view_shows_the_hints_as_podlabs() {
        let mut files = crate::model::project::workspace::seed();
        let f = files
            .iter_mut()
            .find(|f| f.name == "fruit-service.yml")
            .unwrap();
        f.text = f.text.replace("/usr/local/etc/haproxy/", "/etc/haproxy");
        let view = crate::model::project::workspace::analyze(&files)
            .cfg
            .unwrap();
        let hints: Vec<&Diagnostic> = view
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("mountPath /etc/haproxy"))
            .collect();
        assert_eq!(hints.len(), 1, "{:?}", view.diagnostics);
        assert_eq!(hints[0].origin, Origin::Podlab);
        let seed =
            crate::model::project::workspace::analyze(&crate::model::project::workspace::seed())
                .cfg
                .unwrap();
        assert!(
            !seed.diagnostics.iter().any(|d| d.origin == Origin::Podlab),
            "{:?}",
            seed.diagnostics
        );
    }

    /// Decode `text` and print, as the API tests do, `ok Kind/name` and then
    /// podlab's image notes as `line:col origin: message`.
    fn check_images(text: &str, expect: &str) {
        let file = FileId::Workspace(0);
        let (docs, _) = yaml::parse(file, text);
        let mut out = String::new();
        let index = crate::model::base::diag::LineIndex::new(text);
        for (i, doc) in docs.iter().enumerate() {
            let decoded = kube::decode_document(file, i, doc);
            let Ok(obj) = &decoded.result else { continue };
            out.push_str(&format!("ok {}/{}\n", obj.kind(), obj.name()));
            let Object::Pod(p) = obj else { continue };
            for d in image_notes(file, p) {
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
        }
        assert_eq!(out.trim_end(), expect.trim(), "\n--- got ---\n{out}");
    }

    const POD_HEAD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: fruit-service\nspec:\n";

    /// Images are podlab's business, not the API's: the pod is accepted and
    /// podlab says what it will do with the image.
    #[test]
    fn near_miss_and_unknown_images() {
        check_images(
            &format!(
                "{POD_HEAD}  containers:\n  - name: a\n    image: haproxy:1.77\n  - name: b\n    image: redis:7\n"
            ),
            r#"
ok Pod/fruit-service
8:12 podlab: podlab takes "haproxy:1.77" for a typo of "haproxy:1.7": like a real node, it fails to pull a tag that does not exist (ErrImagePull, then ImagePullBackOff)
  podlab: did you mean `haproxy:1.7`?
10:12 podlab: podlab does not model the image "redis:7": its container runs, but podlab simulates none of its processes, output, files or ports
"#,
        );
    }
}
