//! The whole-school provision map: rows by area of need and tier, columns by
//! term or year group, each cell with its provisions, pupils and cost.
//! Prints on A4 landscape.

use leptos::prelude::*;

use crate::domain::choice::Choice;
use crate::domain::costing::CostCache;
use crate::domain::dataset::Dataset;
use crate::domain::map::{build_with, Columns};
use crate::domain::provision::FundingSource;
use crate::ui::state::{AppCtx, AppStateStoreFields};
use crate::ui::widgets::{today, YearSelect};

#[component]
pub fn MapPage() -> impl IntoView {
    let ctx = AppCtx::get();
    let by = RwSignal::new(Columns::Term);
    let funding = RwSignal::new(None::<FundingSource>);
    // A provision is costed again only when it changed; the funding filter
    // shows a subset of the same costs.
    let cache = StoredValue::new(CostCache::default());
    let map = Memo::new(move |_| {
        let chosen = ctx.year_in_view()?;
        ctx.read(|d| {
            let range = d.settings.year(chosen)?.range()?;
            let tier_name = |id: &str| {
                d.settings
                    .tier(id)
                    .map_or(id.to_owned(), |t| t.name.clone())
            };
            let filtered;
            let data: &Dataset = match funding.get() {
                None => d,
                Some(f) => {
                    filtered = Dataset {
                        provisions: d
                            .provisions
                            .iter()
                            .filter(|p| p.funding == f)
                            .cloned()
                            .collect(),
                        ..d.clone()
                    };
                    &filtered
                }
            };
            let by = by.get();
            let m = cache.try_update_value(|c| build_with(data, range, by, c))?;
            let tiers: Vec<String> = m.rows.iter().map(|(_, t)| tier_name(t)).collect();
            Some((m, tiers))
        })
    });
    view! {
        <div class="map-page">
            <h1>"Provision map"</h1>
            <p class="print-only">{move || ctx.read(|d| {
                let y = d.settings.year_in_view(ctx.year.get(), today());
                let label = y.and_then(|y| d.settings.year(y)).map(|y| y.label()).unwrap_or_default();
                format!("{}, {}", d.settings.school_name, label)
            })}</p>
            <div class="filters map-controls">
                <YearSelect id="map-year" />
                <div class="field">
                    <label for="map-columns">"Columns"</label>
                    <select id="map-columns" on:change=move |ev| by.set(if event_target_value(&ev) == "year" { Columns::YearGroup } else { Columns::Term })>
                        <option value="term">"By term"</option>
                        <option value="year">"By year group"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="map-funding">"Charged to"</label>
                    <select id="map-funding" on:change=move |ev| funding.set(FundingSource::from_code(&event_target_value(&ev)))>
                        <option value="">"Any funding"</option>
                        {FundingSource::ALL.iter().map(|f| view! { <option value=f.code()>{f.label()}</option> }).collect_view()}
                    </select>
                </div>
                <button type="button" class="secondary" on:click=|_| { let _ = window().print(); }>"Print"</button>
                <button type="button" class="secondary" id="map-csv" on:click=move |_| {
                    let Some((m, _)) = map.get_untracked() else { return };
                    let r = ctx.state.data().with_untracked(|d| {
                        let y = d.settings.year_in_view(ctx.year.get_untracked(), today());
                        let label = y.and_then(|y| d.settings.year(y)).map(|y| y.label()).unwrap_or_default();
                        crate::domain::reports::map_report(d, &m, &format!("Provision map, {label}"))
                    });
                    let _ = crate::ui::widgets::download(&crate::exchange::csv::report_file_name(&r), &crate::exchange::csv::report_csv(&r), "text/csv;charset=utf-8");
                }>"Download CSV"</button>
            </div>
            {move || match map.get() {
                None => view! { <p class="empty">"Set up an academic year in Settings first."</p> }.into_any(),
                Some((m, _)) if m.rows.is_empty() => view! {
                    <p class="empty">"No provision in this year yet. Add some under " <a href="#/provisions">"Provisions"</a>"."</p>
                }.into_any(),
                Some((m, tiers)) => {
                    let cols = m.columns.clone();
                    view! {
                        <div class="table-scroll">
                            <table class="map">
                                <caption class="visually-hidden">"Provision by area of need and tier, with pupils and cost"</caption>
                                <thead><tr>
                                    <th scope="col">"Area of need"</th>
                                    <th scope="col">"Tier"</th>
                                    {cols.iter().map(|c| view! { <th scope="col">{c.label()}</th> }).collect_view()}
                                    <th scope="col" class="money">"Total"</th>
                                </tr></thead>
                                <tbody>
                                    {m.rows.iter().enumerate().map(|(r, (area, _))| view! {
                                        <tr>
                                            <th scope="row">{area.label()}</th>
                                            <td>{tiers[r].clone()}</td>
                                            {(0..cols.len()).map(|c| view! {
                                                <td class="cell">
                                                    {m.cells.get(&(r, c)).map(|entries| view! {
                                                        <ul>{entries.iter().map(|e| view! {
                                                            <li>
                                                                <a href=format!("#/provisions/{}", e.provision_id)>{e.name.clone()}</a>
                                                                <span class="entry-facts">{format!(" {} pupil{}, {}", e.pupils, if e.pupils == 1 { "" } else { "s" }, e.cost)}</span>
                                                            </li>
                                                        }).collect_view()}</ul>
                                                    })}
                                                </td>
                                            }).collect_view()}
                                            <td class="money">{m.row_totals[r].to_string()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                                <tfoot><tr>
                                    <th scope="row" colspan="2">"Total"</th>
                                    {m.column_totals.iter().map(|t| view! { <td class="money">{t.to_string()}</td> }).collect_view()}
                                    <td class="money" id="map-total">{m.total.to_string()}</td>
                                </tr></tfoot>
                            </table>
                        </div>
                    }.into_any()
                }
            }}
        </div>
    }
}
