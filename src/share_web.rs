//! Share links in the browser: the payload (`share.rs`) compressed and
//! decompressed by the browser's `CompressionStream` and
//! `DecompressionStream` ("deflate-raw"), the page's own fragment read at
//! mount and cleared once its files are open, and the files offered as a
//! download (a `blob:` URL) when a link is too long to share.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, ReadableStream, ReadableStreamDefaultReader};

use crate::model::project::workspace::File;
use crate::share::{self, Garbled};

// The Compression Streams API: web-sys has it only behind
// `web_sys_unstable_apis`, so its two constructors are declared here.
#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// Why a stream could not be read to its end.
enum Failed {
    /// The stream errored (a garbled or truncated deflate stream).
    Stream,
    /// It gave more than the most asked for.
    TooLarge,
}

/// `bytes` through a transform stream (a `CompressionStream` or
/// `DecompressionStream`), read chunk by chunk, at most `max` bytes.
async fn pipe(bytes: &[u8], transform: &JsValue, max: usize) -> Result<Vec<u8>, Failed> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = Blob::new_with_u8_array_sequence(&parts).map_err(|_| Failed::Stream)?;
    let out: ReadableStream = blob.stream().pipe_through(transform.unchecked_ref());
    let reader: ReadableStreamDefaultReader = out.get_reader().unchecked_into();
    let mut data = Vec::new();
    loop {
        let r = JsFuture::from(reader.read())
            .await
            .map_err(|_| Failed::Stream)?;
        let done = Reflect::get(&r, &"done".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(data);
        }
        let chunk: Uint8Array = Reflect::get(&r, &"value".into())
            .map_err(|_| Failed::Stream)?
            .dyn_into()
            .map_err(|_| Failed::Stream)?;
        let n = chunk.length() as usize;
        let start = data.len();
        if start.saturating_add(n) > max {
            let _ = reader.cancel();
            return Err(Failed::TooLarge);
        }
        data.resize(start + n, 0);
        chunk.copy_to(&mut data[start..]);
    }
}

/// The share link of a workspace, for the page at `href`; `None` when the
/// browser cannot compress.
pub async fn make_link(href: &str, preset: &str, files: &[File]) -> Option<String> {
    let cs = CompressionStream::new(share::FORMAT).ok()?;
    let payload = share::payload(preset, files);
    // Deflate never grows data by more than a few bytes per 16 KB block.
    let max = payload.len().saturating_mul(2).saturating_add(1024);
    let compressed = pipe(&payload, &cs, max).await.ok()?;
    Some(share::link(href, &compressed))
}

/// Open a link's fragment (`location.hash`): `None` when it holds no share
/// link, else its preset and files or why they cannot be opened.
pub async fn open_fragment(hash: &str) -> Option<Result<(String, Vec<File>), Garbled>> {
    let compressed = match share::parse_fragment(hash)? {
        Ok(b) => b,
        Err(g) => return Some(Err(g)),
    };
    let Ok(ds) = DecompressionStream::new(share::FORMAT) else {
        return Some(Err(Garbled::Compression));
    };
    Some(match pipe(&compressed, &ds, share::MAX_PAYLOAD).await {
        Ok(bytes) => share::read_payload(&bytes),
        Err(Failed::Stream) => Err(Garbled::Compression),
        Err(Failed::TooLarge) => Err(Garbled::TooLarge),
    })
}

/// The page's fragment, `#…`, or empty.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The page's address.
pub fn location_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Drop the fragment from the address bar once its files are open, so a
/// reload does not open the link over later edits.
pub fn clear_fragment() {
    let Some(w) = web_sys::window() else { return };
    let l = w.location();
    let url = format!(
        "{}{}",
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default()
    );
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// A `blob:` URL of the workspace's files (the payload's JSON, which keeps
/// every byte), for a download link; revoke it with [`revoke`].
pub fn download_url(preset: &str, files: &[File]) -> Option<String> {
    let json = share::payload(preset, files);
    let parts = Array::of1(&Uint8Array::from(&json[..]));
    let bag = BlobPropertyBag::new();
    bag.set_type("application/json");
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &bag).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

pub fn revoke(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}
