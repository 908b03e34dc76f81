//! A container's files as its processes see them: volumes at their mount
//! points (ConfigMaps read-only), /etc/hosts as the kubelet writes it, what
//! the image ships (from the catalogue) and the container's writable layer;
//! and the record of which container reads or writes which volume (for the
//! diagram, which draws who writes and who reads from what really happened).

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv6Addr};

use super::{Cluster, Key, VolumeData};
use crate::model::base::fs::{self, Stat};
use crate::model::lang::kube::objects::VolumeSourceSpec;
use crate::model::sim::images::Lookup;

/// Whether a container reads or writes a volume.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Io {
    Reads,
    Writes,
}

/// The volume a path of container `i` lies in, if any.
pub fn volume_of(cl: &Cluster, key: &Key, i: usize, path: &str) -> Option<String> {
    let path = fs::normalize(path);
    let pod = cl.pods.get(key)?;
    pod.containers[i]
        .spec
        .mounts
        .iter()
        .filter(|m| {
            let mp = fs::normalize(&m.path);
            path == mp || mp == "/" || path.starts_with(&format!("{mp}/"))
        })
        .max_by_key(|m| fs::normalize(&m.path).len())
        .map(|m| m.volume.clone())
}

/// Record that container `i` read or wrote `path`, when it is in a volume.
pub fn note_io(cl: &mut Cluster, key: &Key, i: usize, path: &str, io: Io) {
    if let Some(v) = volume_of(cl, key, i, path)
        && let Some(pod) = cl.pods.get_mut(key)
    {
        pod.io.insert((v, i, io));
    }
}

/// Read a file as container `i`, recording a read of a volume.
pub fn read_noting(cl: &mut Cluster, key: &Key, i: usize, path: &str) -> Result<Vec<u8>, String> {
    let r = read(cl, key, i, path);
    if r.is_ok() {
        note_io(cl, key, i, path, Io::Reads);
    }
    r
}

/// /etc/hosts as kubelet writes it for the pod.
pub fn etc_hosts(cl: &Cluster, key: &Key) -> String {
    let pod = &cl.pods[key];
    fs::etc_hosts(pod.ip, &pod.obj.name)
}

/// Look a host name up in an /etc/hosts text.
pub fn resolve_hosts(hosts: &str, name: &str) -> Option<IpAddr> {
    if let Ok(ip) = name.parse::<IpAddr>() {
        return Some(ip);
    }
    for line in hosts.lines() {
        let mut f = line.split_whitespace();
        let Some(ip) = f.next() else { continue };
        if ip.starts_with('#') {
            continue;
        }
        if f.any(|n| n == name)
            && let Ok(ip) = ip.parse::<IpAddr>()
        {
            if ip == IpAddr::V6(Ipv6Addr::LOCALHOST) && name == "localhost" {
                continue;
            }
            return Some(ip);
        }
    }
    None
}

/// Where a path of a container lives: a volume (and the path inside it), or
/// the image.
enum Place<'a> {
    Volume(&'a VolumeData, String),
    Hosts,
    Image,
}

fn place<'a>(cl: &'a Cluster, key: &Key, i: usize, path: &str) -> Place<'a> {
    let path = fs::normalize(path);
    if path == "/etc/hosts" {
        return Place::Hosts;
    }
    let pod = &cl.pods[key];
    let mut best: Option<(&crate::model::lang::kube::objects::MountSpec, usize)> = None;
    for m in &pod.containers[i].spec.mounts {
        let mp = fs::normalize(&m.path);
        let inside = path == mp || mp == "/" || path.starts_with(&format!("{mp}/"));
        if inside && best.is_none_or(|(_, l)| mp.len() > l) {
            best = Some((m, mp.len()));
        }
    }
    let Some((m, len)) = best else {
        return Place::Image;
    };
    let Some(data) = pod.volumes.get(&m.volume) else {
        return Place::Image;
    };
    let rest = &path[len.min(path.len())..];
    let inner = match &m.sub_path {
        Some(sp) => fs::join(&format!("/{sp}"), rest.trim_start_matches('/')),
        None => fs::normalize(rest),
    };
    Place::Volume(data, inner)
}

