//! `http-request` rules and `redirect`, as HAProxy's src/http_rules.c and
//! src/http_act.c read them: `deny` (with 2.x's check of `deny_status`
//! against the built-in error pages), `return`, the other actions kept as
//! not modelled, and redirect's `location`, `prefix` and `scheme`.

use super::{HttpRequestAction, HttpRequestRule, Parser, Proxy, Redirect, atoi};
use crate::model::lang::haproxy::error_pages;
use crate::model::lang::haproxy::lex::Line;
use crate::model::lang::haproxy::message::Form;

impl Parser<'_> {
    pub(super) fn http_request(&mut self, px: &mut Proxy, line: &Line) {
        let action = line.arg(1);
        // A final action without a condition ends the list.
        if let Some(prev) = px.http_request.last()
            && prev.cond.is_none()
            && prev.action.is_final()
        {
            self.warn(
                Form::ParsingTight,
                line,
                line.span_of(0),
                "previous 'http-request' action is final and has no condition attached, further entries are NOOP.".into(),
            );
        }
        let mut i = 2;
        let parsed = match action {
            "deny" => {
                let mut status = 403;
                if line.arg(i) == "deny_status" {
                    status = atoi(line.arg(i + 1)).clamp(0, 999) as u16;
                    if self.version.at_least(2, 0) && !error_pages::has_error_page(status) {
                        self.alert(
                            Form::Parsing,
                            line,
                            line.span_of(i + 1),
                            format!(
                                "error detected in {} '{}' while parsing 'http-request deny' rule : {}",
                                px.kind.type_str(),
                                px.name,
                                // `parse_http_deny()` (src/http_act.c).
                                if (200..=599).contains(&status) {
                                    format!("status code '{status}' not handled by default with 'default-errorfiles' argument..")
                                } else {
                                    format!("Unexpected status code '{status}'.")
                                }
                            ),
                        );
                        // 2.6 stops reading the file there (no "Fatal
                        // errors found" line follows).
                        if let Some(m) = self.cfg.messages.last_mut() {
                            m.abort = true;
                        }
                        return;
                    }
                    i += 2;
                }
                HttpRequestAction::Deny { status }
            }
            "return" => {
                if !self.version.at_least(2, 2) {
                    self.alert(
                        Form::Parsing,
                        line,
                        line.span_of(1),
                        format!("'http-request' expects 'allow', 'deny', 'auth', 'redirect', 'tarpit', 'add-header', 'set-header', 'replace-header', 'replace-value', 'set-nice', 'set-tos', 'set-mark', 'set-log-level', 'add-acl', 'del-acl', 'del-map', 'set-map', 'set-var', 'sc-inc-gpc0', 'sc-set-gpt0', 'silent-drop', but got '{action}'."),
                    );
                    return;
                }
                let mut status = 200;
                let mut content_type = None;
                let mut body = String::new();
                while i < line.words.len() && !matches!(line.arg(i), "if" | "unless") {
                    match line.arg(i) {
                        "status" => {
                            status = atoi(line.arg(i + 1)).clamp(0, 999) as u16;
                            i += 2;
                        }
                        "content-type" => {
                            content_type = Some(line.arg(i + 1).to_string());
                            i += 2;
                        }
                        "string" | "lf-string" => {
                            body = line.arg(i + 1).to_string();
                            i += 2;
                        }
                        other => {
                            self.unmodelled(line, format!("'http-request return {other}'"));
                            i += 2;
                        }
                    }
                }
                HttpRequestAction::Return {
                    status,
                    content_type,
                    body,
                }
            }
            "" => {
                self.alert(
                    Form::Parsing,
                    line,
                    line.span_of(0),
                    "'http-request' expects an action.".into(),
                );
                return;
            }
            other => {
                self.unmodelled(line, format!("'http-request {other}'"));
                while i < line.words.len() && !matches!(line.arg(i), "if" | "unless") {
                    i += 1;
                }
                HttpRequestAction::Other(other.to_string())
            }
        };
        // The three wordings, and which stops the read, are 2.6's (a run).
        let what = format!("error detected while parsing an 'http-request {action}' condition : ");
        let before = self.cfg.messages.len();
        match self.cond(px, line, i, (&what, true)) {
            Ok(cond) => {
                px.http_request.push(HttpRequestRule {
                    action: parsed,
                    cond,
                    line: line.number,
                });
                if self.cfg.messages.len() == before {
                    let after = if !px.redirects.is_empty() {
                        Some("a 'redirect'")
                    } else if !px.use_backends.is_empty() {
                        Some("a 'use_backend'")
                    } else {
                        None
                    };
                    self.misplaced(line, "http-request", after);
                }
            }
            // 2.6's wording for `deny`, and the read stops there (a run).
            Err(_) if action == "deny" => {
                self.alert(
                    Form::ParsingTight,
                    line,
                    line.span_of(i),
                    format!(
                        "'http-request {action}' expects either 'if' or 'unless' followed by a condition but found '{}'.",
                        line.arg(i)
                    ),
                );
                if let Some(m) = self.cfg.messages.last_mut() {
                    m.abort = true;
                }
            }
            Err(e) => self.alert(Form::Parsing, line, line.span, e),
        }
    }

    pub(super) fn redirect(&mut self, px: &mut Proxy, line: &Line) {
        let kind = line.arg(1);
        if !matches!(kind, "location" | "prefix" | "scheme") {
            self.alert(
                Form::Parsing,
                line,
                line.span_of(1),
                format!(
                    "error detected in {} '{}' while parsing redirect rule : expects 'code', 'prefix', 'location', 'scheme', 'set-cookie', 'clear-cookie', 'drop-query', 'ignore-empty' or 'append-slash' (was '{kind}').",
                    px.kind.type_str(),
                    px.name
                ),
            );
            return;
        }
        let target = line.arg(2).to_string();
        let mut code = 302;
        let mut i = 3;
        while i < line.words.len() && !matches!(line.arg(i), "if" | "unless") {
            if line.arg(i) == "code" {
                code = atoi(line.arg(i + 1)).clamp(0, 999) as u16;
                i += 1;
            }
            i += 1;
        }
        let what = format!(
            "error detected in {} '{}' while parsing redirect rule : error in condition: ",
            px.kind.type_str(),
            px.name
        );
        let before = self.cfg.messages.len();
        match self.cond(px, line, i, (&what, false)) {
            Ok(cond) => {
                px.redirects.push(Redirect {
                    kind: kind.to_string(),
                    target,
                    code,
                    cond,
                    line: line.number,
                });
                if self.cfg.messages.len() == before {
                    let after = (!px.use_backends.is_empty()).then_some("a 'use_backend'");
                    self.misplaced(line, "redirect", after);
                }
            }
            Err(e) => self.alert(Form::Parsing, line, line.span, e),
        }
    }

    /// `warnif_misplaced_*()` in src/cfgparse-listen.c: a rule written after
    /// rules that HAProxy processes later.
    fn misplaced(&mut self, line: &Line, what: &str, after: Option<&str>) {
        if let Some(after) = after {
            self.warn(
                Form::Parsing,
                line,
                line.span_of(0),
                format!(
                    "a '{what}' rule placed after {after} rule will still be processed before."
                ),
            );
        }
    }
}
