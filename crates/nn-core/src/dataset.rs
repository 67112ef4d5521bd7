//! A set of points (and optionally labels), stored transposed for four-points-per-vector
//! kernels.
//!
//! Callers hand points over point-major (`inputs[p * input_size + f]`, the way a JS array
//! of `{x, y}` flattens). The kernels want the same feature of consecutive points side by
//! side, so four points load as one `F32x4`; the data set therefore stores
//! **feature-major**: `features[f * stride + p]`, each feature row zero-padded past the
//! last point to `stride = round_up(len, 4) + 4` values (the extra 4 lets a kernel load 4
//! values starting at any point index `< len` without a bounds special case). Labels, if
//! any, are one row of the same stride. A data set is immutable once built.

use crate::error::CoreError;
use crate::simd::F32x4;
use crate::{MAX_INPUTS, MAX_POINTS};

/// Points (and labels) in feature-major, zero-padded storage.
#[derive(Clone, Debug)]
pub struct DataSet {
    len: usize,
    input_size: usize,
    stride: usize,
    /// `features[f * stride + p]` = feature `f` of point `p`; zero for `p >= len`.
    features: Vec<f32>,
    /// Empty (no labels) or `labels[p]`, `stride` long, zero for `p >= len`.
    labels: Vec<f32>,
    /// The fewest softmax classes whose numbers 0..k-1 cover every label (0 without
    /// labels, `usize::MAX` if a label is no whole number >= 0); computed once.
    classes_needed: usize,
}

impl DataSet {
    /// Builds a data set from point-major `inputs` (`inputs[p * input_size + f]`) and
    /// `labels` (empty for a grid-only set, or one per point). Everything must be finite.
    pub fn new(inputs: &[f32], labels: &[f32], input_size: usize) -> Result<DataSet, CoreError> {
        if input_size == 0 || input_size > MAX_INPUTS {
            return Err(CoreError::BadInputSize { input_size });
        }
        if inputs.is_empty() {
            return Err(CoreError::EmptyDataSet);
        }
        if inputs.len() % input_size != 0 {
            return Err(CoreError::RaggedInputs {
                len: inputs.len(),
                input_size,
            });
        }
        let len = inputs.len() / input_size;
        if len > MAX_POINTS {
            return Err(CoreError::TooManyPoints { points: len });
        }
        if !labels.is_empty() && labels.len() != len {
            return Err(CoreError::WrongLabelCount {
                points: len,
                labels: labels.len(),
            });
        }
        if let Some(index) = inputs.iter().position(|v| !v.is_finite()) {
            return Err(CoreError::NotFinite {
                what: "input",
                index,
            });
        }
        if let Some(index) = labels.iter().position(|v| !v.is_finite()) {
            return Err(CoreError::NotFinite {
                what: "label",
                index,
            });
        }
        let stride = (len + 3) / 4 * 4 + 4;
        let mut features = vec![0.0f32; input_size * stride];
        for (p, point) in inputs.chunks_exact(input_size).enumerate() {
            for (f, &v) in point.iter().enumerate() {
                features[f * stride + p] = v;
            }
        }
        let mut padded_labels = Vec::new();
        if !labels.is_empty() {
            padded_labels = vec![0.0f32; stride];
            padded_labels[..len].copy_from_slice(labels);
        }
        let mut classes_needed = 0usize;
        for &v in labels {
            if v >= 0.0 && v.fract() == 0.0 && v < usize::MAX as f32 {
                classes_needed = classes_needed.max(v as usize + 1);
            } else {
                classes_needed = usize::MAX;
                break;
            }
        }
        Ok(DataSet {
            len,
            input_size,
            stride,
            features,
            labels: padded_labels,
            classes_needed,
        })
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Always false (a data set has at least one point); for clippy's sake.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Features per point.
    pub fn input_size(&self) -> usize {
        self.input_size
    }

    /// Whether there is one label per point.
    pub fn has_labels(&self) -> bool {
        !self.labels.is_empty()
    }

    /// Feature `f` of points `p..p + 4` (zeros past the end). Needs `p <= len`
    /// (the row stride is at least `len + 4`).
    #[inline(always)]
    pub(crate) fn load_feature(&self, f: usize, p: usize) -> F32x4 {
        F32x4::load(&self.features, f * self.stride + p)
    }

    /// Labels of points `p..p + 4` (zeros past the end); the set must have labels.
    #[inline(always)]
    pub(crate) fn load_label(&self, p: usize) -> F32x4 {
        F32x4::load(&self.labels, p)
    }

    /// The fewest classes a softmax network needs for these labels to be class numbers
    /// 0..k-1: 0 without labels, `usize::MAX` if a label is not a whole number >= 0.
    pub fn classes_needed(&self) -> usize {
        self.classes_needed
    }

    /// Feature `f` of point `p` (for tests and scalar paths).
    pub fn feature(&self, p: usize, f: usize) -> f32 {
        self.features[f * self.stride + p]
    }

    /// Label of point `p`, if the set has labels.
    pub fn label(&self, p: usize) -> Option<f32> {
        if self.labels.is_empty() {
            None
        } else {
            Some(self.labels[p])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transposes_and_pads() {
        let inputs = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        let d = DataSet::new(&inputs, &[1.0, -1.0, 1.0, -1.0, 1.0], 2).unwrap();
        assert_eq!((d.len(), d.input_size(), d.has_labels()), (5, 2, true));
        assert_eq!(d.load_feature(0, 0).to_array(), [1.0, 3.0, 5.0, 7.0]);
        assert_eq!(d.load_feature(1, 4).to_array(), [10.0, 0.0, 0.0, 0.0]);
        // Any start up to len can load 4 values.
        assert_eq!(d.load_feature(1, 5).to_array(), [0.0; 4]);
        assert_eq!(d.load_feature(0, 3).to_array(), [7.0, 9.0, 0.0, 0.0]);
        assert_eq!(d.load_label(3).to_array(), [-1.0, 1.0, 0.0, 0.0]);
        assert_eq!((d.feature(2, 1), d.label(4)), (6.0, Some(1.0)));
        let g = DataSet::new(&[0.5], &[], 1).unwrap();
        assert!(!g.has_labels());
        assert_eq!(g.label(0), None);
    }

    #[test]
    fn refuses_bad_input() {
        use CoreError::*;
        assert_eq!(DataSet::new(&[], &[], 2).unwrap_err(), EmptyDataSet);
        assert_eq!(
            DataSet::new(&[1.0], &[], 0).unwrap_err(),
            BadInputSize { input_size: 0 }
        );
        assert_eq!(
            DataSet::new(&[1.0; 33], &[], 33).unwrap_err(),
            BadInputSize { input_size: 33 }
        );
        assert_eq!(
            DataSet::new(&[1.0; 5], &[], 2).unwrap_err(),
            RaggedInputs {
                len: 5,
                input_size: 2
            }
        );
        assert_eq!(
            DataSet::new(&[1.0; 4], &[1.0], 2).unwrap_err(),
            WrongLabelCount {
                points: 2,
                labels: 1
            }
        );
        assert_eq!(
            DataSet::new(&[1.0, f32::NAN], &[], 1).unwrap_err(),
            NotFinite {
                what: "input",
                index: 1
            }
        );
        assert_eq!(
            DataSet::new(&[1.0, 2.0], &[0.0, f32::INFINITY], 1).unwrap_err(),
            NotFinite {
                what: "label",
                index: 1
            }
        );
        let msg = format!("{}", DataSet::new(&[1.0; 5], &[], 2).unwrap_err());
        assert!(msg.contains("not a whole number"), "{}", msg);
    }
}
