//! `kubectl get TYPE [NAME…]`: pods, configmaps and namespaces as a table
//! (`-o wide`, `--no-headers`, `--show-labels`, `-A`) or as `-o yaml`,
//! `name`, `jsonpath=…` and `custom-columns=…`.

use super::util::{Ctx, Output, TYPED, UNMODELLED, resource};
use crate::model::lang::kube;
use crate::model::sim::cluster::Pod;
use crate::model::tools::kubectl::{object, pod_row, table};

/// The flags of `kubectl get` podlab acts on (`--watch` and `-l` to say
/// that it does not model them).
pub(super) const FLAGS: &[&str] = &[
    "output",
    "no-headers",
    "all-namespaces",
    "watch",
    "show-labels",
    "selector",
    "allow-missing-template-keys",
];

impl Ctx<'_> {
    pub(super) fn get(&mut self) -> Output {
        let mut o = Output::default();
        if self.p.on("watch") {
            return o.fail("podlab: --watch is not modelled; the pods panel shows status live");
        }
        if self.p.get("selector").is_some() {
            return o.fail("podlab: label selectors (-l) are not modelled");
        }
        // cobra::validate made sure of a resource.
        let args = self.p.all_args();
        let Some(first) = args.first().cloned() else {
            return o;
        };
        // `pod/name` form.
        let (kind_word, mut names): (String, Vec<String>) = match first.split_once('/') {
            Some((k, n)) => (k.to_string(), vec![n.to_string()]),
            None => (first.clone(), Vec::new()),
        };
        names.extend(args[1..].iter().cloned());
        let Some(kind) = resource(&kind_word) else {
            if UNMODELLED.contains(&kind_word.to_ascii_lowercase().as_str()) {
                return o.fail(&format!(
                    "podlab: `kubectl get {kind_word}` is not modelled: podlab simulates pods, configmaps and namespaces"
                ));
            }
            return o.fail(&format!(
                "error: the server doesn't have a resource type \"{kind_word}\""
            ));
        };
        let all_ns = self.p.on("all-namespaces");
        if !all_ns && kind != "namespaces" && !self.namespace_exists() && names.is_empty() {
            o.err(&format!("No resources found in {} namespace.", self.ns));
            return o;
        }
        let format = self.p.get("output").unwrap_or("").to_string();
        let (fmt, arg) = match format.split_once('=') {
            Some((f, a)) => (f.to_string(), a.to_string()),
            None => (format.clone(), String::new()),
        };
        // Gather (namespace, name, value, row).
        let mut found: Vec<(String, String, serde_json::Value, Vec<String>)> = Vec::new();
        let mut missing = Vec::new();
        let header: Vec<String>;
        let wide = fmt == "wide";
        match kind {
            "pods" => {
                header = get_pods_header(wide);
                let pods: Vec<&Pod> = self
                    .cl
                    .pods
                    .values()
                    .filter(|p| all_ns || p.namespace == self.ns)
                    .collect();
                self.select(
                    &names,
                    &pods,
                    |p| p.name().to_string(),
                    &mut missing,
                    |p| {
                        (
                            p.namespace.clone(),
                            p.name().to_string(),
                            object::pod(self.cl, p),
                            pod_row(self.cl, p, wide),
                        )
                    },
                    &mut found,
                );
            }
            "configmaps" => {
                header = ["NAME", "DATA", "AGE"].map(String::from).to_vec();
                let mut cms: Vec<(String, String, serde_json::Value, Vec<String>)> = Vec::new();
                for (nsname, created) in &self.cl.namespaces {
                    if !(all_ns || *nsname == self.ns) {
                        continue;
                    }
                    // Every namespace holds the cluster's CA bundle
                    // (the root-ca-cert-publisher controller).
                    let root = kube::objects::ConfigMapObject {
                        name: "kube-root-ca.crt".into(),
                        namespace: Some(nsname.clone()),
                        data: crate::model::base::sort::btree_map([("ca.crt".to_string(), "-----BEGIN CERTIFICATE-----\n(podlab: not a real certificate)\n-----END CERTIFICATE-----\n".to_string())]),
                        source: TYPED,
                    };
                    let mut here: Vec<(
                        &kube::objects::ConfigMapObject,
                        crate::model::base::time::SimTime,
                    )> = vec![(&root, *created)];
                    for ((cns, _), (cm, t)) in &self.cl.config_maps {
                        if cns == nsname {
                            here.push((cm, *t));
                        }
                    }
                    crate::model::base::sort::sort_by(&mut here, |a, b| a.0.name.cmp(&b.0.name));
                    for (cm, t) in here {
                        cms.push((
                            nsname.clone(),
                            cm.name.clone(),
                            object::config_map(self.cl, cm, nsname, t),
                            vec![
                                cm.name.clone(),
                                cm.data.len().to_string(),
                                table::human_duration(self.cl.now.since(t)),
                            ],
                        ));
                    }
                }
                self.select_rows(&names, cms, &mut missing, &mut found);
            }
            _ => {
                header = ["NAME", "STATUS", "AGE"].map(String::from).to_vec();
                let rows = self
                    .cl
                    .namespaces
                    .iter()
                    .map(|(n, t)| {
                        (
                            String::new(),
                            n.clone(),
                            object::namespace(self.cl, n, *t),
                            vec![
                                n.clone(),
                                "Active".into(),
                                table::human_duration(self.cl.now.since(*t)),
                            ],
                        )
                    })
                    .collect();
                self.select_rows(&names, rows, &mut missing, &mut found);
            }
        }
        let singular = kind.trim_end_matches('s');
        let show_ns = all_ns && kind != "namespaces";
        match fmt.as_str() {
            "" | "wide" => {
                if !found.is_empty() {
                    let mut rows = Vec::new();
                    if !self.p.on("no-headers") {
                        let mut h = header.clone();
                        if show_ns {
                            h.insert(0, "NAMESPACE".into());
                        }
                        if self.p.on("show-labels") {
                            h.push("LABELS".into());
                        }
                        rows.push(h);
                    }
                    for (n, _, v, r) in &found {
                        let mut r = r.clone();
                        if show_ns {
                            r.insert(0, n.clone());
                        }
                        if self.p.on("show-labels") {
                            r.push(labels_of(v));
                        }
                        rows.push(r);
                    }
                    o.out(&table::render(&rows));
                }
            }
            "yaml" => {
                if !found.is_empty() {
                    let v = if names.is_empty() || found.len() > 1 {
                        object::list(found.iter().map(|f| f.2.clone()).collect())
                    } else {
                        found[0].2.clone()
                    };
                    o.out(&object::to_yaml(&v));
                }
            }
            "name" => {
                for (_, n, _, _) in &found {
                    o.out(&format!("{singular}/{n}\n"));
                }
            }
            "jsonpath" => {
                let tpl = unquote(&arg);
                // kubectl's printGeneric makes its printer once it has the
                // objects (a single name not found fails before), and a
                // template it cannot parse fails there.
                let not_found = names.len() == 1 && !missing.is_empty();
                if let (Err(e), false) = (object::check_jsonpath(&tpl), not_found) {
                    return o.fail(&format!("error: error parsing jsonpath {tpl}, {e}"));
                }
                let v = if names.is_empty() {
                    object::list(found.iter().map(|f| f.2.clone()).collect())
                } else if let Some(f) = found.first() {
                    f.2.clone()
                } else {
                    serde_json::Value::Null
                };
                // `--allow-missing-template-keys`, true unless given false.
                let allow_missing = self.p.get("allow-missing-template-keys").is_none_or(|b| {
                    crate::model::tools::kubectl::flags::parse_bool(b) != Ok(false)
                });
                if !found.is_empty() || names.is_empty() {
                    match object::jsonpath(&v, &tpl, allow_missing) {
                        Ok(s) => o.out(&s),
                        Err(e) => {
                            o.err(&format!(
                                "error: error executing jsonpath \"{tpl}\": Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{tpl}\n\tobject given to jsonpath engine was:\n\t\t{}\n\n\n",
                                object::go_sharp_v(&v)
                            ));
                            o.code = 1;
                            return o;
                        }
                    }
                }
            }
            "custom-columns" => {
                let cols = match parse_columns(&arg) {
                    Ok(c) => c,
                    Err(e) => return o.fail(&e),
                };
                let mut rows = Vec::new();
                if !self.p.on("no-headers") {
                    rows.push(cols.iter().map(|c| c.0.clone()).collect());
                }
                for (_, _, v, _) in &found {
                    let mut row = Vec::new();
                    for (_, path) in &cols {
                        let vals = match object::select(v, path) {
                            Ok(v) => v,
                            Err(e) => return o.fail(&format!("error: {e}")),
                        };
                        row.push(if vals.is_empty() {
                            "<none>".to_string()
                        } else {
                            vals.iter()
                                .map(|x| object::text(x))
                                .collect::<Vec<_>>()
                                .join(",")
                        });
                    }
                    rows.push(row);
                }
                if !rows.is_empty() {
                    o.out(&table::render(&rows));
                }
            }
            "json" | "go-template" | "jsonpath-as-json" | "template" => {
                return o.fail(&format!(
                    "podlab: -o {fmt} is not modelled; -o yaml shows the same object"
                ));
            }
            other => {
                return o.fail(&format!(
                    "error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"
                ));
            }
        }
        for n in &missing {
            o.err(&format!(
                "Error from server (NotFound): {kind} \"{n}\" not found"
            ));
            o.code = 1;
        }
        if found.is_empty() && missing.is_empty() {
            if all_ns || kind == "namespaces" {
                o.err("No resources found");
            } else {
                o.err(&format!("No resources found in {} namespace.", self.ns));
            }
        }
        o
    }

    #[allow(clippy::too_many_arguments)]
    fn select<T>(
        &self,
        names: &[String],
        items: &[T],
        name_of: impl Fn(&T) -> String,
        missing: &mut Vec<String>,
        make: impl Fn(&T) -> (String, String, serde_json::Value, Vec<String>),
        found: &mut Vec<(String, String, serde_json::Value, Vec<String>)>,
    ) {
        if names.is_empty() {
            found.extend(items.iter().map(&make));
            return;
        }
        for n in names {
            match items.iter().find(|i| &name_of(i) == n) {
                Some(i) => found.push(make(i)),
                None => missing.push(n.clone()),
            }
        }
    }

    fn select_rows(
        &self,
        names: &[String],
        rows: Vec<(String, String, serde_json::Value, Vec<String>)>,
        missing: &mut Vec<String>,
        found: &mut Vec<(String, String, serde_json::Value, Vec<String>)>,
    ) {
        self.select(names, &rows, |r| r.1.clone(), missing, Clone::clone, found);
    }
}

