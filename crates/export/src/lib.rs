//! warta-export
