//! `F32x4`: four f32 lanes, the only vector type the kernels use.
//!
//! On wasm32 it wraps a `v128` and every method is one simd128 instruction (the crate is
//! built with `-C target-feature=+simd128`, see `.cargo/config.toml`). Everywhere else it
//! is a plain `[f32; 4]` with the same lane-wise semantics, so native `cargo test` runs the
//! very kernels that ship in the WebAssembly module.
//!
//! Semantics worth knowing:
//! * `pmin`/`pmax` are the "pseudo" min/max of wasm (`b < a ? b : a`, `a < b ? b : a`):
//!   one instruction on x86 and ARM, and a NaN in `self` passes through.
//! * Comparisons return lane masks (all bits set for true, all clear for false) for
//!   `and` / `select`.
//! * There is no fused multiply-add: `a * b + c` rounds twice, identically on both
//!   implementations.

#[cfg(target_arch = "wasm32")]
mod imp {
    use core::arch::wasm32::*;

    /// Four f32 lanes in one wasm `v128`.
    #[derive(Clone, Copy, Debug)]
    #[repr(transparent)]
    pub struct F32x4(v128);

    impl F32x4 {
        /// All lanes `x`.
        #[inline(always)]
        pub fn splat(x: f32) -> Self {
            F32x4(f32x4_splat(x))
        }
        /// All lanes +0.0.
        #[inline(always)]
        pub fn zero() -> Self {
            F32x4(i32x4_splat(0))
        }
        #[inline(always)]
        pub fn from_array(a: [f32; 4]) -> Self {
            F32x4(f32x4(a[0], a[1], a[2], a[3]))
        }
        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            [
                f32x4_extract_lane::<0>(self.0),
                f32x4_extract_lane::<1>(self.0),
                f32x4_extract_lane::<2>(self.0),
                f32x4_extract_lane::<3>(self.0),
            ]
        }
        /// Loads `s[i..i + 4]` (any alignment). Panics if out of range.
        #[inline(always)]
        pub fn load(s: &[f32], i: usize) -> Self {
            let c = &s[i..i + 4];
            // SAFETY: `c` is 4 valid f32 = 16 bytes; read_unaligned has no alignment needs.
            F32x4(unsafe { core::ptr::read_unaligned(c.as_ptr() as *const v128) })
        }
        /// Stores into `s[i..i + 4]` (any alignment). Panics if out of range.
        #[inline(always)]
        pub fn store(self, s: &mut [f32], i: usize) {
            let c = &mut s[i..i + 4];
            // SAFETY: as in `load`.
            unsafe { core::ptr::write_unaligned(c.as_mut_ptr() as *mut v128, self.0) }
        }
        /// Lane-wise `if b < self { b } else { self }`.
        #[inline(always)]
        pub fn pmin(self, b: Self) -> Self {
            F32x4(f32x4_pmin(self.0, b.0))
        }
        /// Lane-wise `if self < b { b } else { self }`.
        #[inline(always)]
        pub fn pmax(self, b: Self) -> Self {
            F32x4(f32x4_pmax(self.0, b.0))
        }
        /// Lane-wise square root (correctly rounded, as `f32::sqrt`).
        #[inline(always)]
        pub fn sqrt(self) -> Self {
            F32x4(f32x4_sqrt(self.0))
        }
        /// Lane-wise 2^n for whole-numbered lanes n in -126..=127 (built in the exponent
        /// bits; a NaN lane counts as 0).
        #[inline(always)]
        pub fn pow2_int(self) -> Self {
            F32x4(i32x4_shl(
                i32x4_add(i32x4_trunc_sat_f32x4(self.0), i32x4_splat(127)),
                23,
            ))
        }
        /// Lane mask `self > b`.
        #[inline(always)]
        pub fn gt(self, b: Self) -> Self {
            F32x4(f32x4_gt(self.0, b.0))
        }
        /// Lane mask `self < b`.
        #[inline(always)]
        pub fn lt(self, b: Self) -> Self {
            F32x4(f32x4_lt(self.0, b.0))
        }
        /// Bitwise and (with a lane mask: keeps lanes where the mask is set, else +0.0).
        #[inline(always)]
        pub fn and(self, mask: Self) -> Self {
            F32x4(v128_and(self.0, mask.0))
        }
        /// Lane-wise `if mask { a } else { b }` (mask lanes all-ones or all-zeros).
        #[inline(always)]
        pub fn select(mask: Self, a: Self, b: Self) -> Self {
            F32x4(v128_bitselect(a.0, b.0, mask.0))
        }
        /// A lane mask with the first `n` lanes (0..=4) set.
        #[inline(always)]
        pub fn first_lanes_mask(n: usize) -> Self {
            let t = -1i32;
            F32x4(match n {
                0 => i32x4(0, 0, 0, 0),
                1 => i32x4(t, 0, 0, 0),
                2 => i32x4(t, t, 0, 0),
                3 => i32x4(t, t, t, 0),
                _ => i32x4(t, t, t, t),
            })
        }
        /// All lanes `s[i]` (wasm `v128.load32_splat`: one broadcast load). Panics if out
        /// of range.
        #[inline(always)]
        pub fn load_splat(s: &[f32], i: usize) -> Self {
            let x = &s[i];
            // SAFETY: `x` is one valid f32.
            F32x4(unsafe { v128_load32_splat(x as *const f32 as *const u32) })
        }
        /// A lane mask: lane k set iff `b[i + k] != 0`. Panics if out of range.
        #[inline(always)]
        pub fn mask_from_bytes(b: &[u8], i: usize) -> Self {
            let c = &b[i..i + 4];
            // SAFETY: `c` is 4 valid bytes; read_unaligned has no alignment needs.
            let word = unsafe { core::ptr::read_unaligned(c.as_ptr() as *const u32) };
            let v = u32x4_extend_low_u16x8(u16x8_extend_low_u8x16(u32x4_splat(word)));
            F32x4(v128_not(i32x4_eq(v, i32x4_splat(0))))
        }
        /// Whether any bit is set (for lane masks: any lane true).
        #[inline(always)]
        pub fn any(self) -> bool {
            v128_any_true(self.0)
        }
        /// `[a.sum(), b.sum(), c.sum(), d.sum()]` with the same roundings as `sum`: the
        /// pair sums `l0 + l1` and `l2 + l3` of two vectors at once (2 shuffles, 1 add),
        /// then those of the four gathered into two vectors and added (2 + 1).
        #[inline(always)]
        pub fn sum4(a: Self, b: Self, c: Self, d: Self) -> Self {
            // [a0 + a1, a2 + a3, b0 + b1, b2 + b3]
            let ab = f32x4_add(
                i32x4_shuffle::<0, 2, 4, 6>(a.0, b.0),
                i32x4_shuffle::<1, 3, 5, 7>(a.0, b.0),
            );
            let cd = f32x4_add(
                i32x4_shuffle::<0, 2, 4, 6>(c.0, d.0),
                i32x4_shuffle::<1, 3, 5, 7>(c.0, d.0),
            );
            // [a0 + a1, b0 + b1, c0 + c1, d0 + d1] + [a2 + a3, b2 + b3, c2 + c3, d2 + d3]
            F32x4(f32x4_add(
                i32x4_shuffle::<0, 2, 4, 6>(ab, cd),
                i32x4_shuffle::<1, 3, 5, 7>(ab, cd),
            ))
        }
        /// Lanes `[x0, x0, x0, x0]`, `[x1, ..]`, .. of `self`, each broadcast.
        #[inline(always)]
        pub fn broadcast_lanes(self) -> [Self; 4] {
            [
                F32x4(i32x4_shuffle::<0, 0, 0, 0>(self.0, self.0)),
                F32x4(i32x4_shuffle::<1, 1, 1, 1>(self.0, self.0)),
                F32x4(i32x4_shuffle::<2, 2, 2, 2>(self.0, self.0)),
                F32x4(i32x4_shuffle::<3, 3, 3, 3>(self.0, self.0)),
            ]
        }
        /// `(l0 + l1) + (l2 + l3)`.
        #[inline(always)]
        pub fn sum(self) -> f32 {
            let a = self.to_array();
            (a[0] + a[1]) + (a[2] + a[3])
        }
    }

    impl core::ops::Add for F32x4 {
        type Output = F32x4;
        #[inline(always)]
        fn add(self, b: F32x4) -> F32x4 {
            F32x4(f32x4_add(self.0, b.0))
        }
    }
    impl core::ops::Sub for F32x4 {
        type Output = F32x4;
        #[inline(always)]
        fn sub(self, b: F32x4) -> F32x4 {
            F32x4(f32x4_sub(self.0, b.0))
        }
    }
    impl core::ops::Mul for F32x4 {
        type Output = F32x4;
        #[inline(always)]
        fn mul(self, b: F32x4) -> F32x4 {
            F32x4(f32x4_mul(self.0, b.0))
        }
    }
    impl core::ops::Div for F32x4 {
        type Output = F32x4;
        #[inline(always)]
        fn div(self, b: F32x4) -> F32x4 {
            F32x4(f32x4_div(self.0, b.0))
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    /// Four f32 lanes as a plain array (the portable twin of the wasm `v128` version).
    #[derive(Clone, Copy, Debug)]
    #[repr(C, align(16))]
    pub struct F32x4([f32; 4]);

    #[inline(always)]
    fn map2(a: [f32; 4], b: [f32; 4], f: impl Fn(f32, f32) -> f32) -> [f32; 4] {
        [f(a[0], b[0]), f(a[1], b[1]), f(a[2], b[2]), f(a[3], b[3])]
    }
    #[inline(always)]
    fn bits(x: [f32; 4]) -> [u32; 4] {
        [
            x[0].to_bits(),
            x[1].to_bits(),
            x[2].to_bits(),
            x[3].to_bits(),
        ]
    }
    #[inline(always)]
    fn from_bits(x: [u32; 4]) -> [f32; 4] {
        [
            f32::from_bits(x[0]),
            f32::from_bits(x[1]),
            f32::from_bits(x[2]),
            f32::from_bits(x[3]),
        ]
    }
    #[inline(always)]
    fn mask(b: bool) -> f32 {
        f32::from_bits(if b { u32::MAX } else { 0 })
    }

    impl F32x4 {
        #[inline(always)]
        pub fn splat(x: f32) -> Self {
            F32x4([x; 4])
        }
        #[inline(always)]
        pub fn zero() -> Self {
            F32x4([0.0; 4])
        }
        #[inline(always)]
        pub fn from_array(a: [f32; 4]) -> Self {
            F32x4(a)
        }
        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            self.0
        }
        #[inline(always)]
        pub fn load(s: &[f32], i: usize) -> Self {
            let c = &s[i..i + 4];
            F32x4([c[0], c[1], c[2], c[3]])
        }
        #[inline(always)]
        pub fn store(self, s: &mut [f32], i: usize) {
            s[i..i + 4].copy_from_slice(&self.0);
        }
        #[inline(always)]
        pub fn pmin(self, b: Self) -> Self {
            F32x4(map2(self.0, b.0, |a, b| if b < a { b } else { a }))
        }
        #[inline(always)]
        pub fn pmax(self, b: Self) -> Self {
            F32x4(map2(self.0, b.0, |a, b| if a < b { b } else { a }))
        }
        #[inline(always)]
        pub fn sqrt(self) -> Self {
            let a = self.0;
            F32x4([a[0].sqrt(), a[1].sqrt(), a[2].sqrt(), a[3].sqrt()])
        }
        #[inline(always)]
        pub fn pow2_int(self) -> Self {
            // `as i32` saturates and takes NaN to 0, as wasm's i32x4.trunc_sat_f32x4.
            let p = |n: f32| f32::from_bits(((n as i32).wrapping_add(127) as u32).wrapping_shl(23));
            let a = self.0;
            F32x4([p(a[0]), p(a[1]), p(a[2]), p(a[3])])
        }
        #[inline(always)]
        pub fn gt(self, b: Self) -> Self {
            F32x4(map2(self.0, b.0, |a, b| mask(a > b)))
        }
        #[inline(always)]
        pub fn lt(self, b: Self) -> Self {
            F32x4(map2(self.0, b.0, |a, b| mask(a < b)))
        }
        #[inline(always)]
        pub fn and(self, m: Self) -> Self {
            let (a, m) = (bits(self.0), bits(m.0));
            F32x4(from_bits([
                a[0] & m[0],
                a[1] & m[1],
                a[2] & m[2],
                a[3] & m[3],
            ]))
        }
        #[inline(always)]
        pub fn select(m: Self, a: Self, b: Self) -> Self {
            let (m, a, b) = (bits(m.0), bits(a.0), bits(b.0));
            let mut r = [0u32; 4];
            for k in 0..4 {
                r[k] = (a[k] & m[k]) | (b[k] & !m[k]);
            }
            F32x4(from_bits(r))
        }
        #[inline(always)]
        pub fn first_lanes_mask(n: usize) -> Self {
            F32x4([mask(n > 0), mask(n > 1), mask(n > 2), mask(n > 3)])
        }
        #[inline(always)]
        pub fn load_splat(s: &[f32], i: usize) -> Self {
            F32x4([s[i]; 4])
        }
        #[inline(always)]
        pub fn mask_from_bytes(b: &[u8], i: usize) -> Self {
            let c = &b[i..i + 4];
            F32x4([
                mask(c[0] != 0),
                mask(c[1] != 0),
                mask(c[2] != 0),
                mask(c[3] != 0),
            ])
        }
        #[inline(always)]
        pub fn any(self) -> bool {
            bits(self.0).iter().any(|&b| b != 0)
        }
        #[inline(always)]
        pub fn sum4(a: Self, b: Self, c: Self, d: Self) -> Self {
            F32x4([a.sum(), b.sum(), c.sum(), d.sum()])
        }
        #[inline(always)]
        pub fn broadcast_lanes(self) -> [Self; 4] {
            let a = self.0;
            [
                F32x4([a[0]; 4]),
                F32x4([a[1]; 4]),
                F32x4([a[2]; 4]),
                F32x4([a[3]; 4]),
            ]
        }
        #[inline(always)]
        pub fn sum(self) -> f32 {
            let a = self.0;
            (a[0] + a[1]) + (a[2] + a[3])
        }
    }

    impl core::ops::Add for F32x4 {
        type Output = F32x4;
        #[inline(always)]
        fn add(self, b: F32x4) -> F32x4 {
            F32x4(map2(self.0, b.0, |a, b| a + b))
        }
    }
    impl core::ops::Sub for F32x4 {
        type Output = F32x4;
        #[inline(always)]
        fn sub(self, b: F32x4) -> F32x4 {
            F32x4(map2(self.0, b.0, |a, b| a - b))
        }
    }
    impl core::ops::Mul for F32x4 {
        type Output = F32x4;
        #[inline(always)]
        fn mul(self, b: F32x4) -> F32x4 {
            F32x4(map2(self.0, b.0, |a, b| a * b))
        }
    }
    impl core::ops::Div for F32x4 {
        type Output = F32x4;
        #[inline(always)]
        fn div(self, b: F32x4) -> F32x4 {
            F32x4(map2(self.0, b.0, |a, b| a / b))
        }
    }
}

