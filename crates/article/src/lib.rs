//! warta-article
