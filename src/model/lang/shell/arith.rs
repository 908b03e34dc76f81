//! `$((...))`: shell arithmetic on 64-bit integers, with variables.

use std::collections::BTreeMap;

struct P<'a> {
    s: &'a [u8],
    i: usize,
    vars: &'a BTreeMap<String, String>,
}

pub fn eval(expr: &str, vars: &BTreeMap<String, String>) -> Result<i64, String> {
    let mut p = P {
        s: expr.as_bytes(),
        i: 0,
        vars,
    };
    let v = p.or()?;
    p.ws();
    if p.i < p.s.len() {
        return Err(format!("arithmetic syntax error: \"{expr}\""));
    }
    Ok(v)
}

impl P<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn eat(&mut self, t: &str) -> bool {
        self.ws();
        if self.s[self.i..].starts_with(t.as_bytes()) {
            self.i += t.len();
            true
        } else {
            false
        }
    }
    fn or(&mut self) -> Result<i64, String> {
        let mut v = self.and()?;
        while self.eat("||") {
            let r = self.and()?;
            v = i64::from(v != 0 || r != 0);
        }
        Ok(v)
    }
    fn and(&mut self) -> Result<i64, String> {
        let mut v = self.cmp()?;
        while self.eat("&&") {
            let r = self.cmp()?;
            v = i64::from(v != 0 && r != 0);
        }
        Ok(v)
    }
    fn cmp(&mut self) -> Result<i64, String> {
        let mut v = self.add()?;
        loop {
            let op = ["<=", ">=", "==", "!=", "<", ">"]
                .into_iter()
                .find(|op| self.eat(op));
            let Some(op) = op else { return Ok(v) };
            let r = self.add()?;
            v = i64::from(match op {
                "<=" => v <= r,
                ">=" => v >= r,
                "==" => v == r,
                "!=" => v != r,
                "<" => v < r,
                _ => v > r,
            });
        }
    }
    fn add(&mut self) -> Result<i64, String> {
        let mut v = self.mul()?;
        loop {
            if self.eat("+") {
                v = v.wrapping_add(self.mul()?);
            } else if self.eat("-") {
                v = v.wrapping_sub(self.mul()?);
            } else {
                return Ok(v);
            }
        }
    }
    fn mul(&mut self) -> Result<i64, String> {
        let mut v = self.unary()?;
        loop {
            if self.eat("*") {
                v = v.wrapping_mul(self.unary()?);
            } else if self.eat("/") {
                let r = self.unary()?;
                if r == 0 {
                    return Err("arithmetic syntax error: division by zero".into());
                }
                v = v.wrapping_div(r);
            } else if self.eat("%") {
                let r = self.unary()?;
                if r == 0 {
                    return Err("arithmetic syntax error: division by zero".into());
                }
                v = v.wrapping_rem(r);
            } else {
                return Ok(v);
            }
        }
    }
    fn unary(&mut self) -> Result<i64, String> {
        if self.eat("-") {
            return Ok(self.unary()?.wrapping_neg());
        }
        if self.eat("+") {
            return self.unary();
        }
        if self.eat("!") {
            return Ok(i64::from(self.unary()? == 0));
        }
        self.atom()
    }
    fn atom(&mut self) -> Result<i64, String> {
        self.ws();
        if self.eat("(") {
            let v = self.or()?;
            if !self.eat(")") {
                return Err("arithmetic syntax error: missing ')'".into());
            }
            return Ok(v);
        }
        let start = self.i;
        while self.i < self.s.len()
            && (self.s[self.i].is_ascii_alphanumeric()
                || self.s[self.i] == b'_'
                || self.s[self.i] == b'$')
        {
            self.i += 1;
        }
        let tok = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
        if tok.is_empty() {
            return Err("arithmetic syntax error".into());
        }
        if tok.bytes().all(|b| b.is_ascii_digit()) {
            return tok
                .parse()
                .map_err(|_| "arithmetic syntax error: number too large".into());
        }
        let name = tok.trim_start_matches('$');
        let value = self.vars.get(name).map(String::as_str).unwrap_or("");
        if value.trim().is_empty() {
            return Ok(0);
        }
        value
            .trim()
            .parse()
            .map_err(|_| format!("arithmetic syntax error: \"{value}\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic() {
        let vars = BTreeMap::from([("i".to_string(), "41".to_string())]);
        assert_eq!(eval("i+1", &vars), Ok(42));
        assert_eq!(eval("$i * 2 - (3 % 2)", &vars), Ok(81));
        assert_eq!(eval("unset + 1", &vars), Ok(1));
        assert_eq!(eval("1 < 2 && 3 >= 3", &vars), Ok(1));
        assert!(eval("1 / 0", &vars).is_err());
    }
}