pub use imp::F32x4;

/// `exp` below: Cephes's `expf` (S. L. Moshier), whose polynomial is within about 1 ulp
/// of e^x over the reduced range.
const EXP_LO: f32 = -87.336_55; // e^x is 2^-126 (the smallest normal) times about 1 here
const EXP_HI: f32 = 88.376_26; // the largest x whose e^x a f32 holds
const LOG2E: f32 = core::f32::consts::LOG2_E;
/// ln 2 in two parts (C1 exact in a few bits), so `x - n ln 2` keeps its precision.
const LN2_HI: f32 = 0.693_359_4;
const LN2_LO: f32 = -2.121_944_4e-4;
/// 1.5 * 2^23: `(t + R) - R` rounds t (|t| < 2^22) to the nearest whole number, ties to even.
const ROUNDER: f32 = 12_582_912.0;
const EXP_P: [f32; 6] = [
    1.987_569_1e-4,
    1.398_199_9e-3,
    8.333_452e-3,
    4.166_579_6e-2,
    1.666_666_5e-1,
    0.5, // Cephes: 5.0000001201e-1, which rounds to 0.5 in f32
];

impl F32x4 {
    /// Lane-wise e^x in four lanes at once, within about 2 ulp of the exact value (for
    /// the outputs of cross-entropy: sigmoid and softmax). x is held to EXP_LO..EXP_HI, so
    /// far below it gives about 1e-38 rather than a subnormal, and a NaN stays NaN. Plain
    /// adds and multiplies in a fixed order: the same bits on both implementations.
    #[inline(always)]
    pub fn exp(self) -> Self {
        let x = self.pmax(F32x4::splat(EXP_LO)).pmin(F32x4::splat(EXP_HI));
        let rounder = F32x4::splat(ROUNDER);
        let n = (x * F32x4::splat(LOG2E) + rounder) - rounder;
        let r = (x - n * F32x4::splat(LN2_HI)) - n * F32x4::splat(LN2_LO);
        let mut y = F32x4::splat(EXP_P[0]);
        for &p in &EXP_P[1..] {
            y = y * r + F32x4::splat(p);
        }
        let y = (y * (r * r) + r) + F32x4::splat(1.0);
        y * n.pow2_int()
    }
}

