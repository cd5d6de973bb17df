//! What the app holds while it runs: the open plan, and where closing its window stands.

use crate::error::{no_plan, IpcError};
use nap_app::job::Job;
use nap_app::AppError;
use nap_store::Document;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, TryLockError};
use std::time::{Duration, Instant};

/// The name of the thread the window's event loop (and every synchronous command) runs on:
/// the process's main thread.
pub const WINDOW_THREAD: &str = "main";

/// How long a command on the window's thread waits for a plan another thread holds. Edits
/// and views take a few milliseconds; only imports, merges and opening a plan hold it longer.
const WINDOW_WAIT: Duration = Duration::from_millis(150);

/// The open plan, if any. One plan per window; commands lock it for the length of a call.
#[derive(Default)]
pub struct AppState {
    pub document: Mutex<Option<Document>>,
    /// Why the plan given at start could not be opened, to show in the window.
    pub open_error: Mutex<Option<IpcError>>,
    /// The plan given at start that was refused, so that the window can offer a repaired
    /// copy of it when it was refused as inconsistent.
    pub refused_path: Mutex<Option<String>>,
    /// Whether a close request is waiting for the page to save.
    pub closing: crate::commands::closing::Closing,
    /// The export or import running, if any, for the window to show and stop. Its own lock,
    /// never held with the plan's: the page asks about the task while the task holds the plan.
    pub job: Mutex<Option<Arc<Job>>>,
    /// Closed while the plan given at start is being opened, on its own thread so that the
    /// window loads meanwhile; commands that need the plan wait for it to open.
    pub start: StartGate,
}

/// Closed while the plan given at start is being opened (see [`AppState::start`]).
#[derive(Default)]
pub struct StartGate {
    opening: Mutex<bool>,
    opened: Condvar,
}

impl StartGate {
    /// Closes the gate: the plan given at start is being opened.
    pub fn close(&self) {
        if let Ok(mut opening) = self.opening.lock() {
            *opening = true;
        }
    }

    /// A guard that opens the gate when dropped, for the thread opening the plan: dropped
    /// when it is done, or when it panics, so that no command waits for ever.
    pub fn open_when_done(&self) -> StartOpening<'_> {
        StartOpening { gate: self }
    }

    /// Waits until the plan given at start is open (or refused), at most `limit` when given.
    /// Returns whether it is.
    pub fn wait(&self, limit: Option<Duration>) -> bool {
        let Ok(opening) = self.opening.lock() else {
            return true;
        };
        let still_opening = |opening: &mut bool| *opening;
        match limit {
            None => self.opened.wait_while(opening, still_opening).is_ok(),
            Some(limit) => self
                .opened
                .wait_timeout_while(opening, limit, still_opening)
                .map(|(_, timeout)| !timeout.timed_out())
                .unwrap_or(true),
        }
    }
}

/// Opens the gate when dropped.
pub struct StartOpening<'a> {
    gate: &'a StartGate,
}

impl Drop for StartOpening<'_> {
    fn drop(&mut self) {
        if let Ok(mut opening) = self.gate.opening.lock() {
            *opening = false;
        }
        self.gate.opened.notify_all();
    }
}

impl AppState {
    /// Runs the use case `f` on the open plan, holding the lock for the call; `no_plan_open`
    /// when no plan is open.
    pub fn with_doc<T>(
        &self,
        f: impl FnOnce(&mut Document) -> Result<T, AppError>,
    ) -> Result<T, IpcError> {
        let mut guard = self.lock_document()?;
        let doc = guard.as_mut().ok_or_else(no_plan)?;
        Ok(f(doc)?)
    }

    /// The lock on the open plan. On the window's thread (where Tauri runs the synchronous
    /// commands) it waits at most [`WINDOW_WAIT`] and then answers `busy`: while an import
    /// or a merge holds the plan on another thread, waiting for it there would freeze the
    /// window (a tab clicked during a long import froze it for 15 s). Other threads wait.
    /// Before the plan given at start is open, it waits for that the same way.
    pub fn lock_document(&self) -> Result<MutexGuard<'_, Option<Document>>, IpcError> {
        if std::thread::current().name() != Some(WINDOW_THREAD) {
            self.start.wait(None);
            return self.document.lock().map_err(|_| no_plan());
        }
        let deadline = Instant::now() + WINDOW_WAIT;
        if !self.start.wait(Some(WINDOW_WAIT)) {
            return Err(AppError::Busy.into());
        }
        loop {
            match self.document.try_lock() {
                Ok(guard) => return Ok(guard),
                Err(TryLockError::Poisoned(_)) => return Err(no_plan()),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(1))
                }
                Err(TryLockError::WouldBlock) => return Err(AppError::Busy.into()),
            }
        }
    }

    /// A new job for a long task, which the window can watch and stop (`job_progress`,
    /// `cancel_job`) until the returned guard is dropped.
    pub fn start_job(&self) -> RunningJob<'_> {
        let job = Arc::new(Job::new());
        if let Ok(mut slot) = self.job.lock() {
            *slot = Some(Arc::clone(&job));
        }
        RunningJob { state: self, job }
    }

    /// The running task's job, if any.
    pub fn running_job(&self) -> Option<Arc<Job>> {
        self.job.lock().ok().and_then(|slot| slot.clone())
    }
}

/// Where the app keeps its own files (see [`nap_app::files::data_dir`]).
pub fn data_dir() -> PathBuf {
    nap_app::files::data_dir()
}

/// The job of a running task; the slot is emptied when the task ends (the guard drops).
pub struct RunningJob<'a> {
    state: &'a AppState,
    job: Arc<Job>,
}

impl RunningJob<'_> {
    /// The job, to hand to a task on another thread.
    pub fn shared(&self) -> Arc<Job> {
        Arc::clone(&self.job)
    }
}

impl std::ops::Deref for RunningJob<'_> {
    type Target = Job;
    fn deref(&self) -> &Job {
        &self.job
    }
}

impl Drop for RunningJob<'_> {
    fn drop(&mut self) {
        if let Ok(mut slot) = self.state.job.lock() {
            // A task started meanwhile keeps its own job in the slot.
            if slot.as_ref().is_some_and(|j| Arc::ptr_eq(j, &self.job)) {
                *slot = None;
            }
        }
    }
}
