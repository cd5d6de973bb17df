//! A long task (an export, a spreadsheet import) watched from another thread: which stage it
//! is at, how far into that stage (when the stage counts its steps: checking a sheet's rows),
//! and the user's request to stop it. The task checks for that request between its stages
//! and at every step it reports; one stopped before its last stage has written nothing (an
//! export leaves no file, an import leaves the plan as it was). The last stage (writing the
//! file, saving the plan) is not interrupted: it is short and all or nothing.

use crate::AppError;
use serde::Serialize;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use ts_rs::TS;

/// Where a long task is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum JobStage {
    /// Before the first stage.
    Starting,
    /// Reading the spreadsheet.
    Reading,
    /// Matching the spreadsheet's rows to the plan and checking them.
    Checking,
    /// Making the export's content (costing, laying out the pages).
    Making,
    /// Writing the export's file: no longer stoppable.
    Writing,
    /// Saving the imported rows into the plan: no longer stoppable.
    Saving,
}

impl JobStage {
    const ALL: [JobStage; 6] = [
        Self::Starting,
        Self::Reading,
        Self::Checking,
        Self::Making,
        Self::Writing,
        Self::Saving,
    ];

    /// Whether a task at this stage can still be stopped with nothing written.
    pub fn stoppable(self) -> bool {
        !matches!(self, Self::Writing | Self::Saving)
    }
}

/// A long task's progress as the window shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct JobProgress {
    pub stage: JobStage,
    /// The user asked to stop, and the task has not reached a point where it can yet.
    pub stopping: bool,
    /// Whether asking to stop can still make the task write nothing.
    pub stoppable: bool,
    /// How much of the stage is done, 0 to 100, when the stage counts its steps; `None` when
    /// it does not (the panel then shows that it is busy, without a figure).
    pub percent: Option<u8>,
}

/// A long task's shared state: set by the thread doing it, read and cancelled by others.
#[derive(Debug, Default)]
pub struct Job {
    stage: AtomicU8,
    cancelled: AtomicBool,
    /// Steps of the stage done and in all, as last reported; `total` 0 when not reported.
    done: AtomicU64,
    total: AtomicU64,
}

impl Job {
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves to `stage` unless the user asked to stop, in which case the task ends with
    /// [`AppError::Cancelled`] before starting it.
    pub fn begin(&self, stage: JobStage) -> Result<(), AppError> {
        self.check()?;
        let index = JobStage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
        self.total.store(0, Ordering::Release);
        self.done.store(0, Ordering::Release);
        self.stage.store(index as u8, Ordering::Release);
        Ok(())
    }

    /// Ends the task with [`AppError::Cancelled`] if the user asked to stop: for the end of
    /// a stage that writes nothing after it (a review), so that its answer is not shown.
    pub fn check(&self) -> Result<(), AppError> {
        if self.cancelled.load(Ordering::Acquire) {
            return Err(AppError::Cancelled);
        }
        Ok(())
    }

    /// Asks the task to stop at its next stage. Returns whether it still can stop with
    /// nothing written (false once it is writing or saving).
    pub fn cancel(&self) -> bool {
        self.cancelled.store(true, Ordering::Release);
        self.stage().stoppable()
    }

    fn stage(&self) -> JobStage {
        let index = usize::from(self.stage.load(Ordering::Acquire));
        JobStage::ALL
            .get(index)
            .copied()
            .unwrap_or(JobStage::Starting)
    }

    /// Where the task is now.
    pub fn progress(&self) -> JobProgress {
        let stage = self.stage();
        let total = self.total.load(Ordering::Acquire);
        let done = self.done.load(Ordering::Acquire).min(total);
        JobProgress {
            stage,
            stopping: self.cancelled.load(Ordering::Acquire) && stage.stoppable(),
            stoppable: stage.stoppable(),
            percent: (total > 0).then(|| (u128::from(done) * 100 / u128::from(total)) as u8),
        }
    }
}

/// A job watches the computations of its stage: they report their steps to it and stop
/// when the user asked.
impl nap_core::watch::Watch for Job {
    fn step(&self, done: u64, total: u64) -> bool {
        // `done` first: a reader that sees the new total never sees a share above 100 %.
        self.done.store(done, Ordering::Release);
        self.total.store(total, Ordering::Release);
        !self.cancelled.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nap_core::watch::Watch;

    #[test]
    fn a_cancelled_job_refuses_its_next_stage_and_a_writing_one_cannot_stop() {
        let job = Job::new();
        assert_eq!(job.progress().stage, JobStage::Starting);
        job.begin(JobStage::Making).unwrap();
        assert_eq!(job.progress().stage, JobStage::Making);
        assert!(job.cancel(), "making can stop");
        assert!(job.progress().stopping);
        let stopped = job.begin(JobStage::Writing).unwrap_err();
        assert_eq!(stopped.code(), crate::ErrorCode::Cancelled);
        assert_eq!(
            job.progress().stage,
            JobStage::Making,
            "it never started writing"
        );

        let checking = Job::new();
        checking.begin(JobStage::Checking).unwrap();
        assert_eq!(checking.progress().percent, None, "no step reported yet");
        assert!(checking.step(250, 1000));
        assert_eq!(checking.progress().percent, Some(25));
        assert!(checking.step(1000, 1000));
        assert_eq!(checking.progress().percent, Some(100));
        checking.begin(JobStage::Saving).unwrap();
        assert_eq!(
            checking.progress().percent,
            None,
            "a new stage starts uncounted"
        );
        let stopped = Job::new();
        stopped.begin(JobStage::Checking).unwrap();
        stopped.cancel();
        assert!(
            !stopped.step(1, 2),
            "a step after Stop asks the computation to stop"
        );

        let late = Job::new();
        late.begin(JobStage::Saving).unwrap();
        assert!(!late.cancel(), "saving is all or nothing");
        assert!(!late.progress().stopping && !late.progress().stoppable);
    }
}
