//! Keyness.
