//! Add pupils from an MIS export (CSV): the columns found, changeable; the
//! pupils it would add and the rows it skips, with reasons; then one edit.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::domain::commands::add_pupils;
use crate::exchange::pupils_csv::{guess_mapping, preview, read, Field, Mapping};
use crate::exchange::MAX_BYTES;
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};

#[component]
pub fn PupilsCsvPanel() -> impl IntoView {
    let ctx = AppCtx::get();
    let file = RwSignal::new(None::<(String, Vec<String>, Vec<Vec<String>>)>);
    let mapping = RwSignal::new(Mapping::new());
    let message = RwSignal::new(None::<String>);
    let open = move |f: web_sys::File| {
        let name = f.name();
        if f.size() > MAX_BYTES as f64 {
            message.set(Some(format!("{name} is too large to be a pupil list.")));
            return;
        }
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(f.text())
                .await
                .ok()
                .and_then(|t| t.as_string())
                .unwrap_or_default();
            match read(&text) {
                Ok((headers, rows)) => {
                    mapping.set(guess_mapping(&headers));
                    message.set(None);
                    file.set(Some((name, headers, rows)));
                }
                Err(e) => {
                    file.set(None);
                    message.set(Some(format!("{name} cannot be read: {e}")));
                }
            }
        });
    };
    let result = Memo::new(move |_| {
        file.with(|f| {
            let (_, _, rows) = f.as_ref()?;
            Some(ctx.read(|d| mapping.with(|m| preview(rows, m, &d.pupils, Timestamp::now()))))
        })
    });
    let add = move |_| {
        let Some(Ok(p)) = result.get_untracked() else {
            return;
        };
        let n = p.pupils.len();
        let name = file.with_untracked(|f| f.as_ref().map(|f| f.0.clone()).unwrap_or_default());
        let edit = ctx
            .state
            .data()
            .with_untracked(|d| add_pupils(d, p.pupils, &name));
        spawn_local(async move {
            if ctx.commit(edit).await.is_ok() {
                file.set(None);
                message.set(Some(format!("Added {n} pupils from {name}.")));
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="pupils-csv-heading">
            <h2 id="pupils-csv-heading">"Add pupils from your MIS"</h2>
            <p class="hint">"Export a CSV of pupils from SIMS, Arbor or another MIS (name, year, class, UPN, date of birth, SEN status and need). Pupils already here (same UPN, or same name and date of birth) are skipped."</p>
            <div class="field">
                <label for="pupils-csv-file">"CSV file"</label>
                <input id="pupils-csv-file" type="file" accept=".csv,text/csv" on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = ev.target().expect("a target").unchecked_into();
                    if let Some(f) = input.files().and_then(|f| f.get(0)) { open(f) }
                    input.set_value("");
                } />
            </div>
            {move || file.get().map(|(name, headers, _)| view! {
                <fieldset class="checks">
                    <legend>{format!("Columns of {name}")}</legend>
                    <div class="fields">
                        {Field::ALL.iter().enumerate().map(|(i, f)| {
                            let id = format!("csv-column-{i}");
                            let for_id = id.clone();
                            let headers = headers.clone();
                            view! {
                                <div class="field">
                                    <label for=for_id>{f.label()}</label>
                                    <select id=id prop:value=move || mapping.with(|m| m.get(i).and_then(|x| x.1).map(|c| c.to_string()).unwrap_or_default())
                                        on:change=move |ev| { let v = event_target_value(&ev).parse().ok(); mapping.update(|m| if let Some(x) = m.get_mut(i) { x.1 = v }) }>
                                        <option value="">"Not in the file"</option>
                                        {headers.iter().enumerate().map(|(c, h)| view! { <option value=c.to_string()>{h.clone()}</option> }).collect_view()}
                                    </select>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            })}
            {move || result.get().map(|r| match r {
                Err(e) => view! { <p class="field-error" role="alert">{e}</p> }.into_any(),
                Ok(p) => {
                    let n = p.pupils.len();
                    view! {
                        <p id="pupils-csv-summary" role="status">{format!("{n} pupils to add; {} rows skipped.", p.skipped.len())}</p>
                        {(!p.pupils.is_empty()).then(|| view! {
                            <details><summary>"Pupils to add"</summary>
                                <ul>{p.pupils.iter().map(|x| view! { <li>{format!("{}, {}, {}", x.full_name(), x.year_group.label(), x.sen_status.label())}</li> }).collect_view()}</ul>
                            </details>
                        })}
                        {(!p.skipped.is_empty()).then(|| view! {
                            <details open><summary>"Rows skipped"</summary>
                                <ul id="pupils-csv-skipped">{p.skipped.iter().map(|s| view! { <li>{format!("Line {}: {}", s.line, s.reason)}</li> }).collect_view()}</ul>
                            </details>
                        })}
                        <button type="button" class="primary" id="pupils-csv-add" disabled=move || n == 0 || ctx.save.get() == SaveState::Saving on:click=add>
                            {format!("Add {n} pupils")}
                        </button>
                    }.into_any()
                }
            })}
            <p class="message" role="status" id="pupils-csv-message">{move || message.get()}</p>
        </section>
    }
}
