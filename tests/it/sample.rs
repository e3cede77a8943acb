//! The bundled sample (filled in when the translations land).
