//! Segmentation scoring (see README).
