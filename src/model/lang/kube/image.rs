//! Image references as a pod spec writes them (`[registry/]name[:tag]`):
//! the API's defaulting reads the tag (`imagePullPolicy` is `Always` for
//! `:latest`), and the catalogue and kubectl read the name.

/// Split `[registry/]name[:tag]` into a normalised name and tag.
pub fn split(reference: &str) -> (String, String) {
    let r = reference.trim();
    let r = r.strip_prefix("docker.io/").unwrap_or(r);
    let r = r.strip_prefix("library/").unwrap_or(r);
    let (name, tag) = match r.rsplit_once(':') {
        Some((n, t)) if !t.contains('/') => (n, t),
        _ => (r, "latest"),
    };
    let name = name.strip_prefix("library/").unwrap_or(name);
    (name.to_string(), tag.to_string())
}
