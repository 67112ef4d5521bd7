//! A plain scalar, f64, one-point-at-a-time TensorFlow Playground network written for the
//! tests only, independently of the crate's kernels: it follows nn.ts (forwardProp,
//! backProp, updateWeights) and playground.ts `oneStep` literally, node by node, with
//! exact `tanh` / `exp`.
#![allow(dead_code, clippy::needless_range_loop)]

/// Activation codes: 0 relu, 1 tanh, 2 sigmoid, 3 linear, 6 swish, 7 sine.
pub fn act(code: u8, z: f64) -> f64 {
    match code {
        0 => z.max(0.0),
        1 => z.tanh(),
        2 => 1.0 / (1.0 + (-z).exp()),
        3 => z,
        6 => z / (1.0 + (-z).exp()),
        7 => z.sin(),
        _ => panic!("bad code"),
    }
}

/// f'(z) as nn.ts writes it (from the total input z).
pub fn act_der(code: u8, z: f64) -> f64 {
    match code {
        0 => {
            if z <= 0.0 {
                0.0
            } else {
                1.0
            }
        }
        1 => {
            let t = z.tanh();
            1.0 - t * t
        }
        2 => {
            let s = act(2, z);
            s * (1.0 - s)
        }
        3 => 1.0,
        6 => {
            let s = act(2, z);
            s * (1.0 + z * (1.0 - s))
        }
        7 => z.cos(),
        _ => panic!("bad code"),
    }
}

#[derive(Clone, Debug)]
pub struct RefNet {
    pub sizes: Vec<usize>,
    pub hidden: u8,
    pub output: u8,
    /// Same flat layout as the crate: layer after layer, `[j * size[l-1] + i]`.
    pub w: Vec<f64>,
    pub b: Vec<f64>,
    pub dead: Vec<bool>,
    pub acc_w: Vec<f64>,
    pub acc_b: Vec<f64>,
    pub count: u64,
}

impl RefNet {
    pub fn new(sizes: &[usize], hidden: u8, output: u8, w: &[f32], b: &[f32]) -> RefNet {
        RefNet {
            sizes: sizes.to_vec(),
            hidden,
            output,
            w: w.iter().map(|&v| v as f64).collect(),
            b: b.iter().map(|&v| v as f64).collect(),
            dead: vec![false; w.len()],
            acc_w: vec![0.0; w.len()],
            acc_b: vec![0.0; b.len()],
            count: 0,
        }
    }

    fn woff(&self, l: usize) -> usize {
        (1..l).map(|k| self.sizes[k] * self.sizes[k - 1]).sum()
    }
    fn boff(&self, l: usize) -> usize {
        (1..l).map(|k| self.sizes[k]).sum()
    }
    fn code(&self, l: usize) -> u8 {
        if l == self.sizes.len() - 1 {
            self.output
        } else {
            self.hidden
        }
    }

