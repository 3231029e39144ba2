//! One article's failure stays that article's: annotation runs under a guard that turns a panic (a
//! bug in kgraph) into an [`Error::Annotate`] naming the document, so a folder's run reports that
//! article, skips it and processes the rest.
use crate::error::Error;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, OnceLock};

thread_local! {
    /// Whether this thread is inside [`guarded`]: its panics are reported by the guard, not the hook.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// Where the last guarded panic on this thread was raised (file:line), for the guard's message.
    static WHERE: Cell<Option<String>> = const { Cell::new(None) };
}

/// Installs (once) a panic hook that stays silent for panics inside [`guarded`], which report
/// them as one line of their own, and hands every other panic to the hook that was there before.
/// The binary installs it; a library caller may, or keep the default hook's message.
pub fn install_quiet_hook() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let previous = Mutex::new(panic::take_hook());
        panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                WHERE.with(|w| w.set(at));
            } else if let Ok(p) = previous.lock() {
                p(info);
            }
        }));
    });
}

/// Runs `f` for the document `doc`; a panic inside it becomes [`Error::Annotate`] with the panic's
/// message (and where it was raised, when the quiet hook is installed). Whatever `f` changed of
/// the document before the panic must be thrown away by the caller: the document is skipped.
pub fn guarded<T>(doc: &str, f: impl FnOnce() -> T) -> Result<T, Error> {
    let was = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        let message = match WHERE.with(Cell::take) {
            Some(at) => format!("{what} at {at}"),
            None => what,
        };
        Error::Annotate {
            doc: doc.to_string(),
            message: message.replace('\n', " "),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_naming_the_document_and_a_value_passes_through() {
        install_quiet_hook();
        assert_eq!(guarded("a.txt", || 7).unwrap(), 7);
        let e = guarded("b.txt", || -> usize { panic!("index out of bounds") }).unwrap_err();
        let line = e.to_string();
        assert!(line.starts_with("b.txt: internal error while annotating (index out of bounds at src/pipeline/guard.rs:"), "{line}");
        assert!(!line.contains('\n'));
        // a formatted message (a String payload) is kept too, and the guard is left behind
        let e = guarded("c.txt", || -> usize { panic!("{} of {}", 3, 2) }).unwrap_err();
        assert!(e.to_string().contains("(3 of 2 at "), "{e}");
        assert!(!GUARDED.with(Cell::get));
    }
}
