//! HTTP/1.x messages as bytes and as values: enough for curl, HAProxy in
//! http mode and the programs behind it to exchange real requests and
//! responses, byte for byte.

use std::fmt::Write as _;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub target: String,
    pub version: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub version: String,
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn get(target: &str, host: &str) -> Self {
        Request {
            method: "GET".into(),
            target: target.into(),
            version: "HTTP/1.1".into(),
            headers: vec![("Host".into(), host.into())],
            body: Vec::new(),
        }
    }

    /// Parse a request's head; `None` when it is not HTTP/1.x.
    pub fn parse(bytes: &[u8]) -> Option<Request> {
        let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = std::str::from_utf8(&bytes[..end]).ok()?;
        let mut lines = head.split("\r\n");
        let mut first = lines.next()?.split(' ');
        let (method, target, version) = (first.next()?, first.next()?, first.next()?);
        if !version.starts_with("HTTP/1.") || first.next().is_some() {
            return None;
        }
        let mut headers = Vec::new();
        for l in lines {
            let (k, v) = l.split_once(':')?;
            headers.push((k.to_string(), v.trim().to_string()));
        }
        Some(Request {
            method: method.into(),
            target: target.into(),
            version: version.into(),
            headers,
            body: bytes[end + 4..].to_vec(),
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The path part of the target, without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("/")
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut head = format!("{} {} {}\r\n", self.method, self.target, self.version);
        for (k, v) in &self.headers {
            let _ = write!(head, "{k}: {v}\r\n");
        }
        head.push_str("\r\n");
        let mut out = head.into_bytes();
        out.extend_from_slice(&self.body);
        out
    }
}

impl Response {
    pub fn new(version: &str, status: u16, reason: &str) -> Self {
        Response {
            version: version.into(),
            status,
            reason: reason.into(),
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn with_body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// The status line and headers, CRLF-terminated, with the blank line.
    pub fn head_bytes(&self) -> Vec<u8> {
        let mut head = format!("{} {} {}\r\n", self.version, self.status, self.reason);
        for (k, v) in &self.headers {
            let _ = write!(head, "{k}: {v}\r\n");
        }
        head.push_str("\r\n");
        head.into_bytes()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.head_bytes();
        out.extend_from_slice(&self.body);
        out
    }

    /// Parse a complete response; `None` if the bytes are not one.
    pub fn parse(bytes: &[u8]) -> Option<Response> {
        let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = std::str::from_utf8(&bytes[..end]).ok()?;
        let mut lines = head.split("\r\n");
        let mut status_line = lines.next()?.splitn(3, ' ');
        let version = status_line.next()?.to_string();
        if !version.starts_with("HTTP/") {
            return None;
        }
        let status = status_line.next()?.parse().ok()?;
        let reason = status_line.next().unwrap_or("").to_string();
        let mut headers = Vec::new();
        for line in lines {
            let (k, v) = line.split_once(':')?;
            headers.push((k.to_string(), v.trim().to_string()));
        }
        Some(Response {
            version,
            status,
            reason,
            headers,
            body: bytes[end + 4..].to_vec(),
        })
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let r = Response::new("HTTP/1.0", 503, "Service Unavailable")
            .with_header("Cache-Control", "no-cache")
            .with_body("x\n");
        assert_eq!(Response::parse(&r.to_bytes()), Some(r));
        assert_eq!(Response::parse(b"garbage"), None);
        let q = Request::get("/?a=1", "10.244.1.4");
        assert_eq!(q.path(), "/");
        assert_eq!(
            String::from_utf8(q.to_bytes()).unwrap(),
            "GET /?a=1 HTTP/1.1\r\nHost: 10.244.1.4\r\n\r\n"
        );
    }
}
