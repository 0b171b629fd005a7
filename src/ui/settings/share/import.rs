//! Import: a file picked or dropped is read and checked in full (an
//! encrypted one after its passphrase), previewed, then saved in one
//! transaction with a backup of the data as it was.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::preview::{ImportPreview, PlanOrRefusal};
use super::restore::RestoreBackup;
use crate::exchange::encryption::{self, Sealed};
use crate::exchange::merge::{plan_import, Mode};
use crate::exchange::{Document, ImportError, MAX_BYTES};
use crate::store::ImportBackup;
use crate::ui::state::{AppCtx, AppStateStoreFields};

/// Where an import has got to.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Idle,
    /// The file is encrypted: its envelope, waiting for the passphrase.
    Locked(String, Sealed),
    Failed(String, Vec<String>),
    Ready(String, Box<Document>),
}

#[component]
pub(super) fn ImportForm() -> impl IntoView {
    let ctx = AppCtx::get();
    let stage = RwSignal::new(Stage::Idle);
    let mode = RwSignal::new(Mode::Merge);
    let passphrase = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let backups = LocalResource::new(move || {
        // Read again after each save (an import or restore writes a new backup).
        ctx.save.track();
        async move {
            match ctx.db.get_value() {
                Some(db) => db.backups().await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    let read = move |name: String, text: String| {
        message.set(None);
        // A part of the school is only ever merged.
        mode.set(Mode::Merge);
        stage.set(match Document::from_json(&text) {
            Ok(doc) => Stage::Ready(name, Box::new(doc)),
            Err(ImportError::Encrypted) => match Sealed::from_json(&text) {
                Ok(sealed) => Stage::Locked(name, sealed),
                Err(e) => Stage::Failed(name, vec![e.to_string()]),
            },
            Err(ImportError::Invalid { problems, total }) => {
                let mut v: Vec<String> = problems.iter().map(ToString::to_string).collect();
                if total > v.len() {
                    v.push(format!("… and {} more ({total} in all).", total - v.len()));
                }
                Stage::Failed(name, v)
            }
            Err(e) => Stage::Failed(name, vec![e.to_string()]),
        });
    };
    let open_file = move |file: web_sys::File| {
        let name = file.name();
        let size = file.size();
        if size > MAX_BYTES as f64 {
            stage.set(Stage::Failed(
                name,
                vec![ImportError::TooLarge(size as usize).to_string()],
            ));
            return;
        }
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(t) => read(name, t.as_string().unwrap_or_default()),
                Err(_) => stage.set(Stage::Failed(
                    name,
                    vec!["The browser could not read the file.".into()],
                )),
            }
        });
    };
    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Stage::Locked(name, sealed) = stage.get_untracked() else {
            return;
        };
        let pass = passphrase.get_untracked();
        if pass.is_empty() {
            message.set(Some("Enter the file's passphrase.".into()));
            return;
        }
        message.set(Some("Decrypting…".into()));
        spawn_local(async move {
            let opened = encryption::decrypt(&sealed, &pass).await;
            // Used: not kept in the form, whether or not the file opened.
            passphrase.set(String::new());
            match opened {
                Ok(text) => read(name, text),
                Err(e) => message.set(Some(e.to_string())),
            }
        });
    };
    let plan = Memo::new(move |_| -> Option<PlanOrRefusal> {
        let Stage::Ready(_, doc) = stage.get() else {
            return None;
        };
        Some(ctx.read(|d| {
            plan_import(
                d,
                &doc,
                mode.get(),
                ctx.settings_saved.get(),
                Timestamp::now(),
            )
            .map_err(|r| {
                (
                    r.why,
                    r.problems
                        .iter()
                        .take(crate::exchange::MAX_LISTED)
                        .map(ToString::to_string)
                        .collect(),
                )
            })
        }))
    });
    let import = move || {
        let Stage::Ready(name, _) = stage.get_untracked() else {
            return;
        };
        // Only the changes are copied out of the preview's plan (a whole
        // school is thousands of records, and the plan holds them twice).
        let Some(changes) = plan.with_untracked(|p| match p {
            Some(Ok(plan)) => Some(plan.changes.clone()),
            _ => None,
        }) else {
            return;
        };
        let how = if mode.get_untracked() == Mode::Replace {
            "replaced"
        } else {
            "merged"
        };
        let before = ctx
            .state
            .data()
            .with_untracked(|d| Document::new(d.clone(), Timestamp::now()));
        let backup = ImportBackup::new(
            before.exported_at,
            format!("{name}, {how}"),
            before.to_json(),
        );
        let n = changes.len();
        spawn_local(async move {
            match ctx
                .save_import(format!("Import {name}"), changes, backup)
                .await
            {
                Ok(()) => {
                    stage.set(Stage::Idle);
                    message.set(Some(format!("Imported {name} ({how}): {n} records changed. The data as it was is kept below.")));
                }
                Err(e) => message.set(Some(format!("Nothing was imported: {e}"))),
            }
        });
    };
    view! {
        <div class="import-form">
            <h3 id="import-heading">"Import"</h3>
            <div class="drop-zone" id="import-drop"
                on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    if let Some(f) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) { open_file(f) }
                }>
                <div class="field">
                    <label for="import-file">"Choose a Waymark file, or drop one here"</label>
                    <input id="import-file" type="file" accept=".json,application/json"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            if let Some(f) = input.files().and_then(|f| f.get(0)) { open_file(f) }
                            input.set_value("");
                        } />
                </div>
            </div>
            {move || match stage.get() {
                Stage::Idle => ().into_any(),
                Stage::Locked(name, _) => view! {
                    <form on:submit=unlock novalidate aria-label="Open the encrypted file">
                        <p>{format!("{name} is encrypted.")}</p>
                        <div class="field">
                            <label for="import-passphrase">"Passphrase"</label>
                            <input id="import-passphrase" type="password" autocomplete="off"
                                prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev)) />
                        </div>
                        <button type="submit" class="primary">"Open the file"</button>
                    </form>
                }.into_any(),
                Stage::Failed(name, problems) => view! {
                    <div class="import-problems" role="alert" id="import-problems">
                        <p>{format!("{name} cannot be imported. Nothing has been changed.")}</p>
                        <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    </div>
                }.into_any(),
                Stage::Ready(name, doc) => view! {
                    <ImportPreview name=name doc=doc mode=mode plan=plan on_import=import
                        on_cancel=move || stage.set(Stage::Idle) />
                }.into_any(),
            }}
            <p class="message" role="status" id="import-message">{move || message.get()}</p>
            <RestoreBackup backups=backups message=message />
        </div>
    }
}

fn event_target<T: JsCast>(ev: &leptos::ev::Event) -> T {
    ev.target().expect("an event has a target").unchecked_into()
}
