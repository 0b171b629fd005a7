//! A pupil's provision "as the school costs it and as the LA costs it":
//! each provision's two figures side by side by one LA rate card (the card
//! in force for the year, or the one chosen), the totals, and every
//! difference in words. It prints with the page.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::costing::CostCache;
use crate::domain::rate_card::{card_for_period, card_title, la_costing, LaCosting};
use crate::ui::state::AppCtx;
use crate::ui::widgets::gb;

#[component]
pub fn LaCostingPanel(id: Uuid) -> impl IntoView {
    let ctx = AppCtx::get();
    let cache = StoredValue::new(CostCache::default());
    // The card chosen here; `None` is the card for the year.
    let chosen = RwSignal::new(None::<Uuid>);
    let cards = Memo::new(move |_| {
        let mut v: Vec<(Uuid, String)> = ctx.read(|d| {
            d.settings
                .rate_cards
                .iter()
                .map(|c| (c.id, card_title(c)))
                .collect()
        });
        crate::domain::sort::by_key(&mut v, |(_, t)| t.to_lowercase());
        v
    });
    let costing = Memo::new(move |_| -> Option<Result<LaCosting, &'static str>> {
        let start = ctx.year_in_view()?;
        let pick = chosen.get();
        ctx.read(|d| {
            let year = d.settings.year(start)?.range()?;
            let pupil = d.pupil(id);
            let card = pick
                .and_then(|c| d.settings.rate_cards.iter().find(|x| x.id == c))
                .or_else(|| card_for_period(&d.settings.rate_cards, &year, pupil));
            let Some(card) = card else {
                return Some(Err("no card"));
            };
            let report = cache.try_update_value(|c| c.build(d, year))?;
            Some(Ok(la_costing(d, id, card, &report)))
        })
    });
    view! {
        <section class="panel la-costing" aria-labelledby="la-costing-heading" id="la-costing-panel">
            <h2 id="la-costing-heading">"As the school costs it and as the LA costs it"</h2>
            {move || match costing.get() {
                None => view! { <p class="empty">"Set up the academic year's term dates in Settings to cost provision."</p> }.into_any(),
                Some(Err(_)) => view! {
                    <p class="empty" id="la-costing-none">"No LA rate card yet. Add your local authority's card (or the example) in " <a href="#/settings">"Settings, LA rate cards"</a> " to see this pupil's provision as the LA costs it."</p>
                }.into_any(),
                Some(Ok(c)) => {
                    let card_line = format!(
                        "The LA's figures are by the card of {} from {}, over {}.",
                        c.authority,
                        gb(c.card_from),
                        c.period,
                    );
                    let example = c.example.then(|| view! {
                        <p class="la-example" id="la-card-example"><span class="badge example">"Example"</span>" This is Waymark's example card, not a real authority's figures: add your own LA's card in Settings."</p>
                    });
                    view! {
                        <Show when=move || cards.with(|v| v.len() > 1)>
                            <div class="field no-print card-choice">
                                <label for="la-card">"LA rate card"</label>
                                <select id="la-card"
                                    prop:value=move || chosen.get().map(|c| c.to_string()).unwrap_or_default()
                                    on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                                    <option value="">"The card for the year"</option>
                                    {move || cards.get().into_iter().map(|(cid, t)| view! { <option value=cid.to_string()>{t}</option> }).collect_view()}
                                </select>
                            </div>
                        </Show>
                        <p id="la-card-used">{card_line}</p>
                        {example}
                        {if c.lines.is_empty() {
                            view! { <p class="empty">"No provision in this year."</p> }.into_any()
                        } else {
                            let gap = c.gap_text();
                            view! {
                                <div class="table-scroll">
                                    <table class="data-table" id="la-costing">
                                        <thead><tr>
                                            <th scope="col">"Provision"</th>
                                            <th scope="col">"Support"</th>
                                            <th scope="col" class="num">"Sessions counted"</th>
                                            <th scope="col" class="num">"Share"</th>
                                            <th scope="col" class="money">"School's figure"</th>
                                            <th scope="col" class="money">"LA's figure"</th>
                                        </tr></thead>
                                        {c.lines.into_iter().map(|l| {
                                            let la = match &l.not_costed {
                                                Some(_) => "Not costed".to_owned(),
                                                None => l.la.to_string(),
                                            };
                                            let school = match &l.school_issue {
                                                Some(_) => "Not costed".to_owned(),
                                                None => l.school.to_string(),
                                            };
                                            let why: Vec<String> = l.school_issue.iter().chain(l.not_costed.iter()).chain(l.differences.iter()).cloned().collect();
                                            view! {
                                                <tbody class="la-line" data-provision=l.provision_id.to_string()>
                                                    <tr>
                                                        <th scope="row"><a href=format!("#/provisions/{}", l.provision_id)>{l.name.clone()}</a></th>
                                                        <td class="support">{format!("{} ({} × {} min)", l.weekly_support, l.sessions_per_week, l.minutes_per_session)}</td>
                                                        <td class="num sessions-counted">{if l.not_costed.is_some() { "–".to_owned() } else { format!("{} of {}", l.sessions_counted, l.sessions_per_week) }}</td>
                                                        <td class="num share">{if l.share.is_empty() { "–".to_owned() } else { l.share.clone() }}</td>
                                                        <td class="money school">{school}</td>
                                                        <td class="money la">{la}</td>
                                                    </tr>
                                                    {(!why.is_empty()).then(|| view! {
                                                        <tr class="why"><td colspan="6">
                                                            <ul>{why.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                                                        </td></tr>
                                                    })}
                                                </tbody>
                                            }
                                        }).collect_view()}
                                        <tfoot><tr>
                                            <th scope="row" colspan="4">"Total"</th>
                                            <td class="money" id="la-school-total">{c.school_total.to_string()}</td>
                                            <td class="money" id="la-total">{c.la_total.to_string()}</td>
                                        </tr></tfoot>
                                    </table>
                                </div>
                                <p id="la-gap">{gap}</p>
                                {c.notes.into_iter().map(|n| view! { <p class="la-note">{n}</p> }).collect_view()}
                            }.into_any()
                        }}
                    }.into_any()
                }
            }}
        </section>
    }
}
