//! How long it is kept (section 6): the activities' retention rules, those with
//! the same rule together.

use minijinja::context;

use super::{non_blank, sentences, Builder};
use crate::register::processing_activity::ActivitySnapshot;
use crate::statement::document::{Paragraph, Section};

/// A text cut into its sentences: after `.`, `!` or `?` followed by a space.
pub(super) fn split_sentences(text: &str) -> Vec<&str> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut previous = ' ';
    for (i, c) in text.char_indices() {
        if c.is_whitespace() && matches!(previous, '.' | '!' | '?') {
            sentences.push(text[start..i].trim());
            start = i;
        }
        previous = c;
    }
    sentences.push(text[start..].trim());
    sentences.retain(|s| !s.is_empty());
    sentences
}

impl Builder<'_> {
    pub(super) fn retention(&self) -> Option<Section> {
        // Activities with the same rule share one paragraph.
        type Rule<'r> = (Option<&'r str>, Option<&'r str>, Option<&'r str>);
        let mut groups: Vec<(Rule, Vec<&ActivitySnapshot>)> = Vec::new();
        for a in &self.snapshot.activities {
            let Some(retention) = &a.activity.retention else {
                continue;
            };
            let period = non_blank(&retention.period);
            let trigger = non_blank(&retention.trigger);
            let description = self.pick(&retention.description);
            if period.is_none() && trigger.is_none() && description.is_none() {
                continue;
            }
            let rule = (period, trigger, description);
            match groups.iter_mut().find(|(r, _)| *r == rule) {
                Some((_, list)) => list.push(a),
                None => groups.push((rule, vec![a])),
            }
        }
        // A closing sentence every description repeats is said once, after them.
        let descriptions: Vec<Vec<&str>> = groups
            .iter()
            .map(|((_, _, description), _)| description.map(split_sentences).unwrap_or_default())
            .collect();
        let mut shared = 0;
        if groups.len() > 1 {
            /// The `k`-th sentence from the end, counting from 0.
            fn tail<'s>(sentences: &[&'s str], k: usize) -> Option<&'s str> {
                sentences.len().checked_sub(k + 1).map(|i| sentences[i])
            }
            while let Some(sentence) = tail(&descriptions[0], shared) {
                if descriptions
                    .iter()
                    .all(|d| tail(d, shared) == Some(sentence))
                {
                    shared += 1;
                } else {
                    break;
                }
            }
            // A group whose description is its only rule keeps a sentence.
            while shared > 0
                && groups
                    .iter()
                    .zip(&descriptions)
                    .any(|(((period, trigger, _), _), d)| {
                        period.is_none() && trigger.is_none() && d.len() == shared
                    })
            {
                shared -= 1;
            }
        }
        let mut paragraphs: Vec<Paragraph> = groups
            .iter()
            .zip(&descriptions)
            .map(
                |(((period, trigger, description), activities), own_sentences)| {
                    let purposes = self.purposes_phrase(activities);
                    let period = period.map(|p| self.t.duration(p));
                    let rule = match (period, trigger) {
                        (Some(period), Some(trigger)) => self.t.render(
                            "retention.period_trigger",
                            context! { purposes, period, trigger => self.t.event_after(trigger) },
                        ),
                        (Some(period), None) => self
                            .t
                            .render("retention.period", context! { purposes, period }),
                        (None, Some(trigger)) => self.t.render(
                            "retention.trigger",
                            context! { purposes, until => self.t.event_until(trigger) },
                        ),
                        (None, None) => self.t.render("retention.described", context! { purposes }),
                    };
                    let description = if shared == 0 {
                        description.unwrap_or_default().to_string()
                    } else {
                        own_sentences[..own_sentences.len() - shared].join(" ")
                    };
                    // The rule, or which purposes a description is about,
                    // comes first: the description may say "deze gegevens".
                    let text = sentences([rule, description]);
                    Paragraph::plain(text, self.activity_refs(activities.iter().copied()))
                },
            )
            .collect();
        if shared > 0 {
            let first = &descriptions[0];
            paragraphs.push(Paragraph::plain(
                first[first.len() - shared..].join(" "),
                self.activity_refs(
                    groups
                        .iter()
                        .flat_map(|(_, activities)| activities.iter().copied()),
                ),
            ));
        }
        self.top_section("retention", paragraphs, Vec::new())
    }
}