    /// (total inputs z, outputs a) per layer; layer 0's outputs are the inputs.
    pub fn forward(&self, x: &[f64]) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
        let mut zs = vec![vec![]];
        let mut outs = vec![x.to_vec()];
        for l in 1..self.sizes.len() {
            let mut z = vec![0.0; self.sizes[l]];
            let mut a = vec![0.0; self.sizes[l]];
            for j in 0..self.sizes[l] {
                let mut total = self.b[self.boff(l) + j];
                for i in 0..self.sizes[l - 1] {
                    total += self.w[self.woff(l) + j * self.sizes[l - 1] + i] * outs[l - 1][i];
                }
                z[j] = total;
                a[j] = act(self.code(l), total);
            }
            zs.push(z);
            outs.push(a);
        }
        (zs, outs)
    }

    pub fn output(&self, x: &[f64]) -> f64 {
        self.forward(x).1.last().unwrap()[0]
    }

    /// Every non-input node's output, node-numbered like the crate's grid.
    pub fn node_outputs(&self, x: &[f64]) -> Vec<f64> {
        self.forward(x).1[1..].iter().flatten().copied().collect()
    }

    pub fn backprop(&mut self, x: &[f64], label: f64) {
        let (zs, outs) = self.forward(x);
        let last = self.sizes.len() - 1;
        // dE/da of the output node for E = 0.5 (a - label)^2.
        let mut output_der = vec![outs[last][0] - label];
        for l in (1..=last).rev() {
            let input_der: Vec<f64> = (0..self.sizes[l])
                .map(|j| output_der[j] * act_der(self.code(l), zs[l][j]))
                .collect();
            for j in 0..self.sizes[l] {
                let bi = self.boff(l) + j;
                self.acc_b[bi] += input_der[j];
                for i in 0..self.sizes[l - 1] {
                    let k = self.woff(l) + j * self.sizes[l - 1] + i;
                    if !self.dead[k] {
                        self.acc_w[k] += input_der[j] * outs[l - 1][i];
                    }
                }
            }
            if l > 1 {
                output_der = (0..self.sizes[l - 1])
                    .map(|i| {
                        (0..self.sizes[l])
                            .map(|j| {
                                self.w[self.woff(l) + j * self.sizes[l - 1] + i] * input_der[j]
                            })
                            .sum()
                    })
                    .collect();
            }
        }
        self.count += 1;
    }

    pub fn update(&mut self, lr: f64, reg: u8, rate: f64) {
        if self.count == 0 {
            return;
        }
        let n = self.count as f64;
        for j in 0..self.b.len() {
            self.b[j] -= lr * self.acc_b[j] / n;
            self.acc_b[j] = 0.0;
        }
        for k in 0..self.w.len() {
            if self.dead[k] {
                continue;
            }
            let w = self.w[k];
            let reg_der = match reg {
                0 => 0.0,
                1 => {
                    if w < 0.0 {
                        -1.0
                    } else if w > 0.0 {
                        1.0
                    } else {
                        0.0
                    }
                }
                2 => w,
                _ => panic!(),
            };
            let w = w - (lr / n) * self.acc_w[k];
            let new_w = w - (lr * rate) * reg_der;
            if reg == 1 && w * new_w < 0.0 {
                self.w[k] = 0.0;
                self.dead[k] = true;
            } else {
                self.w[k] = new_w;
            }
            self.acc_w[k] = 0.0;
        }
        self.count = 0;
    }

    /// playground.ts oneStep: every point in order, update after every batch_size-th.
    pub fn train_epoch(
        &mut self,
        xs: &[Vec<f64>],
        ys: &[f64],
        lr: f64,
        batch: usize,
        reg: u8,
        rate: f64,
    ) {
        for (i, (x, &y)) in xs.iter().zip(ys).enumerate() {
            self.backprop(x, y);
            if (i + 1) % batch == 0 {
                self.update(lr, reg, rate);
            }
        }
    }

    /// Sum (not mean) of 0.5 (a - label)^2.
    pub fn total_error(&self, xs: &[Vec<f64>], ys: &[f64]) -> f64 {
        xs.iter()
            .zip(ys)
            .map(|(x, &y)| 0.5 * (self.output(x) - y).powi(2))
            .sum()
    }
}

/// A small deterministic generator (xorshift) for test data.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_f32(&mut self) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        ((self.0 >> 40) as f32) / ((1u64 << 24) as f32)
    }
    /// Uniform in [lo, hi).
    pub fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.next_f32()
    }
}

/// Random points (point-major, `inputs` features in [-3, 3)) and +-1 labels.
pub fn random_data(rng: &mut Rng, n: usize, inputs: usize) -> (Vec<f32>, Vec<f32>) {
    let x: Vec<f32> = (0..n * inputs).map(|_| rng.range(-3.0, 3.0)).collect();
    let y: Vec<f32> = (0..n)
        .map(|p| {
            if x[p * inputs] * x[p * inputs + inputs - 1] + 0.3 > 0.0 {
                1.0
            } else {
                -1.0
            }
        })
        .collect();
    (x, y)
}

pub fn points_f64(x: &[f32], inputs: usize) -> Vec<Vec<f64>> {
    x.chunks(inputs)
        .map(|p| p.iter().map(|&v| v as f64).collect())
        .collect()
}

pub fn labels_f64(y: &[f32]) -> Vec<f64> {
    y.iter().map(|&v| v as f64).collect()
}

/// |a - b| <= tol * max(1, |b|), with a readable failure.
pub fn assert_close(what: &str, a: &[f32], b: &[f64], tol: f64) {
    assert_eq!(a.len(), b.len(), "{}: lengths", what);
    for (k, (&x, &y)) in a.iter().zip(b).enumerate() {
        let err = (x as f64 - y).abs();
        assert!(
            err <= tol * y.abs().max(1.0),
            "{}[{}]: got {}, expected {} (error {:e})",
            what,
            k,
            x,
            y,
            err
        );
    }
}
