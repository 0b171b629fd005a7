//! Settings, LA rate cards: the list of local authorities' costing rules,
//! each dated, with the form to add or edit one, a card file to import or
//! export, and Waymark's example card in one click.

mod file;
mod form;

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::domain::rate_card::{
    add_rate_card, basis_text, category_label, delete_rate_card, RateCard,
};
use crate::exchange::rate_card::{card_file_name, card_to_json, example_card};
use crate::ui::pupils::focus_by_id;
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::{download, gb, guarded_delete};

/// What the panel's form is doing: closed, adding, or editing a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Closed,
    Adding,
    Editing(Uuid),
}

/// "Teaching assistant: £653.60 for a weekly hour over 38 weeks; Teacher: 58p a minute".
fn rates_text(c: &RateCard) -> String {
    c.rates
        .iter()
        .map(|r| {
            format!(
                "{}: {}",
                category_label(r.category),
                basis_text(&r.rate, c.weeks)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[component]
pub fn RateCardsPanel() -> impl IntoView {
    let ctx = AppCtx::get();
    let open = RwSignal::new(Open::Closed);
    let message = RwSignal::new(None::<String>);
    let cards = Memo::new(move |_| {
        let mut v = ctx.read(|d| d.settings.rate_cards.clone());
        crate::domain::sort::by_key(&mut v, |c| (c.authority.to_lowercase(), c.from, c.id));
        v
    });
    let add_example = move |_| {
        let now = Timestamp::now();
        let result = ctx.state.data().with_untracked(|d| {
            example_card(&d.settings.tiers, now)
                .map_err(|p| {
                    p.iter()
                        .map(|x| x.message.clone())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .and_then(|c| {
                    add_rate_card(d, &c, now).map_err(|p| {
                        p.0.iter()
                            .map(|e| e.message.clone())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                })
        });
        match result {
            Err(why) => message.set(Some(format!("The example card was not added. {why}"))),
            Ok(edit) => {
                spawn_local(async move {
                    if ctx.commit(edit).await.is_ok() {
                        message.set(Some(
                            "Added the example card. Its figures are not any authority's: edit them, or add your own LA's card."
                                .into(),
                        ));
                    }
                });
            }
        }
    };
    view! {
        <section class="panel rate-cards" aria-labelledby="rate-cards-heading" id="rate-cards">
            <h2 id="rate-cards-heading">"LA rate cards"</h2>
            <p>"Many local authorities cost support their own way (a rate per weekly hour over 38 weeks, a rate per minute, no breaks or lunch) and accept only their own figures. Keep each authority's card here, from the date it applies; each pupil's page then shows their provision as the school costs it and as the LA costs it."</p>
            <Show when=move || !cards.with(Vec::is_empty)
                fallback=|| view! { <p class="empty" id="rate-cards-empty">"No rate cards yet. Add your LA's card, import its card file, or start from the example."</p> }>
                <div class="table-scroll">
                    <table class="data-table" id="rate-cards-list">
                        <thead><tr>
                            <th scope="col">"Local authority"</th>
                            <th scope="col">"From"</th>
                            <th scope="col">"Weeks"</th>
                            <th scope="col">"Rates"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr></thead>
                        <tbody>
                            <For each=move || cards.get() key=|c| (c.id, c.updated_at) children=move |c| {
                                let id = c.id;
                                let title = format!("{} from {}", c.authority, gb(c.from));
                                let delete_title = title.clone();
                                let export_title = title.clone();
                                let card = c.clone();
                                let export = move |_| {
                                    if let Err(e) = download(&card_file_name(&card), &card_to_json(&card), "application/json") {
                                        message.set(Some(format!("The card could not be exported: {e}")));
                                    }
                                };
                                let delete = move |_| {
                                    guarded_delete(message, ctx.state.data().with_untracked(|d| delete_rate_card(d, id, Timestamp::now())));
                                    focus_by_id("rate-cards-heading");
                                };
                                view! {
                                    <tr>
                                        <td>
                                            {c.authority.clone()}
                                            {c.example.then(|| view! { <span class="badge example">"Example"</span> })}
                                        </td>
                                        <td>{gb(c.from)}</td>
                                        <td class="num">{c.weeks.to_string()}</td>
                                        <td class="rates">{rates_text(&c)}</td>
                                        <td class="actions"><div class="row-actions">
                                            <button type="button" class="secondary" id=format!("edit-card-{id}")
                                                aria-label=format!("Edit {title}")
                                                on:click=move |_| { open.set(Open::Editing(id)); focus_by_id("card-authority"); }>"Edit"</button>
                                            <button type="button" class="secondary" aria-label=format!("Export {export_title}")
                                                on:click=export>"Export"</button>
                                            <button type="button" class="secondary" aria-label=format!("Delete {delete_title}")
                                                on:click=delete>"Delete"</button>
                                        </div></td>
                                    </tr>
                                }
                            } />
                        </tbody>
                    </table>
                </div>
            </Show>
            <div class="actions-row no-print">
                <button type="button" class="primary" id="add-card-open" aria-controls="rate-card-form"
                    aria-expanded=move || (open.get() == Open::Adding).to_string()
                    on:click=move |_| { open.set(Open::Adding); focus_by_id("card-authority"); }>"Add a rate card"</button>
                <button type="button" class="secondary" id="add-example-card"
                    disabled=move || ctx.save.get() == SaveState::Saving
                    on:click=add_example>"Add the example card"</button>
            </div>
            <p class="message" role="status" id="rate-cards-message">{move || message.get()}</p>
            {move || {
                let which = open.get();
                let card = match which {
                    Open::Closed => return ().into_any(),
                    Open::Adding => None,
                    Open::Editing(id) => ctx.state.data().with_untracked(|d| d.settings.rate_cards.iter().find(|c| c.id == id).cloned()),
                };
                let done = move || {
                    open.set(Open::Closed);
                    match which {
                        Open::Editing(id) => focus_by_id(&format!("edit-card-{id}")),
                        _ => focus_by_id("add-card-open"),
                    }
                };
                view! { <form::RateCardForm card=card on_done=done /> }.into_any()
            }}
            <file::ImportCard message=message />
        </section>
    }
}
