//! Staff capacity: weekly hours the provision running on a day asks of each
//! role and member, against the hours they have.

use leptos::prelude::*;

use crate::domain::capacity::{capacity, Load};
use crate::domain::pupil::parse_date;
use crate::domain::quantity::Dec2;
use crate::ui::state::AppCtx;
use crate::ui::widgets::today;

fn hours(l: &Load) -> (String, String) {
    (
        Dec2::from_exact(l.demanded_hours()).to_string(),
        l.available_minutes.map_or("Not recorded".to_owned(), |m| {
            Dec2::from_exact(m / crate::domain::money::Exact::from_integer(60)).to_string()
        }),
    )
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let ctx = AppCtx::get();
    let day = RwSignal::new(today().to_string());
    let table = Memo::new(move |_| {
        let on = parse_date(&day.get())?;
        Some(ctx.read(|d| {
            let c = capacity(d, on);
            let roles: Vec<(String, String, String, bool)> = c
                .by_role
                .iter()
                .map(|(id, l)| {
                    let (dem, av) = hours(l);
                    (
                        d.role(*id)
                            .map_or("(missing role)".to_owned(), |r| r.name.clone()),
                        dem,
                        av,
                        l.over_allocated(),
                    )
                })
                .collect();
            let members: Vec<(String, String, String, bool)> = c
                .by_member
                .iter()
                .map(|(id, l)| {
                    let (dem, av) = hours(l);
                    let name = d
                        .members
                        .iter()
                        .find(|m| m.id == *id)
                        .map_or("(missing)".to_owned(), |m| m.name.clone());
                    (name, dem, av, l.over_allocated())
                })
                .collect();
            (roles, members)
        }))
    });
    let render = |rows: Vec<(String, String, String, bool)>,
                  caption: &'static str,
                  id: &'static str| {
        view! {
            <div class="table-scroll">
                <table class="capacity" id=id>
                    <caption>{caption}</caption>
                    <thead><tr>
                        <th scope="col">"Who"</th><th scope="col" class="money">"Hours asked a week"</th>
                        <th scope="col" class="money">"Hours available"</th><th scope="col">"Status"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(n, dem, av, over)| view! {
                            <tr class:over=over>
                                <td>{n}</td><td class="money">{dem}</td><td class="money">{av}</td>
                                <td>{if over { "Over-allocated" } else { "" }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    };
    view! {
        <h1>"Staff"</h1>
        <div class="filters">
            <div class="field">
                <label for="capacity-day">"Provision running on"</label>
                <input id="capacity-day" type="date" prop:value=move || day.get() on:input=move |ev| day.set(event_target_value(&ev)) />
            </div>
        </div>
        {move || match table.get() {
            None => view! { <p class="empty">"Choose a date."</p> }.into_any(),
            Some((roles, members)) => view! {
                {render(roles, "Hours a week by role", "capacity-roles")}
                {(!members.is_empty()).then(|| render(members, "Hours a week by member of staff", "capacity-members"))}
            }.into_any(),
        }}
    }
}
