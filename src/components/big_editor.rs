//! The editor of a text longer than podlab reads (`workspace::MAX_READ`):
//! its textarea holds one part of the text at a time (`bigtext::PART`,
//! cut at line ends), with buttons to the previous and the next part, and
//! an edit of the part is spliced into the whole text, which is kept and
//! saved as typed. No highlighting and no line numbers: Chromium lays out
//! a textarea's whole text on every keystroke, which with megabytes in it
//! holds the page for seconds (`bigtext`'s measurements). A paste larger
//! than a part is spliced in without going through the textarea.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::code_editor::utf16_to_byte;
use super::diagnostics_list::DiagnosticsList;
use crate::lang::use_lang;
use crate::model::base::i18n::{Key, Msg};
use crate::model::view::a11y::{KeyAction, Keys};
use crate::model::view::bigtext::{self, PART};
use crate::model::view::panes::{self, Mark};

#[derive(Properties, PartialEq)]
pub struct BigEditorProps {
    /// The whole text.
    pub text: AttrValue,
    pub marks: Rc<Vec<Mark>>,
    /// Emits the whole text after an edit of the part.
    pub oninput: Callback<String>,
    pub testid: AttrValue,
    #[prop_or_default]
    pub label: AttrValue,
    /// Where the part shown first begins (its line): where the edit that
    /// made the text this long ended.
    #[prop_or_default]
    pub at: usize,
    /// The text before the edit that made it this long, when this editor
    /// saw it (a paste by mistake is one click from undone).
    #[prop_or_default]
    pub before: Option<AttrValue>,
}

/// Which lines the textarea holds, of how many, and why only those.
fn position(first: usize, last: usize, total: usize, bytes: usize) -> Msg {
    Key::BigFilePart
        .msg()
        .arg("first", first)
        .arg("last", last)
        .arg("total", total)
        .arg("mb", format!("{:.1}", bytes as f64 / 1e6))
}

/// The textarea's selection, in bytes of its value.
fn selection(t: &HtmlTextAreaElement, v: &str) -> (usize, usize) {
    let start = t.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = t.selection_end().ok().flatten().unwrap_or(0) as usize;
    (utf16_to_byte(v, start), utf16_to_byte(v, end.max(start)))
}

/// The part shown: as the state says when it still fits the text, else the
/// part from where it began.
fn shown(text: &str, view: (usize, usize)) -> std::ops::Range<usize> {
    let (start, len) = view;
    match start.checked_add(len) {
        Some(end) if text.get(start..end).is_some() => start..end,
        _ => bigtext::part_at(text, start),
    }
}

