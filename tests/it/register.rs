//! The results report's measures on real charters: every timeline of every real charter
//! gives a limit to measure requests against, or says why it cannot (issue 17).

use charter::load::load_source;
use charter::model::Service;
use charter::model::timeline::{Timeline, TimelineKind};
use charter::register::limit::{Limit, Unmeasurable};
use charter::source::SourceFile;

use crate::{all_charters, corpus};

fn timelines<'a>(services: &'a [Service], out: &mut Vec<&'a Timeline>) {
    for service in services {
        out.extend(&service.timeline);
        timelines(&service.services, out);
    }
}

#[test]
fn every_real_timeline_is_measurable_or_says_why() {
    let (mut measured, mut unmeasurable) = (0, 0);
    for file in all_charters().into_iter().chain(corpus()) {
        let text = std::fs::read_to_string(&file).unwrap();
        let charter = load_source(SourceFile::new(&file, text))
            .charter
            .expect("a real charter is valid");
        let mut all = Vec::new();
        timelines(&charter.services.list, &mut all);
        for timeline in all {
            let limit = Limit::of(timeline, None);
            match (&timeline.kind, &limit) {
                (TimelineKind::Duration(d), Ok(_)) => {
                    assert!(d.unit.is_some());
                    measured += 1;
                }
                (TimelineKind::Duration(d), Err(Unmeasurable::NoUnit)) => {
                    assert!(d.unit.is_none());
                    unmeasurable += 1;
                }
                // A timeline by case needs the row's case, and each case is measured alone.
                (TimelineKind::Cases { cases }, Err(Unmeasurable::NeedsCase(names))) => {
                    assert_eq!(names.len(), cases.len(), "{}", file.display());
                    for (case, name) in cases.iter().zip(names) {
                        assert_eq!(
                            Limit::of(timeline, Some(name)),
                            Limit::of(&case.timeline, None),
                            "{}: {name}",
                            file.display()
                        );
                    }
                    measured += 1;
                }
                (TimelineKind::Vague, Err(Unmeasurable::Vague))
                | (TimelineKind::Every(_), Err(Unmeasurable::Frequency))
                | (TimelineKind::Rings { .. }, Err(Unmeasurable::Rings)) => unmeasurable += 1,
                (kind, limit) => panic!("{}: {kind:?} gave {limit:?}", file.display()),
            }
        }
    }
    // Most real promises are measurable (142 of 173 when this was written); the corpus
    // has vague ones, frequencies and rings too.
    assert!(
        measured > 3 * unmeasurable && unmeasurable > 0,
        "{measured} measured, {unmeasurable} not"
    );
}
