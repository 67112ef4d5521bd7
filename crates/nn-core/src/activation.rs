//! Activation functions (TensorFlow Playground's `Activations` in nn.ts) on four lanes.
//!
//! Codes (shared with TypeScript): 0 relu, 1 tanh, 2 sigmoid, 3 linear (TF's four), then
//! 4 leaky ReLU, 5 ELU, 6 swish (SiLU), 7 sine.
//!
//! Derivatives are computed from a node's stored *output* `a = f(z)` rather than from its
//! total input `z` wherever that is exact, which saves recomputing `f`:
//! * relu:    f(z) = max(0, z)          f'(z) = z <= 0 ? 0 : 1   = (a > 0 ? 1 : 0)
//! * tanh:    f(z) = tanh z             f'(z) = 1 - tanh^2 z     = 1 - a^2
//! * sigmoid: f(z) = 1 / (1 + e^-z)     f'(z) = s (1 - s)        = a (1 - a)
//! * linear:  f(z) = z                  f'(z) = 1
//! * leaky:   f(z) = z < 0 ? 0.01 z : z f'(z) = z <= 0 ? 0.01 : 1 = (a > 0 ? 1 : 0.01)
//! * elu:     f(z) = z < 0 ? e^z - 1 : z f'(z) = z <= 0 ? e^z : 1 = (a > 0 ? 1 : a + 1)
//!
//! Swish and sine cannot be told from their output (neither is one-to-one), so their
//! derivatives take `z`, which the training kernels keep for them only
//! ([`Activation::needs_input`]):
//! * swish:   f(z) = z s(z)             f'(z) = s (1 + z (1 - s)),  s = sigmoid z
//! * sine:    f(z) = sin z              f'(z) = cos z

use crate::simd::F32x4;

/// A node's activation function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    Relu = 0,
    Tanh = 1,
    Sigmoid = 2,
    Linear = 3,
    LeakyRelu = 4,
    Elu = 5,
    Swish = 6,
    Sine = 7,
}

/// Leaky ReLU's slope for z < 0.
pub const LEAKY_SLOPE: f32 = 0.01;

/// `g` on each lane (for the functions without a vector kernel: exp, sin, cos).
#[inline(always)]
fn lanes(x: F32x4, g: impl Fn(f32) -> f32) -> F32x4 {
    let a = x.to_array();
    F32x4::from_array([g(a[0]), g(a[1]), g(a[2]), g(a[3])])
}

impl Activation {
    /// The activation for a code shared with TypeScript, or `None` if unknown.
    pub fn from_code(code: u8) -> Option<Activation> {
        match code {
            0 => Some(Activation::Relu),
            1 => Some(Activation::Tanh),
            2 => Some(Activation::Sigmoid),
            3 => Some(Activation::Linear),
            4 => Some(Activation::LeakyRelu),
            5 => Some(Activation::Elu),
            6 => Some(Activation::Swish),
            7 => Some(Activation::Sine),
            _ => None,
        }
    }

    /// The code shared with TypeScript.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// Whether `f'` needs the total input `z` (it cannot be had from the output).
    #[inline(always)]
    pub fn needs_input(self) -> bool {
        matches!(self, Activation::Swish | Activation::Sine)
    }

    /// `f(z)` lane-wise.
    #[inline(always)]
    pub fn apply(self, z: F32x4) -> F32x4 {
        // Relu: `pmax(z, 0)` = `z < 0 ? 0 : z`: a NaN total input stays NaN.
        self.apply_with(&Consts::new(), z)
    }

    /// `f'(z)` lane-wise, from the output `a = f(z)` (see the module docs).
    #[inline(always)]
    pub fn derivative_from_output(self, a: F32x4) -> F32x4 {
        self.derivative_with(&Consts::new(), a)
    }

    /// `f(z)` for one value (same arithmetic as the lane-wise version).
    pub fn apply_scalar(self, z: f32) -> f32 {
        self.apply(F32x4::splat(z)).to_array()[0]
    }
}

/// Beyond this |x| the rational below is flat; tanh(7.9053) = 1 - 2.7e-7.
#[allow(clippy::excessive_precision)]
const TANH_CLAMP: f32 = 7.905_311_107_635_498;

/// Coefficients of P, highest power first (see [`tanh`]).
#[allow(clippy::excessive_precision)]
static TANH_P: [f32; 7] = [
    -2.760_768_477_423_55e-16,
    2.000_187_904_824_77e-13,
    -8.604_671_522_137_35e-11,
    5.122_297_090_371_14e-08,
    1.485_722_357_179_79e-05,
    6.372_619_288_754_36e-04,
    4.893_524_558_917_86e-03,
];
/// Coefficients of Q, highest power first.
#[allow(clippy::excessive_precision)]
static TANH_Q: [f32; 4] = [
    1.198_258_394_667_02e-06,
    1.185_347_056_866_54e-04,
    2.268_434_632_439_00e-03,
    4.893_525_185_543_85e-03,
];
/// `[-TANH_CLAMP, TANH_CLAMP, 0.5, 1.0]`.
static OTHER: [f32; 4] = [-TANH_CLAMP, TANH_CLAMP, 0.5, 1.0];

