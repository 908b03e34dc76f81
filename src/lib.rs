//! podlab: a Kubernetes multi-container pod playground that runs in the
//! browser. [`model`] is a deterministic, sans-IO model of pods, their shared
//! network, volumes and programs; the UI ([`app`], [`state`],
//! [`components`]) only draws it and sends it actions. See ARCHITECTURE.md.

pub mod app;
pub mod components;
pub mod crash;
pub mod embed;
pub mod fuzzing;
pub mod lang;
pub mod model;
pub mod persist;
pub mod savepack;
pub mod saving;
pub mod selectors;
pub mod share;
pub mod share_web;
pub mod state;
pub mod theme;
