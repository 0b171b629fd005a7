//! Deleting a provision, after a confirmation.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::domain::commands::delete_provision;
use crate::ui::state::{AppCtx, AppStateStoreFields};

/// Delete a provision and its enrolments, in one edit, after a confirmation.
#[component]
pub(super) fn DeleteProvision(id: Uuid) -> impl IntoView {
    let ctx = AppCtx::get();
    let confirming = RwSignal::new(false);
    let delete = move |_| {
        let Ok(edit) = ctx
            .state
            .data()
            .with_untracked(|d| delete_provision(d, id, Timestamp::now()))
        else {
            return;
        };
        spawn_local(async move {
            if ctx.commit(edit).await.is_ok() {
                crate::ui::navigate("#/provisions");
            }
        });
    };
    view! {
        <Show when=move || confirming.get() fallback=move || view! {
            <button type="button" class="secondary" on:click=move |_| confirming.set(true)>"Delete provision"</button>
        }>
            <span class="confirm" role="group" aria-label="Confirm deleting this provision">
                <button type="button" class="danger" on:click=delete>"Yes, delete it and its enrolments"</button>
                <button type="button" class="secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
            </span>
        </Show>
    }
}
