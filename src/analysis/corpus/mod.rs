//! Corpus mode: many outlets × many events.
//!
//! * [`events`]: group documents into same-event clusters when the manifest gives no events.
//! * [`compare`]: every outlet pair of each event compared, and the summary over events.

pub mod compare;
pub mod events;
