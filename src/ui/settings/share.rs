//! Sharing: export the whole school or a part, pseudonymised and optionally
//! encrypted, after reading what the file will hold; import a file (picked
//! or dropped) after every check and a preview, with a backup of the data
//! as it was, restorable here.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;
use wasm_bindgen::JsCast;

use crate::domain::calendar::TermName;
use crate::exchange::encryption::{self, Sealed};
use crate::exchange::merge::{plan_import, ImportPlan, Mode};
use crate::exchange::scope::Scope;
use crate::exchange::{Document, ImportError, MAX_BYTES};
use crate::store::ImportBackup;
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::download;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Whole,
    Pupil,
    Provision,
    Term,
}

#[component]
pub fn SharePanel() -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="share-heading">
            <h2 id="share-heading">"Share and import"</h2>
            <ExportForm />
            <ImportForm />
        </section>
    }
}

#[component]
fn ExportForm() -> impl IntoView {
    let ctx = AppCtx::get();
    let part = RwSignal::new(Part::Whole);
    let pupil = RwSignal::new(None::<Uuid>);
    let provision = RwSignal::new(None::<Uuid>);
    let term = RwSignal::new(None::<(i16, TermName)>);
    let pseudonymise = RwSignal::new(false);
    let encrypt = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let scope = move || match part.get() {
        Part::Whole => Some(Scope::Whole),
        Part::Pupil => pupil.get().map(|id| Scope::Pupil { id }),
        Part::Provision => provision.get().map(|id| Scope::Provision { id }),
        Part::Term => term
            .get()
            .map(|(start_year, term)| Scope::Term { start_year, term }),
    };
    // The document is made when the file is exported; while the form is
    // open only what it will hold is kept (a whole school's copy was kept,
    // and compared with the last one, on every change).
    let document = move || {
        let s = scope()?;
        let p = pseudonymise.get_untracked();
        Some(
            ctx.state
                .data()
                .with_untracked(|d| Document::of(d, s, p, Timestamp::now())),
        )
    };
    let summary = Memo::new(move |_| {
        pseudonymise.track();
        ctx.state.data().track();
        document().map(|d| lower_first(&d.summary()))
    });
    let pupils = Memo::new(move |_| {
        ctx.state.data().with(|d| {
            let mut v: Vec<&crate::domain::Pupil> = d.pupils.iter().collect();
            crate::domain::sort::by(&mut v, |a, b| crate::domain::Pupil::register_order(a, b));
            v.into_iter()
                .map(|p| (p.id, p.full_name()))
                .collect::<Vec<_>>()
        })
    });
    let provisions = Memo::new(move |_| {
        ctx.state.data().with(|d| {
            let mut v: Vec<(Uuid, String)> = d
                .provisions
                .iter()
                .map(|p| (p.id, p.name.clone()))
                .collect();
            crate::domain::sort::by(&mut v, |a, b| a.1.cmp(&b.1));
            v
        })
    });
    let terms = Memo::new(move |_| ctx.state.data().with(|d| d.settings.terms()));
    let export = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(doc) = untrack(document) else {
            message.set(Some("Choose what to export first.".into()));
            return;
        };
        let whole = doc.scope == Scope::Whole && !doc.pseudonymised;
        if !encrypt.get_untracked() {
            // Say so first: a whole school's file takes a moment to write.
            busy.set(true);
            message.set(Some("Preparing the file…".into()));
            set_timeout(
                move || {
                    let result = download(&doc.file_name(), &doc.to_json(), "application/json");
                    busy.set(false);
                    after_export(
                        ctx,
                        result.map(|()| doc.file_name()),
                        whole,
                        doc.exported_at,
                        message,
                    );
                },
                std::time::Duration::from_millis(20),
            );
            return;
        }
        let pass = passphrase.get_untracked();
        if pass != again.get_untracked() {
            message.set(Some("The two passphrases are not the same.".into()));
            return;
        }
        if let Err(e) = encryption::check_passphrase(&pass) {
            message.set(Some(e.to_string()));
            return;
        }
        busy.set(true);
        message.set(Some("Encrypting… this takes a few seconds.".into()));
        spawn_local(async move {
            let name = doc.file_name().replace(".json", "-encrypted.json");
            let result = match encryption::encrypt(&doc.to_json(), &pass).await {
                Ok(sealed) => download(&name, &sealed.to_json(), "application/json").map(|()| name),
                Err(e) => Err(e.to_string()),
            };
            busy.set(false);
            after_export(ctx, result, whole, doc.exported_at, message);
        });
    };
    let select = move |id: &'static str,
                       label: &'static str,
                       options: Memo<Vec<(String, String)>>,
                       set: Callback<String>| {
        let for_id = id;
        view! {
            <div class="field">
                <label for=for_id>{label}</label>
                <select id=id on:change=move |ev| set.run(event_target_value(&ev))>
                    <option value="">"Choose…"</option>
                    {move || options.get().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let pupil_options = Memo::new(move |_| {
        pupils
            .get()
            .into_iter()
            .map(|(id, n)| (id.to_string(), n))
            .collect::<Vec<_>>()
    });
    let provision_options = Memo::new(move |_| {
        provisions
            .get()
            .into_iter()
            .map(|(id, n)| (id.to_string(), n))
            .collect::<Vec<_>>()
    });
    let term_options = Memo::new(move |_| {
        terms
            .get()
            .into_iter()
            .map(|(y, t)| {
                (
                    format!("{y}-{}", t as u8),
                    crate::domain::calendar::term_label(y, t),
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <form class="export-form" on:submit=export novalidate aria-labelledby="export-heading">
            <h3 id="export-heading">"Export"</h3>
            <div class="fields">
                <div class="field">
                    <label for="export-part">"What to export"</label>
                    <select id="export-part" on:change=move |ev| {
                        let p = match event_target_value(&ev).as_str() {
                            "pupil" => Part::Pupil,
                            "provision" => Part::Provision,
                            "term" => Part::Term,
                            _ => Part::Whole,
                        };
                        part.set(p);
                        // A part is for sharing: pseudonymised unless unticked.
                        pseudonymise.set(p != Part::Whole);
                    }>
                        <option value="whole">"The whole school (a backup)"</option>
                        <option value="pupil">"One pupil"</option>
                        <option value="provision">"One provision"</option>
                        <option value="term">"One term"</option>
                    </select>
                </div>
                <Show when=move || part.get() == Part::Pupil>
                    {select("export-pupil", "Pupil", pupil_options, Callback::new(move |v: String| pupil.set(v.parse().ok())))}
                </Show>
                <Show when=move || part.get() == Part::Provision>
                    {select("export-provision", "Provision", provision_options, Callback::new(move |v: String| provision.set(v.parse().ok())))}
                </Show>
                <Show when=move || part.get() == Part::Term>
                    {select("export-term", "Term", term_options, Callback::new(move |v: String| {
                        term.set(v.split_once('-').and_then(|(y, t)| Some((y.parse().ok()?, *TermName::ALL.get(t.parse::<usize>().ok()?)?))));
                    }))}
                </Show>
            </div>
            <div class="checks plain">
                <label class="check" for="export-pseudonymise">
                    <input id="export-pseudonymise" type="checkbox" prop:checked=move || pseudonymise.get()
                        on:change=move |ev| pseudonymise.set(event_target_checked(&ev)) />
                    "Pseudonymise pupils (initials and a reference; no names, UPNs, dates of birth or classes)"
                </label>
                <label class="check" for="export-encrypt">
                    <input id="export-encrypt" type="checkbox" prop:checked=move || encrypt.get()
                        on:change=move |ev| encrypt.set(event_target_checked(&ev)) />
                    "Encrypt with a passphrase"
                </label>
            </div>
            <Show when=move || encrypt.get()>
                <div class="fields">
                    <div class="field">
                        <label for="export-passphrase">"Passphrase (10 characters or more)"</label>
                        <input id="export-passphrase" type="password" autocomplete="new-password"
                            prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for="export-passphrase-again">"The passphrase again"</label>
                        <input id="export-passphrase-again" type="password" autocomplete="new-password"
                            prop:value=move || again.get() on:input=move |ev| again.set(event_target_value(&ev)) />
                    </div>
                </div>
                <p class="hint">"Tell the person you share it with the passphrase another way (by phone, not in the same email). Without it the file cannot be opened, by them or by you."</p>
            </Show>
            <p class="file-summary" id="export-summary">{move || summary.with(|s| s.as_ref().map_or_else(
                || "Choose what to export.".to_owned(),
                |s| format!("The file will hold {s}")))}</p>
            <div class="actions-row">
                <button type="submit" class="primary" id="export-file" disabled=move || busy.get()>"Export the file"</button>
            </div>
            <p class="message" role="status" id="export-message">{move || message.get()}</p>
        </form>
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// After a download: say what happened; a whole, named export counts as a backup.
fn after_export(
    ctx: AppCtx,
    result: Result<String, String>,
    backup: bool,
    at: Timestamp,
    message: RwSignal<Option<String>>,
) {
    match result {
        Err(e) => message.set(Some(format!("The file could not be saved: {e}"))),
        Ok(name) => {
            message.set(Some(format!(
                "Saved {name}. It holds children's SEN data: keep it safe."
            )));
            if backup {
                let mut meta = ctx.meta.get_untracked().unwrap_or_default();
                meta.last_export_at = Some(at);
                spawn_local(async move {
                    let _ = ctx.save_meta(meta).await;
                });
            }
        }
    }
}

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
fn ImportForm() -> impl IntoView {
    let ctx = AppCtx::get();
    let stage = RwSignal::new(Stage::Idle);
    let mode = RwSignal::new(Mode::Merge);
    let passphrase = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let backup = LocalResource::new(move || {
        // Read again after each save (an import writes a new backup).
        ctx.save.track();
        async move {
            match ctx.db.get_value() {
                Some(db) => db.import_backup().await.ok().flatten(),
                None => None,
            }
        }
    });
    let read = move |name: String, text: String| {
        message.set(None);
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
        message.set(Some("Decrypting…".into()));
        spawn_local(async move {
            match encryption::decrypt(&sealed, &pass).await {
                Ok(text) => {
                    passphrase.set(String::new());
                    read(name, text);
                }
                Err(e) => message.set(Some(e.to_string())),
            }
        });
    };
    let plan = Memo::new(move |_| -> Option<Result<ImportPlan, Vec<String>>> {
        let Stage::Ready(_, doc) = stage.get() else {
            return None;
        };
        Some(ctx.state.data().with(|d| {
            plan_import(
                d,
                &doc.data,
                mode.get(),
                doc.pseudonymised,
                ctx.settings_saved.get(),
            )
            .map_err(|ps| {
                ps.iter()
                    .take(crate::exchange::MAX_LISTED)
                    .map(ToString::to_string)
                    .collect()
            })
        }))
    });
    let import = move |_| {
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
                    message.set(Some(format!("Imported {name} ({how}): {n} records changed. The data as it was is kept below.", )));
                }
                Err(e) => message.set(Some(format!("Nothing was imported: {e}"))),
            }
        });
    };
    let restore = move |_| {
        let Some(Some(b)) = backup.get() else { return };
        let result = Document::from_json(&b.document)
            .map_err(|e| e.to_string())
            .and_then(|doc| {
                ctx.state
                    .data()
                    .with_untracked(|d| plan_import(d, &doc.data, Mode::Replace, false, true))
                    .map_err(|ps| ps.first().map(ToString::to_string).unwrap_or_default())
            });
        match result {
            Err(e) => message.set(Some(format!("The backup could not be restored: {e}"))),
            Ok(plan) => spawn_local(async move {
                let when =
                    crate::ui::widgets::gb(b.taken_at.to_zoned(jiff::tz::TimeZone::UTC).date());
                if ctx
                    .save(
                        format!("Restore the data from before the import on {when}"),
                        plan.changes,
                    )
                    .await
                    .is_ok()
                {
                    message.set(Some(format!(
                        "Restored the data as it was before the import on {when}."
                    )));
                }
            }),
        }
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
                    <div class="import-preview" id="import-preview">
                        <p>{format!("{name}: exported {} by Waymark {}. ", crate::ui::widgets::gb(doc.exported_at.to_zoned(jiff::tz::TimeZone::UTC).date()), doc.app_version)}{doc.summary()}</p>
                        <fieldset class="checks">
                            <legend>"How to import it"</legend>
                            <label class="check" for="import-merge">
                                <input id="import-merge" type="radio" name="import-mode" prop:checked=move || mode.get() == Mode::Merge on:change=move |_| mode.set(Mode::Merge) />
                                "Merge: add what is new; where both have a record, keep the one changed last"
                            </label>
                            <label class="check" for="import-replace">
                                <input id="import-replace" type="radio" name="import-mode" prop:checked=move || mode.get() == Mode::Replace on:change=move |_| mode.set(Mode::Replace) />
                                "Replace: make the data here exactly the file's"
                            </label>
                        </fieldset>
                        {move || plan.get().map(|p| match p {
                            Err(problems) => view! {
                                <div role="alert" class="import-problems">
                                    <p>"Importing this file would leave records pointing at records that are not there. Nothing has been changed."</p>
                                    <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                                </div>
                            }.into_any(),
                            Ok(p) => {
                                // A whole school is thousands of records: the first few name what kind of change it is.
                                let list = |items: Vec<String>| {
                                    let more = items.len().saturating_sub(crate::exchange::MAX_LISTED);
                                    let shown = items.into_iter().take(crate::exchange::MAX_LISTED).map(|i| view! { <li>{i}</li> }).collect_view();
                                    view! { {shown} {(more > 0).then(|| view! { <li>{format!("… and {more} more")}</li> })} }
                                };
                                view! {
                                    <p id="import-counts" role="status">{format!("{} new, {} updated, {} unchanged, {} in conflict (kept as they are here), {} removed.",
                                        p.new.len(), p.updated.len(), p.unchanged, p.conflicts.len(), p.removed.len())}</p>
                                    {(!p.new.is_empty()).then(|| view! { <details><summary>"New"</summary><ul>{list(p.new.iter().map(|i| i.what.clone()).collect())}</ul></details> })}
                                    {(!p.updated.is_empty()).then(|| view! { <details><summary>"Updated"</summary><ul>{list(p.updated.iter().map(|i| i.what.clone()).collect())}</ul></details> })}
                                    {(!p.conflicts.is_empty()).then(|| view! { <details open><summary>"In conflict"</summary><ul>{list(p.conflicts.iter().map(|c| format!("{}: {}", c.item.what, c.reason)).collect())}</ul></details> })}
                                    {(!p.removed.is_empty()).then(|| view! { <details open><summary>"Removed"</summary><ul>{list(p.removed.iter().map(|i| i.what.clone()).collect())}</ul></details> })}
                                    <div class="actions-row">
                                        <button type="button" class="primary" id="import-confirm" on:click=import disabled=move || ctx.save.get() == SaveState::Saving>"Import"</button>
                                        <button type="button" class="secondary" on:click=move |_| stage.set(Stage::Idle)>"Cancel"</button>
                                    </div>
                                }.into_any()
                            }
                        })}
                    </div>
                }.into_any(),
            }}
            <p class="message" role="status" id="import-message">{move || message.get()}</p>
            {move || backup.get().flatten().map(|b| view! {
                <div class="restore">
                    <p id="import-backup">{format!("Before the last import ({}) the data was kept on {}.", b.before,
                        b.taken_at.to_zoned(jiff::tz::TimeZone::UTC).strftime("%d/%m/%Y at %H:%M UTC"))}</p>
                    <button type="button" class="secondary" id="import-restore" on:click=restore>"Restore the data from before the last import"</button>
                </div>
            })}
        </div>
    }
}

fn event_target<T: JsCast>(ev: &leptos::ev::Event) -> T {
    ev.target().expect("an event has a target").unchecked_into()
}
