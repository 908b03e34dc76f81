//! Embedding podlab in a course page (issue 11): the URL's parameters
//! ([`params`]), the JSON-RPC 2.0 API over `postMessage` with the parent
//! window ([`rpc`], pure; [`bridge`], the browser glue), and the page's
//! console lines ([`runs`]). The compact layout is
//! `components::embed_tabs`.

pub mod api;
pub mod bridge;
pub mod params;
pub mod rpc;
pub mod runs;
