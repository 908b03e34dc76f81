//! The flags of the kubectl commands podlab does not run, typed as kubectl
//! 1.32 declares them (generated from `kubectl CMD --help` and probing each
//! flag with `--flag='a"b'`, `--flag=3000000000` and a bare `--flag`
//! against /usr/bin/kubectl), so that a typo or a bad value in them gets
//! kubectl's own error before podlab says it does not model the command.

use crate::model::tools::kubectl::flags::{Flag, Kind, flag, optional};

/// `kubectl expose`.
pub const EXPOSE: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("cluster-ip", None, Kind::String),
    optional("dry-run", "unchanged"),
    flag("external-ip", None, Kind::String),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("labels", Some('l'), Kind::String),
    flag("load-balancer-ip", None, Kind::String),
    flag("name", None, Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("override-type", None, Kind::String),
    flag("overrides", None, Kind::String),
    flag("port", None, Kind::String),
    flag("protocol", None, Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("save-config", None, Kind::Bool),
    flag("selector", None, Kind::String),
    flag("session-affinity", None, Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("target-port", None, Kind::String),
    flag("template", None, Kind::String),
    flag("type", None, Kind::String),
];

/// `kubectl run`.
pub const RUN: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("annotations", None, Kind::StringArray),
    flag("attach", None, Kind::Bool),
    optional("cascade", "background"),
    flag("command", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("env", None, Kind::StringArray),
    flag("expose", None, Kind::Bool),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("force", None, Kind::Bool),
    flag("grace-period", None, Kind::Int),
    flag("image", None, Kind::String),
    flag("image-pull-policy", None, Kind::String),
    flag("kustomize", Some('k'), Kind::String),
    flag("labels", Some('l'), Kind::String),
    flag("leave-stdin-open", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("override-type", None, Kind::String),
    flag("overrides", None, Kind::String),
    flag("pod-running-timeout", None, Kind::Duration),
    flag("port", None, Kind::String),
    flag("privileged", None, Kind::Bool),
    flag("quiet", Some('q'), Kind::Bool),
    flag("recursive", Some('R'), Kind::Bool),
    flag("restart", None, Kind::String),
    flag("rm", None, Kind::Bool),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("stdin", Some('i'), Kind::Bool),
    flag("template", None, Kind::String),
    flag("timeout", None, Kind::Duration),
    flag("tty", Some('t'), Kind::Bool),
    flag("wait", None, Kind::Bool),
];

/// `kubectl explain`.
pub const EXPLAIN: &[Flag] = &[
    flag("api-version", None, Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("recursive", None, Kind::Bool),
];

/// `kubectl edit`.
pub const EDIT: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("output-patch", None, Kind::Bool),
    flag("recursive", Some('R'), Kind::Bool),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("subresource", None, Kind::String),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
    flag("windows-line-endings", None, Kind::Bool),
];

/// `kubectl scale`.
pub const SCALE: &[Flag] = &[
    flag("all", None, Kind::Bool),
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("current-replicas", None, Kind::Int),
    optional("dry-run", "unchanged"),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("replicas", None, Kind::Int),
    flag("resource-version", None, Kind::String),
    flag("selector", Some('l'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    flag("timeout", None, Kind::Duration),
];

/// `kubectl autoscale`.
pub const AUTOSCALE: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("cpu-percent", None, Kind::Int32),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("max", None, Kind::Int32),
    flag("min", None, Kind::Int32),
    flag("name", None, Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl cordon`.
pub const CORDON: &[Flag] = &[
    optional("dry-run", "unchanged"),
    flag("selector", Some('l'), Kind::String),
];

/// `kubectl uncordon`.
pub const UNCORDON: &[Flag] = &[
    optional("dry-run", "unchanged"),
    flag("selector", Some('l'), Kind::String),
];

/// `kubectl drain`.
pub const DRAIN: &[Flag] = &[
    flag("chunk-size", None, Kind::Int),
    flag("delete-emptydir-data", None, Kind::Bool),
    flag("disable-eviction", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("force", None, Kind::Bool),
    flag("grace-period", None, Kind::Int),
    flag("ignore-daemonsets", None, Kind::Bool),
    flag("pod-selector", None, Kind::String),
    flag("selector", Some('l'), Kind::String),
    flag("skip-wait-for-delete-timeout", None, Kind::Int),
    flag("timeout", None, Kind::Duration),
];

/// `kubectl taint`.
pub const TAINT: &[Flag] = &[
    flag("all", None, Kind::Bool),
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("overwrite", None, Kind::Bool),
    flag("selector", Some('l'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl attach`.
pub const ATTACH: &[Flag] = &[
    flag("container", Some('c'), Kind::String),
    flag("pod-running-timeout", None, Kind::Duration),
    flag("quiet", Some('q'), Kind::Bool),
    flag("stdin", Some('i'), Kind::Bool),
    flag("tty", Some('t'), Kind::Bool),
];

/// `kubectl port-forward`.
pub const PORT_FORWARD: &[Flag] = &[
    flag("address", None, Kind::StringSlice),
    flag("pod-running-timeout", None, Kind::Duration),
];

/// `kubectl cp`.
pub const CP: &[Flag] = &[
    flag("container", Some('c'), Kind::String),
    flag("no-preserve", None, Kind::Bool),
    flag("retries", None, Kind::Int),
];

/// `kubectl debug`.
pub const DEBUG: &[Flag] = &[
    flag("arguments-only", None, Kind::Bool),
    flag("attach", None, Kind::Bool),
    flag("container", Some('c'), Kind::String),
    flag("copy-to", None, Kind::String),
    flag("custom", None, Kind::String),
    flag("env", None, Kind::StringToString),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("image", None, Kind::String),
    flag("image-pull-policy", None, Kind::String),
    flag("keep-annotations", None, Kind::Bool),
    flag("keep-init-containers", None, Kind::Bool),
    flag("keep-labels", None, Kind::Bool),
    flag("keep-liveness", None, Kind::Bool),
    flag("keep-readiness", None, Kind::Bool),
    flag("keep-startup", None, Kind::Bool),
    flag("profile", None, Kind::String),
    flag("quiet", Some('q'), Kind::Bool),
    flag("replace", None, Kind::Bool),
    flag("same-node", None, Kind::Bool),
    flag("set-image", None, Kind::StringToString),
    flag("share-processes", None, Kind::Bool),
    flag("stdin", Some('i'), Kind::Bool),
    flag("target", None, Kind::String),
    flag("tty", Some('t'), Kind::Bool),
];

/// `kubectl events`.
pub const EVENTS: &[Flag] = &[
    flag("all-namespaces", Some('A'), Kind::Bool),
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("chunk-size", None, Kind::Int),
    flag("for", None, Kind::String),
    flag("no-headers", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    flag("types", None, Kind::StringSlice),
    flag("watch", Some('w'), Kind::Bool),
];

/// `kubectl diff`.
pub const DIFF: &[Flag] = &[
    flag("concurrency", None, Kind::Int),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("force-conflicts", None, Kind::Bool),
    flag("kustomize", Some('k'), Kind::String),
    flag("prune", None, Kind::Bool),
    flag("prune-allowlist", None, Kind::StringArray),
    flag("recursive", Some('R'), Kind::Bool),
    flag("selector", Some('l'), Kind::String),
    flag("server-side", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
];

/// `kubectl patch`.
pub const PATCH: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("local", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("patch", Some('p'), Kind::String),
    flag("patch-file", None, Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("subresource", None, Kind::String),
    flag("template", None, Kind::String),
    flag("type", None, Kind::String),
];

/// `kubectl replace`.
pub const REPLACE: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("cascade", "background"),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("force", None, Kind::Bool),
    flag("grace-period", None, Kind::Int),
    flag("kustomize", Some('k'), Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("raw", None, Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("subresource", None, Kind::String),
    flag("template", None, Kind::String),
    flag("timeout", None, Kind::Duration),
    optional("validate", "strict"),
    flag("wait", None, Kind::Bool),
];

/// `kubectl wait`.
pub const WAIT: &[Flag] = &[
    flag("all", None, Kind::Bool),
    flag("all-namespaces", Some('A'), Kind::Bool),
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("field-selector", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("for", None, Kind::String),
    flag("local", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("selector", Some('l'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    flag("timeout", None, Kind::Duration),
];

/// `kubectl kustomize`.
pub const KUSTOMIZE: &[Flag] = &[
    flag("as-current-user", None, Kind::Bool),
    flag("enable-alpha-plugins", None, Kind::Bool),
    flag("enable-helm", None, Kind::Bool),
    flag("env", Some('e'), Kind::StringArray),
    flag("helm-api-versions", None, Kind::StringArray),
    flag("helm-command", None, Kind::String),
    flag("helm-debug", None, Kind::Bool),
    flag("helm-kube-version", None, Kind::String),
    flag("load-restrictor", None, Kind::String),
    flag("mount", None, Kind::StringArray),
    flag("network", None, Kind::Bool),
    flag("network-name", None, Kind::String),
    flag("output", Some('o'), Kind::String),
];

/// `kubectl label`.
pub const LABEL: &[Flag] = &[
    flag("all", None, Kind::Bool),
    flag("all-namespaces", Some('A'), Kind::Bool),
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("field-selector", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("list", None, Kind::Bool),
    flag("local", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("overwrite", None, Kind::Bool),
    flag("recursive", Some('R'), Kind::Bool),
    flag("resource-version", None, Kind::String),
    flag("selector", Some('l'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl annotate`.
pub const ANNOTATE: &[Flag] = &[
    flag("all", None, Kind::Bool),
    flag("all-namespaces", Some('A'), Kind::Bool),
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("field-selector", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("list", None, Kind::Bool),
    flag("local", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("overwrite", None, Kind::Bool),
    flag("recursive", Some('R'), Kind::Bool),
    flag("resource-version", None, Kind::String),
    flag("selector", Some('l'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl completion`.
pub const COMPLETION: &[Flag] = &[];

/// `kubectl api-versions`.
pub const API_VERSIONS: &[Flag] = &[];

/// `kubectl api-resources`.
pub const API_RESOURCES: &[Flag] = &[
    flag("api-group", None, Kind::String),
    flag("cached", None, Kind::Bool),
    flag("categories", None, Kind::StringSlice),
    flag("namespaced", None, Kind::Bool),
    flag("no-headers", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("sort-by", None, Kind::String),
    flag("verbs", None, Kind::StringSlice),
];

/// `kubectl options`.
pub const OPTIONS: &[Flag] = &[];

/// `kubectl create clusterrole`.
pub const CREATE_CLUSTERROLE: &[Flag] = &[
    flag("aggregation-rule", None, Kind::MapStringString),
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("non-resource-url", None, Kind::StringSlice),
    flag("output", Some('o'), Kind::String),
    flag("resource", None, Kind::StringSlice),
    flag("resource-name", None, Kind::StringArray),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
    flag("verb", None, Kind::StringSlice),
];

/// `kubectl create clusterrolebinding`.
pub const CREATE_CLUSTERROLEBINDING: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("clusterrole", None, Kind::String),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("group", None, Kind::StringArray),
    flag("output", Some('o'), Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("serviceaccount", None, Kind::StringArray),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    flag("user", None, Kind::StringArray),
    optional("validate", "strict"),
];

/// `kubectl create configmap`.
pub const CREATE_CONFIGMAP: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("append-hash", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("from-env-file", None, Kind::StringSlice),
    flag("from-file", None, Kind::StringSlice),
    flag("from-literal", None, Kind::StringArray),
    flag("output", Some('o'), Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl create cronjob`.
pub const CREATE_CRONJOB: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("image", None, Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("restart", None, Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("schedule", None, Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl create deployment`.
pub const CREATE_DEPLOYMENT: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("image", None, Kind::StringSlice),
    flag("output", Some('o'), Kind::String),
    flag("port", None, Kind::Int32),
    flag("replicas", Some('r'), Kind::Int32),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl create ingress`.
pub const CREATE_INGRESS: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("annotation", None, Kind::StringArray),
    flag("class", None, Kind::String),
    flag("default-backend", None, Kind::String),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("rule", None, Kind::StringArray),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl create job`.
pub const CREATE_JOB: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("from", None, Kind::String),
    flag("image", None, Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl create poddisruptionbudget`.
pub const CREATE_PODDISRUPTIONBUDGET: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("max-unavailable", None, Kind::String),
    flag("min-available", None, Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("selector", None, Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl create priorityclass`.
pub const CREATE_PRIORITYCLASS: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("description", None, Kind::String),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("global-default", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("preemption-policy", None, Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
    flag("value", None, Kind::Int32),
];

/// `kubectl create quota`.
pub const CREATE_QUOTA: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("hard", None, Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("scopes", None, Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl create role`.
pub const CREATE_ROLE: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("resource", None, Kind::StringSlice),
    flag("resource-name", None, Kind::StringArray),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
    flag("verb", None, Kind::StringSlice),
];

/// `kubectl create rolebinding`.
pub const CREATE_ROLEBINDING: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("clusterrole", None, Kind::String),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("group", None, Kind::StringArray),
    flag("output", Some('o'), Kind::String),
    flag("role", None, Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("serviceaccount", None, Kind::StringArray),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    flag("user", None, Kind::StringArray),
    optional("validate", "strict"),
];

/// `kubectl create serviceaccount`.
pub const CREATE_SERVICEACCOUNT: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl create token`.
pub const CREATE_TOKEN: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("audience", None, Kind::StringArray),
    flag("bound-object-kind", None, Kind::String),
    flag("bound-object-name", None, Kind::String),
    flag("bound-object-uid", None, Kind::String),
    flag("duration", None, Kind::Duration),
    flag("output", Some('o'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl create secret docker-registry`.
pub const CREATE_SECRET_DOCKER_REGISTRY: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("append-hash", None, Kind::Bool),
    flag("docker-email", None, Kind::String),
    flag("docker-password", None, Kind::String),
    flag("docker-server", None, Kind::String),
    flag("docker-username", None, Kind::String),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("from-file", None, Kind::StringSlice),
    flag("output", Some('o'), Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl create secret generic`.
pub const CREATE_SECRET_GENERIC: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("append-hash", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("from-env-file", None, Kind::StringSlice),
    flag("from-file", None, Kind::StringSlice),
    flag("from-literal", None, Kind::StringArray),
    flag("output", Some('o'), Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    flag("type", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl create secret tls`.
pub const CREATE_SECRET_TLS: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("append-hash", None, Kind::Bool),
    flag("cert", None, Kind::String),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("key", None, Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl create service clusterip`.
pub const CREATE_SERVICE_CLUSTERIP: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("clusterip", None, Kind::String),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("tcp", None, Kind::StringSlice),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl create service externalname`.
pub const CREATE_SERVICE_EXTERNALNAME: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("external-name", None, Kind::String),
    flag("field-manager", None, Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("tcp", None, Kind::StringSlice),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl create service loadbalancer`.
pub const CREATE_SERVICE_LOADBALANCER: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("tcp", None, Kind::StringSlice),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl create service nodeport`.
pub const CREATE_SERVICE_NODEPORT: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("node-port", None, Kind::Int),
    flag("output", Some('o'), Kind::String),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("tcp", None, Kind::StringSlice),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
];

/// `kubectl set env`.
pub const SET_ENV: &[Flag] = &[
    flag("all", None, Kind::Bool),
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("containers", Some('c'), Kind::String),
    optional("dry-run", "unchanged"),
    flag("env", Some('e'), Kind::StringArray),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("from", None, Kind::String),
    flag("keys", None, Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("list", None, Kind::Bool),
    flag("local", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("overwrite", None, Kind::Bool),
    flag("prefix", None, Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("resolve", None, Kind::Bool),
    flag("selector", Some('l'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl set image`.
pub const SET_IMAGE: &[Flag] = &[
    flag("all", None, Kind::Bool),
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("local", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("selector", Some('l'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl set resources`.
pub const SET_RESOURCES: &[Flag] = &[
    flag("all", None, Kind::Bool),
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("containers", Some('c'), Kind::String),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("limits", None, Kind::String),
    flag("local", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("requests", None, Kind::String),
    flag("selector", Some('l'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl set selector`.
pub const SET_SELECTOR: &[Flag] = &[
    flag("all", None, Kind::Bool),
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("local", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("resource-version", None, Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl set serviceaccount`.
pub const SET_SERVICEACCOUNT: &[Flag] = &[
    flag("all", None, Kind::Bool),
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("local", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl set subject`.
pub const SET_SUBJECT: &[Flag] = &[
    flag("all", None, Kind::Bool),
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("group", None, Kind::StringArray),
    flag("kustomize", Some('k'), Kind::String),
    flag("local", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("selector", Some('l'), Kind::String),
    flag("serviceaccount", None, Kind::StringArray),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    flag("user", None, Kind::StringArray),
];

/// `kubectl rollout history`.
pub const ROLLOUT_HISTORY: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("revision", None, Kind::Int),
    flag("selector", Some('l'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl rollout pause`.
pub const ROLLOUT_PAUSE: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("selector", Some('l'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl rollout restart`.
pub const ROLLOUT_RESTART: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("selector", Some('l'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl rollout resume`.
pub const ROLLOUT_RESUME: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("selector", Some('l'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl rollout status`.
pub const ROLLOUT_STATUS: &[Flag] = &[
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("revision", None, Kind::Int),
    flag("selector", Some('l'), Kind::String),
    flag("timeout", None, Kind::Duration),
    flag("watch", Some('w'), Kind::Bool),
];

/// `kubectl rollout undo`.
pub const ROLLOUT_UNDO: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("selector", Some('l'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    flag("to-revision", None, Kind::Int),
];

/// `kubectl top node`.
pub const TOP_NODE: &[Flag] = &[
    flag("no-headers", None, Kind::Bool),
    flag("selector", Some('l'), Kind::String),
    flag("show-capacity", None, Kind::Bool),
    flag("sort-by", None, Kind::String),
    flag("use-protocol-buffers", None, Kind::Bool),
];

/// `kubectl top pod`.
pub const TOP_POD: &[Flag] = &[
    flag("all-namespaces", Some('A'), Kind::Bool),
    flag("containers", None, Kind::Bool),
    flag("field-selector", None, Kind::String),
    flag("no-headers", None, Kind::Bool),
    flag("selector", Some('l'), Kind::String),
    flag("sort-by", None, Kind::String),
    flag("sum", None, Kind::Bool),
    flag("use-protocol-buffers", None, Kind::Bool),
];

/// `kubectl auth can-i`.
pub const AUTH_CAN_I: &[Flag] = &[
    flag("all-namespaces", Some('A'), Kind::Bool),
    flag("list", None, Kind::Bool),
    flag("no-headers", None, Kind::Bool),
    flag("quiet", Some('q'), Kind::Bool),
    flag("subresource", None, Kind::String),
];

/// `kubectl auth reconcile`.
pub const AUTH_RECONCILE: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("remove-extra-permissions", None, Kind::Bool),
    flag("remove-extra-subjects", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl auth whoami`.
pub const AUTH_WHOAMI: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl config current-context`.
pub const CONFIG_CURRENT_CONTEXT: &[Flag] = &[];

/// `kubectl config delete-cluster`.
pub const CONFIG_DELETE_CLUSTER: &[Flag] = &[];

/// `kubectl config delete-context`.
pub const CONFIG_DELETE_CONTEXT: &[Flag] = &[];

/// `kubectl config delete-user`.
pub const CONFIG_DELETE_USER: &[Flag] = &[];

/// `kubectl config get-clusters`.
pub const CONFIG_GET_CLUSTERS: &[Flag] = &[];

/// `kubectl config get-contexts`.
pub const CONFIG_GET_CONTEXTS: &[Flag] = &[
    flag("no-headers", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
];

/// `kubectl config get-users`.
pub const CONFIG_GET_USERS: &[Flag] = &[];

/// `kubectl config rename-context`.
pub const CONFIG_RENAME_CONTEXT: &[Flag] = &[];

/// `kubectl config set`.
pub const CONFIG_SET: &[Flag] = &[flag("set-raw-bytes", None, Kind::Bool)];

/// `kubectl config set-cluster`.
pub const CONFIG_SET_CLUSTER: &[Flag] = &[
    flag("certificate-authority", None, Kind::String),
    flag("embed-certs", None, Kind::Bool),
    flag("insecure-skip-tls-verify", None, Kind::Bool),
    flag("proxy-url", None, Kind::String),
    flag("server", None, Kind::String),
    flag("tls-server-name", None, Kind::String),
];

/// `kubectl config set-context`.
pub const CONFIG_SET_CONTEXT: &[Flag] = &[
    flag("cluster", None, Kind::String),
    flag("current", None, Kind::Bool),
    flag("namespace", None, Kind::String),
    flag("user", None, Kind::String),
];

/// `kubectl config set-credentials`.
pub const CONFIG_SET_CREDENTIALS: &[Flag] = &[
    flag("auth-provider", None, Kind::String),
    flag("auth-provider-arg", None, Kind::StringSlice),
    flag("client-certificate", None, Kind::String),
    flag("client-key", None, Kind::String),
    flag("embed-certs", None, Kind::Bool),
    flag("exec-api-version", None, Kind::String),
    flag("exec-arg", None, Kind::StringSlice),
    flag("exec-command", None, Kind::String),
    flag("exec-env", None, Kind::StringArray),
    flag("exec-interactive-mode", None, Kind::String),
    flag("exec-provide-cluster-info", None, Kind::Bool),
    flag("password", None, Kind::String),
    flag("token", None, Kind::String),
    flag("username", None, Kind::String),
];

/// `kubectl config unset`.
pub const CONFIG_UNSET: &[Flag] = &[];

/// `kubectl config use-context`.
pub const CONFIG_USE_CONTEXT: &[Flag] = &[];

/// `kubectl config view`.
pub const CONFIG_VIEW: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("flatten", None, Kind::Bool),
    flag("merge", None, Kind::Bool),
    flag("minify", None, Kind::Bool),
    flag("output", Some('o'), Kind::String),
    flag("raw", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl plugin list`.
pub const PLUGIN_LIST: &[Flag] = &[flag("name-only", None, Kind::Bool)];

/// `kubectl apply edit-last-applied`.
pub const APPLY_EDIT_LAST_APPLIED: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("field-manager", None, Kind::String),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
    optional("validate", "strict"),
    flag("windows-line-endings", None, Kind::Bool),
];

/// `kubectl apply set-last-applied`.
pub const APPLY_SET_LAST_APPLIED: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("create-annotation", None, Kind::Bool),
    optional("dry-run", "unchanged"),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("output", Some('o'), Kind::String),
    flag("show-managed-fields", None, Kind::Bool),
    flag("template", None, Kind::String),
];

/// `kubectl apply view-last-applied`.
pub const APPLY_VIEW_LAST_APPLIED: &[Flag] = &[
    flag("all", None, Kind::Bool),
    flag("filename", Some('f'), Kind::StringSlice),
    flag("kustomize", Some('k'), Kind::String),
    flag("output", Some('o'), Kind::String),
    flag("recursive", Some('R'), Kind::Bool),
    flag("selector", Some('l'), Kind::String),
];
