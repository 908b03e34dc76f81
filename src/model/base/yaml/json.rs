//! A JSON manifest as kubectl reads it: apimachinery's YAMLOrJSONDecoder
//! hands a file whose first non-space byte is `{` to Go's `json.Decoder`,
//! which reads a stream of values. Syntax errors are Go's scanner's
//! (`invalid character '}' looking for beginning of object key string`),
//! wrapped by apimachinery as `json: offset N: …` (N counts the bytes read,
//! the bad one included); a value cut short is `unexpected EOF`.

use super::{MAX_DEPTH, Node, NodeKind};
use crate::model::base::diag::Span;

/// Why the stream stopped: kubectl's text and the offending byte.
#[derive(Clone, Debug, PartialEq)]
pub struct Fail {
    pub message: String,
    pub span: Span,
}

/// Every value of the stream, with the span of its own text (what kubectl
/// keeps as the document's JSON), up to the first error.
pub fn stream(text: &str) -> (Vec<(Node, Span)>, Option<Fail>) {
    let mut p = P {
        b: text.as_bytes(),
        i: 0,
        text,
    };
    let mut out = Vec::new();
    loop {
        p.ws();
        if p.i >= p.b.len() {
            return (out, None);
        }
        let start = p.i;
        match p.value(0) {
            Ok(node) => out.push((node, Span::new(start as u32, p.i as u32))),
            Err(e) => return (out, Some(e)),
        }
    }
}

struct P<'a> {
    b: &'a [u8],
    i: usize,
    text: &'a str,
}

/// Go's `quoteChar`: the byte as a rune, quoted with single quotes.
fn quote_char(c: u8) -> String {
    match c {
        b'\'' => r"'\''".to_string(),
        b'"' => "'\"'".to_string(),
        _ => format!("'{}'", go_quote_rune(char::from(c))),
    }
}

/// The inside of `strconv.Quote(string(r))` for a rune below U+0100.
fn go_quote_rune(c: char) -> String {
    match c {
        '\x07' => r"\a".into(),
        '\x08' => r"\b".into(),
        '\x0c' => r"\f".into(),
        '\n' => r"\n".into(),
        '\r' => r"\r".into(),
        '\t' => r"\t".into(),
        '\x0b' => r"\v".into(),
        '\\' => r"\\".into(),
        c if (c as u32) < 0x20 || c as u32 == 0x7f => format!(r"\x{:02x}", c as u32),
        // Not printable in Go's unicode tables: C1 controls, NBSP, soft hyphen.
        c if (0x80..=0xa0).contains(&(c as u32)) || c as u32 == 0xad => {
            format!(r"\u{:04x}", c as u32)
        }
        c => c.to_string(),
    }
}

