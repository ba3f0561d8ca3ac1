use crate::context::Context;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports top-level sections that are out of template order. The sections in the
    /// longest run that is already in template order stay put; only the others are
    /// reported, so one misplaced section gives one finding, not a cascade. Headings
    /// matched by their own title count; one matched under another name (`Error
    /// model` for `Error Handling Strategy`) does not, and two headings for one
    /// template section are in order with each other.
    ///
    /// ## Why
    /// Readers navigate specs by the template's order; so do diff reviews across specs.
    ///
    /// ## Example
    /// `## Acceptance Criteria` placed before `## 0) Summary`.
    ///
    /// ## Fix
    /// Move the section to its template position.
    name: "section-out-of-order", category: "structure", severity: Warning
}

/// Indices (into `seq`) of a longest non-decreasing subsequence: two headings for one
/// template section (a duplicate, SG103's concern) are not out of order with each
/// other.
pub fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new(); // index into seq of the tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &v) in seq.iter().enumerate() {
        let pos = tails.partition_point(|&t| seq[t] <= v);
        prev[i] = pos.checked_sub(1).map(|p| tails[p]);
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        out.push(i);
        cur = prev[i];
    }
    out.reverse();
    out
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let placed: Vec<(usize, usize)> = doc
        .roots()
        .filter_map(|di| ctx.matching.doc_to_spec[di].map(|si| (di, si)))
        .filter(|&(_, si)| ctx.schema.sections[si].parent.is_none())
        // A heading matched under another name is not held to the template's place.
        .filter(|&(di, _)| !ctx.matching.loose[di])
        .collect();
    let specs: Vec<usize> = placed.iter().map(|&(_, s)| s).collect();
    let keep = longest_increasing(&specs);
    let mut k = keep.iter().peekable();
    for (i, &(di, si)) in placed.iter().enumerate() {
        if k.peek() == Some(&&i) {
            k.next();
            continue;
        }
        // Where it belongs: before the first in-order section the template puts after it.
        let before = keep.iter().map(|&j| placed[j]).find(|&(_, s)| s > si);
        let title = &ctx.schema.sections[si].title;
        match before {
            Some((bd, bs)) => {
                let next = &ctx.schema.sections[bs].title;
                sink.report(
                    doc.sections[di].heading_span,
                    format!("section `{title}` is out of template order: move it before `{next}`"),
                )
                .with_label(
                    doc.sections[bd].heading_span,
                    format!("the template puts `{title}` before this section"),
                );
            }
            None => {
                sink.report(
                    doc.sections[di].heading_span,
                    format!(
                        "section `{title}` is out of template order: move it after every other section here"
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lis() {
        assert_eq!(
            super::longest_increasing(&[6, 0, 1, 2, 9, 10]),
            vec![1, 2, 3, 4, 5]
        );
        assert_eq!(super::longest_increasing(&[]), Vec::<usize>::new());
        assert_eq!(super::longest_increasing(&[3, 2, 1]).len(), 1);
        assert_eq!(super::longest_increasing(&[1, 3, 3, 4]).len(), 4);
    }
}
