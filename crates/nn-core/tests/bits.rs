//! Bit-for-bit fixtures: the kernels may be rewritten for speed (blocking, vector updates,
//! hoisted constants) but must compute exactly the same f32 values in the same order, so
//! saved runs replay identically. Each case trains a fixed network on fixed data and
//! hashes every bit of the result; the expected hashes were recorded with the scalar-update,
//! one-node-at-a-time kernels (regenerate only when the arithmetic is meant to change:
//! `cargo test --test bits -- --nocapture` prints the new values).

mod common;

use common::*;
use nn_core::{DataSet, Network};

/// FNV-1a over the bits of every value.
fn hash(values: &[f32], dead: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let bytes = values
        .iter()
        .flat_map(|v| v.to_bits().to_le_bytes())
        .chain(dead.iter().copied());
    for b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

struct Case {
    sizes: &'static [usize],
    hidden: u8,
    output: u8,
    batch: u32,
    reg: u8,
    rate: f32,
}

fn run(case: &Case, seed: u64) -> (u64, u64, u64) {
    let mut rng = Rng(seed);
    let inputs = case.sizes[0];
    let mut net = Network::new(case.sizes, case.hidden, case.output).unwrap();
    let w: Vec<f32> = (0..net.weight_count())
        .map(|_| rng.range(-0.7, 0.7))
        .collect();
    let b: Vec<f32> = (0..net.bias_count())
        .map(|_| rng.range(-0.2, 0.2))
        .collect();
    net.set_parameters(&w, &b, &[]).unwrap();
    let (x, y) = random_data(&mut rng, 203, inputs);
    let data = DataSet::new(&x, &y, inputs).unwrap();
    // Epochs cut into calls of 1, 2 and 4: the same bits as one call.
    for epochs in [1, 2, 4, 1] {
        net.train_epochs(&data, epochs, 0.07, case.batch, case.reg, case.rate)
            .unwrap();
    }
    if case.reg == 1 {
        let dead = net.dead().iter().filter(|&&d| d == 1).count();
        assert!(
            dead > 0 && dead < net.weight_count(),
            "L1 case kills some links ({})",
            dead
        );
    }
    let trained = hash(net.weights(), net.dead()) ^ hash(net.biases(), &[]).rotate_left(1);
    let acc = hash(&net.accumulated_weight_gradients(), &[])
        ^ hash(&net.accumulated_bias_gradients(), &[]).rotate_left(1)
        ^ net.accumulated_count();
    let (gx, _) = random_data(&mut rng, 157, inputs);
    let grid = DataSet::new(&gx, &[], inputs).unwrap();
    net.grid(&grid).unwrap();
    net.predict(&grid).unwrap();
    let loss = net.loss(&data).unwrap();
    let out = hash(net.grid_values(), &[])
        ^ hash(net.predictions(), &[]).rotate_left(1)
        ^ hash(&[loss], &[]).rotate_left(2);
    (trained, acc, out)
}

const CASES: [Case; 6] = [
    Case {
        sizes: &[7, 8, 8, 8, 8, 8, 8, 1],
        hidden: 1,
        output: 1,
        batch: 10,
        reg: 0,
        rate: 0.0,
    },
    Case {
        sizes: &[2, 4, 2, 1],
        hidden: 1,
        output: 1,
        batch: 10,
        reg: 0,
        rate: 0.0,
    },
    Case {
        sizes: &[3, 5, 7, 3, 1],
        hidden: 0,
        output: 3,
        batch: 7,
        reg: 1,
        rate: 0.01,
    },
    Case {
        sizes: &[5, 9, 6, 1],
        hidden: 2,
        output: 1,
        batch: 3,
        reg: 2,
        rate: 0.03,
    },
    Case {
        sizes: &[4, 1, 1],
        hidden: 3,
        output: 3,
        batch: 1,
        reg: 1,
        rate: 0.002,
    },
    Case {
        sizes: &[6, 13, 11, 1],
        hidden: 1,
        output: 1,
        batch: 30,
        reg: 1,
        rate: 0.003,
    },
];

const EXPECTED: [(u64, u64, u64); 6] = [
    (0x7d3c8b33bcd44e71, 0xe90d6e2b4f1c3ff4, 0xbfe5346575bbef77),
    (0xd10ecc9279d298a1, 0xbdc873322b83ad89, 0xa1936ffdb28f82ef),
    (0xbeb80f097fc98a73, 0x20343a5894be600e, 0x11db3bf0cde5d06b),
    (0x1b9c52d4cea03d11, 0x5ded861339023438, 0x5b6ca08b5b63864f),
    (0x489360d7b16d9a4f, 0xbf0a0a99657f7abe, 0xa93c4e28abe2ea72),
    (0x6bb74a137415b5b0, 0x6c0461604a119a41, 0x1feede77434141d6),
];

#[test]
fn kernels_keep_their_bits() {
    let got: Vec<(u64, u64, u64)> = CASES
        .iter()
        .enumerate()
        .map(|(k, c)| run(c, 1000 + k as u64))
        .collect();
    println!("const EXPECTED: [(u64, u64, u64); 6] = {:#x?};", got);
    for (k, (g, e)) in got.iter().zip(EXPECTED.iter()).enumerate() {
        assert_eq!(g, e, "case {} changed its bits", k);
    }
}
