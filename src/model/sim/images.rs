//! The image catalogue: which program each image runs, with what command,
//! as which user, and what it has installed. An image podlab does not know
//! runs as an opaque container and podlab says so; a near miss of a known
//! image (`haproxy:1.77`) fails to pull, as on a real cluster.

use crate::model::base::time::SimDuration;
use crate::model::lang::haproxy::Version;

/// What runs in a container of this image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// linuxacademycontent/legacy-fruit-service: serves fruit on 8775.
    FruitService,
    /// The official haproxy image of this version.
    Haproxy(Version),
    /// A busybox userland; `curl` says whether curl is installed.
    Busybox { curl: bool },
    /// nginx serving /usr/share/nginx/html on port 80.
    Nginx,
    /// Debian: a shell and coreutils.
    Debian,
}

/// nginx's default index.html (the official image's).
pub const NGINX_WELCOME: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is available at\n<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n";

impl Kind {
    /// What the diagram calls the program an image runs.
    pub fn label(self) -> String {
        match self {
            Kind::FruitService => "legacy fruit service".into(),
            Kind::Haproxy(v) => format!("HAProxy {}.{}", v.major, v.minor),
            Kind::Busybox { curl: true } => "busybox + curl".into(),
            Kind::Busybox { .. } => "busybox".into(),
            Kind::Nginx => "nginx".into(),
            Kind::Debian => "debian".into(),
        }
    }

    /// Executables podlab knows to be in an image.
    pub fn has_executable(self, exe: &str) -> bool {
        const BUSYBOX: &[&str] = &[
            "sh", "ash", "cat", "ls", "echo", "ps", "sleep", "date", "wget", "hostname", "env",
            "netstat", "tail", "head", "wc", "grep", "true", "false", "printf", "test", "[",
            "mkdir", "touch", "rm", "pwd", "id", "whoami", "uname", "nslookup", "expr", "seq",
            "nc",
        ];
        const DEBIAN: &[&str] = &[
            "sh", "bash", "dash", "cat", "ls", "echo", "sleep", "date", "hostname", "env", "tail",
            "head", "wc", "grep", "true", "false", "printf", "test", "[", "mkdir", "touch", "rm",
            "pwd", "id", "whoami", "uname", "expr", "seq",
        ];
        match self {
            Kind::Busybox { curl } => BUSYBOX.contains(&exe) || (curl && exe == "curl"),
            Kind::Debian | Kind::Nginx => {
                DEBIAN.contains(&exe) || (self == Kind::Nginx && exe == "nginx")
            }
            Kind::Haproxy(_) => DEBIAN.contains(&exe) || exe == "haproxy",
            Kind::FruitService => false,
        }
    }

    /// Directories podlab knows the image has (beyond the common ones).
    pub fn dirs(self) -> &'static [&'static str] {
        match self {
            Kind::Haproxy(_) => &[
                "/usr/local/etc",
                "/usr/local/etc/haproxy",
                "/usr/local/sbin",
                "/run",
            ],
            Kind::Nginx => &[
                "/usr/share",
                "/usr/share/nginx",
                "/usr/share/nginx/html",
                "/etc/nginx",
            ],
            _ => &[],
        }
    }

    /// Files podlab knows the image ships, with their contents.
    pub fn files(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Kind::Nginx => &[("/usr/share/nginx/html/index.html", NGINX_WELCOME)],
            _ => &[],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    /// The reference as written in the pod spec.
    pub reference: String,
    pub kind: Kind,
    pub entrypoint: &'static [&'static str],
    pub cmd: &'static [&'static str],
    pub root: bool,
    /// How long the first pull takes in podlab (a fixed, documented figure,
    /// not a measurement of the registry).
    pub pull: SimDuration,
}

/// The outcome of looking an image reference up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Known(Image),
    /// Not in the catalogue but so close to a catalogued image that it is
    /// surely a typo of it: the registry has no such tag.
    NearMiss {
        suggestion: String,
    },
    /// Not in the catalogue: runs as an opaque container.
    Unknown,
}

pub use crate::model::lang::kube::image::split;

/// haproxy tags podlab knows, with the release each stands for.
const HAPROXY_TAGS: &[(&str, Version)] = &[
    ("1.7", Version::new(1, 7, 14)),
    ("1.7.14", Version::new(1, 7, 14)),
    ("1.8", Version::new(1, 8, 30)),
    ("1.9", Version::new(1, 9, 16)),
    ("2.0", Version::new(2, 0, 33)),
    ("2.2", Version::new(2, 2, 33)),
    ("2.4", Version::new(2, 4, 28)),
    ("2.6", Version::new(2, 6, 12)),
    ("2.8", Version::new(2, 8, 14)),
    ("3.0", Version::new(3, 0, 10)),
    ("lts", Version::new(3, 0, 10)),
    ("latest", Version::new(3, 0, 10)),
];

