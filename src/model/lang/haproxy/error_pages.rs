//! HAProxy's built-in error pages: `http_err_msgs[]` in HAProxy's
//! src/http.c, sent as 1.7 sends them (raw HTTP/1.0) and as 2.x sends them
//! (parsed into HTX at start-up and re-encoded). The configuration reads the
//! table too: 2.x refuses a `deny_status` it has no page for.

/// HAProxy's built-in error pages (`http_err_msgs[]`, src/http.c): status,
/// reason and text. The texts were read from a run of HAProxy 2.6 (each
/// `deny_status`), the 501's leading dot included.
const ERROR_PAGES: &[(u16, &str, &str)] = &[
    (200, "OK", "Service ready."),
    (400, "Bad request", "Your browser sent an invalid request."),
    (
        401,
        "Unauthorized",
        "You need a valid user and password to access this content.",
    ),
    (
        403,
        "Forbidden",
        "Request forbidden by administrative rules.",
    ),
    (404, "Not Found", "The resource could not be found."),
    (
        405,
        "Method Not Allowed",
        "A request was made of a resource using a request method not supported by that resource",
    ),
    (
        407,
        "Unauthorized",
        "You need a valid user and password to access this content.",
    ),
    (
        408,
        "Request Time-out",
        "Your browser didn't send a complete request in time.",
    ),
    (
        410,
        "Gone",
        "The resource is no longer available and will not be available again.",
    ),
    (
        413,
        "Payload Too Large",
        "The request entity exceeds the maximum allowed.",
    ),
    (
        421,
        "Misdirected Request",
        "Request sent to a non-authoritative server.",
    ),
    (
        422,
        "Unprocessable Content",
        "The server cannot process the contained instructions.",
    ),
    (425, "Too Early", "Your browser sent early data."),
    (
        429,
        "Too Many Requests",
        "You have sent too many requests in a given amount of time.",
    ),
    (
        500,
        "Internal Server Error",
        "An internal server error occurred.",
    ),
    (
        501,
        "Not Implemented",
        ".The server does not support the functionality required to fulfill the request.",
    ),
    (
        502,
        "Bad Gateway",
        "The server returned an invalid or incomplete response.",
    ),
    (
        503,
        "Service Unavailable",
        "No server is available to handle this request.",
    ),
    (
        504,
        "Gateway Time-out",
        "The server didn't respond in time.",
    ),
];

/// Whether HAProxy 2.x has a built-in page for `status` (others are refused
/// by `deny_status` with "not handled by default").
pub fn has_error_page(status: u16) -> bool {
    ERROR_PAGES.iter().any(|(s, _, _)| *s == status)
}

fn page_parts(status: u16) -> (u16, &'static str, &'static str) {
    ERROR_PAGES
        .iter()
        .find(|(s, _, _)| *s == status)
        .or_else(|| ERROR_PAGES.iter().find(|(s, _, _)| *s == 503))
        .copied()
        .expect("503 page")
}

/// An error page as HAProxy 1.7 sends it: the raw HTTP/1.0 message of
/// `http_err_msgs[]`. The 503 is byte-exact to a run of 1.7.0 (fidelity.md).
pub fn error_page(status: u16) -> Vec<u8> {
    let (status, reason, text) = page_parts(status);
    format!(
        "HTTP/1.0 {status} {reason}\r\nCache-Control: no-cache\r\nConnection: close\r\nContent-Type: text/html\r\n\r\n<html><body><h1>{status} {reason}</h1>\n{text}\n</body></html>\n"
    )
    .into_bytes()
}

/// An error page as HAProxy 2.x sends it: the same message parsed into HTX
/// at start-up and re-encoded, so HTTP/1.1, lower-case header names, a
/// content-length, and `connection: close` only when the client closes
/// (a run of 2.6 with curl-like requests, with and without `Connection: close`).
pub fn error_page_v2(status: u16, client_closes: bool) -> Vec<u8> {
    let (status, reason, text) = page_parts(status);
    let body = format!("<html><body><h1>{status} {reason}</h1>\n{text}\n</body></html>\n");
    let close = if client_closes {
        "connection: close\r\n"
    } else {
        ""
    };
    format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-length: {}\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n{close}\r\n{body}",
        body.len()
    )
    .into_bytes()
}
