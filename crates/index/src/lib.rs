//! warta-index
