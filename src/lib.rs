//! podlab: a Kubernetes multi-container pod playground that runs in the
//! browser. [`model`] is a deterministic, sans-IO model of pods, their shared
//! network, volumes and programs; the UI ([`app`], [`components`]) only draws
//! it. See ARCHITECTURE.md.

pub mod model;