/// Image directories podlab knows exist (so that listings are honest about
/// the rest).
fn image_dir(cl: &Cluster, key: &Key, i: usize, path: &str) -> bool {
    let kind = match &cl.pods[key].containers[i].image {
        Lookup::Known(img) => img.kind,
        _ => return false,
    };
    let common = [
        "/",
        "/etc",
        "/tmp",
        "/var",
        "/var/log",
        "/usr",
        "/usr/local",
        "/root",
        "/bin",
        "/proc",
    ];
    common.contains(&path) || kind.dirs().contains(&path)
}

pub fn stat(cl: &Cluster, key: &Key, i: usize, path: &str) -> Stat {
    let path = fs::normalize(path);
    match place(cl, key, i, &path) {
        Place::Hosts => Stat::File,
        Place::Volume(VolumeData::Files(t), inner) => {
            if t.get(&inner).is_some() {
                Stat::File
            } else if t.is_dir(&inner) {
                Stat::Dir
            } else {
                Stat::Missing
            }
        }
        Place::Volume(VolumeData::Unmodelled(_), _) => Stat::Dir,
        Place::Image => {
            if image_dir(cl, key, i, &path) {
                Stat::Dir
            } else if cl.image_files(key, i).contains_key(&path) {
                Stat::File
            } else {
                Stat::Missing
            }
        }
    }
}

pub fn read(cl: &Cluster, key: &Key, i: usize, path: &str) -> Result<Vec<u8>, String> {
    match place(cl, key, i, path) {
        Place::Hosts => Ok(etc_hosts(cl, key).into_bytes()),
        Place::Volume(VolumeData::Files(t), inner) => match t.get(&inner) {
            Some(d) => Ok(d.to_vec()),
            None if t.is_dir(&inner) => Err("Is a directory".into()),
            None => Err("No such file or directory".into()),
        },
        Place::Volume(VolumeData::Unmodelled(kind), _) => {
            Err(format!("podlab does not model {kind} volumes"))
        }
        Place::Image => {
            let p = fs::normalize(path);
            match cl.image_files(key, i).get(&p) {
                Some(d) => Ok(d.clone().into_bytes()),
                None if image_dir(cl, key, i, &p) => Err("Is a directory".into()),
                None => Err("No such file or directory".into()),
            }
        }
    }
}

/// The bytes of a file from `offset` on, as container `i` reads them
/// (`tail -F` following a file): [`read`] without copying what comes before
/// `offset`, so following a growing log costs what it appends, not its size.
/// Whether it could be read is what [`read_noting`] records.
pub fn read_from(
    cl: &mut Cluster,
    key: &Key,
    i: usize,
    path: &str,
    offset: usize,
) -> Result<Vec<u8>, String> {
    let r = match place(cl, key, i, path) {
        Place::Volume(VolumeData::Files(t), inner) if t.get(&inner).is_some() => Ok(t
            .get(&inner)
            .and_then(|d| d.get(offset..))
            .map(<[u8]>::to_vec)
            .unwrap_or_default()),
        _ => {
            read(cl, key, i, path).map(|d| d.get(offset..).map(<[u8]>::to_vec).unwrap_or_default())
        }
    };
    if r.is_ok() {
        note_io(cl, key, i, path, Io::Reads);
    }
    r
}

pub fn list(cl: &Cluster, key: &Key, i: usize, path: &str) -> Vec<String> {
    let path = fs::normalize(path);
    let mut names = match place(cl, key, i, &path) {
        Place::Volume(VolumeData::Files(t), inner) => t.list(&inner),
        _ => Vec::new(),
    };
    // Mount points directly under this directory.
    for m in &cl.pods[key].containers[i].spec.mounts {
        let mp = fs::normalize(&m.path);
        if let Some(rest) = mp.strip_prefix(&format!("{}/", path.trim_end_matches('/')))
            && !rest.is_empty()
            && !rest.contains('/')
            && !names.contains(&rest.to_string())
        {
            names.push(rest.to_string());
        }
    }
    crate::model::base::sort::sort(&mut names);
    names
}

