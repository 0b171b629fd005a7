//! Keeping several tabs of the app in step: after a tab commits an edit it
//! posts the changes on a `BroadcastChannel`; the other tabs apply them to
//! their in-memory state (the records are already committed).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

use crate::domain::edit::Change;
use crate::exchange::tab_message::{changes, message};

/// A tab's end of the channel for one database. Not leptos-use's
/// `use_broadcast_channel`: it keeps only the latest message in a signal, so
/// two edits arriving before an effect runs would apply only the last and
/// leave this tab showing stale data. Every message here is applied, and the
/// listener is removed and the channel closed on drop.
pub struct TabSync {
    channel: BroadcastChannel,
    _listener: Closure<dyn Fn(MessageEvent)>,
}

impl TabSync {
    /// Listen for other tabs' edits to the database `db_name`.
    /// `None` where the browser has no `BroadcastChannel`.
    pub fn open(db_name: &str, on_changes: impl Fn(Vec<Change>) + 'static) -> Option<TabSync> {
        let channel = BroadcastChannel::new(&format!("waymark:{db_name}")).ok()?;
        let listener = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            // A message this build cannot read (an older or newer tab) is ignored.
            if let Some(changes) = changes(&text) {
                on_changes(changes);
            }
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some(TabSync {
            channel,
            _listener: listener,
        })
    }

    /// Tell the other tabs about committed changes.
    pub fn send(&self, changes: &[Change]) {
        let _ = self.channel.post_message(&message(changes).into());
    }
}

impl Drop for TabSync {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
