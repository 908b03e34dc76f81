//! Share links, decided purely: the workspace (its preset and files) as a
//! versioned URL fragment, `#share=1.<base64url>`, where the base64url
//! (RFC 4648 §5, unpadded) holds the payload compressed by the browser's
//! `CompressionStream("deflate-raw")`. This module writes and reads
//! everything around the compression: the payload (JSON, so any text comes
//! back byte for byte), the fragment, and why a link cannot be opened. The
//! compression itself is the browser's (`share_web.rs`).

use serde::{Deserialize, Serialize};

use crate::model::project::presets;
use crate::model::project::workspace::File;

/// What comes before the version in the fragment.
pub const KEY: &str = "share=";

/// The fragment's format: 1 = deflate-raw over the JSON [`Payload`].
pub const VERSION: u32 = 1;

/// The compression format of [`VERSION`], as `CompressionStream` names it.
pub const FORMAT: &str = "deflate-raw";

/// Links longer than this (in bytes) may be cut by chat tools: 8 KB, below
/// the 8,192 bytes some servers and messengers keep of a URL.
pub const WARN_LEN: usize = 8 * 1024;

/// The most a link's payload may decompress to (a link that inflates past
/// it is refused, not read to its end).
pub const MAX_PAYLOAD: usize = 8 << 20;

/// The most files a link may hold.
pub const MAX_FILES: usize = 64;

/// The workspace a link holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    pub preset: String,
    pub files: Vec<SharedFile>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedFile {
    pub name: String,
    pub text: String,
}

/// Why a share link cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Garbled {
    /// A format this podlab does not know (a newer podlab's link?).
    Version(String),
    /// Not base64url, or cut in the middle of a character.
    Base64,
    /// The browser could not decompress it (garbled or truncated).
    Compression,
    /// It decompresses past [`MAX_PAYLOAD`].
    TooLarge,
    /// Not the payload's JSON.
    Payload,
    /// A preset this podlab does not have.
    Preset(String),
    /// No files, or more than [`MAX_FILES`].
    Files,
}

/// The payload's bytes, to be compressed.
pub fn payload(preset: &str, files: &[File]) -> Vec<u8> {
    let p = Payload {
        preset: preset.to_string(),
        files: files
            .iter()
            .map(|f| SharedFile {
                name: f.name.clone(),
                text: f.text.clone(),
            })
            .collect(),
    };
    serde_json::to_vec(&p).expect("strings serialise")
}

/// Read a decompressed payload.
pub fn read_payload(bytes: &[u8]) -> Result<(String, Vec<File>), Garbled> {
    if bytes.len() > MAX_PAYLOAD {
        return Err(Garbled::TooLarge);
    }
    let p: Payload = serde_json::from_slice(bytes).map_err(|_| Garbled::Payload)?;
    if presets::by_id(&p.preset).is_none() {
        return Err(Garbled::Preset(p.preset));
    }
    if p.files.is_empty() || p.files.len() > MAX_FILES {
        return Err(Garbled::Files);
    }
    let files = p
        .files
        .into_iter()
        .map(|f| File {
            name: f.name,
            text: f.text,
        })
        .collect();
    Ok((p.preset, files))
}

/// The fragment (without `#`) for compressed bytes.
pub fn fragment(compressed: &[u8]) -> String {
    format!("{KEY}{VERSION}.{}", base64url(compressed))
}

/// The link: the page's address without its fragment, and the fragment.
pub fn link(href: &str, compressed: &[u8]) -> String {
    let base = href.split_once('#').map_or(href, |(b, _)| b);
    format!("{base}#{}", fragment(compressed))
}

/// Whether a link is long enough for chat tools to cut it.
pub fn too_long(link: &str) -> bool {
    link.len() > WARN_LEN
}

/// The compressed bytes a location's fragment (`location.hash`, with or
/// without its `#`) holds: `None` when it is not a share link at all.
pub fn parse_fragment(hash: &str) -> Option<Result<Vec<u8>, Garbled>> {
    let rest = hash.strip_prefix('#').unwrap_or(hash).strip_prefix(KEY)?;
    let Some((version, data)) = rest.split_once('.') else {
        return Some(Err(Garbled::Version(cut(rest, 16))));
    };
    if version != VERSION.to_string() {
        return Some(Err(Garbled::Version(cut(version, 16))));
    }
    Some(unbase64url(data).ok_or(Garbled::Base64))
}