fn get_pods_header(wide: bool) -> Vec<String> {
    let mut h: Vec<String> = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
        .map(String::from)
        .to_vec();
    if wide {
        h.extend(["IP", "NODE", "NOMINATED NODE", "READINESS GATES"].map(String::from));
    }
    h
}

fn labels_of(v: &serde_json::Value) -> String {
    match v.pointer("/metadata/labels").and_then(|l| l.as_object()) {
        Some(m) if !m.is_empty() => m
            .iter()
            .map(|(k, v)| format!("{k}={}", object::text(v)))
            .collect::<Vec<_>>()
            .join(","),
        _ => "<none>".into(),
    }
}

fn unquote(s: &str) -> String {
    let t = s.trim();
    for q in ['\'', '"'] {
        if let Some(x) = t.strip_prefix(q).and_then(|x| x.strip_suffix(q)) {
            return x.to_string();
        }
    }
    t.to_string()
}

/// `-o custom-columns=HEADER:PATH,…`.
fn parse_columns(spec: &str) -> Result<Vec<(String, String)>, String> {
    if spec.is_empty() {
        return Err("error: custom-columns format specified but no custom columns given".into());
    }
    spec.split(',')
        .map(|col| match col.split_once(':') {
            Some((h, p)) if !h.is_empty() => Ok((h.to_string(), p.to_string())),
            _ => Err(format!(
                "error: unexpected custom-columns spec: {col}, expected <header>:<json-path-expr>"
            )),
        })
        .collect()
}
