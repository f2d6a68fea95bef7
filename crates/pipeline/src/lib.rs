//! warta-pipeline
