//! Base types every layer above uses: diagnostics with byte spans, simulated
//! and wall-clock time, spanned YAML, the workspace's text files, container
//! file trees, network namespaces as socket tables, HTTP messages, the
//! outcome of a request's step, the text tools of a pipe, and podlab's own
//! words in English and Traditional Chinese (`i18n`).

pub mod diag;
pub mod files;
pub mod fs;
pub mod http;
pub mod i18n;
pub mod net;
pub mod outcome;
pub mod sort;
pub mod textutil;
pub mod time;
pub mod words;
pub mod yaml;
