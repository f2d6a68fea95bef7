//! Training: an averaged structured perceptron (Collins 2002) over the hashed features, with
//! the same tokenisation and decoding as run time. Deterministic: the same sentences and
//! options give the same model, byte for byte.
//!
//! Gold names are moved onto the tagger's own tokens (a token takes the tag of the data token
//! it starts in), so what is learnt is what [`Tagger::tag`] will see in running text.

use crate::conll::{self, Sentence};
use crate::features::{self, Mode};
use crate::labels::{self, COUNT, O, START};
use crate::tagger::{Tagger, bucket};
use crate::tokens::{self, Token};

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Passes over the sentences.
    pub epochs: usize,
    /// log2 of the number of feature buckets (the model holds `7 << bits` weights of 2 bytes).
    pub bits: u32,
    /// Seed of the order the sentences are visited in.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            epochs: 10,
            bits: 17,
            seed: 0x0077_6172_7461,
        }
    }
}

/// One training sentence in the tagger's terms.
struct Example {
    /// Feature buckets of each token.
    features: Vec<[u32; features::COUNT]>,
    labels: Vec<u8>,
}

fn example(s: &Sentence, bits: u32) -> Example {
    let (text, ranges) = s.text();
    let mut toks: Vec<Token> = Vec::new();
    tokens::tokenize(&text, &mut toks, &mut Vec::new());
    let mut labels = vec![O; toks.len()];
    for c in conll::chunks(&s.tags) {
        let (from, to) = (ranges[c.start].0, ranges[c.end - 1].1);
        let mut first = true;
        for (t, label) in toks.iter().zip(labels.iter_mut()) {
            if t.start >= from && t.start < to {
                *label = labels::begin(c.kind) + u8::from(!first);
                first = false;
            }
        }
    }
    let mode = Mode::of(&toks);
    let mut f = [0u64; features::COUNT];
    let features = (0..toks.len())
        .map(|i| {
            features::extract(&toks, i, mode, &mut f);
            f.map(|h| bucket(h, bits) as u32)
        })
        .collect();
    Example { features, labels }
}

/// Weights with the running sums averaging needs (the trick of Daumé's thesis: keep
/// `w` and `Σ c·Δ`, the average is `w − Σ c·Δ / c`).
struct Averaged {
    w: Vec<f32>,
    /// f64: `c` reaches the hundred thousands, too many digits for f32 sums.
    sum: Vec<f64>,
}

impl Averaged {
    fn new(n: usize) -> Averaged {
        Averaged {
            w: vec![0.0; n],
            sum: vec![0.0; n],
        }
    }

    fn update(&mut self, i: usize, delta: f32, c: f64) {
        self.w[i] += delta;
        self.sum[i] += c * f64::from(delta);
    }

    fn average(&self, c: f64) -> Vec<f32> {
        self.w
            .iter()
            .zip(&self.sum)
            .map(|(&w, s)| (f64::from(w) - s / c) as f32)
            .collect()
    }
}

/// Trains a tagger on `sentences` (tags of either IndoNLU set). The confidence's temperature
/// is fitted first, on every tenth sentence held out from a model trained on the others; the
/// model itself is then trained on all of them.
pub fn train(sentences: &[Sentence], options: Options) -> Tagger {
    let examples: Vec<Example> = sentences.iter().map(|s| example(s, options.bits)).collect();
    let (mut held, mut rest) = (Vec::new(), Vec::new());
    for (i, e) in examples.iter().enumerate() {
        if i % 10 == 9 {
            held.push(e)
        } else {
            rest.push(e)
        }
    }
    let (w, t) = perceptron(&rest, options);
    let temperature = fit_temperature(&held, &w, &t);
    let all: Vec<&Example> = examples.iter().collect();
    let (w, t) = perceptron(&all, options);
    quantise(options.bits, &w, &t, temperature)
}

fn emissions(ex: &Example, w: &[f32], out: &mut Vec<[f32; COUNT]>) {
    out.clear();
    out.extend(ex.features.iter().map(|fs| {
        let mut em = [0f32; COUNT];
        for &b in fs {
            let row = b as usize * COUNT;
            for (e, w) in em.iter_mut().zip(&w[row..row + COUNT]) {
                *e += w;
            }
        }
        em
    }));
}

