//! A peak-arithmetic calibration kernel: the benchmark divides
//! `iterations * CALIBRATE_FLOPS_PER_ITERATION` by the time `calibrate(iterations)` takes
//! to get the machine's peak f32x4 GFLOP/s under the same engine as the real kernels.

use crate::simd::F32x4;

/// Independent multiply-add chains (enough to hide the latency of both operations).
const CHAINS: usize = 12;

/// Flops of one iteration: `CHAINS` chains x 4 lanes x (1 multiply + 1 add) = 96.
pub const CALIBRATE_FLOPS_PER_ITERATION: u32 = (CHAINS * 4 * 2) as u32;

/// Runs `iterations` rounds of `x = x * m + c` on `CHAINS` independent `F32x4` values
/// (a multiply then an add: there is no FMA) and returns a checksum (the sum of all lanes)
/// so the work cannot be optimised away. The values converge to `c / (1 - m)`, so they
/// stay finite for any `iterations`.
pub fn calibrate(iterations: u32) -> f32 {
    // Constants derived from the argument, so the compiler cannot fold the loop.
    let m = F32x4::splat(1.0 - 1.0 / (1024.0 + (iterations & 1) as f32));
    let c = F32x4::splat(1.0 / 1024.0);
    let mut x = [F32x4::zero(); CHAINS];
    for (k, v) in x.iter_mut().enumerate() {
        *v = F32x4::from_array([k as f32, 0.5, -(k as f32), 0.25]);
    }
    for _ in 0..iterations {
        for v in x.iter_mut() {
            *v = *v * m + c;
        }
    }
    x.iter().map(|v| v.sum()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibrate_is_finite_and_converges() {
        assert_eq!(CALIBRATE_FLOPS_PER_ITERATION, 96);
        let a = calibrate(0);
        assert!(a.is_finite());
        let b = calibrate(1_000_000);
        // Every lane tends to c / (1 - m) ~= 1.
        assert!((b - (CHAINS * 4) as f32).abs() < 0.1, "{}", b);
    }
}