const BUSYBOX_TAGS: &[&str] = &["latest", "1.28", "1.36", "1.36.1", "stable"];
const NGINX_TAGS: &[&str] = &["latest", "1.25", "1.27", "alpine", "stable"];
const DEBIAN_TAGS: &[&str] = &["latest", "bookworm", "bullseye", "12", "11"];

/// The references podlab knows, for near-miss detection and completion.
pub fn known_references() -> Vec<String> {
    let mut v = vec![
        "linuxacademycontent/legacy-fruit-service:1".to_string(),
        "radial/busyboxplus:curl".to_string(),
    ];
    v.extend(HAPROXY_TAGS.iter().map(|(t, _)| format!("haproxy:{t}")));
    v.extend(BUSYBOX_TAGS.iter().map(|t| format!("busybox:{t}")));
    v.extend(NGINX_TAGS.iter().map(|t| format!("nginx:{t}")));
    v.extend(DEBIAN_TAGS.iter().map(|t| format!("debian:{t}")));
    v
}

pub fn lookup(reference: &str) -> Lookup {
    let (name, tag) = split(reference);
    let image = |kind, entrypoint, cmd, root, pull_ms| {
        Lookup::Known(Image {
            reference: reference.to_string(),
            kind,
            entrypoint,
            cmd,
            root,
            pull: SimDuration::from_millis(pull_ms),
        })
    };
    match (name.as_str(), tag.as_str()) {
        ("linuxacademycontent/legacy-fruit-service", "1") => image(
            Kind::FruitService,
            &[],
            &["legacy-fruit-service"],
            true,
            1628,
        ),
        ("haproxy", t) if HAPROXY_TAGS.iter().any(|(k, _)| *k == t) => {
            let v = HAPROXY_TAGS
                .iter()
                .find(|(k, _)| *k == t)
                .map(|(_, v)| *v)
                .unwrap_or(Version::V2_6);
            let root = v.runs_as_root();
            if v.at_least(2, 0) {
                image(
                    Kind::Haproxy(v),
                    &["docker-entrypoint.sh"],
                    &["haproxy", "-f", "/usr/local/etc/haproxy/haproxy.cfg"],
                    root,
                    2312,
                )
            } else {
                image(
                    Kind::Haproxy(v),
                    &["/docker-entrypoint.sh"],
                    &["haproxy", "-f", "/usr/local/etc/haproxy/haproxy.cfg"],
                    root,
                    2312,
                )
            }
        }
        ("radial/busyboxplus", "curl") => {
            image(Kind::Busybox { curl: true }, &[], &["/bin/sh"], true, 1204)
        }
        ("busybox", t) if BUSYBOX_TAGS.contains(&t) => {
            image(Kind::Busybox { curl: false }, &[], &["sh"], true, 977)
        }
        ("nginx", t) if NGINX_TAGS.contains(&t) => image(
            Kind::Nginx,
            &["/docker-entrypoint.sh"],
            &["nginx", "-g", "daemon off;"],
            true,
            3105,
        ),
        ("debian", t) if DEBIAN_TAGS.contains(&t) => {
            image(Kind::Debian, &[], &["bash"], true, 2730)
        }
        _ => {
            let full = format!("{name}:{tag}");
            let near = known_references()
                .into_iter()
                .filter(|k| {
                    split(k).0 == name
                        || crate::model::lang::kube::decode::edit_distance(&split(k).0, &name) <= 1
                })
                .find(|k| crate::model::lang::kube::decode::edit_distance(k, &full) <= 2);
            match near {
                Some(s) => Lookup::NearMiss { suggestion: s },
                None => Lookup::Unknown,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert!(
            matches!(lookup("haproxy:1.7"), Lookup::Known(Image { kind: Kind::Haproxy(v), root: true, .. }) if v == Version::V1_7)
        );
        assert!(matches!(
            lookup("docker.io/library/haproxy:2.6"),
            Lookup::Known(Image { root: false, .. })
        ));
        assert!(matches!(
            lookup("radial/busyboxplus:curl"),
            Lookup::Known(Image {
                kind: Kind::Busybox { curl: true },
                ..
            })
        ));
        assert!(matches!(
            lookup("busybox"),
            Lookup::Known(Image {
                kind: Kind::Busybox { curl: false },
                ..
            })
        ));
        assert_eq!(
            lookup("haproxy:1.77"),
            Lookup::NearMiss {
                suggestion: "haproxy:1.7".into()
            }
        );
        assert_eq!(
            lookup("hapoxy:1.7"),
            Lookup::NearMiss {
                suggestion: "haproxy:1.7".into()
            }
        );
        assert_eq!(lookup("redis:7"), Lookup::Unknown);
        assert_eq!(split("haproxy"), ("haproxy".into(), "latest".into()));
        assert_eq!(
            split("localhost:5000/app"),
            ("localhost:5000/app".into(), "latest".into())
        );
    }
}
