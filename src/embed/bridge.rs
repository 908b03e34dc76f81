//! The browser glue of the embedding API: reads the URL's parameters and
//! the language shown (`theme.rs` and `lang.rs` set `<html data-theme>` and
//! `<html lang>`), and carries JSON-RPC messages
//! between podlab and its parent window. Thin by design: what a message
//! means is [`rpc`](super::rpc)'s, pure and natively tested.
//!
//! Security (issue 11): a message is read only when it comes from the
//! parent window (`MessageEvent.source`) and from an origin the URL's
//! `allow=` names; anything else gets no answer and changes nothing.
//! Answers go to the sender's origin, notifications to each allowed
//! origin (the browser drops one whose origin the parent does not have),
//! never to `*`.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;

use super::params::Params;
use crate::model::base::i18n::Lang;

/// The page's URL parameters.
pub fn url_params() -> Params {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    Params::parse(&search)
}

/// The language podlab's own text is shown in (`<html lang>`, which
/// `lang.rs` sets): the language of the API's reports.
pub fn shown_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|t| Lang::from_tag(&t))
        .unwrap_or(Lang::En)
}

/// The parent window, when podlab is in a frame.
fn parent() -> Option<web_sys::Window> {
    let w = web_sys::window()?;
    let p = w.parent().ok().flatten()?;
    (!js_sys::Object::is(&p, &w)).then_some(p)
}

/// How the page sent a message, and so how podlab answers: a JSON string
/// for a string, an object for an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Text,
    Object,
}

/// A message that passed the checks: its text, its sender's origin, and
/// its form.
pub struct Message {
    pub text: String,
    pub origin: String,
    pub form: Form,
}

/// Post `json` to the parent at `origin` (never `*`).
pub fn post(json: &str, origin: &str, form: Form) {
    let Some(p) = parent() else { return };
    let value = match form {
        Form::Text => JsValue::from_str(json),
        Form::Object => match js_sys::JSON::parse(json) {
            Ok(v) => v,
            Err(_) => return,
        },
    };
    let _ = p.post_message(&value, origin);
}

/// Post a notification to each allowed origin.
pub fn notify(params: &Params, json: &str) {
    for origin in &params.allow {
        post(json, origin, Form::Object);
    }
}

/// Whether the API is on: podlab is in a frame and `allow=` names an origin.
pub fn api_on(params: &Params) -> bool {
    !params.allow.is_empty() && parent().is_some()
}

/// Listens for the parent's messages while it lives.
pub struct Listener {
    closure: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl Listener {
    /// Call `on` with each message from the parent window at an allowed
    /// origin; any other message is dropped unread.
    pub fn new(params: Params, mut on: impl FnMut(Message) + 'static) -> Option<Listener> {
        if !api_on(&params) {
            return None;
        }
        let closure =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let from_parent = match (e.source(), parent()) {
                    (Some(s), Some(p)) => js_sys::Object::is(&s, &p),
                    _ => false,
                };
                let origin = e.origin();
                if !from_parent || !params.allows(&origin) {
                    return;
                }
                let data = e.data();
                let (text, form) = match data.as_string() {
                    Some(s) => (s, Form::Text),
                    None => match js_sys::JSON::stringify(&data)
                        .ok()
                        .and_then(|s| s.as_string())
                    {
                        Some(s) => (s, Form::Object),
                        None => ("".to_string(), Form::Object),
                    },
                };
                on(Message { text, origin, form });
            });
        let w = web_sys::window()?;
        w.add_event_listener_with_callback("message", closure.as_ref().unchecked_ref())
            .ok()?;
        Some(Listener { closure })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback(
                "message",
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}
