//! Sharing: export the whole school or a part, pseudonymised and optionally
//! encrypted, after reading what the file will hold; import a file (picked
//! or dropped) after every check and a preview, with a backup of the data
//! as it was, restorable here.

mod export;
mod import;
mod preview;
mod restore;

use leptos::prelude::*;

#[component]
pub fn SharePanel() -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="share-heading">
            <h2 id="share-heading">"Share and import"</h2>
            <export::ExportForm />
            <import::ImportForm />
        </section>
    }
}
