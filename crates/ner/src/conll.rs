//! CoNLL files (one token and one BIO tag a line, a blank line between sentences) and
//! entity-level scoring of any recogniser against them, the way `conlleval` counts: a name is
//! right only when its kind and both of its token boundaries are.
//!
//! A recogniser sees each sentence as its tokens joined by single spaces and answers byte spans
//! of that text; a span is read back as the tokens it touches. Tag types are read from both
//! IndoNLU sets: `PPL`/`PERSON` → person, `IND`/`ORGANISATION` → organisation, `PLC`/`PLACE` →
//! place; other types (events, food) are names of no kind the project uses.

use std::fmt;

use crate::{ConllError, NameKind};

/// One sentence: tokens and their tags (`O`, `B-TYPE`, `I-TYPE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// A name in token positions: tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chunk {
    pub kind: NameKind,
    pub start: usize,
    pub end: usize,
}

/// Reads a CoNLL file's text; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Vec<Sentence>, ConllError> {
    let mut sentences = Vec::new();
    let mut current = Sentence {
        tokens: Vec::new(),
        tags: Vec::new(),
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.tokens.is_empty() {
                sentences.push(std::mem::replace(
                    &mut current,
                    Sentence {
                        tokens: Vec::new(),
                        tags: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let bad = |message: &str| ConllError {
            file: file.to_string(),
            line: n + 1,
            message: message.to_string(),
        };
        let (token, tag) = line
            .rsplit_once('\t')
            .or_else(|| line.rsplit_once(' '))
            .ok_or_else(|| bad("expected a token and a tag separated by a tab"))?;
        let tag = tag.trim();
        let bio = tag == "O" || (tag.len() > 2 && (tag.starts_with("B-") || tag.starts_with("I-")));
        if !bio {
            return Err(bad(&format!("tag {tag:?} is not O, B-TYPE or I-TYPE")));
        }
        if token.trim().is_empty() {
            return Err(bad("empty token"));
        }
        current.tokens.push(token.trim().to_string());
        current.tags.push(tag.to_string());
    }
    if !current.tokens.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// The project's kind for a tag type of either IndoNLU set.
pub fn kind_of_type(ty: &str) -> Option<NameKind> {
    match ty {
        "PPL" | "PERSON" | "PER" => Some(NameKind::Person),
        "IND" | "ORGANISATION" | "ORGANIZATION" | "ORG" => Some(NameKind::Organisation),
        "PLC" | "PLACE" | "LOC" => Some(NameKind::Place),
        _ => None,
    }
}

/// The names in a tag sequence, as `conlleval` reads them: a name starts at `B-`, or at an
/// `I-` whose type differs from the previous tag's; types of no project kind are skipped.
pub fn chunks(tags: &[String]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut open: Option<(&str, usize)> = None;
    let close = |open: Option<(&str, usize)>, end: usize, out: &mut Vec<Chunk>| {
        if let Some((ty, start)) = open
            && let Some(kind) = kind_of_type(ty)
        {
            out.push(Chunk { kind, start, end });
        }
    };
    for (i, tag) in tags.iter().enumerate() {
        let (bio, ty) = tag.split_at(tag.len().min(2));
        let continues = bio == "I-" && open.is_some_and(|(t, _)| t == ty);
        if !continues {
            close(open.take(), i, &mut out);
            if bio == "B-" || bio == "I-" {
                open = Some((ty, i));
            }
        }
    }
    close(open, tags.len(), &mut out);
    out
}

impl Sentence {
    /// The tokens joined by single spaces, and each token's byte range in that text.
    pub fn text(&self) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut ranges = Vec::with_capacity(self.tokens.len());
        for t in &self.tokens {
            if !text.is_empty() {
                text.push(' ');
            }
            ranges.push((text.len(), text.len() + t.len()));
            text.push_str(t);
        }
        (text, ranges)
    }
}

/// Tokens a byte span of the joined text touches, `None` if it touches none.
pub fn span_to_tokens(
    ranges: &[(usize, usize)],
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let first = ranges.iter().position(|&(_, e)| e > start)?;
    let last = ranges.iter().rposition(|&(s, _)| s < end)?;
    (first <= last).then_some((first, last + 1))
}

/// Counts of one kind of name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Names found with the right kind and boundaries.
    pub correct: usize,
    /// Names the recogniser gave.
    pub predicted: usize,
    /// Names in the gold tags.
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.correct += other.correct;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores for the kinds that are scored: people and organisations (places are not: the
/// gazetteer knows every region, and the sets disagree on what a place is).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    pub sentences: usize,
    pub person: Counts,
    pub organisation: Counts,
}

impl Scores {
    /// People and organisations together (micro-averaged).
    pub fn overall(&self) -> Counts {
        let mut c = self.person;
        c.add(self.organisation);
        c
    }

    /// Adds one sentence's gold and predicted names.
    pub fn add(&mut self, gold: &[Chunk], predicted: &[Chunk]) {
        self.sentences += 1;
        for (kind, counts) in [
            (NameKind::Person, &mut self.person),
            (NameKind::Organisation, &mut self.organisation),
        ] {
            let mut p: Vec<&Chunk> = predicted.iter().filter(|c| c.kind == kind).collect();
            p.sort_by_key(|c| (c.start, c.end));
            p.dedup();
            let g: Vec<&Chunk> = gold.iter().filter(|c| c.kind == kind).collect();
            counts.gold += g.len();
            counts.predicted += p.len();
            counts.correct += p.iter().filter(|c| g.contains(c)).count();
        }
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<13} {:>9} {:>6} {:>6} {:>6} {:>6} {:>6}",
            "kind", "precision", "recall", "F1", "gold", "found", "right"
        )?;
        for (name, c) in [
            ("person", self.person),
            ("organisation", self.organisation),
            ("both", self.overall()),
        ] {
            writeln!(
                f,
                "{name:<13} {:>9.3} {:>6.3} {:>6.3} {:>6} {:>6} {:>6}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.predicted,
                c.correct
            )?;
        }
        Ok(())
    }
}

/// Scores `recognise` over `sentences`: it gets each sentence's joined text and answers
/// names as `(kind, byte start, byte end)`; spans that touch no token are dropped.
pub fn evaluate(
    sentences: &[Sentence],
    mut recognise: impl FnMut(&str) -> Vec<(NameKind, usize, usize)>,
) -> Scores {
    let mut scores = Scores::default();
    for s in sentences {
        let (text, ranges) = s.text();
        let predicted: Vec<Chunk> = recognise(&text)
            .into_iter()
            .filter_map(|(kind, a, b)| {
                let (start, end) = span_to_tokens(&ranges, a, b)?;
                Some(Chunk { kind, start, end })
            })
            .collect();
        scores.add(&chunks(&s.tags), &predicted);
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn chunk(kind: NameKind, start: usize, end: usize) -> Chunk {
        Chunk { kind, start, end }
    }

    #[test]
    fn chunks_follow_conlleval() {
        let t = tags("B-PPL I-PPL O B-IND I-IND B-IND I-PLC O I-PERSON I-PERSON B-EVT I-EVT");
        assert_eq!(
            chunks(&t),
            [
                chunk(NameKind::Person, 0, 2),
                chunk(NameKind::Organisation, 3, 5),
                chunk(NameKind::Organisation, 5, 6),
                // I- after a different type starts a name
                chunk(NameKind::Place, 6, 7),
                chunk(NameKind::Person, 8, 10),
            ]
        );
        assert!(chunks(&tags("O O")).is_empty());
    }

    #[test]
    fn precision_recall_f1_by_hand() {
        // gold: 2 people, 2 organisations; found: one person exact, one person with a wrong
        // boundary, one organisation exact, one organisation that is a person in gold.
        let gold = chunks(&tags("B-PPL I-PPL O B-PPL O B-IND O B-IND I-IND"));
        let found = [
            chunk(NameKind::Person, 0, 2),
            chunk(NameKind::Person, 3, 5),
            chunk(NameKind::Organisation, 5, 6),
            chunk(NameKind::Organisation, 3, 4),
        ];
        let mut s = Scores::default();
        s.add(&gold, &found);
        assert_eq!(
            s.person,
            Counts {
                correct: 1,
                predicted: 2,
                gold: 2
            }
        );
        assert_eq!(
            s.organisation,
            Counts {
                correct: 1,
                predicted: 2,
                gold: 2
            }
        );
        assert!((s.person.precision() - 0.5).abs() < 1e-9);
        assert!((s.person.f1() - 0.5).abs() < 1e-9);
        let all = s.overall();
        assert_eq!((all.correct, all.predicted, all.gold), (2, 4, 4));
        // 3 of 4 right, 3 of 5 found: P 0.75, R 0.6, F1 2/3
        let c = Counts {
            correct: 3,
            predicted: 4,
            gold: 5,
        };
        assert!((c.f1() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 0.0);
    }

    #[test]
    fn spans_are_read_back_as_the_tokens_they_touch() {
        let s = Sentence {
            tokens: ["kata", "m.", "hanif", "dhakiri", "."]
                .map(String::from)
                .to_vec(),
            tags: tags("O B-PPL I-PPL I-PPL O"),
        };
        let (text, ranges) = s.text();
        assert_eq!(text, "kata m. hanif dhakiri .");
        // "m" without its full stop still names token 1
        assert_eq!(span_to_tokens(&ranges, 5, 6), Some((1, 2)));
        assert_eq!(span_to_tokens(&ranges, 5, 21), Some((1, 4)));
        assert_eq!(span_to_tokens(&ranges, 4, 5), None);
        let scores = evaluate(&[s], |t| {
            let start = t.find("m.").unwrap();
            vec![(NameKind::Person, start, t.find(" .").unwrap())]
        });
        assert_eq!(scores.person.correct, 1);
        assert_eq!(scores.person.f1(), 1.0);
    }

    #[test]
    fn parse_reads_sentences_and_names_bad_lines() {
        let s = parse("x.conll", "budi\tB-PPL\nsantoso\tI-PPL\n\n\nkata\tO\n").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, ["budi", "santoso"]);
        let err = parse("x.conll", "a\tO\nb\tPERSON\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.conll:2: tag \"PERSON\" is not O, B-TYPE or I-TYPE"
        );
        assert!(parse("x.conll", "lonely\n").is_err());
    }
}
