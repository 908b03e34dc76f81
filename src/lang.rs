//! The language shown, on the UI's side: chosen once at start from the
//! page's `?lang=` and `navigator.languages` (the rule is
//! `model::base::i18n::Lang::choose`, natively tested), given to every
//! component through a yew context ([`Shown`], read with [`use_lang`]), and
//! written to `<html lang>` and the document's title whenever it changes. The
//! switch ([`crate::components::lang_switch`]) changes it through the
//! context's callback and puts it in the URL, so a reload keeps it.

use yew::prelude::*;

use crate::model::base::i18n::{self, Key, Lang};

/// What the context gives components: the language shown and how to change
/// it.
#[derive(Clone, PartialEq)]
pub struct Shown {
    pub lang: Lang,
    pub onchange: Callback<Lang>,
}

/// The language shown (English outside a provider, as in a component test).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Shown>().map(|s| s.lang).unwrap_or_default()
}

/// The page's query string (`?…`), empty where there is none.
fn search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// `navigator.languages`, most preferred first.
fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The language to start in.
pub fn initial() -> Lang {
    Lang::choose(&search(), &browser_languages())
}

/// Say on the page which language is shown: `<html lang>` and the title.
pub fn show(lang: Lang) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", lang.tag());
    }
    doc.set_title(Key::PageTitle.text(lang));
}

/// Put the language chosen in the page's URL (`?lang=`), without a reload
/// or a new history entry.
pub fn remember(lang: Lang) {
    let Some(w) = web_sys::window() else { return };
    let location = w.location();
    let (Ok(path), Ok(hash)) = (location.pathname(), location.hash()) else {
        return;
    };
    let url = format!("{path}{}{hash}", i18n::with_lang_param(&search(), lang));
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
