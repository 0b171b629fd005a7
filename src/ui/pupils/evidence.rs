//! A pupil's top-up evidence pack (`#/pupils/{id}/evidence`): the tables a
//! local authority's panel asks for, for the academic year chosen, with a
//! switch to pseudonymise them; it prints on A4 and downloads as CSV. The
//! figures are the domain's (`domain::evidence`), the same every other view
//! shows.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::costing::CostCache;
use crate::domain::evidence::{evidence_pack_with, PackOptions};
use crate::domain::reports::Report;
use crate::exchange::csv::{report_csv, report_file_name};
use crate::ui::reports::ReportTable;
use crate::ui::state::AppCtx;
use crate::ui::widgets::{download, today, PrintButton, PrintedBy, YearSelect};

#[component]
pub fn EvidencePack(id: Uuid) -> impl IntoView {
    let ctx = AppCtx::get();
    // Pseudonymised unless the SENCO chooses otherwise: a pack leaves the
    // school.
    let pseudonymise = RwSignal::new(true);
    let message = RwSignal::new(None::<String>);
    let exists = Memo::new(move |_| ctx.read(|d| d.pupil(id).is_some()));
    let cache = StoredValue::new(CostCache::default());
    let pack = Memo::new(move |_| -> Option<Report> {
        let start_year = ctx.year_in_view()?;
        let options = PackOptions {
            start_year,
            pseudonymise: pseudonymise.get(),
            today: today(),
        };
        ctx.read(|d| {
            cache
                .try_update_value(|c| evidence_pack_with(d, id, &options, c))
                .flatten()
        })
    });
    let save_csv = move |_| {
        let Some(r) = pack.get_untracked() else {
            return;
        };
        let name = report_file_name(&r);
        let text = match download(&name, &report_csv(&r), "text/csv;charset=utf-8") {
            Ok(()) => format!("Downloaded {name}."),
            Err(e) => format!("The CSV could not be saved: {e}"),
        };
        message.set(Some(text));
    };
    view! {
        <div class="evidence-page">
            <p class="no-print"><a href=format!("#/pupils/{id}")>"Back to the pupil's page"</a></p>
            <Show when=move || exists.get() fallback=|| view! {
                <h1>"Pupil not found"</h1>
                <p>"They may have been deleted. " <a href="#/pupils">"Back to the register"</a></p>
            }>
                <h1 class="no-print">"Top-up evidence pack"</h1>
                <div class="report-controls filters no-print">
                    <YearSelect id="evidence-year" />
                    <label class="check" for="evidence-pseudonymise">
                        <input id="evidence-pseudonymise" type="checkbox" prop:checked=move || pseudonymise.get()
                            on:change=move |ev| pseudonymise.set(event_target_checked(&ev)) />
                        "Pseudonymise: initials and a reference instead of the name; no UPN, date of birth or class"
                    </label>
                </div>
                <div class="actions-row no-print">
                    <button type="button" class="primary" id="evidence-csv" on:click=save_csv
                        disabled=move || pack.with(Option::is_none)>"Download its tables as CSV"</button>
                    <PrintButton label="Print the pack" />
                </div>
                <p class="message no-print" role="status">{move || message.get()}</p>
                {move || match pack.get() {
                    None => view! { <p class="empty">"Set up this academic year's term dates in Settings first."</p> }.into_any(),
                    Some(r) => view! {
                        <article class="report evidence-pack" aria-labelledby="evidence-title">
                            <PrintedBy />
                            <h2 id="evidence-title">{r.title}</h2>
                            <p class="report-subtitle">{r.subtitle}</p>
                            {r.tables.into_iter().enumerate().map(|(i, t)| view! { <ReportTable table=t id=format!("evidence-table-{i}") /> }).collect_view()}
                            <ul class="report-notes">{r.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                        </article>
                    }.into_any(),
                }}
            </Show>
        </div>
    }
}
