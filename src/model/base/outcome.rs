//! What one step of a request came to: connected, passed on, refused,
//! closed, timed out, an HTTP status… Steps carry it as data, so the trace,
//! the diagram and the check panel decide red or green from it, never from
//! the step's wording.

/// The outcome of one step of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A TCP connection was made (the client's side).
    Connected,
    /// A program took the connection or passed it on (accept, a routing
    /// rule, a forward to a server).
    Passed,
    /// RST: nothing listens there.
    Refused,
    /// The connection was closed with nothing sent back.
    Closed,
    /// Nothing answered within the time allowed (a timeout, or a SYN to an
    /// address no one has).
    TimedOut,
    /// A host name did not resolve.
    Unresolved,
    /// The connection came back to the listener that sent it: it loops.
    Loop,
    /// No server of a backend could take the connection.
    NoServer,
    /// An HTTP answer with this status.
    Http(u16),
    /// Bytes that are not HTTP (`nc`, a tcp-mode proxy).
    Bytes(usize),
}

impl Outcome {
    /// Whether the request got through this step: green in the trace.
    pub fn ok(self) -> bool {
        match self {
            Outcome::Connected | Outcome::Passed | Outcome::Bytes(_) => true,
            Outcome::Http(status) => status < 400,
            Outcome::Refused
            | Outcome::Closed
            | Outcome::TimedOut
            | Outcome::Unresolved
            | Outcome::Loop
            | Outcome::NoServer => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_outcomes_get_through() {
        let check = |o: Outcome, ok: bool| assert_eq!(o.ok(), ok, "{o:?}");
        check(Outcome::Connected, true);
        check(Outcome::Passed, true);
        check(Outcome::Bytes(12), true);
        check(Outcome::Http(200), true);
        check(Outcome::Http(302), true);
        check(Outcome::Http(403), false);
        check(Outcome::Http(503), false);
        check(Outcome::Refused, false);
        check(Outcome::Closed, false);
        check(Outcome::TimedOut, false);
        check(Outcome::Unresolved, false);
        check(Outcome::Loop, false);
        check(Outcome::NoServer, false);
    }
}
