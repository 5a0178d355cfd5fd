//! Per-document counts.