#[component]
pub fn BigEditor(props: &BigEditorProps) -> Html {
    let lang = use_lang();
    // (start, length) of the part in the textarea. An edit keeps its start
    // and takes the part's new length, so the textarea is never rewritten
    // under the caret.
    let view = {
        let text = props.text.clone();
        let at = props.at;
        use_state(move || {
            let p = bigtext::part_holding(&text, at);
            (p.start, p.len())
        })
    };
    let text = props.text.as_str();
    let part = shown(text, *view);
    let (first, last, total) = bigtext::lines(text, &part);
    let items = panes::items(text, &props.marks);
    let value = AttrValue::from(text[part.clone()].to_string());

    // Splice the part's new text into the whole text.
    let edit = {
        let text = props.text.clone();
        let cb = props.oninput.clone();
        let view = view.clone();
        let part = part.clone();
        move |new_part: String| {
            let whole = bigtext::splice(&text, part.clone(), &new_part);
            view.set((part.start, new_part.len()));
            cb.emit(whole);
        }
    };
    let oninput = {
        let edit = edit.clone();
        Callback::from(move |e: InputEvent| {
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            edit(t.value());
        })
    };
    // Tab inserts two spaces instead of leaving the editor; after Escape
    // it leaves (`a11y::Keys`, as in the highlighted editor).
    let keys = use_mut_ref(Keys::default);
    let onblur = {
        let keys = keys.clone();
        Callback::from(move |_: FocusEvent| *keys.borrow_mut() = Keys::default())
    };
    let onkeydown = {
        let edit = edit.clone();
        Callback::from(move |e: KeyboardEvent| {
            let modified = e.shift_key() || e.ctrl_key() || e.alt_key() || e.meta_key();
            if keys.borrow_mut().key(&e.key(), modified) != KeyAction::Indent {
                return;
            }
            e.prevent_default();
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            let v = t.value();
            let (bs, be) = selection(&t, &v);
            let start = t.selection_start().ok().flatten().unwrap_or(0);
            let new = format!("{}  {}", &v[..bs], &v[be..]);
            t.set_value(&new);
            let _ = t.set_selection_range(start + 2, start + 2);
            edit(new);
        })
    };
    // A paste larger than a part goes straight into the whole text; the
    // part shown is then the one where it ends.
    let onpaste = {
        let text = props.text.clone();
        let cb = props.oninput.clone();
        let view = view.clone();
        let part = part.clone();
        Callback::from(move |e: Event| {
            let Some(pasted) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
                .and_then(|d| d.get_data("text/plain").ok())
            else {
                return;
            };
            if pasted.len() <= PART {
                return;
            }
            e.prevent_default();
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            let (bs, be) = selection(&t, &t.value());
            let range = part.start + bs..part.start + be;
            let whole = bigtext::splice(&text, range, &pasted);
            let p = bigtext::part_holding(&whole, part.start + bs + pasted.len());
            view.set((p.start, p.len()));
            cb.emit(whole);
        })
    };
    let go = |to: std::ops::Range<usize>| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set((to.start, to.len())))
    };
    let before = bigtext::part_before(text, part.start);
    let onprevious = go(bigtext::part_at(text, before.start));
    let onnext = go(bigtext::part_at(text, part.end));
    let onjump = {
        let text = props.text.clone();
        let view = view.clone();
        Callback::from(move |offset: usize| {
            let p = bigtext::part_holding(&text, offset);
            view.set((p.start, p.len()));
        })
    };
    let undo = props.before.clone().map(|before| {
        let cb = props.oninput.clone();
        let onclick = Callback::from(move |_: MouseEvent| cb.emit(before.to_string()));
        html! {
            <button class="btn" {onclick} data-testid={format!("{}-undo-paste", props.testid)}>{ Key::BackBeforePaste.text(lang) }</button>
        }
    });
    let testid = props.testid.clone();
    html! {
        <div class="editor-wrap">
            <div class="part-bar" data-testid={format!("{testid}-part")}>
                <button class="btn" disabled={part.start == 0} onclick={onprevious}
                    data-testid={format!("{testid}-previous")}>{ Key::PreviousPart.text(lang) }</button>
                <span class="muted">{ position(first, last, total, text.len()).render(lang) }</span>
                <button class="btn" disabled={part.end >= text.len()} onclick={onnext}
                    data-testid={format!("{testid}-next")}>{ Key::NextPart.text(lang) }</button>
                { for undo }
            </div>
            <div class="editor plain" role="region" tabindex="0" aria-label={Key::EditorOf.msg().arg("file", &props.label).render(lang)}>
                <div class="code">
                    <textarea class="input" data-testid={testid.clone()} {value}
                        rows="24" spellcheck="false" autocomplete="off" autocapitalize="off" wrap="off"
                        aria-label={props.label.clone()} aria-describedby={format!("{testid}-hint")} {oninput} {onkeydown} {onblur} {onpaste} />
                </div>
            </div>
            <p class="editor-hint" id={format!("{testid}-hint")} data-testid={format!("{testid}-hint")}>{ Key::EditorKeysHint.text(lang) }</p>
            <DiagnosticsList items={Rc::new(items)} {onjump} testid={format!("{testid}-diagnostics")}
                label={Key::ProblemsIn.msg().arg("file", &props.label).render(lang)} />
        </div>
    }
}
