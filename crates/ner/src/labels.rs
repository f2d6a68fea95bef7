//! The BIO labels the tagger chooses between, and best-path decoding over them.

use crate::NameKind;

/// O, then B- and I- for person, organisation and place.
pub(crate) const COUNT: usize = 7;
pub(crate) const O: u8 = 0;
/// Row of the transition table for the start of a sequence.
pub(crate) const START: usize = COUNT;

pub(crate) fn begin(kind: NameKind) -> u8 {
    match kind {
        NameKind::Person => 1,
        NameKind::Organisation => 3,
        NameKind::Place => 5,
    }
}

pub(crate) fn kind(label: u8) -> Option<NameKind> {
    match label {
        1 | 2 => Some(NameKind::Person),
        3 | 4 => Some(NameKind::Organisation),
        5 | 6 => Some(NameKind::Place),
        _ => None,
    }
}

pub(crate) fn is_inside(label: u8) -> bool {
    matches!(label, 2 | 4 | 6)
}

/// An I- label only continues a name of its own kind, so every path decodes to whole names.
pub(crate) fn allowed(prev: usize, label: usize) -> bool {
    !is_inside(label as u8) || (prev < COUNT && kind(prev as u8) == kind(label as u8))
}

/// The scores decoding adds up: `i32` from the quantised model at run time, `f32` in training.
pub(crate) trait Score: Copy + PartialOrd + std::ops::Add<Output = Self> {
    const LOWEST: Self;
}

impl Score for i32 {
    const LOWEST: i32 = i32::MIN / 4;
}

impl Score for f32 {
    const LOWEST: f32 = f32::MIN / 4.0;
}

/// Best label sequence (Viterbi) for per-token `emissions` and a transition table whose row
/// [`START`] scores the first label. `back` is scratch; the labels go to `out`.
pub(crate) fn best_path<S: Score>(
    emissions: &[[S; COUNT]],
    transitions: &[[S; COUNT]; COUNT + 1],
    start_row: usize,
    back: &mut Vec<[u8; COUNT]>,
    out: &mut Vec<u8>,
) {
    out.clear();
    back.clear();
    let Some(first) = emissions.first() else {
        return;
    };
    let mut score = [S::LOWEST; COUNT];
    for (y, s) in score.iter_mut().enumerate() {
        if allowed(start_row, y) {
            *s = transitions[start_row][y] + first[y];
        }
    }
    for em in &emissions[1..] {
        let mut next = [S::LOWEST; COUNT];
        let mut from = [0u8; COUNT];
        for y in 0..COUNT {
            for p in 0..COUNT {
                if allowed(p, y) {
                    let s = score[p] + transitions[p][y];
                    if s > next[y] {
                        next[y] = s;
                        from[y] = p as u8;
                    }
                }
            }
            next[y] = next[y] + em[y];
        }
        back.push(from);
        score = next;
    }
    let mut best = 0;
    for y in 1..COUNT {
        if score[y] > score[best] {
            best = y;
        }
    }
    out.resize(emissions.len(), O);
    let mut y = best as u8;
    for t in (0..emissions.len()).rev() {
        out[t] = y;
        if t > 0 {
            y = back[t - 1][usize::from(y)];
        }
    }
}

/// `exp` of log-potential transitions (relative to the largest, so nothing overflows), 0 where
/// a label may not follow: the input [`marginals`] wants.
pub(crate) fn exp_transitions(log: &[[f64; COUNT]; COUNT + 1]) -> [[f64; COUNT]; COUNT + 1] {
    let top = log.iter().flatten().copied().fold(f64::MIN, f64::max);
    let mut out = [[0f64; COUNT]; COUNT + 1];
    for (p, row) in out.iter_mut().enumerate() {
        for (y, v) in row.iter_mut().enumerate() {
            if allowed(p, y) {
                *v = (log[p][y] - top).exp();
            }
        }
    }
    out
}

/// Per-token label probabilities by forward-backward, reading `scores` (per token) as
/// log-potentials and `transitions` as from [`exp_transitions`]. Works in probability space,
/// normalising at every step. The result replaces `scores`; `beta` is scratch.
pub(crate) fn marginals(
    scores: &mut [[f64; COUNT]],
    transitions: &[[f64; COUNT]; COUNT + 1],
    start_row: usize,
    beta: &mut Vec<[f64; COUNT]>,
) {
    fn normalise(v: &mut [f64; COUNT]) {
        let sum: f64 = v.iter().sum();
        if sum > 0.0 && sum.is_finite() {
            v.iter_mut().for_each(|x| *x /= sum);
        } else {
            *v = [1.0 / COUNT as f64; COUNT];
        }
    }
    let n = scores.len();
    // potentials, each token relative to its best label
    for s in scores.iter_mut() {
        let max = s.iter().copied().fold(f64::MIN, f64::max);
        *s = s.map(|x| (x - max).exp());
    }
    beta.clear();
    beta.resize(n, [1.0; COUNT]);
    for t in (0..n.saturating_sub(1)).rev() {
        for p in 0..COUNT {
            beta[t][p] = (0..COUNT)
                .map(|y| transitions[p][y] * scores[t + 1][y] * beta[t + 1][y])
                .sum();
        }
        normalise(&mut beta[t]);
    }
    let mut alpha = [0f64; COUNT];
    for t in 0..n {
        let mut next = [0f64; COUNT];
        for (y, v) in next.iter_mut().enumerate() {
            let into: f64 = if t == 0 {
                transitions[start_row][y]
            } else {
                (0..COUNT).map(|p| alpha[p] * transitions[p][y]).sum()
            };
            *v = into * scores[t][y];
        }
        normalise(&mut next);
        alpha = next;
        for y in 0..COUNT {
            scores[t][y] = alpha[y] * beta[t][y];
        }
        normalise(&mut scores[t]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_labels_only_continue_their_kind() {
        assert!(allowed(START, 1) && !allowed(START, 2));
        assert!(allowed(1, 2) && allowed(2, 2) && !allowed(3, 2) && !allowed(0, 4));
        // emissions that prefer I-PER everywhere still decode to B-PER I-PER
        let em = [[0, 1, 5, 0, 0, 0, 0], [0, 0, 5, 0, 0, 0, 0]];
        let trans = [[0i32; COUNT]; COUNT + 1];
        let mut out = Vec::new();
        best_path(&em, &trans, START, &mut Vec::new(), &mut out);
        assert_eq!(out, [1, 2]);
    }

    #[test]
    fn marginals_are_probabilities_that_follow_the_scores() {
        let trans = exp_transitions(&[[0.0; COUNT]; COUNT + 1]);
        let mut scores = vec![[0.0, 3.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0; COUNT]];
        marginals(&mut scores, &trans, START, &mut Vec::new());
        for m in &scores {
            assert!((m.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
        // B-PER is likely first; I-PER can only follow it, so it outweighs the other I- labels
        assert!(scores[0][1] > 0.8);
        assert!(scores[1][2] > scores[1][4]);
        assert_eq!(scores[0][2], 0.0);
    }
}
