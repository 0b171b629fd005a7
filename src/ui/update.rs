//! The "Reload to update" banner, and the one watch over every form that
//! tells it which hold typing not yet saved (`domain::update`).
//!
//! Forms need nothing for this: an input, change or submit inside a
//! `<form>` bubbles to the app's root, where [`Unsaved`] notes it.

use std::time::Duration;

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use web_sys::Element;

use super::state::{AppCtx, SaveState};
use crate::domain::update::{after_submit, update_step, Drafts, UpdateStep};

/// The forms typed in and not saved since.
#[derive(Clone, Copy)]
pub struct Unsaved {
    drafts: StoredValue<Drafts<Element>, LocalStorage>,
    /// As a submit began (before its form's handler ran): the saves started
    /// so far, and whether one was in flight.
    before: StoredValue<Option<(u64, bool)>>,
}

/// The `<form>` an event happened in, if any.
fn form_of(ev: &web_sys::Event) -> Option<Element> {
    ev.target()?
        .dyn_into::<Element>()
        .ok()?
        .closest("form")
        .ok()
        .flatten()
}

/// Whether `form` shows a problem (a field marked invalid, a summary, a message).
fn shows_problems(form: &Element) -> bool {
    if form
        .query_selector("[aria-invalid='true'], .problem-summary")
        .ok()
        .flatten()
        .is_some()
    {
        return true;
    }
    let Ok(errors) = form.query_selector_all(".field-error") else {
        return false;
    };
    (0..errors.length()).any(|i| {
        errors
            .item(i)
            .and_then(|e| e.text_content())
            .is_some_and(|t| !t.trim().is_empty())
    })
}

/// The text of the element `ids` names (space-separated ids, as in
/// `aria-labelledby`), in the page or the app's shadow root.
fn text_of(ids: &str) -> Option<String> {
    let text = ids
        .split_whitespace()
        .filter_map(|id| super::find_element(id)?.text_content())
        .collect::<Vec<_>>()
        .join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// What the user calls `form`: its own label, else its section's heading.
fn form_name(form: &Element) -> String {
    let labelled = |e: &Element| {
        e.get_attribute("aria-labelledby")
            .and_then(|ids| text_of(&ids))
            .or_else(|| {
                e.get_attribute("aria-label")
                    .filter(|l| !l.trim().is_empty())
            })
    };
    labelled(form)
        .or_else(|| {
            form.parent_element()?
                .closest("section")
                .ok()
                .flatten()
                .and_then(|s| labelled(&s))
        })
        .unwrap_or_else(|| "a form on this page".to_owned())
}

impl Unsaved {
    /// Start watching; `save` is the app's save state.
    pub fn new(ctx: AppCtx) -> Unsaved {
        let unsaved = Unsaved {
            drafts: StoredValue::new_local(Drafts::default()),
            before: StoredValue::new(None),
        };
        // The save in flight ended: the forms awaiting it are saved, or not.
        Effect::new(move |_| match ctx.save.get() {
            SaveState::Saved => unsaved.drafts.update_value(|d| d.save_finished(true)),
            SaveState::Failed(_) => unsaved.drafts.update_value(|d| d.save_finished(false)),
            _ => {}
        });
        unsaved
    }

    /// An input or change event anywhere in the app.
    pub fn on_typed(self, ev: &web_sys::Event) {
        if let Some(form) = form_of(ev) {
            self.drafts.update_value(|d| d.typed(form));
        }
    }

    /// A submit anywhere in the app, as it begins (the capture phase, before
    /// its form's handler runs): note the saves started so far.
    pub fn before_submit(self, ctx: AppCtx) {
        let started = ctx.saves_started.get_value();
        let busy = ctx.save.get_untracked() == SaveState::Saving;
        self.before.set_value(Some((started, busy)));
    }

    /// A submit anywhere in the app, once its form's handler has run. When
    /// whatever it started has begun (after the handler's own tasks), note
    /// what it led to: a save started since it began is its own.
    pub fn on_submit(self, ctx: AppCtx, ev: &web_sys::Event) {
        let Some(form) = form_of(ev) else { return };
        let (started_before, busy_before) = self
            .before
            .try_update_value(Option::take)
            .flatten()
            .unwrap_or((ctx.saves_started.get_value(), false));
        set_timeout(
            move || {
                let save = ctx.save.get_untracked();
                let after = after_submit(
                    ctx.saves_started.get_value() > started_before,
                    matches!(save, SaveState::Failed(_)),
                    busy_before,
                    shows_problems(&form),
                );
                self.drafts.update_value(|d| d.submitted(&form, after));
            },
            Duration::ZERO,
        );
    }

    /// The forms still on the page with typing not saved, first typed first.
    fn forms(self, save: &SaveState) -> Vec<Element> {
        self.drafts.update_value(|d| {
            d.retain(|f| f.is_connected());
            // Settle a save that ended before its effect ran.
            match save {
                SaveState::Saved => d.save_finished(true),
                SaveState::Failed(_) => d.save_finished(false),
                _ => {}
            }
        });
        self.drafts
            .with_value(|d| d.unsaved().cloned().collect::<Vec<_>>())
    }
}

/// Tell boot.js to let the waiting version take over (it then reloads).
fn apply_update() {
    if let Ok(e) = web_sys::Event::new("waymark-apply-update") {
        let _ = window().dispatch_event(&e);
    }
}

/// "A new version of Waymark is ready": reload when asked, but only once
/// a save in flight is written, and not past unsaved typing without asking.
#[component]
pub fn UpdateBanner(ready: RwSignal<bool>, unsaved: Unsaved) -> impl IntoView {
    let ctx = AppCtx::get();
    let question = RwSignal::new(None::<String>);
    // Waiting for a save to be written; `Some(true)` once told to reload anyway.
    let waiting = RwSignal::new(None::<bool>);
    let decide = move |confirmed: bool| {
        let save = ctx.save.get_untracked();
        let names: Vec<String> = unsaved.forms(&save).iter().map(form_name).collect();
        match update_step(save == SaveState::Saving, &names, confirmed) {
            UpdateStep::WaitForSave => waiting.set(Some(confirmed)),
            UpdateStep::Ask(q) => question.set(Some(q)),
            UpdateStep::Reload => {
                question.set(None);
                apply_update();
            }
        }
    };
    Effect::new(move |_| {
        if let Some(confirmed) = waiting.get() {
            if ctx.save.get() != SaveState::Saving {
                waiting.set(None);
                decide(confirmed);
            }
        }
    });
    // Back to the first form with unsaved typing, its first field.
    let go_back = move |_| {
        question.set(None);
        let first = unsaved.forms(&ctx.save.get_untracked()).into_iter().next();
        if let Some(field) = first
            .and_then(|f| f.query_selector("input, select, textarea").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = field.focus();
        }
    };
    view! {
        <Show when=move || ready.get()>
            <div class="notice banner" role="status" id="update-ready">
                <p>"A new version of Waymark is ready. Your data is kept."</p>
                {move || if waiting.get().is_some() {
                    view! { <p id="update-waiting">"Saving your last change first…"</p> }.into_any()
                } else if let Some(q) = question.get() {
                    view! {
                        <p id="update-question">{q}</p>
                        <div class="actions-row">
                            <button type="button" class="secondary" on:click=go_back>"Go back to my changes"</button>
                            <button type="button" class="primary" on:click=move |_| { question.set(None); decide(true) }>"Reload anyway"</button>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="primary" on:click=move |_| decide(false)>"Reload to update"</button>
                    }.into_any()
                }}
            </div>
        </Show>
    }
}