/// At most `max` bytes of `s`, cut at a char boundary.
fn cut(s: &str, max: usize) -> String {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 §5 base64url, without padding.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Decode unpadded base64url (a trailing `=` padding is accepted too);
/// `None` on any other character or an impossible length.
pub fn unbase64url(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.as_bytes().chunks(4) {
        let mut n: u32 = 0;
        for (i, c) in chunk.iter().enumerate() {
            let v = ALPHABET.iter().position(|a| a == c)? as u32;
            n |= v << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    Some(out)
}

/// podlab's words about share links, in one place (the lead translates).
pub mod text {
    use super::Garbled;
    use crate::model::base::i18n::{Key, Msg};

    /// The console's note after a link's files opened (console output, in
    /// English as the transcript's other `podlab:` notes).
    pub const OPENED_NOTE: &str = "podlab: opened the files of a share link; the cluster was built from them (your own files are one click away: Undo)\n";

    /// Why a link could not be opened; nothing was changed.
    pub fn garbled(g: &Garbled) -> Msg {
        let why = match g {
            Garbled::Version(v) => Key::ShareWhyVersion.msg().arg("v", format!("{v:?}")),
            Garbled::Base64 => Key::ShareWhyBase64.msg(),
            Garbled::Compression => Key::ShareWhyCompression.msg(),
            Garbled::TooLarge => Key::ShareWhyTooLarge.msg(),
            Garbled::Payload => Key::ShareWhyPayload.msg(),
            Garbled::Preset(p) => Key::ShareWhyPreset.msg().arg("p", format!("{p:?}")),
            Garbled::Files => Key::ShareWhyFiles.msg(),
        };
        Key::ShareGarbled.msg().arg_msg("why", why)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_and_matches_rfc_4648() {
        // RFC 4648 §10's vectors, unpadded, and the two URL-safe letters.
        for (raw, enc) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url(raw.as_bytes()), enc);
            assert_eq!(unbase64url(enc).unwrap(), raw.as_bytes());
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(unbase64url("Zm8=").unwrap(), b"fo");
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(unbase64url(&base64url(&all)).unwrap(), all);
        for bad in ["Z", "Zm9vY", "Zm+v", "Zm/v", "Zm9v!", "Zm 9v", "é"] {
            assert_eq!(unbase64url(bad), None, "{bad}");
        }
    }

    #[test]
    fn fragments_are_versioned_and_refused_with_the_reason() {
        let check = |hash: &str, want: Option<Result<Vec<u8>, Garbled>>| {
            assert_eq!(parse_fragment(hash), want, "{hash}");
        };
        check("", None);
        check("#", None);
        check("#preset=sidecar", None);
        check("#share=1.Zm9v", Some(Ok(b"foo".to_vec())));
        check("share=1.Zm9v", Some(Ok(b"foo".to_vec())));
        check("#share=1.", Some(Ok(vec![])));
        check("#share=2.Zm9v", Some(Err(Garbled::Version("2".into()))));
        check("#share=Zm9v", Some(Err(Garbled::Version("Zm9v".into()))));
        check("#share=1.Zm9vY", Some(Err(Garbled::Base64)));
        check("#share=1.Zm9v%20", Some(Err(Garbled::Base64)));
        assert_eq!(fragment(b"foo"), "share=1.Zm9v");
        assert_eq!(
            link("https://x.test/lab/?embed=1#old", b"foo"),
            "https://x.test/lab/?embed=1#share=1.Zm9v"
        );
        let long = format!("https://x.test/#{}", "a".repeat(WARN_LEN));
        assert!(too_long(&long));
        assert!(!too_long(&long[..WARN_LEN]));
    }

    #[test]
    fn the_payload_keeps_every_byte_and_is_checked() {
        let files = vec![
            File {
                name: "a.yml".into(),
                text: "kind: Pod\r\n\tname: é ü 中文 🍎\u{0}\u{feff}\n".into(),
            },
            File {
                name: "b.yml".into(),
                text: String::new(),
            },
        ];
        let bytes = payload("sidecar", &files);
        assert_eq!(read_payload(&bytes), Ok(("sidecar".to_string(), files)));
        let check = |raw: &str, want: Garbled| {
            assert_eq!(read_payload(raw.as_bytes()), Err(want), "{raw}");
        };
        check("", Garbled::Payload);
        check("{\"preset\":\"sidecar\"}", Garbled::Payload);
        check("[1]", Garbled::Payload);
        check(
            "{\"preset\":\"nope\",\"files\":[]}",
            Garbled::Preset("nope".into()),
        );
        check("{\"preset\":\"sidecar\",\"files\":[]}", Garbled::Files);
        let many: Vec<File> = (0..=MAX_FILES)
            .map(|i| File {
                name: format!("{i}.yml"),
                text: String::new(),
            })
            .collect();
        assert_eq!(
            read_payload(&payload("sidecar", &many)),
            Err(Garbled::Files)
        );
        assert_eq!(
            read_payload(&vec![b' '; MAX_PAYLOAD + 1]),
            Err(Garbled::TooLarge)
        );
        // Invalid UTF-8 is refused, not replaced.
        assert_eq!(
            read_payload(
                b"{\"preset\":\"sidecar\",\"files\":[{\"name\":\"a\",\"text\":\"\xff\"}]}"
            ),
            Err(Garbled::Payload)
        );
    }
}
