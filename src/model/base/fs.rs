//! Files a container sees: its image's files, the kubelet-managed
//! /etc/hosts, and the pod's volumes at their mount paths. A configMap volume
//! holds each key as a file (with the `..data` indirection kubelet's atomic
//! writer creates); an emptyDir is shared, writable storage.

use std::collections::BTreeMap;

/// A path, normalised: absolute, no trailing slash, no `.`/`..`/`//`.
pub fn normalize(path: &str) -> String {
    // Most paths are already normal (`/var/log/1.log`): taken as they are.
    let normal = path == "/"
        || path
            .strip_prefix('/')
            .is_some_and(|rest| rest.split('/').all(|seg| !matches!(seg, "" | "." | "..")));
    if normal {
        return path.to_string();
    }
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

/// Join a relative path to a directory.
pub fn join(dir: &str, rel: &str) -> String {
    if rel.starts_with('/') {
        normalize(rel)
    } else {
        normalize(&format!("{dir}/{rel}"))
    }
}

/// What a volume holds: a tree of files by path relative to its root.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
    files: BTreeMap<String, Vec<u8>>,
}

impl Tree {
    pub fn insert(&mut self, rel: &str, content: impl Into<Vec<u8>>) {
        self.files.insert(normalize(rel), content.into());
    }

    pub fn get(&self, rel: &str) -> Option<&[u8]> {
        self.files.get(&normalize(rel)).map(Vec::as_slice)
    }

    pub fn get_mut(&mut self, rel: &str) -> Option<&mut Vec<u8>> {
        self.files.get_mut(&normalize(rel))
    }

    /// The bytes its files hold, together.
    pub fn size(&self) -> u64 {
        self.files.values().map(|f| f.len() as u64).sum()
    }

    pub fn is_dir(&self, rel: &str) -> bool {
        let rel = normalize(rel);
        if rel == "/" {
            return true;
        }
        let prefix = format!("{rel}/");
        self.files.keys().any(|k| k.starts_with(&prefix))
    }

    /// Names directly under a directory, sorted.
    pub fn list(&self, rel: &str) -> Vec<String> {
        let rel = normalize(rel);
        let prefix = if rel == "/" {
            "/".to_string()
        } else {
            format!("{rel}/")
        };
        let mut names: Vec<String> = self
            .files
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix))
            .map(|rest| rest.split('/').next().unwrap_or(rest).to_string())
            .collect();
        names.dedup();
        names
    }
}

/// The name of the timestamped directory kubelet's atomic writer makes for
/// a configMap volume (`..2001_01_01_00_00_00.000000000`).
pub fn atomic_dir_name(c: &crate::model::base::time::Civil) -> String {
    format!(
        "..{:04}_{:02}_{:02}_{:02}_{:02}_{:02}.000000000",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// A configMap volume's files: every key (or the `items` mapping) as a file.
/// The visible names are symlinks through `..data` to the timestamped
/// directory; podlab stores the content under both the name and
/// `..data/<name>` so listings show what `ls -a` shows.
pub fn config_map_tree(
    data: &BTreeMap<String, String>,
    items: &[(String, String)],
    stamp: &str,
) -> Tree {
    let mut t = Tree::default();
    let files: Vec<(String, &String)> = if items.is_empty() {
        data.iter().map(|(k, v)| (k.clone(), v)).collect()
    } else {
        items
            .iter()
            .filter_map(|(k, p)| data.get(k).map(|v| (p.clone(), v)))
            .collect()
    };
    for (path, content) in files {
        t.insert(&path, content.as_bytes());
        t.insert(&format!("..data/{path}"), content.as_bytes());
        t.insert(&format!("{stamp}/{path}"), content.as_bytes());
    }
    t
}

/// kubelet's /etc/hosts for a pod (pkg/kubelet/kubelet_pods.go,
/// `managedHostsFileContent`).
pub fn etc_hosts(pod_ip: Option<std::net::Ipv4Addr>, hostname: &str) -> String {
    let mut s = String::from(
        "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n",
    );
    if let Some(ip) = pod_ip {
        s.push_str(&format!("{ip}\t{hostname}\n"));
    }
    s
}

/// What a write that finds its filesystem full fails with: ENOSPC's
/// strerror, which busybox prints after `write error: ` (`echo x >
/// /dev/full` says `sh: write error: No space left on device`).
pub const ENOSPC: &str = "No space left on device";

/// Append `data` to `file` (after emptying it unless `append`) as a
/// filesystem with `free` bytes left does: what fits is written, and the
/// write fails with [`ENOSPC`] if not all of it did. `free` counts the
/// file's own bytes as used (`>` frees them first).
pub fn write_within(
    file: &mut Vec<u8>,
    data: &[u8],
    append: bool,
    free: u64,
) -> Result<(), String> {
    let free = if append {
        free
    } else {
        let old = file.len() as u64;
        file.clear();
        free.saturating_add(old)
    };
    let fits = usize::try_from(free).unwrap_or(usize::MAX).min(data.len());
    file.extend_from_slice(&data[..fits]);
    if fits < data.len() {
        Err(ENOSPC.into())
    } else {
        Ok(())
    }
}

/// What a path is in a container's view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stat {
    File,
    Dir,
    Missing,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            normalize("/usr/local/etc/haproxy/"),
            "/usr/local/etc/haproxy"
        );
        assert_eq!(normalize("a//b/./c/../d"), "/a/b/d");
        assert_eq!(join("/var/log", "1.log"), "/var/log/1.log");
        assert_eq!(join("/x", "/etc/hosts"), "/etc/hosts");
        // Normal paths taken as they are, and every other kind.
        for (path, normal) in [
            ("/", "/"),
            ("/a", "/a"),
            ("/var/log/1.log", "/var/log/1.log"),
            ("", "/"),
            ("a", "/a"),
            ("/a/", "/a"),
            ("//a", "/a"),
            ("/./a", "/a"),
            ("/a/.", "/a"),
            ("/a/..", "/"),
            ("/..", "/"),
            ("/a/.b/..c", "/a/.b/..c"),
        ] {
            assert_eq!(normalize(path), normal, "{path:?}");
        }
    }

    #[test]
    fn a_full_filesystem_takes_what_fits_then_fails() {
        let mut f = b"abc".to_vec();
        assert_eq!(write_within(&mut f, b"de", true, 5), Ok(()));
        assert_eq!(f, b"abcde");
        assert_eq!(write_within(&mut f, b"fgh", true, 1), Err(ENOSPC.into()));
        assert_eq!(f, b"abcdef");
        // `>` frees the file's bytes first.
        assert_eq!(write_within(&mut f, b"xyz", false, 0), Ok(()));
        assert_eq!(f, b"xyz");
        assert_eq!(write_within(&mut f, b"1234", false, 0), Err(ENOSPC.into()));
        assert_eq!(f, b"123");
    }

    #[test]
    fn config_map_files() {
        let data = BTreeMap::from([("haproxy.cfg".to_string(), "global\n".to_string())]);
        let t = config_map_tree(&data, &[], "..2001_01_01_00_00_00.000000000");
        assert_eq!(t.get("haproxy.cfg"), Some(&b"global\n"[..]));
        assert_eq!(
            t.list("/"),
            ["..2001_01_01_00_00_00.000000000", "..data", "haproxy.cfg"]
        );
        let t = config_map_tree(&data, &[("haproxy.cfg".into(), "conf/h.cfg".into())], "..x");
        assert!(t.is_dir("conf"));
        assert_eq!(t.get("conf/h.cfg"), Some(&b"global\n"[..]));
    }
}
