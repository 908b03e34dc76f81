//! The model: everything podlab knows about pods, kubectl and HAProxy, as
//! plain Rust. It imports neither yew nor web-sys, reads no clock and does no
//! I/O, so every behaviour is tested natively with `cargo test`.
//!
//! Its folders are its layers, lowest first; a module imports only from its
//! own layer (without cycles) or from a layer below (`tests/tidy.rs`):
//! [`base`] → [`lang`] → [`sim`] → [`tools`] → [`project`] → [`view`].

pub mod base;
pub mod lang;
pub mod project;
pub mod sim;
pub mod tools;
pub mod view;
