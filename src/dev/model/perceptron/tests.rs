//! Tests of the averaged perceptron.
use super::*;

/// A model trained for five passes over `data` (features, class).
fn trained(classes: Vec<String>, data: &[(Vec<u64>, usize)]) -> Model {
    let mut t = Trainer::new(classes);
    let mut s = vec![0f32; t.classes.len()];
    for _ in 0..5 {
        for (f, y) in data {
            t.tick();
            t.score_into(f, &mut s);
            let g = best(&s, None);
            t.update(f, *y, g);
        }
    }
    t.finish(1, 0.0)
}

#[test]
fn learns_a_separable_problem_and_round_trips() {
    let data = [(vec![feat(0, "x")], 0), (vec![feat(0, "y")], 1)];
    let mut s = [0f32; 2];
    let m = trained(vec!["a".into(), "b".into()], &data);
    for (f, y) in &data {
        assert_eq!(m.predict(f, &mut s, None), *y);
    }
    let m2 = Model::from_bytes(&m.to_bytes()).unwrap();
    assert_eq!(m2.to_bytes(), m.to_bytes());
    for (f, y) in &data {
        assert_eq!(m2.predict(f, &mut s, None), *y);
    }
    assert!(Model::from_bytes(b"junk").is_err());
    let mut old = m.to_bytes();
    old[4] = b'1';
    assert!(Model::from_bytes(&old).unwrap_err().contains("format 1"));
    // a damaged row count (the four bytes before the rows) is refused before anything is sized
    let mut huge = MAGIC.to_vec();
    huge.extend(2u32.to_le_bytes());
    for c in ["a", "b"] {
        huge.extend(1u16.to_le_bytes());
        huge.extend(c.as_bytes());
    }
    huge.extend(1f32.to_le_bytes());
    huge.extend(u32::MAX.to_le_bytes());
    assert!(Model::from_bytes(&huge)
        .unwrap_err()
        .contains("more rows than the file"));
    assert!(Model::from_bytes(&m.to_bytes()[..10]).is_err());
}

#[test]
fn models_of_few_and_many_classes_round_trip_through_their_bytes() {
    // up to four classes the rows live in the table itself; above, in rows of their own
    for n in [3usize, 6] {
        let data: Vec<(Vec<u64>, usize)> =
            (0..n).map(|c| (vec![feat(0, &c.to_string())], c)).collect();
        let mut s = vec![0f32; n];
        let m = trained((0..n).map(|c| c.to_string()).collect(), &data);
        let bytes = m.to_bytes();
        let m2 = Model::from_bytes(&bytes).unwrap();
        assert_eq!(m2.to_bytes(), bytes, "{n} classes");
        assert!(!m2.is_empty());
        for (f, y) in &data {
            assert_eq!(m2.predict(f, &mut s, None), *y, "{n} classes");
        }
    }
}