pub fn write(
    cl: &mut Cluster,
    key: &Key,
    i: usize,
    path: &str,
    data: &[u8],
    append: bool,
) -> Result<(), String> {
    let path = fs::normalize(path);
    if path == "/dev/null" {
        return Ok(());
    }
    let pod = &cl.pods[key];
    let mut target: Option<(String, String)> = None;
    let mut best = 0;
    for m in &pod.containers[i].spec.mounts {
        let mp = fs::normalize(&m.path);
        if (path.starts_with(&format!("{mp}/")) || mp == "/") && mp.len() >= best {
            if m.read_only {
                return Err("Read-only file system".into());
            }
            best = mp.len();
            target = Some((m.volume.clone(), fs::normalize(&path[mp.len()..])));
        }
    }
    match target {
        Some((vol, inner)) => {
            let pod = cl.pods.get_mut(key).expect("pod");
            match pod.volumes.get_mut(&vol) {
                Some(VolumeData::Files(t)) => {
                    let is_cm = pod.obj.spec.volumes.iter().any(|v| {
                        v.name == vol
                            && matches!(
                                v.source,
                                crate::model::lang::kube::objects::VolumeSourceSpec::ConfigMap { .. }
                            )
                    });
                    if is_cm {
                        return Err("Read-only file system".into());
                    }
                    let size = pod.obj.spec.volumes.iter().find(|v| v.name == vol).map_or(
                        EMPTY_DIR_CAP,
                        |v| match v.source {
                            VolumeSourceSpec::EmptyDir {
                                size_limit: Some(limit),
                            } => limit.min(EMPTY_DIR_CAP),
                            _ => EMPTY_DIR_CAP,
                        },
                    );
                    pod.io.insert((vol.clone(), i, Io::Writes));
                    let free = size.saturating_sub(t.size());
                    if t.get(&inner).is_none() {
                        t.insert(&inner, Vec::new());
                    }
                    let file = t.get_mut(&inner).expect("inserted above");
                    fs::write_within(file, data, append, free)
                }
                _ => Err("podlab does not model writes to this volume".into()),
            }
        }
        None => {
            let pod = cl.pods.get_mut(key).expect("pod");
            let files = &mut pod.containers[i].scratch;
            let used: u64 = files.values().map(|f| f.len() as u64).sum();
            let free = WRITABLE_LAYER_CAP.saturating_sub(used);
            let f = files.entry(path).or_default();
            let mut bytes = std::mem::take(f).into_bytes();
            let r = fs::write_within(&mut bytes, data, append, free);
            *f = String::from_utf8_lossy(&bytes).into_owned();
            r
        }
    }
}

/// podlab's cap on the files of one emptyDir volume: 8 MiB, or its
/// `sizeLimit` when that is smaller. A write past it fails with
/// `No space left on device`, as on a tmpfs of that size (`medium:
/// Memory`, whose size the kubelet sets to `sizeLimit`). The cap keeps the
/// browser's memory small: a real disk-backed emptyDir grows until the
/// node's disk is full, and one past its `sizeLimit` gets its pod evicted,
/// which podlab does not model.
pub const EMPTY_DIR_CAP: u64 = 8 * 1024 * 1024;

/// podlab's cap on what a container's processes write outside volumes (its
/// writable layer): 8 MiB, past which writes fail with `No space left on
/// device`, as on a full disk. A real writable layer grows until the
/// node's disk (or the pod's ephemeral-storage limit) runs out.
pub const WRITABLE_LAYER_CAP: u64 = 8 * 1024 * 1024;

impl Cluster {
    /// Files of the container's own layer: what the image ships that podlab
    /// knows of, plus what processes wrote outside volumes.
    pub fn image_files(&self, key: &Key, i: usize) -> BTreeMap<String, String> {
        let c = &self.pods[key].containers[i];
        let mut m = c.scratch.clone();
        if let Lookup::Known(img) = &c.image {
            for (path, text) in img.kind.files() {
                m.entry(path.to_string())
                    .or_insert_with(|| text.to_string());
            }
        }
        m
    }
}
