//! warta-store
