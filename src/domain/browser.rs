//! What the app needs to know of the browser it runs in, and the rules that
//! depend on it. The UI reads the browser (its user agent, whether the app
//! is installed) and passes what it read in; nothing here touches it.
//!
//! Why it matters: WebKit (Safari, and every browser on an iPad or iPhone)
//! deletes all of a site's script-written storage, IndexedDB included,
//! after seven days of Safari use without the site being used, unless the
//! site has been added to the Home Screen (or, on a Mac, to the Dock). See
//! WebKit's blog, "Full Third-Party Cookie Blocking and More" (March 2020),
//! "7-Day Cap on All Script-Writeable Storage", and John Wilander's update
//! to it: web applications added to the home screen "have their own counter
//! of days of use" and are not expected to lose their data. A SENCO on an
//! iPad who is away for a fortnight could otherwise come back to nothing.

/// The browser engine, as far as the app's rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Safari, and any browser on iOS or iPadOS (all of them use WebKit).
    WebKit,
    /// Chromium, Firefox and the rest.
    Other,
}

/// Where the app runs, for the words of the install steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Device {
    /// An iPad or iPhone.
    Ios,
    /// A Mac.
    Mac,
    /// Anything else.
    Other,
}

/// The browser the app runs in, as the UI read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Browser {
    pub engine: Engine,
    pub device: Device,
    /// Whether the app runs installed (from the Home Screen or the Dock,
    /// `display-mode: standalone`).
    pub installed: bool,
}

impl Default for Browser {
    /// A browser that evicts nothing early (the rules' usual case).
    fn default() -> Self {
        Browser {
            engine: Engine::Other,
            device: Device::Other,
            installed: false,
        }
    }
}

impl Browser {
    /// Read from the user agent, the number of touch points and whether the
    /// app runs installed. iPadOS 13 and later say "Macintosh" in the user
    /// agent; a "Mac" with a touch screen is an iPad.
    pub fn from_user_agent(user_agent: &str, max_touch_points: u32, installed: bool) -> Browser {
        let has = |s: &str| user_agent.contains(s);
        let ios = has("iPad") || has("iPhone") || has("iPod");
        let mac = has("Macintosh");
        let device = if ios || (mac && max_touch_points > 1) {
            Device::Ios
        } else if mac {
            Device::Mac
        } else {
            Device::Other
        };
        // Every browser on iOS is WebKit (CriOS, FxiOS, EdgiOS included).
        // Elsewhere, Chromium's and Android's user agents say "AppleWebKit"
        // too, so WebKit is "AppleWebKit" without the Chromium family's
        // marks.
        let chromium = ["Chrome/", "Chromium/", "Edg/", "OPR/", "Android"]
            .iter()
            .any(|m| has(m));
        let engine = if device == Device::Ios || (has("AppleWebKit/") && !chromium) {
            Engine::WebKit
        } else {
            Engine::Other
        };
        Browser {
            engine,
            device,
            installed,
        }
    }

    /// Whether the browser may delete the app's data after days without
    /// use (WebKit's seven-day cap, which installed web apps are spared).
    pub fn evicts_when_unused(self) -> bool {
        self.engine == Engine::WebKit && !self.installed
    }

    /// How to install the app here, and why: `None` where it need not be.
    pub fn install_advice(self) -> Option<InstallAdvice> {
        self.evicts_when_unused().then(|| InstallAdvice {
            why: format!(
                "Safari may delete everything Waymark keeps in this browser after {EVICTION_DAYS} days without using it, unless Waymark is installed. Installed, it keeps its data and opens like an app."
            ),
            how: match self.device {
                Device::Ios => "To install it on an iPad or iPhone: tap the Share button, then \"Add to Home Screen\", then open Waymark from the Home Screen.",
                Device::Mac => "To install it on a Mac: in Safari choose File > Add to Dock, then open Waymark from the Dock.",
                Device::Other => "Install it from the browser's menu if it offers to, and export backups often.",
            }
            .to_owned(),
        })
    }
}

/// Days without use after which WebKit deletes a site's storage.
pub const EVICTION_DAYS: u32 = 7;

/// Why and how to install the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallAdvice {
    pub why: String,
    pub how: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAFARI_MAC: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
    const SAFARI_IPAD_OLD: &str = "Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1";
    const SAFARI_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    const CHROME_IOS: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0.6312.52 Mobile/15E148 Safari/604.1";
    const CHROME_MAC: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36";
    const CHROME_WIN: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36";
    const EDGE: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 Edg/123.0.2420.65";
    const ANDROID: &str = "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.6312.99 Safari/537.36";
    const FIREFOX: &str =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:124.0) Gecko/20100101 Firefox/124.0";
    const FIREFOX_MAC: &str =
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:124.0) Gecko/20100101 Firefox/124.0";
    const WEBKITGTK: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15";

    fn read(ua: &str, touch: u32) -> (Engine, Device) {
        let b = Browser::from_user_agent(ua, touch, false);
        (b.engine, b.device)
    }

    #[test]
    fn webkit_is_told_from_the_chromium_family() {
        assert_eq!(read(SAFARI_MAC, 0), (Engine::WebKit, Device::Mac));
        // iPadOS 13+ Safari asks for the desktop site: a Mac with touch.
        assert_eq!(read(SAFARI_MAC, 5), (Engine::WebKit, Device::Ios));
        assert_eq!(read(SAFARI_IPAD_OLD, 5), (Engine::WebKit, Device::Ios));
        assert_eq!(read(SAFARI_IPHONE, 5), (Engine::WebKit, Device::Ios));
        assert_eq!(read(CHROME_IOS, 5), (Engine::WebKit, Device::Ios));
        assert_eq!(read(WEBKITGTK, 0), (Engine::WebKit, Device::Other));
        assert_eq!(read(CHROME_MAC, 0), (Engine::Other, Device::Mac));
        assert_eq!(read(CHROME_WIN, 0), (Engine::Other, Device::Other));
        assert_eq!(read(EDGE, 0), (Engine::Other, Device::Other));
        assert_eq!(read(ANDROID, 5), (Engine::Other, Device::Other));
        assert_eq!(read(FIREFOX, 0), (Engine::Other, Device::Other));
        assert_eq!(read(FIREFOX_MAC, 0), (Engine::Other, Device::Mac));
        assert_eq!(read("", 0), (Engine::Other, Device::Other));
    }

    #[test]
    fn install_advice_only_where_data_may_be_deleted() {
        let ipad = Browser::from_user_agent(SAFARI_MAC, 5, false);
        assert!(ipad.evicts_when_unused());
        let advice = ipad.install_advice().unwrap();
        assert!(advice.why.starts_with(
            "Safari may delete everything Waymark keeps in this browser after 7 days without using it"
        ));
        assert!(advice
            .how
            .contains("tap the Share button, then \"Add to Home Screen\""));
        let mac = Browser::from_user_agent(SAFARI_MAC, 0, false);
        assert!(mac
            .install_advice()
            .unwrap()
            .how
            .contains("File > Add to Dock"));
        let gtk = Browser::from_user_agent(WEBKITGTK, 0, false);
        assert!(gtk
            .install_advice()
            .unwrap()
            .how
            .contains("export backups often"));
        let installed = Browser::from_user_agent(SAFARI_MAC, 5, true);
        assert!(!installed.evicts_when_unused());
        assert_eq!(installed.install_advice(), None);
        assert_eq!(
            Browser::from_user_agent(CHROME_WIN, 0, false).install_advice(),
            None
        );
        assert_eq!(Browser::default().install_advice(), None);
    }
}
