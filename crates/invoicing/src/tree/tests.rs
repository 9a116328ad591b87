use super::*;
use crate::family::tests::candidate;
use crate::family::Family;
use proptest::prelude::*;

/// Families `f0..` with the given numbers of negatives.
fn families(negatives: &[usize]) -> Families {
    let mut f = Families::new();
    f.begin_load();
    f.append_page(negatives.iter().enumerate().map(|(i, n)| {
        let amounts: Vec<i64> = (0..*n).map(|_| -100).collect();
        Family::from_candidate(candidate(&format!("f{i}"), "CLOUD", 100_000, &amounts)).unwrap()
    }));
    f.finish_load();
    f
}

fn shown(t: &TreeRows) -> Vec<(u32, u32)> {
    t.slice(0..t.len())
        .iter()
        .map(|r| (r.family, r.part))
        .collect()
}

#[test]
fn r06_expanding_puts_each_negative_in_a_row_of_its_own_under_its_original() {
    let f = families(&[0, 2, 1]);
    let mut t = TreeRows::new();
    t.extend_from(&f, 0);
    assert_eq!(shown(&t), [(0, 0), (1, 0), (2, 0)]);
    assert!(t.expand(&f, 1));
    assert_eq!(shown(&t), [(0, 0), (1, 0), (1, 1), (1, 2), (2, 0)]);
    assert_eq!(t.get(2).unwrap().level(), 2);
    assert_eq!(t.get(2).unwrap().negative(), Some(0));
    assert!(!t.expand(&f, 1), "twice changes nothing");
    assert!(
        !t.expand(&f, 0),
        "a family without negatives has nothing to expand"
    );
    assert!(t.collapse(&f, 1));
    assert_eq!(shown(&t), [(0, 0), (1, 0), (2, 0)]);
}

#[test]
fn r06_expanded_families_stay_expanded_through_a_reload() {
    let f = families(&[1, 1]);
    let mut t = TreeRows::new();
    t.extend_from(&f, 0);
    t.expand(&f, 1);
    t.reset();
    t.extend_from(&f, 0);
    assert_eq!(shown(&t), [(0, 0), (1, 0), (1, 1)]);
}

#[test]
fn pages_append_after_the_rows_shown() {
    let mut f = Families::new();
    f.begin_load();
    f.append_page(vec![Family::from_candidate(candidate(
        "a",
        "C",
        100,
        &[-1],
    ))
    .unwrap()]);
    let mut t = TreeRows::new();
    t.extend_from(&f, 0);
    t.expand(&f, 0);
    f.append_page(vec![
        Family::from_candidate(candidate("b", "C", 100, &[])).unwrap()
    ]);
    t.extend_from(&f, 1);
    assert_eq!(shown(&t), [(0, 0), (0, 1), (1, 0)]);
}

#[test]
fn r29_arrow_keys_move_expand_and_collapse_as_the_treegrid_pattern_says() {
    let f = families(&[2, 0]);
    let mut t = TreeRows::new();
    t.extend_from(&f, 0);
    assert_eq!(t.on_key(&f, Key::Down, 0, 10), KeyAction::Focus(1));
    assert_eq!(t.on_key(&f, Key::Up, 0, 10), KeyAction::Nothing);
    assert_eq!(t.on_key(&f, Key::Right, 0, 10), KeyAction::Expand(0));
    assert_eq!(t.on_key(&f, Key::Right, 1, 10), KeyAction::Nothing);
    t.expand(&f, 0);
    assert_eq!(
        t.on_key(&f, Key::Right, 0, 10),
        KeyAction::Focus(1),
        "into the negatives"
    );
    assert_eq!(
        t.on_key(&f, Key::Left, 2, 10),
        KeyAction::Focus(0),
        "to the original"
    );
    assert_eq!(t.on_key(&f, Key::Left, 0, 10), KeyAction::Collapse(0));
    assert_eq!(
        t.on_key(&f, Key::Space, 2, 10),
        KeyAction::Toggle(0),
        "the whole family"
    );
    assert_eq!(t.on_key(&f, Key::End, 0, 10), KeyAction::Focus(3));
    assert_eq!(t.on_key(&f, Key::Home, 3, 10), KeyAction::Focus(0));
    assert_eq!(t.on_key(&f, Key::PageDown, 0, 2), KeyAction::Focus(2));
    assert_eq!(t.on_key(&f, Key::PageUp, 3, 2), KeyAction::Focus(1));
    assert_eq!(t.on_key(&f, Key::PageDown, 3, 2), KeyAction::Nothing);
    assert_eq!(Key::from_dom("ArrowLeft"), Some(Key::Left));
    assert_eq!(Key::from_dom(" "), Some(Key::Space));
    assert_eq!(Key::from_dom("a"), None);
}

proptest! {
    /// Any sequence of expands and collapses leaves exactly the rows a fresh build from the
    /// expanded set would give: originals in order, each expanded one followed by all of its
    /// negatives, and no negative without its original right above it (R06).
    #[test]
    fn r06_rows_always_match_the_expanded_set(
        negatives in prop::collection::vec(0usize..4, 1..30),
        ops in prop::collection::vec((any::<bool>(), any::<usize>()), 0..40),
    ) {
        let f = families(&negatives);
        let mut t = TreeRows::new();
        t.extend_from(&f, 0);
        for (expand, i) in ops {
            let i = i % f.len();
            if expand { t.expand(&f, i); } else { t.collapse(&f, i); }
        }
        let mut fresh = TreeRows { rows: Vec::new(), expanded: t.expanded.clone() };
        fresh.extend_from(&f, 0);
        prop_assert_eq!(shown(&t), shown(&fresh));
        for (i, row) in t.slice(0..t.len()).iter().enumerate() {
            prop_assert_eq!(t.position(*row), Some(i));
        }
    }
}

#[test]
fn r04_rows_show_only_the_families_the_filter_lets_through() {
    use crate::filter::CandidateFilter;
    let mut families = Families::new();
    families.begin_load();
    let mut comm = crate::family::tests::candidate("b", "COMM", 100, &[-10]);
    comm.business_id = "B-COMM".into();
    families.append_page(vec![
        Family::from_candidate(crate::family::tests::candidate("a", "CLOUD", 100, &[-10])).unwrap(),
        Family::from_candidate(comm).unwrap(),
    ]);
    families.finish_load();
    let mut rows = TreeRows::new();
    rows.extend_from(&families, 0);
    assert!(rows.expand(&families, 1));
    families.set_filter(CandidateFilter {
        issuer_id: Some("COMM".into()),
        ..CandidateFilter::default()
    });
    rows.rebuild(&families);
    let refs: Vec<(usize, Option<usize>)> = rows
        .slice(0..rows.len())
        .iter()
        .map(|r| (r.family(), r.negative()))
        .collect();
    assert_eq!(
        refs,
        [(1, None), (1, Some(0))],
        "the expanded family keeps its negative row"
    );
}
