//! The `global` section, as HAProxy's src/cfgparse-global.c reads it
//! (`cfg_parse_global()`): `daemon` and `maxconn` are simulated, the other
//! keywords HAProxy knows are kept as not modelled, and an unknown one gets
//! HAProxy's "did you mean".

use super::{Parser, atoi};
use crate::model::lang::haproxy::keywords;
use crate::model::lang::haproxy::lex::Line;
use crate::model::lang::haproxy::message::Form;

impl Parser<'_> {
    pub(super) fn global(&mut self, line: &Line) {
        let kw = line.arg(0);
        match kw {
            "daemon" => {
                if !line.arg(1).is_empty() {
                    self.alert(
                        Form::Parsing,
                        line,
                        line.span_of(1),
                        format!(
                            "'daemon' cannot handle unexpected argument '{}'.",
                            line.arg(1)
                        ),
                    );
                    return;
                }
                self.cfg.global.daemon = true;
            }
            "nbproc" if self.version.at_least(2, 5) => self.alert(
                Form::Parsing,
                line,
                line.span_of(0),
                "nbproc is not supported any more since HAProxy 2.5. Threads will automatically be used on multi-processor machines if available.".into(),
            ),
            "log" => {
                self.cfg.global.log = true;
                self.unmodelled(line, format!("'{kw}' in 'global'"));
            }
            "maxconn" => {
                if line.arg(1).is_empty() {
                    self.alert(
                        Form::Parsing,
                        line,
                        line.span_of(0),
                        "'maxconn' expects an integer argument.".into(),
                    );
                } else {
                    self.cfg.global.maxconn = Some(atoi(line.arg(1)).max(0) as u32);
                }
            }
            _ if keywords::GLOBAL_KEYWORDS.contains(&kw)
                || kw.starts_with("tune.")
                || kw.starts_with("ssl-") =>
            {
                self.unmodelled(line, format!("'{kw}' in 'global'"));
            }
            _ => {
                let hint = if self.version.at_least(2, 0) {
                    keywords::best_match(
                        kw,
                        keywords::GLOBAL_KEYWORDS
                            .iter()
                            .chain(keywords::GLOBAL_COMMON)
                            .copied(),
                    )
                } else {
                    None
                };
                self.unknown_keyword(line, "global", hint);
            }
        }
    }
}