/// The vector constants of the activation functions, splatted once.
///
/// Written as literals, each constant becomes a `v128.const` at every use, and engines
/// rebuild a 128-bit constant from immediates each time (several instructions): inside a
/// kernel's node loop that cost more than the arithmetic of tanh itself. A kernel
/// therefore makes one `Consts` with [`Consts::opaque`] (values read from memory, which
/// the compiler cannot fold back into constants) and passes it down, so the constants
/// live in locals (registers or stack slots). The arithmetic is the same either way.
#[derive(Clone, Copy, Debug)]
pub struct Consts {
    lo: F32x4,
    hi: F32x4,
    p: [F32x4; 7],
    q: [F32x4; 4],
    half: F32x4,
    one: F32x4,
}

impl Consts {
    #[inline(always)]
    fn build(get: impl Fn(&f32) -> f32) -> Consts {
        let mut p = [F32x4::zero(); 7];
        for (v, c) in p.iter_mut().zip(TANH_P.iter()) {
            *v = F32x4::splat(get(c));
        }
        let mut q = [F32x4::zero(); 4];
        for (v, c) in q.iter_mut().zip(TANH_Q.iter()) {
            *v = F32x4::splat(get(c));
        }
        Consts {
            lo: F32x4::splat(get(&OTHER[0])),
            hi: F32x4::splat(get(&OTHER[1])),
            p,
            q,
            half: F32x4::splat(get(&OTHER[2])),
            one: F32x4::splat(get(&OTHER[3])),
        }
    }

    /// The constants as compile-time values (for one-off uses).
    #[inline(always)]
    pub fn new() -> Consts {
        Consts::build(|c| *c)
    }

    /// The constants read at run time (for kernels: see the type's docs).
    #[inline(always)]
    pub fn opaque() -> Consts {
        // SAFETY: `c` is a valid, aligned reference to a static f32.
        Consts::build(|c| unsafe { core::ptr::read_volatile(c) })
    }
}

impl Default for Consts {
    fn default() -> Self {
        Consts::new()
    }
}

impl Activation {
    /// `f(z)` lane-wise with the constants `c`.
    #[inline(always)]
    pub fn apply_with(self, c: &Consts, z: F32x4) -> F32x4 {
        match self {
            Activation::Relu => z.pmax(F32x4::zero()),
            Activation::Tanh => tanh_with(c, z),
            Activation::Sigmoid => c.half + c.half * tanh_with(c, z * c.half),
            Activation::Linear => z,
            Activation::LeakyRelu => {
                F32x4::select(z.lt(F32x4::zero()), F32x4::splat(LEAKY_SLOPE) * z, z)
            }
            Activation::Elu => F32x4::select(z.lt(F32x4::zero()), lanes(z, |x| x.exp_m1()), z),
            Activation::Swish => z * Activation::Sigmoid.apply_with(c, z),
            Activation::Sine => lanes(z, f32::sin),
        }
    }

    /// `f` applied to every vector of `v` in place (one dispatch for the whole slice).
    #[inline(always)]
    pub fn apply_slice(self, c: &Consts, v: &mut [F32x4]) {
        match self {
            Activation::Relu => {
                for x in v.iter_mut() {
                    *x = Activation::Relu.apply_with(c, *x);
                }
            }
            Activation::Tanh => {
                for x in v.iter_mut() {
                    *x = tanh_with(c, *x);
                }
            }
            Activation::Sigmoid => {
                for x in v.iter_mut() {
                    *x = Activation::Sigmoid.apply_with(c, *x);
                }
            }
            Activation::Linear => {}
            other => apply_slice_beyond_tf(other, c, v),
        }
    }

    /// `f'(z)` lane-wise from the total input `z` (any activation; the kernels use it for
    /// those that [`Activation::needs_input`]).
    #[inline(always)]
    pub fn derivative_from_input(self, c: &Consts, z: F32x4) -> F32x4 {
        match self {
            Activation::Swish => {
                let s = Activation::Sigmoid.apply_with(c, z);
                s * (c.one + z * (c.one - s))
            }
            Activation::Sine => lanes(z, f32::cos),
            other => other.derivative_with(c, other.apply_with(c, z)),
        }
    }

