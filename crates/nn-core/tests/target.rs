//! `train_until`: training up to a loss target in one call, with the same weights as
//! `train_epochs` and the same stopping epoch as checking both losses after every epoch.

mod common;

use common::*;
use nn_core::{CoreError, DataSet, Network};

const LR: f32 = 0.1;
const BATCH: u32 = 10;

fn setup(seed: u64) -> (Network, DataSet, DataSet, Vec<f32>, Vec<f32>) {
    let mut rng = Rng(seed);
    let mut net = Network::new(&[2, 5, 3, 1], 1, 1).unwrap();
    let w: Vec<f32> = (0..net.weight_count())
        .map(|_| rng.range(-0.7, 0.7))
        .collect();
    let b: Vec<f32> = (0..net.bias_count())
        .map(|_| rng.range(-0.2, 0.2))
        .collect();
    net.set_parameters(&w, &b, &[]).unwrap();
    let (x, y) = random_data(&mut rng, 120, 2);
    let (tx, ty) = random_data(&mut rng, 60, 2);
    let train = DataSet::new(&x, &y, 2).unwrap();
    let test = DataSet::new(&tx, &ty, 2).unwrap();
    (net, train, test, w, b)
}

fn bits(v: &[f32]) -> Vec<u32> {
    v.iter().map(|x| x.to_bits()).collect()
}

/// Both losses after each of `epochs` epochs, one `train_epochs` call per epoch.
fn loss_curve(seed: u64, epochs: usize) -> Vec<(f32, f32)> {
    let (mut net, train, test, _, _) = setup(seed);
    (0..epochs)
        .map(|_| {
            net.train_epochs(&train, 1, LR, BATCH, 0, 0.0).unwrap();
            (net.loss(&train).unwrap(), net.loss(&test).unwrap())
        })
        .collect()
}

#[test]
fn stops_at_the_first_epoch_below_the_target_with_the_same_weights() {
    let curve = loss_curve(7, 60);
    // A target both losses pass somewhere in the first 40 epochs, not at the first.
    let (tl, vl) = curve[39];
    let target = tl.max(vl) as f64 * 1.000_001;
    let expected = curve
        .iter()
        .position(|&(a, b)| (a as f64) < target && (b as f64) < target)
        .unwrap()
        + 1;
    assert!(expected > 1 && expected <= 40, "{}", expected);
    let (mut net, train, test, _, _) = setup(7);
    let run = net
        .train_until(&train, &test, 60, LR, BATCH, 0, 0.0, target)
        .unwrap();
    assert_eq!(run.epochs as usize, expected);
    assert!(run.reached);
    assert_eq!(run.train_loss, curve[expected - 1].0);
    assert_eq!(run.test_loss, Some(curve[expected - 1].1));
    let (mut twin, train2, _, _, _) = setup(7);
    twin.train_epochs(&train2, expected as u32, LR, BATCH, 0, 0.0)
        .unwrap();
    assert_eq!(bits(net.weights()), bits(twin.weights()));
    assert_eq!(bits(net.biases()), bits(twin.biases()));
}

#[test]
fn an_unreached_target_trains_every_epoch_and_skips_the_test_loss() {
    let (mut net, train, test, _, _) = setup(3);
    let run = net
        .train_until(&train, &test, 25, LR, BATCH, 0, 0.0, 1e-12)
        .unwrap();
    assert_eq!(run.epochs, 25);
    assert!(!run.reached);
    assert_eq!(
        run.test_loss, None,
        "training loss never below: no test loss"
    );
    let (mut twin, train2, _, _, _) = setup(3);
    twin.train_epochs(&train2, 25, LR, BATCH, 0, 0.0).unwrap();
    assert_eq!(bits(net.weights()), bits(twin.weights()));
    assert_eq!(run.train_loss, twin.loss(&train2).unwrap());
    // Zero epochs: nothing trained.
    let before = bits(net.weights());
    let run = net
        .train_until(&train, &test, 0, LR, BATCH, 0, 0.0, 0.5)
        .unwrap();
    assert_eq!(run.epochs, 0);
    assert!(run.train_loss.is_nan());
    assert_eq!(bits(net.weights()), before);
}

#[test]
fn a_test_loss_above_the_target_is_reported_and_training_goes_on() {
    let (mut net, train, _, _, _) = setup(11);
    // The test set is the training set with flipped labels: its loss stays high.
    let mut rng = Rng(11);
    for _ in 0..(net.weight_count() + net.bias_count()) {
        rng.next_f32();
    }
    let (x, y) = random_data(&mut rng, 120, 2);
    let same = DataSet::new(&x, &y, 2).unwrap();
    assert_eq!(
        net.loss(&same).unwrap(),
        net.loss(&train).unwrap(),
        "same points"
    );
    let flipped: Vec<f32> = y.iter().map(|v| -v).collect();
    let test = DataSet::new(&x, &flipped, 2).unwrap();
    let (mut twin, train2, _, _, _) = setup(11);
    twin.train_epochs(&train2, 30, LR, BATCH, 0, 0.0).unwrap();
    let target = twin.loss(&train2).unwrap() as f64 * 1.2;
    assert!(target < 0.4, "the training set is learnt ({})", target);
    let run = net
        .train_until(&train, &test, 30, LR, BATCH, 0, 0.0, target)
        .unwrap();
    assert_eq!(run.epochs, 30);
    assert!(!run.reached);
    assert!((run.train_loss as f64) < target);
    assert!(run.test_loss.unwrap() as f64 >= target);
}

#[test]
fn divergence_stops_and_bad_targets_are_refused() {
    let (mut net, train, test, w, _) = setup(5);
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        let err = net
            .train_until(&train, &test, 5, LR, BATCH, 0, 0.0, bad)
            .unwrap_err();
        assert!(matches!(err, CoreError::BadLossTarget { .. }), "{:?}", err);
    }
    assert_eq!(bits(net.weights()), bits(&w), "refused calls train nothing");
    let mut linear = Network::new(&[2, 5, 3, 1], 3, 3).unwrap();
    let ones = vec![1.0; linear.weight_count()];
    let zeros = vec![0.0; linear.bias_count()];
    linear.set_parameters(&ones, &zeros, &[]).unwrap();
    let run = linear
        .train_until(&train, &test, 500, 10.0, 1, 0, 0.0, 0.01)
        .unwrap();
    assert!(run.epochs < 500 && !run.reached);
    assert!(!run.train_loss.is_finite() || !run.test_loss.unwrap().is_finite());
}
