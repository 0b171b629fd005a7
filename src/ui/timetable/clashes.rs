//! Every clash of the term the week is in, in one place: how many of each
//! kind, what each is, and links to the provisions to fix it.

use jiff::civil::Date;
use leptos::prelude::*;

use crate::domain::calendar::Calendar;
use crate::domain::clashes::{clashes, counts};
use crate::domain::timetable_week::{clash_links, clash_period};
use crate::ui::state::AppCtx;

#[component]
pub fn ClashList(monday: Memo<Date>) -> impl IntoView {
    let ctx = AppCtx::get();
    let found = Memo::new(move |_| {
        let m = monday.get();
        ctx.read(|d| {
            let cal = Calendar::new(&d.settings.years);
            let period = clash_period(&cal, m);
            let list = clashes(d, &cal, &period.range);
            let counts: Vec<(&'static str, usize)> = counts(&list)
                .into_iter()
                .map(|(k, n)| (k.label(), n))
                .collect();
            let items: Vec<(String, Vec<(uuid::Uuid, String)>)> = list
                .iter()
                .map(|c| (c.message.clone(), clash_links(d, c)))
                .collect();
            (period.label, counts, items)
        })
    });
    view! {
        <h2 id="clashes-heading">{move || found.with(|f| format!("Clashes in {}", f.0))}
            " " <span class="count" id="clash-total">{move || found.with(|f| format!("({})", f.2.len()))}</span></h2>
        <dl class="facts clash-counts" id="clash-counts">
            {move || found.with(|f| f.1.iter().map(|(label, n)| view! { <dt>{*label}</dt><dd>{*n}</dd> }).collect_view())}
        </dl>
        {move || found.with(|f| if f.2.is_empty() {
            view! { <p class="empty">{format!("No clashes in {}.", f.0)}</p> }.into_any()
        } else {
            view! {
                <ol class="clash-list">
                    {f.2.iter().enumerate().map(|(i, (message, links))| view! {
                        <li id=format!("clash-{}", i + 1)>
                            <p>{message.clone()}</p>
                            <p class="clash-fix">"Fix it on the page of "
                                {links.iter().enumerate().map(|(j, (id, name))| view! {
                                    {(j > 0).then_some(" or ")}
                                    <a href=format!("#/provisions/{id}")>{name.clone()}</a>
                                }).collect_view()}
                            "."</p>
                        </li>
                    }).collect_view()}
                </ol>
            }.into_any()
        })}
    }
}