    /// `f'(z)` lane-wise from the output `a = f(z)`, with the constants `c`.
    #[inline(always)]
    pub fn derivative_with(self, c: &Consts, a: F32x4) -> F32x4 {
        let one = c.one;
        match self {
            Activation::Relu => one.and(a.gt(F32x4::zero())),
            Activation::Tanh => one - a * a,
            Activation::Sigmoid => a * (one - a),
            Activation::Linear => one,
            Activation::LeakyRelu => {
                F32x4::select(a.gt(F32x4::zero()), one, F32x4::splat(LEAKY_SLOPE))
            }
            Activation::Elu => F32x4::select(a.gt(F32x4::zero()), one, a + one),
            // Not from the output: see `derivative_from_input`. Never reached by the kernels.
            Activation::Swish | Activation::Sine => F32x4::splat(f32::NAN),
        }
    }
}

/// [`Activation::apply_slice`] for the activations beyond TF's four, kept out of line:
/// their scalar exp and sin would otherwise be inlined into every training kernel and
/// slow TF's four down (a bigger function gets worse registers in the browser's
/// compiler), while a call per layer costs nothing.
#[inline(never)]
fn apply_slice_beyond_tf(f: Activation, c: &Consts, v: &mut [F32x4]) {
    for x in v.iter_mut() {
        *x = f.apply_with(c, *x);
    }
}

/// `g[t] * f'(z[t])` from the total inputs, for the activations whose derivative needs
/// them (swish, sine): out of line for the same reason as [`apply_slice_beyond_tf`].
#[inline(never)]
pub fn scale_by_derivative_from_input(
    f: Activation,
    c: &Consts,
    g: &[F32x4],
    z: &[F32x4],
    out: &mut [F32x4],
) {
    for ((o, g), z) in out.iter_mut().zip(g).zip(z) {
        *o = *g * f.derivative_from_input(c, *z);
    }
}

/// Fast tanh, max absolute error about 4.2e-7 against f64 `tanh` over the whole real line
/// (see the test `fast_tanh_is_accurate`), NaN in gives NaN out, +-inf gives +-1.
///
/// An odd rational minimax approximation on the clamped input (the coefficients are the
/// ones Eigen uses for `float` tanh without FMA):
/// `tanh x ~= x * P(x^2) / Q(x^2)` with P of degree 6 and Q of degree 3 in `x^2`.
/// Cost: 2 clamps, 11 mul, 10 add, 1 div; no branches.
#[inline(always)]
pub fn tanh(x: F32x4) -> F32x4 {
    tanh_with(&Consts::new(), x)
}

/// [`tanh`] with the constants `c`.
#[inline(always)]
pub fn tanh_with(c: &Consts, x: F32x4) -> F32x4 {
    // pmax/pmin keep NaN (NaN is `self`) and clamp +-inf.
    let x = x.pmax(c.lo).pmin(c.hi);
    let x2 = x * x;
    let mut p = c.p[0];
    for k in 1..7 {
        p = p * x2 + c.p[k];
    }
    p = p * x;
    let mut q = c.q[0];
    for k in 1..4 {
        q = q * x2 + c.q[k];
    }
    p / q
}

/// Sigmoid from the fast tanh: `1 / (1 + e^-x) = 0.5 + 0.5 tanh(x / 2)`, so its absolute
/// error is at most half of tanh's (plus rounding).
#[inline(always)]
pub fn sigmoid(x: F32x4) -> F32x4 {
    Activation::Sigmoid.apply_with(&Consts::new(), x)
}

/// Scalar fast tanh (same arithmetic as [`tanh`]).
pub fn tanh_scalar(x: f32) -> f32 {
    tanh(F32x4::splat(x)).to_array()[0]
}

