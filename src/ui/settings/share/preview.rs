//! What an import will do, before it does it: the file's summary, merge or
//! replace, and the changes by kind (the first of each, and how many more).

use leptos::prelude::*;

use crate::exchange::merge::{ImportPlan, Mode};
use crate::exchange::Document;
use crate::ui::state::{AppCtx, SaveState};

/// An import's plan, or why it is refused and the records at fault.
pub(super) type PlanOrRefusal = Result<ImportPlan, (String, Vec<String>)>;

/// The preview of `doc` (read from the file `name`): `plan` is what the
/// chosen `mode` would change, or why it cannot be imported.
#[component]
pub(super) fn ImportPreview(
    name: String,
    doc: Box<Document>,
    mode: RwSignal<Mode>,
    plan: Memo<Option<PlanOrRefusal>>,
    on_import: impl Fn() + Copy + Send + Sync + 'static,
    on_cancel: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let ctx = AppCtx::get();
    // Replace is offered only for a file of the whole school.
    let whole = doc.scope == crate::exchange::scope::Scope::Whole;
    view! {
        <div class="import-preview" id="import-preview">
            <p>{format!("{name}: exported {} by Waymark {}. ", crate::ui::widgets::gb(doc.exported_at.to_zoned(jiff::tz::TimeZone::UTC).date()), doc.app_version)}{doc.summary()}</p>
            <fieldset class="checks">
                <legend>"How to import it"</legend>
                <label class="check" for="import-merge">
                    <input id="import-merge" type="radio" name="import-mode" prop:checked=move || mode.get() == Mode::Merge on:change=move |_| mode.set(Mode::Merge) />
                    "Merge: add what is new; where both have a record, keep the one changed last"
                </label>
                {whole.then(|| view! {
                    <label class="check" for="import-replace">
                        <input id="import-replace" type="radio" name="import-mode" prop:checked=move || mode.get() == Mode::Replace on:change=move |_| mode.set(Mode::Replace) />
                        "Replace: make the data here exactly the file's"
                    </label>
                })}
            </fieldset>
            {(!whole).then(|| view! {
                <p class="hint" id="import-part-hint">{format!("This file holds {}, so it can only be merged, and the school's settings here are kept.", doc.scope.describe())}</p>
            })}
            {move || plan.get().map(|p| match p {
                Err((why, problems)) => view! {
                    <div role="alert" class="import-problems">
                        <p>{format!("{why} Nothing has been changed.")}</p>
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
                            <button type="button" class="primary" id="import-confirm" on:click=move |_| on_import() disabled=move || ctx.save.get() == SaveState::Saving>"Import"</button>
                            <button type="button" class="secondary" on:click=move |_| on_cancel()>"Cancel"</button>
                        </div>
                    }.into_any()
                }
            })}
        </div>
    }
}
