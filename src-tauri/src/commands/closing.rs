//! Closing the window without losing what is being typed.
//!
//! Fields save when they are left, and the narrative editor after a pause in typing, so a
//! value still being typed when the window is closed would be lost. A close request is
//! therefore held: the page is asked to leave the field it is in (which saves it) and wait
//! for its saves, then it closes the window with [`close_after_saving`]. When a save is
//! refused, the page keeps the window open with the reason on screen ([`cancel_close`]); the
//! next close request then goes through. A page that does not answer within
//! [`PAGE_ANSWER_LIMIT`] does not keep the window open.

use crate::state::AppState;
use std::sync::Mutex;
use std::time::Duration;
use tauri::{Manager, Runtime, State, Window};

/// How long a close request waits for the page before the window closes anyway.
pub const PAGE_ANSWER_LIMIT: Duration = Duration::from_secs(5);

/// What a close request leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseDecision {
    /// Hold the window and ask the page to save; the number names this request, for
    /// [`Closing::give_up`].
    AskPage(u64),
    /// The page is already saving: hold the window, ask nothing again.
    Wait,
    /// Let the window close.
    Close,
}

/// Where closing stands.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// No close request is waiting.
    #[default]
    Open,
    /// The page was asked to save, by the request of this number.
    Asked(u64),
    /// The window may close.
    Done,
}

/// Where closing stands, and how many times the page has been asked.
#[derive(Debug, Default)]
pub struct Closing(Mutex<(Phase, u64)>);

impl Closing {
    fn with<T>(&self, f: impl FnOnce(&mut Phase, &mut u64) -> T) -> T {
        let mut guard = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let (phase, asked) = &mut *guard;
        f(phase, asked)
    }

    /// A close request arrives.
    pub fn request(&self) -> CloseDecision {
        self.with(|phase, asked| match *phase {
            Phase::Open => {
                *asked += 1;
                *phase = Phase::Asked(*asked);
                CloseDecision::AskPage(*asked)
            }
            Phase::Asked(_) => CloseDecision::Wait,
            Phase::Done => CloseDecision::Close,
        })
    }

    /// The page has saved: the window may close.
    pub fn finish(&self) {
        self.with(|phase, _| *phase = Phase::Done);
    }

    /// The page asked by request `asked` has not answered in time: true when the window
    /// should close now, false when that request is over (answered, refused, or followed by
    /// another request, which has its own time).
    pub fn give_up(&self, asked: u64) -> bool {
        self.with(|phase, _| {
            let waiting = *phase == Phase::Asked(asked);
            if waiting {
                *phase = Phase::Done;
            }
            waiting
        })
    }

    /// A save was refused: the window stays open, and a later request asks the page again.
    /// Does nothing once the window is free to close.
    pub fn cancel(&self) {
        self.with(|phase, _| {
            if matches!(*phase, Phase::Asked(_)) {
                *phase = Phase::Open;
            }
        });
    }
}

/// What the window does on a close request (wired in `run`).
pub fn on_close_requested<R: Runtime>(window: &Window<R>, api: &tauri::CloseRequestApi) {
    let state = window.state::<AppState>();
    match state.closing.request() {
        CloseDecision::Close => {}
        CloseDecision::Wait => api.prevent_close(),
        CloseDecision::AskPage(asked) => {
            api.prevent_close();
            let sent = window
                .app_handle()
                .get_webview_window(window.label())
                .map(|webview| {
                    webview.eval(
                        "window.__napBeforeClose ? window.__napBeforeClose() \
                         : window.__TAURI_INTERNALS__.invoke('close_after_saving')",
                    )
                });
            if !matches!(sent, Some(Ok(()))) {
                close_now(window);
                return;
            }
            let window = window.clone();
            std::thread::spawn(move || {
                std::thread::sleep(PAGE_ANSWER_LIMIT);
                if window.state::<AppState>().closing.give_up(asked) {
                    let _ = window.destroy();
                }
            });
        }
    }
}

fn close_now<R: Runtime>(window: &Window<R>) {
    window.state::<AppState>().closing.finish();
    // `destroy`, not `close`: a close would be one more request.
    let _ = window.destroy();
}

/// The page has left its field and its saves are done: close the window.
#[tauri::command]
pub fn close_after_saving<R: Runtime>(window: Window<R>) {
    close_now(&window);
}

/// A save before closing was refused: keep the window open, showing why.
#[tauri::command]
pub fn cancel_close(state: State<'_, AppState>) {
    state.closing.cancel();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(decision: CloseDecision) -> u64 {
        match decision {
            CloseDecision::AskPage(n) => n,
            other => panic!("expected the page to be asked, got {other:?}"),
        }
    }

    #[test]
    fn the_first_request_asks_the_page_and_later_ones_wait_for_it() {
        let closing = Closing::default();
        asked(closing.request());
        assert_eq!(closing.request(), CloseDecision::Wait);
        closing.finish();
        assert_eq!(closing.request(), CloseDecision::Close);
    }

    #[test]
    fn a_refused_save_keeps_the_window_and_the_next_request_asks_again() {
        let closing = Closing::default();
        let first = asked(closing.request());
        closing.cancel();
        let second = asked(closing.request());
        assert_ne!(first, second);
        closing.finish();
        closing.cancel();
        assert_eq!(
            closing.request(),
            CloseDecision::Close,
            "once free to close, a late refusal changes nothing"
        );
    }

    #[test]
    fn only_a_request_still_unanswered_gives_up() {
        let closing = Closing::default();
        let first = asked(closing.request());
        closing.cancel();
        assert!(!closing.give_up(first), "refused: the window stays open");
        let second = asked(closing.request());
        assert!(
            !closing.give_up(first),
            "the first request's timer does not cut the second short"
        );
        assert!(closing.give_up(second));
        assert_eq!(closing.request(), CloseDecision::Close);

        let answered = Closing::default();
        let n = asked(answered.request());
        answered.finish();
        assert!(!answered.give_up(n), "already closing");
    }
}