/// Scalar sigmoid (same arithmetic as [`sigmoid`]).
pub fn sigmoid_scalar(x: f32) -> f32 {
    sigmoid(F32x4::splat(x)).to_array()[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dense sweep over [-40, 40] plus every f32 magnitude from tiny to huge.
    fn sweep(mut check: impl FnMut(f32)) {
        let n = 4_000_000;
        for k in 0..=n {
            check((-40.0 + 80.0 * (k as f64) / (n as f64)) as f32);
        }
        let mut x = 1e-30f32;
        while x < 1e30 {
            check(x);
            check(-x);
            x *= 1.001;
        }
        for &x in &[
            0.0f32,
            -0.0,
            f32::MAX,
            f32::MIN,
            f32::INFINITY,
            f32::NEG_INFINITY,
        ] {
            check(x);
        }
    }

    #[test]
    fn fast_tanh_is_accurate() {
        let mut worst = 0f64;
        sweep(|x| {
            let err = (tanh_scalar(x) as f64 - (x as f64).tanh()).abs();
            if err > worst {
                worst = err;
            }
        });
        assert!(worst < 1e-6, "max |fast tanh - tanh| = {}", worst);
        assert!(tanh_scalar(f32::NAN).is_nan());
        // Odd symmetry exactly.
        for &x in &[0.1f32, 0.7, 1.3, 3.0, 6.5] {
            assert_eq!(tanh_scalar(-x), -tanh_scalar(x));
        }
    }

    /// |tanh| <= 1 and 0 <= sigmoid <= 1 everywhere: an output past 1 would make the
    /// derivative `1 - a^2` (tanh) or `a (1 - a)` (sigmoid) negative, turning a gradient
    /// step uphill. (Near the clamp the rational is not quite monotone, by about 1e-7;
    /// that is within its accuracy and harmless.)
    #[test]
    fn fast_tanh_and_sigmoid_stay_in_range() {
        let mut widest = 0f32;
        sweep(|x| {
            let t = tanh_scalar(x);
            let s = sigmoid_scalar(x);
            assert!(t.abs() <= 1.0, "|tanh({})| = {} > 1", x, t.abs());
            assert!(
                (0.0..=1.0).contains(&s),
                "sigmoid({}) = {} outside [0, 1]",
                x,
                s
            );
            assert!(1.0 - t * t >= 0.0, "tanh'({}) < 0", x);
            assert!(s * (1.0 - s) >= 0.0, "sigmoid'({}) < 0", x);
            widest = widest.max(t.abs());
        });
        // It does reach 1 (past the clamp), so the bound is tight, not vacuous.
        assert_eq!(widest, 1.0);
    }

    #[test]
    fn fast_sigmoid_is_accurate() {
        let mut worst = 0f64;
        sweep(|x| {
            let exact = 1.0 / (1.0 + (-(x as f64)).exp());
            let err = (sigmoid_scalar(x) as f64 - exact).abs();
            if err > worst {
                worst = err;
            }
        });
        assert!(worst < 1e-6, "max |fast sigmoid - sigmoid| = {}", worst);
        assert!(sigmoid_scalar(f32::NAN).is_nan());
    }

    #[test]
    fn functions_and_derivatives() {
        use Activation::*;
        for code in 0..=7u8 {
            assert_eq!(Activation::from_code(code).unwrap().code(), code);
        }
        assert_eq!(Activation::from_code(8), None);
        let z = F32x4::from_array([-2.0, -0.0, 0.5, 3.0]);
        assert_eq!(Relu.apply(z).to_array()[0], 0.0);
        assert_eq!(Relu.apply(z).to_array()[2..], [0.5, 3.0]);
        assert_eq!(Linear.apply(z).to_array(), z.to_array());
        assert!(Relu.apply_scalar(f32::NAN).is_nan());
        assert_eq!(
            Relu.derivative_from_output(Relu.apply(z)).to_array(),
            [0.0, 0.0, 1.0, 1.0]
        );
        assert_eq!(Linear.derivative_from_output(z).to_array(), [1.0; 4]);
        for &x in &[-3.0f64, -0.4, 0.0, 0.9, 2.5] {
            let t = Tanh.apply_scalar(x as f32);
            let dt = Tanh.derivative_from_output(F32x4::splat(t)).to_array()[0] as f64;
            assert!((dt - (1.0 - x.tanh().powi(2))).abs() < 2e-6);
            let s = Sigmoid.apply_scalar(x as f32);
            let ds = Sigmoid.derivative_from_output(F32x4::splat(s)).to_array()[0] as f64;
            let e = 1.0 / (1.0 + (-x).exp());
            assert!((ds - e * (1.0 - e)).abs() < 2e-6);
        }
    }

    /// Every activation's derivative (from the output where the kernels use it, else from
    /// z) against a central difference of f in f64 terms, away from the kinks at 0.
    #[test]
    fn derivatives_match_finite_differences() {
        let c = Consts::new();
        for code in 0..=7u8 {
            let f = Activation::from_code(code).unwrap();
            for k in -40..=40 {
                let z = k as f32 * 0.1 + 0.05;
                let h = 1e-2f32;
                let fd = (f.apply_scalar(z + h) as f64 - f.apply_scalar(z - h) as f64)
                    / (2.0 * h as f64);
                let zv = F32x4::splat(z);
                let d = if f.needs_input() {
                    f.derivative_from_input(&c, zv)
                } else {
                    f.derivative_with(&c, f.apply_with(&c, zv))
                };
                let d = d.to_array()[0] as f64;
                // h^2 f'''/6 plus f32 round-off over 2h.
                assert!(
                    (d - fd).abs() < 2e-4,
                    "{:?} at {}: {} vs fd {}",
                    f,
                    z,
                    d,
                    fd
                );
                let from_z = f.derivative_from_input(&c, zv).to_array()[0] as f64;
                assert!((from_z - d).abs() < 1e-6, "{:?} at {}", f, z);
            }
        }
    }
}