impl Default for F32x4 {
    fn default() -> Self {
        F32x4::zero()
    }
}

#[cfg(test)]
mod tests {
    use super::F32x4;

    fn bits(v: F32x4) -> [u32; 4] {
        let a = v.to_array();
        [
            a[0].to_bits(),
            a[1].to_bits(),
            a[2].to_bits(),
            a[3].to_bits(),
        ]
    }

    #[test]
    fn exp_is_within_two_ulp_of_e_to_the_x() {
        let mut worst = 0.0f64;
        let mut x = -87.0f32;
        while x < 88.0 {
            let xs = [x, x + 0.013, x + 0.029, x + 0.047];
            let got = F32x4::from_array(xs).exp().to_array();
            for k in 0..4 {
                let exact = (xs[k] as f64).exp();
                let ulp = (exact as f32).abs() as f64 * f32::EPSILON as f64;
                worst = worst.max((got[k] as f64 - exact).abs() / ulp);
            }
            x += 0.061;
        }
        assert!(worst <= 2.0, "worst error {worst} ulp");
        let edge = F32x4::from_array([0.0, -200.0, 200.0, f32::NAN])
            .exp()
            .to_array();
        assert_eq!(edge[0], 1.0);
        assert!(edge[1] > 0.0 && edge[1] < 1.2e-38);
        assert!(edge[2].is_infinite() || edge[2] > 2.0e38);
        assert!(edge[3].is_nan());
    }

