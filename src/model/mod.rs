//! The model: everything podlab knows about pods, kubectl and HAProxy, as
//! plain Rust. It imports neither yew nor web-sys, reads no clock and does no
//! I/O, so every behaviour is tested natively with `cargo test`.

pub mod cfgsync;
pub mod cli;
pub mod cluster;
pub mod console;
pub mod curl;
pub mod diag;
pub mod fruit;
pub mod fs;
pub mod haproxy;
pub mod highlight;
pub mod hints;
pub mod http;
pub mod images;
pub mod kube;
pub mod kubectl;
pub mod lab;
pub mod layout;
pub mod net;
pub mod presets;
pub mod shell;
pub mod textutil;
pub mod time;
pub mod topology;
pub mod yaml;
