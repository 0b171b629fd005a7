//! Add pupils from an MIS export (CSV): the columns found, changeable; the
//! pupils it would add and the rows it skips, with reasons; then one edit.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::domain::commands::add_pupils;
use crate::exchange::pupils_csv::{guess_mapping, preview, read_bytes, CsvFile, Field, Mapping};
use crate::exchange::MAX_BYTES;
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};

#[component]
pub fn PupilsCsvPanel() -> impl IntoView {
    let ctx = AppCtx::get();
    let file = RwSignal::new(None::<(String, CsvFile)>);
    let mapping = RwSignal::new(Mapping::new());
    // The lines of possible matches the SENCO says are other pupils.
    let confirmed = RwSignal::new(Vec::<usize>::new());
    let message = RwSignal::new(None::<String>);
    let open = move |f: web_sys::File| {
        let name = f.name();
        if f.size() > MAX_BYTES as f64 {
            message.set(Some(format!("{name} is too large to be a pupil list.")));
            return;
        }
        spawn_local(async move {
            // The bytes, not the browser's text: the encoding is found here
            // (UTF-8, UTF-16 or Windows-1252), never guessed into U+FFFD.
            let bytes = wasm_bindgen_futures::JsFuture::from(f.array_buffer())
                .await
                .map(|b| js_sys::Uint8Array::new(&b).to_vec())
                .unwrap_or_default();
            match read_bytes(&bytes) {
                Ok(csv) => {
                    mapping.set(guess_mapping(&csv.headers));
                    confirmed.set(Vec::new());
                    message.set(None);
                    file.set(Some((name, csv)));
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
            let (_, csv) = f.as_ref()?;
            Some(ctx.read(|d| mapping.with(|m| preview(&csv.rows, m, &d.pupils, Timestamp::now()))))
        })
    });
    let add = move |_| {
        let Some(Ok(p)) = result.get_untracked() else {
            return;
        };
        let pupils = confirmed.with_untracked(|c| p.to_add(c));
        let n = pupils.len();
        let name = file.with_untracked(|f| f.as_ref().map(|f| f.0.clone()).unwrap_or_default());
        let edit = ctx
            .state
            .data()
            .with_untracked(|d| add_pupils(d, pupils, &name));
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
            <p class="hint">"Export a CSV of pupils from SIMS, Arbor or another MIS (name, year, class, UPN, date of birth, SEN status and need), in UTF-8, UTF-16 or Excel's CSV, separated by commas, semicolons or tabs. Pupils already here (same UPN, or same name and date of birth) are skipped; a pupil with the name and year group of one here, and no UPN or date of birth to tell them apart, is added only if you tick them."</p>
            <div class="field">
                <label for="pupils-csv-file">"CSV file"</label>
                <input id="pupils-csv-file" type="file" accept=".csv,text/csv" on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = ev.target().expect("a target").unchecked_into();
                    if let Some(f) = input.files().and_then(|f| f.get(0)) { open(f) }
                    input.set_value("");
                } />
            </div>
            {move || file.get().map(|(name, csv)| { let headers = csv.headers.clone(); view! {
                <p class="hint" id="pupils-csv-read">{csv.described()}</p>
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
            }})}
            {move || result.get().map(|r| match r {
                Err(e) => view! { <p class="field-error" role="alert">{e}</p> }.into_any(),
                Ok(p) => {
                    let new = p.pupils.len();
                    let lines: Vec<usize> = p.possible.iter().map(|m| m.line).collect();
                    let n = Signal::derive(move || new + confirmed.with(|c| lines.iter().filter(|l| c.contains(l)).count()));
                    let possible = p.possible.clone();
                    view! {
                        <p id="pupils-csv-summary" role="status">{format!("{new} pupils to add; {} rows skipped.", p.skipped.len())}</p>
                        {(!possible.is_empty()).then(|| view! {
                            <fieldset class="checks" id="pupils-csv-possible">
                                <legend>{format!("{} rows may be pupils already here", possible.len())}</legend>
                                <p class="hint">"Each has the name and year group of a pupil here, and no UPN or date of birth to tell them apart. They are not added unless you tick them as different pupils."</p>
                                {possible.iter().map(|m| {
                                    let line = m.line;
                                    let id = format!("pupils-csv-possible-{line}");
                                    let for_id = id.clone();
                                    view! {
                                        <label class="check" for=for_id>
                                            <input type="checkbox" id=id
                                                prop:checked=move || confirmed.with(|c| c.contains(&line))
                                                on:change=move |ev| { let on = event_target_checked(&ev); confirmed.update(|c| { c.retain(|l| *l != line); if on { c.push(line) } }) } />
                                            {format!("Line {line}: {} may be {}. Add as a different pupil", m.pupil.full_name(), m.matches)}
                                        </label>
                                    }
                                }).collect_view()}
                            </fieldset>
                        })}
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
                        <button type="button" class="primary" id="pupils-csv-add" disabled=move || n.get() == 0 || ctx.save.get() == SaveState::Saving on:click=add>
                            {move || format!("Add {} pupils", n.get())}
                        </button>
                    }.into_any()
                }
            })}
            <p class="message" role="status" id="pupils-csv-message">{move || message.get()}</p>
        </section>
    }
}
