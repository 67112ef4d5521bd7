//! Optimizers: how one batch's mean gradient moves the parameters.
//!
//! Every update starts from `g`, the mean over the batch of dE/dp for a parameter p (the
//! summed gradient divided by the points it sums). With the learning rate `lr`:
//!
//! * **SGD** (TensorFlow Playground's rule): `p -= lr * g`; no state.
//! * **Momentum** (classical, "heavy ball"): `v = mu * v + g`, `p -= lr * v`.
//! * **RMSProp**: `s = rho * s + (1 - rho) * g^2`, `p -= lr * g / (sqrt(s) + eps)`,
//!   with `rho` = [`RMSPROP_RHO`] (0.9) and `eps` the `epsilon` setting.
//! * **Adam** (Kingma and Ba 2015, with bias correction): `t += 1`,
//!   `m = b1 * m + (1 - b1) * g`, `v = b2 * v + (1 - b2) * g^2`,
//!   `p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)`.
//!
//! Weights then get TensorFlow Playground's regularisation step, unchanged: the
//! penalty's derivative is taken at the weight *before* the optimizer's step and
//! `w = stepped - lr * regRate * regDer` (with L1 a weight that crosses zero dies).
//! A dead link's weight and optimizer state never change.
//!
//! The state (`moment1`: momentum's `v` or Adam's `m`; `moment2`: RMSProp's `s` or
//! Adam's `v`; `steps`: updates applied) belongs to the network beside its weights.

use crate::simd::F32x4;

/// RMSProp's decay of the mean square (Hinton's lecture 6e; Keras's default).
pub const RMSPROP_RHO: f32 = 0.9;

/// Optimizer codes shared with TypeScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptimizerKind {
    Sgd = 0,
    Momentum = 1,
    RmsProp = 2,
    Adam = 3,
}

impl OptimizerKind {
    /// The optimizer for a code, or `None` if unknown.
    pub fn from_code(code: u8) -> Option<OptimizerKind> {
        match code {
            0 => Some(OptimizerKind::Sgd),
            1 => Some(OptimizerKind::Momentum),
            2 => Some(OptimizerKind::RmsProp),
            3 => Some(OptimizerKind::Adam),
            _ => None,
        }
    }
    /// The code shared with TypeScript.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// An optimizer and its settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Optimizer {
    pub kind: OptimizerKind,
    /// Momentum's `mu`, in [0, 1).
    pub momentum: f32,
    /// Adam's `b1`, in [0, 1).
    pub beta1: f32,
    /// Adam's `b2`, in [0, 1).
    pub beta2: f32,
    /// RMSProp's and Adam's `eps`, > 0.
    pub epsilon: f32,
}

impl Optimizer {
    /// TensorFlow Playground's plain SGD (the other settings at their defaults).
    pub const SGD: Optimizer = Optimizer {
        kind: OptimizerKind::Sgd,
        momentum: 0.9,
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
    };

    /// Whether the settings are in range: `momentum`, `beta1`, `beta2` in [0, 1),
    /// `epsilon` finite and > 0.
    pub fn is_valid(&self) -> bool {
        let unit = |x: f32| (0.0..1.0).contains(&x);
        unit(self.momentum)
            && unit(self.beta1)
            && unit(self.beta2)
            && self.epsilon.is_finite()
            && self.epsilon > 0.0
    }
}

/// The constants of one update, computed once per batch.
#[derive(Clone, Copy, Debug)]
pub(crate) struct UpdateRule {
    kind: OptimizerKind,
    lr: f32,
    momentum: f32,
    /// RMSProp's rho or Adam's b1 / b2.
    decay1: f32,
    decay2: f32,
    epsilon: f32,
    /// Adam's bias corrections `1 - b1^t` and `1 - b2^t` (computed in f64, rounded).
    correction1: f32,
    correction2: f32,
}

impl UpdateRule {
    /// The rule for update number `t` (1 for the first) of an adaptive optimizer.
    pub(crate) fn new(opt: &Optimizer, lr: f32, t: u64) -> UpdateRule {
        let (decay1, decay2) = match opt.kind {
            OptimizerKind::RmsProp => (RMSPROP_RHO, RMSPROP_RHO),
            _ => (opt.beta1, opt.beta2),
        };
        let power = t.min(i32::MAX as u64) as i32;
        UpdateRule {
            kind: opt.kind,
            lr,
            momentum: opt.momentum,
            decay1,
            decay2,
            epsilon: opt.epsilon,
            correction1: (1.0 - (opt.beta1 as f64).powi(power)) as f32,
            correction2: (1.0 - (opt.beta2 as f64).powi(power)) as f32,
        }
    }