impl P<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn peek(&self) -> Result<u8, Fail> {
        self.b.get(self.i).copied().ok_or_else(|| self.eof())
    }

    fn eof(&self) -> Fail {
        Fail {
            message: "unexpected EOF".into(),
            span: Span::new(self.b.len() as u32, self.b.len() as u32),
        }
    }

    fn bad(&self, context: &str) -> Fail {
        let c = self.b[self.i];
        let end = self.text[self.i..]
            .chars()
            .next()
            .map_or(self.i + 1, |ch| self.i + ch.len_utf8());
        Fail {
            message: format!(
                "json: offset {}: invalid character {} {context}",
                self.i + 1,
                quote_char(c)
            ),
            span: Span::new(self.i as u32, end as u32),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, Fail> {
        let start = self.i;
        let c = self.peek()?;
        let kind = match c {
            b'{' | b'[' if depth >= MAX_DEPTH => {
                return Err(Fail {
                    message: format!(
                        "podlab: JSON nested deeper than {MAX_DEPTH} levels is not modelled"
                    ),
                    span: Span::new(start as u32, start as u32 + 1),
                });
            }
            b'{' => self.object(depth)?,
            b'[' => self.array(depth)?,
            b'"' => NodeKind::Str(self.string()?),
            b'-' | b'0'..=b'9' => self.number()?,
            b't' => self.literal("true", NodeKind::Bool(true))?,
            b'f' => self.literal("false", NodeKind::Bool(false))?,
            b'n' => self.literal("null", NodeKind::Null)?,
            _ => return Err(self.bad("looking for beginning of value")),
        };
        Ok(Node {
            span: Span::new(start as u32, self.i as u32),
            kind,
        })
    }

    fn object(&mut self, depth: usize) -> Result<NodeKind, Fail> {
        self.i += 1;
        let mut pairs = Vec::new();
        self.ws();
        if self.peek()? == b'}' {
            self.i += 1;
            return Ok(NodeKind::Map(pairs));
        }
        loop {
            if self.peek()? != b'"' {
                return Err(self.bad("looking for beginning of object key string"));
            }
            let ks = self.i;
            let key = self.string()?;
            let key = Node {
                span: Span::new(ks as u32, self.i as u32),
                kind: NodeKind::Str(key),
            };
            self.ws();
            if self.peek()? != b':' {
                return Err(self.bad("after object key"));
            }
            self.i += 1;
            self.ws();
            let v = self.value(depth + 1)?;
            pairs.push((key, v));
            self.ws();
            match self.peek()? {
                b',' => {
                    self.i += 1;
                    self.ws();
                }
                b'}' => {
                    self.i += 1;
                    return Ok(NodeKind::Map(pairs));
                }
                _ => return Err(self.bad("after object key:value pair")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<NodeKind, Fail> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.peek()? == b']' {
            self.i += 1;
            return Ok(NodeKind::Seq(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth + 1)?);
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Ok(NodeKind::Seq(items));
                }
                _ => return Err(self.bad("after array element")),
            }
        }
    }

    /// A string literal, from its opening quote.
    fn string(&mut self) -> Result<String, Fail> {
        self.i += 1;
        let mut s = String::new();
        loop {
            let c = self.peek()?;
            match c {
                b'"' => {
                    self.i += 1;
                    return Ok(s);
                }
                b'\\' => {
                    self.i += 1;
                    let e = self.peek()?;
                    let ch = match e {
                        b'b' => '\x08',
                        b'f' => '\x0c',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'\\' | b'/' | b'"' => char::from(e),
                        b'u' => {
                            let mut v = 0u32;
                            for _ in 0..4 {
                                self.i += 1;
                                let h = self.peek()?;
                                let Some(d) = char::from(h).to_digit(16) else {
                                    return Err(self.bad("in \\u hexadecimal character escape"));
                                };
                                v = v * 16 + d;
                            }
                            char::from_u32(v).unwrap_or('\u{fffd}')
                        }
                        _ => return Err(self.bad("in string escape code")),
                    };
                    s.push(ch);
                    self.i += 1;
                }
                c if c < 0x20 => return Err(self.bad("in string literal")),
                _ => {
                    let ch = self.text[self.i..].chars().next().unwrap_or('\u{fffd}');
                    s.push(ch);
                    self.i += ch.len_utf8();
                }
            }
        }
    }

    fn digits(&mut self) {
        while self.i < self.b.len() && self.b[self.i].is_ascii_digit() {
            self.i += 1;
        }
    }

    fn number(&mut self) -> Result<NodeKind, Fail> {
        let start = self.i;
        if self.b[self.i] == b'-' {
            self.i += 1;
            if !self.peek()?.is_ascii_digit() {
                return Err(self.bad("in numeric literal"));
            }
        }
        if self.b[self.i] == b'0' {
            self.i += 1;
        } else {
            self.digits();
        }
        let mut float = false;
        if self.i < self.b.len() && self.b[self.i] == b'.' {
            float = true;
            self.i += 1;
            if !self.peek()?.is_ascii_digit() {
                return Err(self.bad("after decimal point in numeric literal"));
            }
            self.digits();
        }
        if self.i < self.b.len() && matches!(self.b[self.i], b'e' | b'E') {
            float = true;
            self.i += 1;
            if matches!(self.peek()?, b'+' | b'-') {
                self.i += 1;
            }
            if !self.peek()?.is_ascii_digit() {
                return Err(self.bad("in exponent of numeric literal"));
            }
            self.digits();
        }
        let s = &self.text[start..self.i];
        Ok(match s.parse::<i64>() {
            Ok(i) if !float => NodeKind::Int(i),
            _ => NodeKind::Float(s.parse().unwrap_or(f64::INFINITY)),
        })
    }

    fn literal(&mut self, word: &str, kind: NodeKind) -> Result<NodeKind, Fail> {
        for (k, &w) in word.as_bytes().iter().enumerate() {
            if k == 0 {
                self.i += 1;
                continue;
            }
            if self.peek()? != w {
                return Err(self.bad(&format!("in literal {word} (expecting {})", quote_char(w))));
            }
            self.i += 1;
        }
        Ok(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &str) {
        let (values, fail) = stream(text);
        let got = match fail {
            Some(f) => f.message,
            None => format!("{} values", values.len()),
        };
        assert_eq!(got, expect, "{text:?}");
    }

    #[test]
    fn go_scanner_messages() {
        check(
            r#"{"a":1,}"#,
            "json: offset 8: invalid character '}' looking for beginning of object key string",
        );
        check(
            r#"{"a" 1}"#,
            "json: offset 6: invalid character '1' after object key",
        );
        check(
            r#"{"a":1 "b":2}"#,
            "json: offset 8: invalid character '\"' after object key:value pair",
        );
        check(
            r#"{"a":[1,]}"#,
            "json: offset 9: invalid character ']' looking for beginning of value",
        );
        check(
            r#"{"a":tru}"#,
            "json: offset 9: invalid character '}' in literal true (expecting 'e')",
        );
        check(
            "{'a':1}",
            r"json: offset 2: invalid character '\'' looking for beginning of object key string",
        );
        check(r#"{"a":1"#, "unexpected EOF");
        check("{\"a\":1}\n{\"b\":[]}\n", "2 values");
        check(
            "{\"a\":\"x\ty\"}",
            r"json: offset 8: invalid character '\t' in string literal",
        );
    }
}