/// Averaged weights and transitions (flat, `[previous][label]`) after `options.epochs` passes.
fn perceptron(examples: &[&Example], options: Options) -> (Vec<f32>, Vec<f32>) {
    let mut weights = Averaged::new(COUNT << options.bits);
    let mut trans = Averaged::new(COUNT * (COUNT + 1));
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = options.seed | 1;
    let mut c = 1.0f64;
    let mut em = Vec::new();
    let mut back = Vec::new();
    let mut path = Vec::new();
    for _ in 0..options.epochs {
        // Fisher–Yates with xorshift64: no dependency, same order on every machine
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            let ex = examples[k];
            emissions(ex, &weights.w, &mut em);
            let table = transition_table(&trans.w);
            labels::best_path(&em, &table, START, &mut back, &mut path);
            if path != ex.labels {
                for t in 0..path.len() {
                    let (gold, guess) = (ex.labels[t], path[t]);
                    let (gold_prev, guess_prev) = if t == 0 {
                        (START, START)
                    } else {
                        (usize::from(ex.labels[t - 1]), usize::from(path[t - 1]))
                    };
                    if gold != guess {
                        for &b in &ex.features[t] {
                            let row = b as usize * COUNT;
                            weights.update(row + usize::from(gold), 1.0, c);
                            weights.update(row + usize::from(guess), -1.0, c);
                        }
                    }
                    if (gold_prev, gold) != (guess_prev, guess) {
                        trans.update(gold_prev * COUNT + usize::from(gold), 1.0, c);
                        trans.update(guess_prev * COUNT + usize::from(guess), -1.0, c);
                    }
                }
            }
            c += 1.0;
        }
    }
    (weights.average(c), trans.average(c))
}

/// The temperature (from a fixed grid, powers of √2 from 1/4 to 256) under which the
/// held-out gold labels are most likely (token marginals, summed negative log-likelihood).
fn fit_temperature(held: &[&Example], w: &[f32], trans: &[f32]) -> f32 {
    let table = transition_table(trans);
    let mut em = Vec::new();
    let mut scores = Vec::new();
    let mut beta = Vec::new();
    let mut best = (f64::MAX, 1.0);
    for k in -4..=16 {
        let temperature = 2f64.powf(f64::from(k) / 2.0);
        let log = table.map(|row| row.map(|t| f64::from(t) / temperature));
        let exp = labels::exp_transitions(&log);
        let mut nll = 0.0;
        for ex in held {
            emissions(ex, w, &mut em);
            scores.clear();
            scores.extend(em.iter().map(|e| e.map(|x| f64::from(x) / temperature)));
            labels::marginals(&mut scores, &exp, START, &mut beta);
            for (m, &gold) in scores.iter().zip(&ex.labels) {
                nll -= m[usize::from(gold)].max(1e-12).ln();
            }
        }
        if nll < best.0 {
            best = (nll, temperature as f32);
        }
    }
    best.1
}

fn transition_table(flat: &[f32]) -> [[f32; COUNT]; COUNT + 1] {
    let mut t = [[0f32; COUNT]; COUNT + 1];
    for (i, v) in t.iter_mut().flatten().enumerate() {
        *v = flat[i];
    }
    t
}

/// Weights to 16-bit integers (transitions to 32-bit in the same units), so the model is half
/// the size and a token's scores are integer sums.
fn quantise(bits: u32, weights: &[f32], trans: &[f32], temperature: f32) -> Tagger {
    let max = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
    let units = f32::from(i16::MAX) / max;
    let q = |w: f32| (w * units).round();
    let weights = weights.iter().map(|&w| q(w) as i16).collect();
    let mut table = [[0i32; COUNT]; COUNT + 1];
    for (v, &w) in table.iter_mut().flatten().zip(trans) {
        *v = q(w) as i32;
    }
    Tagger::from_parts(bits, weights, table, units, temperature)
}
