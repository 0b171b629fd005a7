//! Import a rate card file (picked or dropped): read and checked in full,
//! every problem listed with its JSON path, nothing stored from a bad file.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::domain::rate_card::{add_rate_card, card_title};
use crate::exchange::rate_card::{read_card_file, MAX_CARD_BYTES};
use crate::ui::state::{AppCtx, AppStateStoreFields};

#[component]
pub fn ImportCard(message: RwSignal<Option<String>>) -> impl IntoView {
    let ctx = AppCtx::get();
    // The file refused, and why: each problem as "path: message".
    let refused = RwSignal::new(None::<(String, Vec<String>)>);
    let read = move |name: String, text: String| {
        let now = Timestamp::now();
        let result = ctx.state.data().with_untracked(|d| {
            let card = read_card_file(&text, &d.settings.tiers, now).map_err(|p| {
                p.into_iter()
                    .map(|x| format!("{}: {}", x.path, x.message))
                    .collect::<Vec<_>>()
            })?;
            let title = card_title(&card);
            add_rate_card(d, &card, now)
                .map(|edit| (edit, title))
                .map_err(|p| p.0.into_iter().map(|e| e.message).collect())
        });
        match result {
            Err(problems) => {
                message.set(None);
                refused.set(Some((name, problems)));
            }
            Ok((edit, title)) => {
                refused.set(None);
                spawn_local(async move {
                    if ctx.commit(edit).await.is_ok() {
                        message.set(Some(format!("Added the rate card {title} from {name}.")));
                    }
                });
            }
        }
    };
    let open_file = move |file: web_sys::File| {
        let name = file.name();
        if file.size() > MAX_CARD_BYTES as f64 {
            refused.set(Some((
                name,
                vec![format!(
                    "The file is too large to be a rate card (at most {} KB).",
                    MAX_CARD_BYTES / 1024
                )],
            )));
            return;
        }
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(t) => read(name, t.as_string().unwrap_or_default()),
                Err(_) => refused.set(Some((
                    name,
                    vec!["The browser could not read the file.".into()],
                ))),
            }
        });
    };
    view! {
        <div class="drop-zone no-print" id="rate-card-drop"
            on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                if let Some(f) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) { open_file(f) }
            }>
            <div class="field">
                <label for="rate-card-file">"Import a rate card file (.json): choose one, or drop it here"</label>
                <input id="rate-card-file" type="file" accept=".json,application/json"
                    aria-describedby="rate-card-file-problems"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = ev.target().expect("a target").unchecked_into();
                        if let Some(f) = input.files().and_then(|f| f.get(0)) { open_file(f) }
                        input.set_value("");
                    } />
            </div>
            <div id="rate-card-file-problems" role="alert">
                {move || refused.get().map(|(name, problems)| view! {
                    <p class="field-error">{format!(
                        "{name} was not added: {} problem{}. Nothing was stored.",
                        problems.len(),
                        if problems.len() == 1 { "" } else { "s" }
                    )}</p>
                    <ul class="problems">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                })}
            </div>
        </div>
    }
}