    /// The step `delta` (the parameter becomes `p - delta`) for mean gradient `g`,
    /// updating the parameter's state `m1`, `m2` (see the module docs).
    #[inline(always)]
    pub(crate) fn step(&self, g: f32, m1: &mut f32, m2: &mut f32) -> f32 {
        match self.kind {
            OptimizerKind::Sgd => self.lr * g,
            OptimizerKind::Momentum => {
                *m1 = self.momentum * *m1 + g;
                self.lr * *m1
            }
            OptimizerKind::RmsProp => {
                *m2 = self.decay2 * *m2 + (1.0 - self.decay2) * (g * g);
                self.lr * g / (m2.sqrt() + self.epsilon)
            }
            OptimizerKind::Adam => {
                *m1 = self.decay1 * *m1 + (1.0 - self.decay1) * g;
                *m2 = self.decay2 * *m2 + (1.0 - self.decay2) * (g * g);
                let m_hat = *m1 / self.correction1;
                let v_hat = *m2 / self.correction2;
                self.lr * m_hat / (v_hat.sqrt() + self.epsilon)
            }
        }
    }
}

impl UpdateRule {
    /// [`UpdateRule::step`] on four parameters at once, with the same operations in the
    /// same order, so every lane gets the scalar rule's bits.
    #[inline(always)]
    pub(crate) fn step4(&self, g: F32x4, m1: &mut F32x4, m2: &mut F32x4) -> F32x4 {
        let lr = F32x4::splat(self.lr);
        let one = F32x4::splat(1.0);
        match self.kind {
            OptimizerKind::Sgd => lr * g,
            OptimizerKind::Momentum => {
                *m1 = F32x4::splat(self.momentum) * *m1 + g;
                lr * *m1
            }
            OptimizerKind::RmsProp => {
                let d2 = F32x4::splat(self.decay2);
                *m2 = d2 * *m2 + (one - d2) * (g * g);
                lr * g / (m2.sqrt() + F32x4::splat(self.epsilon))
            }
            OptimizerKind::Adam => {
                let (d1, d2) = (F32x4::splat(self.decay1), F32x4::splat(self.decay2));
                *m1 = d1 * *m1 + (one - d1) * g;
                *m2 = d2 * *m2 + (one - d2) * (g * g);
                let m_hat = *m1 / F32x4::splat(self.correction1);
                let v_hat = *m2 / F32x4::splat(self.correction2);
                lr * m_hat / (v_hat.sqrt() + F32x4::splat(self.epsilon))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DataSet, Network};

    /// out = w x + b (linear, no hidden layer), one point x = 2, y = 0, from w = 0.5,
    /// b = 0, lr = 0.1: dE/dw = 2 out, dE/db = out (numbers worked out by hand as in
    /// packages/engine/conformance).
    fn steps(kind: OptimizerKind) -> Vec<(f32, f32)> {
        let mut net = Network::new(&[1, 1], 3, 3).unwrap();
        net.set_parameters(&[0.5], &[0.0], &[]).unwrap();
        net.set_optimizer(Optimizer {
            kind,
            ..Optimizer::SGD
        })
        .unwrap();
        let data = DataSet::new(&[2.0], &[0.0], 1).unwrap();
        (0..2)
            .map(|_| {
                net.train_epochs(&data, 1, 0.1, 1, 0, 0.0).unwrap();
                (net.weights()[0], net.biases()[0])
            })
            .collect()
    }

    fn close(got: &[(f32, f32)], want: &[(f32, f32)]) {
        for (g, w) in got.iter().zip(want) {
            assert!(
                (g.0 - w.0).abs() < 1e-6 && (g.1 - w.1).abs() < 1e-6,
                "{:?} vs {:?}",
                got,
                want
            );
        }
    }

    #[test]
    fn golden_steps() {
        close(&steps(OptimizerKind::Sgd), &[(0.3, -0.1), (0.2, -0.15)]);
        close(
            &steps(OptimizerKind::Momentum),
            &[(0.3, -0.1), (0.02, -0.24)],
        );
        close(
            &steps(OptimizerKind::RmsProp),
            &[(0.183_772_24, -0.316_227_76), (0.166_691_64, -0.333_308_36)],
        );
        close(
            &steps(OptimizerKind::Adam),
            &[(0.4, -0.1), (0.302_427_95, -0.197_572_05)],
        );
    }

    #[test]
    fn refuses_settings_out_of_range() {
        let mut net = Network::new(&[1, 1], 3, 3).unwrap();
        for bad in [
            Optimizer {
                beta2: 1.0,
                ..Optimizer::SGD
            },
            Optimizer {
                momentum: -0.5,
                ..Optimizer::SGD
            },
            Optimizer {
                epsilon: 0.0,
                ..Optimizer::SGD
            },
            Optimizer {
                epsilon: f32::INFINITY,
                ..Optimizer::SGD
            },
        ] {
            assert!(net.set_optimizer(bad).is_err());
        }
        assert_eq!(net.optimizer(), Optimizer::SGD);
    }
}