    #[test]
    fn arithmetic_is_lane_wise() {
        let a = F32x4::from_array([1.0, -2.0, 3.5, 0.25]);
        let b = F32x4::from_array([4.0, 0.5, -1.0, 2.0]);
        assert_eq!((a + b).to_array(), [5.0, -1.5, 2.5, 2.25]);
        assert_eq!((a - b).to_array(), [-3.0, -2.5, 4.5, -1.75]);
        assert_eq!((a * b).to_array(), [4.0, -1.0, -3.5, 0.5]);
        assert_eq!((a / b).to_array(), [0.25, -4.0, -3.5, 0.125]);
        assert_eq!(F32x4::splat(7.0).to_array(), [7.0; 4]);
        assert_eq!(bits(F32x4::zero()), [0; 4]);
        assert_eq!(a.sum(), 2.75);
    }

    #[test]
    fn min_max_compare_mask_select() {
        let a = F32x4::from_array([1.0, -2.0, f32::NAN, 0.0]);
        let z = F32x4::zero();
        let mx = a.pmax(z).to_array();
        assert_eq!(mx[0], 1.0);
        assert_eq!(mx[1], 0.0);
        assert!(mx[2].is_nan(), "NaN in self passes through pmax");
        let mn = a.pmin(z).to_array();
        assert_eq!((mn[0], mn[1]), (0.0, -2.0));
        assert!(mn[2].is_nan(), "NaN in self passes through pmin");
        assert_eq!(bits(a.gt(z)), [u32::MAX, 0, 0, 0]);
        assert_eq!(bits(a.lt(z)), [0, u32::MAX, 0, 0]);
        let m = F32x4::first_lanes_mask(3);
        assert_eq!(bits(m), [u32::MAX, u32::MAX, u32::MAX, 0]);
        let b = F32x4::from_array([5.0, 6.0, 7.0, 8.0]);
        assert_eq!(b.and(m).to_array(), [5.0, 6.0, 7.0, 0.0]);
        assert_eq!(F32x4::select(m, b, z - b).to_array(), [5.0, 6.0, 7.0, -8.0]);
        for n in 0..=4 {
            let ones = F32x4::splat(1.0).and(F32x4::first_lanes_mask(n)).sum();
            assert_eq!(ones, n as f32);
        }
    }

