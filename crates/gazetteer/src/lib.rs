//! warta-gazetteer
