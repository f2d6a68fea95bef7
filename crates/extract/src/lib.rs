//! warta-extract