    #[test]
    fn splat_loads_masks_and_sums_of_four() {
        let src = [1.5f32, -2.0, 3.25, 0.0, 7.0];
        assert_eq!(F32x4::load_splat(&src, 2).to_array(), [3.25; 4]);
        let flags = [0u8, 1, 0, 1, 1, 0];
        assert_eq!(
            bits(F32x4::mask_from_bytes(&flags, 1)),
            [u32::MAX, 0, u32::MAX, u32::MAX]
        );
        assert!(F32x4::mask_from_bytes(&flags, 1).any());
        assert!(!F32x4::zero().any());
        // Values whose sum depends on the order: sum4 must round as sum does.
        let v = [
            F32x4::from_array([1e8, 1.0, -1e8, 1.0]),
            F32x4::from_array([0.1, 0.2, 0.3, 0.4]),
            F32x4::from_array([3.0, -1e-8, 1e-8, 16777216.0]),
            F32x4::from_array([-0.0, -0.0, -0.0, -0.0]),
        ];
        let s = F32x4::sum4(v[0], v[1], v[2], v[3]);
        let want = F32x4::from_array([v[0].sum(), v[1].sum(), v[2].sum(), v[3].sum()]);
        assert_eq!(bits(s), bits(want));
        let b = F32x4::from_array([1.0, 2.0, 3.0, 4.0]).broadcast_lanes();
        for (k, v) in b.iter().enumerate() {
            assert_eq!(v.to_array(), [(k + 1) as f32; 4]);
        }
    }

    #[test]
    fn load_store_any_offset() {
        let src: Vec<f32> = (0..9).map(|i| i as f32).collect();
        assert_eq!(F32x4::load(&src, 3).to_array(), [3.0, 4.0, 5.0, 6.0]);
        let mut dst = vec![0.0f32; 7];
        F32x4::from_array([9.0, 8.0, 7.0, 6.0]).store(&mut dst, 1);
        assert_eq!(dst, vec![0.0, 9.0, 8.0, 7.0, 6.0, 0.0, 0.0]);
    }
}
