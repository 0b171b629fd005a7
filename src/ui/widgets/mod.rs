//! Small components shared by every view.

use leptos::prelude::*;

use super::state::{AppCtx, SaveState};

/// "Saving…", "All changes saved" or the failure, announced politely to screen readers.
#[component]
pub fn SaveStatus() -> impl IntoView {
    let ctx = AppCtx::get();
    view! {
        <p class="save-status" role="status" aria-live="polite" data-state=move || match ctx.save.get() {
            SaveState::Idle => "idle",
            SaveState::Saving => "saving",
            SaveState::Saved => "saved",
            SaveState::Failed(_) => "failed",
        }>
            {move || match ctx.save.get() {
                SaveState::Idle => String::new(),
                SaveState::Saving => "Saving…".to_owned(),
                SaveState::Saved => "All changes saved".to_owned(),
                SaveState::Failed(m) => format!("Not saved: {m}"),
            }}
        </p>
    }
}
