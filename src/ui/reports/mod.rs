//! Reports: the termly governors' summary, the SEN information report's
//! figures and the PP+ summary for children in care. Each prints and
//! downloads as CSV with the same figures the screen shows.

use leptos::prelude::*;

use crate::domain::calendar::TermName;
use crate::domain::pupil::parse_date;
use crate::domain::reports::{governors_summary, pp_plus_summary, sen_information, Report, Table};
use crate::exchange::csv::{report_csv, report_file_name};
use crate::ui::state::AppCtx;
use crate::ui::widgets::{download, today, PrintButton, PrintedBy, YearSelect};

/// A report table, captioned, with its first column as row headers.
#[component]
pub fn ReportTable(table: Table, #[prop(into)] id: String) -> impl IntoView {
    // A wide table scrolls inside its region, which takes the keyboard's
    // focus so it can be scrolled without a pointer.
    let label = table.caption.clone();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=label>
            <table class="data-table" id=id>
                <caption>{table.caption}</caption>
                <thead><tr>{table.headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {table.rows.into_iter().map(|r| {
                        let mut cells = r.into_iter();
                        let head = cells.next().unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row">{head}</th>
                                {cells.map(|c| view! { <td>{c}</td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Governors,
    SenInformation,
    PpPlus,
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let ctx = AppCtx::get();
    let which = RwSignal::new(Which::Governors);
    let term = RwSignal::new(None::<TermName>);
    let as_of = RwSignal::new(String::new());
    let pseudonymise = RwSignal::new(true);
    let message = RwSignal::new(None::<String>);
    let start_year = move || ctx.year_in_view();
    // The term in progress by default, else the first of the year.
    let chosen_term = move || {
        term.get().unwrap_or_else(|| {
            let day = today();
            ctx.read(|d| {
                start_year()
                    .and_then(|y| d.settings.year(y))
                    .and_then(|y| {
                        y.terms
                            .iter()
                            .find(|t| t.range().contains(day))
                            .map(|t| t.name)
                    })
                    .unwrap_or(TermName::Autumn)
            })
        })
    };
    // Today, or the year's last day if the year is over (its first if not begun).
    let chosen_date = move || {
        as_of.with(|t| parse_date(t)).or_else(|| {
            let day = today();
            ctx.read(|d| {
                start_year()
                    .and_then(|y| d.settings.year(y))
                    .and_then(|y| y.range())
                    .map(|r| day.clamp(r.start, r.end))
            })
        })
    };
    let report = Memo::new(move |_| -> Option<Report> {
        let y = start_year()?;
        ctx.read(|d| match which.get() {
            Which::Governors => governors_summary(d, y, chosen_term()),
            Which::SenInformation => sen_information(d, y, chosen_date()?),
            Which::PpPlus => pp_plus_summary(d, y, pseudonymise.get()),
        })
    });
    let save_csv = move |_| {
        let Some(r) = report.get_untracked() else {
            return;
        };
        let text = match download(
            &report_file_name(&r),
            &report_csv(&r),
            "text/csv;charset=utf-8",
        ) {
            Ok(()) => format!("Downloaded {}.", report_file_name(&r)),
            Err(e) => format!("The CSV could not be saved: {e}"),
        };
        message.set(Some(text));
    };
    view! {
        <div class="reports-page">
            <h1 class="no-print">"Reports"</h1>
            <div class="report-controls filters">
                <div class="field">
                    <label for="report-kind">"Report"</label>
                    <select id="report-kind" on:change=move |ev| which.set(match event_target_value(&ev).as_str() {
                        "sen" => Which::SenInformation,
                        "ppplus" => Which::PpPlus,
                        _ => Which::Governors,
                    })>
                        <option value="governors">"Termly report to governors"</option>
                        <option value="sen">"SEN information report figures"</option>
                        <option value="ppplus">"Pupil premium plus: children in care"</option>
                    </select>
                </div>
                <YearSelect id="report-year" />
                <Show when=move || which.get() == Which::Governors>
                    <div class="field">
                        <label for="report-term">"Term"</label>
                        <select id="report-term" prop:value=move || (chosen_term() as u8).to_string()
                            on:change=move |ev| term.set(event_target_value(&ev).parse::<usize>().ok().and_then(|i| TermName::ALL.get(i).copied()))>
                            {TermName::ALL.iter().map(|t| view! { <option value=(*t as u8).to_string()>{t.label()}</option> }).collect_view()}
                        </select>
                    </div>
                </Show>
                <Show when=move || which.get() == Which::SenInformation>
                    <div class="field">
                        <label for="report-date">"Counted on"</label>
                        <input id="report-date" type="date" prop:value=move || chosen_date().map(|d| d.to_string()).unwrap_or_default()
                            on:change=move |ev| as_of.set(event_target_value(&ev)) />
                    </div>
                </Show>
                <Show when=move || which.get() == Which::PpPlus>
                    <label class="check" for="report-pseudonymise">
                        <input id="report-pseudonymise" type="checkbox" prop:checked=move || pseudonymise.get()
                            on:change=move |ev| pseudonymise.set(event_target_checked(&ev)) />
                        "Pseudonymise (initials and a reference)"
                    </label>
                </Show>
            </div>
            <div class="actions-row no-print">
                <button type="button" class="primary" id="report-csv" on:click=save_csv disabled=move || report.with(Option::is_none)>"Download CSV"</button>
                <PrintButton label="Print report" />
            </div>
            <p class="message no-print" role="status">{move || message.get()}</p>
            {move || match report.get() {
                None => view! { <p class="empty">"Set up this academic year's term dates in Settings first."</p> }.into_any(),
                Some(r) => view! {
                    <article class="report" aria-labelledby="report-title">
                        <PrintedBy />
                        <h2 id="report-title">{r.title}</h2>
                        <p class="report-subtitle">{r.subtitle}</p>
                        {r.tables.into_iter().enumerate().map(|(i, t)| view! { <ReportTable table=t id=format!("report-table-{i}") /> }).collect_view()}
                        <ul class="report-notes">{r.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    </article>
                }.into_any(),
            }}
        </div>
    }
}
