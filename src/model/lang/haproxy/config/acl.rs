//! ACLs and the conditions that use them, as HAProxy's src/acl.c reads
//! them: `acl` lines (`parse_acl()`), `if`/`unless` conditions with named
//! and anonymous ACLs (`build_acl_cond()`), the predefined ACLs
//! (`default_acl_list`) and which criteria podlab evaluates.

use super::{Acl, Cond, Parser, Proxy};
use crate::model::lang::haproxy::keywords;
use crate::model::lang::haproxy::lex::Line;
use crate::model::lang::haproxy::message::Form;

impl Parser<'_> {
    pub(super) fn acl(&mut self, px: &mut Proxy, line: &Line) {
        let name = line.arg(1);
        let criterion = line.arg(2);
        if !name.is_empty() && criterion.is_empty() {
            self.alert(
                Form::Parsing,
                line,
                line.span_of(1),
                format!(
                    "error detected while parsing ACL '{name}' : missing fetch method in ACL expression ''."
                ),
            );
            return;
        }
        if name.is_empty() || criterion.is_empty() {
            self.alert(
                Form::Parsing,
                line,
                line.span_of(0),
                "'acl' expects an ACL name and a criterion.".into(),
            );
            return;
        }
        let mut flags = Vec::new();
        let mut values = Vec::new();
        for w in &line.words[3..] {
            if w.text.starts_with('-') && values.is_empty() {
                flags.push(w.text.clone());
            } else {
                values.push(w.text.clone());
            }
        }
        if let Some(e) = unknown_fetch(criterion) {
            self.alert(
                Form::Parsing,
                line,
                line.span_of(2),
                format!("error detected while parsing ACL '{name}' : {e}"),
            );
            return;
        }
        if !acl_criterion_modelled(criterion) {
            self.unmodelled(line, format!("ACL criterion '{criterion}'"));
        }
        px.acls.push(Acl {
            name: name.to_string(),
            line: line.number,
            criterion: criterion.to_string(),
            flags,
            values,
        });
    }

    /// `if`/`unless` and ACL names from word `i` on; an anonymous ACL
    /// `{ criterion values }` becomes an ACL of `px` named after its line
    /// and position.
    pub(super) fn cond(
        &mut self,
        px: &mut Proxy,
        line: &Line,
        i: usize,
        (what, abort): (&str, bool),
    ) -> Result<Option<Cond>, String> {
        let negate = match line.arg(i) {
            "" => return Ok(None),
            "if" => false,
            "unless" => true,
            other => {
                return Err(format!(
                    "unexpected keyword '{other}'. Expects 'if' or 'unless'."
                ));
            }
        };
        let mut terms = vec![Vec::new()];
        let mut j = i + 1;
        // build_acl_cond(): every leading `!` of a word toggles the
        // negation, a word of only `!` carries it to the next, and a term
        // or `||` resets it.
        let mut neg = false;
        while j < line.words.len() {
            let w = &line.words[j];
            j += 1;
            let word = w.text.trim_start_matches('!');
            if (w.text.len() - word.len()) % 2 == 1 {
                neg = !neg;
            }
            if word.is_empty() {
                continue;
            }
            match word {
                "||" | "or" => {
                    terms.push(Vec::new());
                    neg = false;
                }
                w if w.eq_ignore_ascii_case("or") => {
                    terms.push(Vec::new());
                    neg = false;
                }
                "{" => {
                    let start = j;
                    while j < line.words.len() && line.arg(j) != "}" {
                        j += 1;
                    }
                    let inner = &line.words[start..j];
                    j += 1;
                    let name = format!("{{anonymous {}:{start}}}", line.number);
                    let Some((criterion, rest)) = inner.split_first() else {
                        continue;
                    };
                    let mut flags = Vec::new();
                    let mut values = Vec::new();
                    for v in rest {
                        if v.text.starts_with('-') && values.is_empty() {
                            flags.push(v.text.clone());
                        } else {
                            values.push(v.text.clone());
                        }
                    }
                    if !acl_criterion_modelled(&criterion.text) {
                        self.unmodelled(line, format!("ACL criterion '{}'", criterion.text));
                    }
                    px.acls.push(Acl {
                        name: name.clone(),
                        line: line.number,
                        criterion: criterion.text.clone(),
                        flags,
                        values,
                    });
                    terms.last_mut().expect("one term").push((neg, name));
                    neg = false;
                }
                name => {
                    terms
                        .last_mut()
                        .expect("one term")
                        .push((neg, name.to_string()));
                    neg = false;
                }
            }
        }
        // Every named ACL must exist by now (src/acl.c's
        // `build_acl_cond()`); 2.6 stops reading at the first that does not.
        let missing = terms.iter().flatten().find(|(_, n)| {
            !n.starts_with("{anonymous ")
                && !PREDEFINED_ACLS.contains(&n.as_str())
                && !px.acls.iter().any(|a| a.name == *n)
        });
        if let Some((_, n)) = missing {
            self.alert(
                Form::Parsing,
                line,
                line.span,
                format!("{what}no such ACL : '{n}'."),
            );
            if let Some(m) = self.cfg.messages.last_mut() {
                m.abort = abort;
            }
        }
        Ok(Some(Cond { negate, terms }))
    }
}

/// `unknown fetch method 'x' in ACL expression 'x'.` when HAProxy 2.6 has
/// no such ACL keyword or sample fetch (the name before `(` or `,`).
fn unknown_fetch(criterion: &str) -> Option<String> {
    let name = criterion.split(['(', ',']).next().unwrap_or(criterion);
    (!crate::model::base::words::contains(&keywords::FETCHES_PACKED, name))
        .then(|| format!("unknown fetch method '{name}' in ACL expression '{name}'."))
}

/// ACLs every proxy has (`default_acl_list` in src/acl.c).
const PREDEFINED_ACLS: &[&str] = &[
    "FALSE",
    "HTTP",
    "HTTP_1.0",
    "HTTP_1.1",
    "HTTP_2.0",
    "HTTP_3.0",
    "HTTP_CONTENT",
    "HTTP_URL_ABS",
    "HTTP_URL_SLASH",
    "HTTP_URL_STAR",
    "LOCALHOST",
    "METH_CONNECT",
    "METH_DELETE",
    "METH_GET",
    "METH_HEAD",
    "METH_OPTIONS",
    "METH_POST",
    "METH_PUT",
    "METH_TRACE",
    "RDP_COOKIE",
    "REQ_CONTENT",
    "TRUE",
    "WAIT_END",
];

/// ACL criteria podlab evaluates.
pub fn acl_criterion_modelled(c: &str) -> bool {
    matches!(
        c,
        "path"
            | "path_beg"
            | "path_end"
            | "path_sub"
            | "path_reg"
            | "method"
            | "hdr(host)"
            | "hdr_beg(host)"
            | "hdr_end(host)"
            | "src"
            | "always_true"
            | "always_false"
    )
}
