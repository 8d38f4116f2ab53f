// Tests may panic on unexpected errors; the crate denies this elsewhere.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

fn offering(id: i64, title: &str) -> OfferingDoc {
    OfferingDoc {
        id,
        network_id: 1,
        title: title.to_string(),
        description: String::new(),
        provider: "Bildungswerk Thüringen".to_string(),
        competences: Vec::new(),
        areas: Vec::new(),
        format: "on_site".to_string(),
        district: Some("16051".to_string()),
        location: Some((50.9787, 11.0328)),
        price_cents: 49_000,
        part_time: false,
        evenings: false,
        weekends: false,
        funding_eligible: false,
        start_day: None,
        created_at: 1_700_000_000,
    }
}

fn index_with(docs: Vec<OfferingDoc>) -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    index.rebuild(docs, 1).unwrap();
    index
}

fn text(q: &str) -> SearchQuery {
    SearchQuery {
        text: q.to_string(),
        limit: 100,
        ..SearchQuery::default()
    }
}

fn ids(index: &SearchIndex, q: &str) -> Vec<i64> {
    index
        .search(&text(q))
        .unwrap()
        .hits
        .iter()
        .map(|h| h.id)
        .collect()
}

fn sorted_ids(index: &SearchIndex, q: &str) -> Vec<i64> {
    let mut v = ids(index, q);
    v.sort_unstable();
    v
}

fn counts(list: &[FacetCount]) -> Vec<(&str, u64)> {
    list.iter().map(|f| (f.value.as_str(), f.count)).collect()
}

/// Realistic catalogue used by the text-matching tests.
fn catalogue() -> SearchIndex {
    let mut cnc = offering(3, "CNC-Programmierung nach DIN 66025");
    cnc.competences = vec!["CNC-Programmierung nach DIN 66025".to_string()];
    let mut kuka = offering(4, "Roboterprogrammierung mit KUKA");
    kuka.competences = vec!["Programmierung von Industrierobotern".to_string()];
    let mut lead = offering(6, "Führung im Handwerk");
    lead.description =
        "Mitarbeitende motivieren, Gespräche führen und Konflikte lösen.".to_string();
    let mut excel = offering(7, "Einführung in Excel");
    excel.description = "Tabellen, Formeln und Diagramme für Einsteiger.".to_string();
    index_with(vec![
        offering(1, "Schweißtechnik für Einsteiger"),
        offering(2, "Schutzgasschweißen MAG"),
        cnc,
        kuka,
        offering(5, "Toleranzen und Passungen in der Fertigung"),
        lead,
        excel,
        offering(8, "Weichlöten und Hartlöten in der Elektronik"),
        offering(9, "Schweißen Grundkurs"),
        offering(10, "Qualitätsprüfung mit Koordinatenmesstechnik"),
    ])
}

#[test]
fn search_index_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<SearchIndex>();
}

#[test]
fn sharp_s_and_umlaut_spellings_match_each_other() {
    let index = catalogue();
    for q in ["Schweißen", "Schweissen", "SCHWEISSEN", "schweißen"] {
        assert!(ids(&index, q).contains(&9), "{q}");
    }
    for q in ["Führung", "Fuehrung", "Fuhrung", "FÜHRUNG"] {
        assert_eq!(ids(&index, q).first(), Some(&6), "{q}");
    }
    for q in ["Qualitätsprüfung", "Qualitaetspruefung", "Qualitatsprufung"] {
        assert_eq!(ids(&index, q), vec![10], "{q}");
    }
}

#[test]
fn stemming_matches_inflected_forms() {
    let index = catalogue();
    assert!(ids(&index, "Schweißer").contains(&9));
    assert!(ids(&index, "Toleranz").contains(&5));
    assert!(ids(&index, "Passung").contains(&5));
    assert!(ids(&index, "Industrieroboter").contains(&4));
}

#[test]
fn stop_word_only_query_behaves_like_empty_query() {
    let index = catalogue();
    let all = index.search(&text("")).unwrap();
    assert_eq!(all.total, 10);
    let stop = index.search(&text("der die das und für mit im")).unwrap();
    assert_eq!(stop.total, all.total);
    assert_eq!(stop.hits, all.hits);
    // Stop words next to real words are ignored, not required.
    assert_eq!(ids(&index, "Excel für die Einsteiger"), vec![7]);
}

#[test]
fn compound_members_are_found() {
    let index = catalogue();
    let schweissen = sorted_ids(&index, "Schweißen");
    assert_eq!(schweissen, vec![1, 2, 9]);
    assert!(ids(&index, "Roboter").contains(&4));
    let programmierung = sorted_ids(&index, "Programmierung");
    assert_eq!(programmierung, vec![3, 4]);
    assert_eq!(sorted_ids(&index, "Technik"), vec![1, 10]);
    assert_eq!(ids(&index, "Messtechnik"), vec![10]);
}

#[test]
fn short_stems_fall_back_to_the_folded_word_inside_compounds() {
    let index = catalogue();
    // "Löten" stems to "lot"; inside compounds the folded "loten" is used.
    assert_eq!(ids(&index, "Löten"), vec![8]);
    assert_eq!(ids(&index, "loeten"), vec![8]);
}

#[test]
fn compound_matching_stays_precise() {
    let index = catalogue();
    // Neither "lot" nor "loten" occurs in "Toleranzen" or "Pilotprojekte".
    assert!(!ids(&index, "Löten").contains(&5));
    let precise = index_with(vec![
        offering(11, "Bearbeitung von Blechen"),
        offering(12, "Gerechte Entlohnung im Betrieb"),
        offering(13, "Pilotprojekte und Toleranzen"),
        offering(14, "Ausführung von Elektroarbeiten"),
        offering(15, "Arbeitsrecht für Führungskräfte"),
    ]);
    assert!(ids(&precise, "Löten").is_empty());
    // "Einführung"/"Ausführung" are derivations, not compounds of "Führung";
    // also not reachable through the typo tolerance.
    assert_eq!(ids(&index, "Führung"), vec![6]);
    assert_eq!(ids(&precise, "Führung"), vec![15]);
    assert!(ids(&index, "Einführung").contains(&7));
    // Inseparable prefixes ("be", "ge") are not compound heads.
    assert_eq!(sorted_ids(&precise, "Arbeit"), vec![14, 15]);
    assert_eq!(ids(&precise, "Recht"), vec![15]);
    // Members shorter than four letters are not looked up inside words.
    assert!(ids(&index, "Gas").is_empty());
    assert_eq!(ids(&index, "Schutz"), vec![2]);
}

#[test]
fn whole_words_rank_above_compound_members() {
    let index = catalogue();
    let hits = ids(&index, "Schweißen");
    assert_eq!(hits.first(), Some(&9), "{hits:?}");
    let hits = ids(&index, "Programmierung");
    assert_eq!(hits.first(), Some(&3), "{hits:?}");
}

#[test]
fn one_typo_is_tolerated_in_longer_words() {
    let index = catalogue();
    assert!(ids(&index, "Robotter").contains(&4));
    assert_eq!(sorted_ids(&index, "Schweisen"), vec![1, 2, 9]);
    assert_eq!(sorted_ids(&index, "Progammierung"), vec![3, 4]);
    // A transposition counts as one edit.
    assert_eq!(sorted_ids(&index, "Porgrammierung"), vec![3, 4]);
    assert!(ids(&index, "Toleranezn").contains(&5));
}

#[test]
fn typos_score_below_exact_matches() {
    let index = index_with(vec![
        offering(1, "Excel Aufbaukurs"),
        offering(2, "Exzel Aufbaukurs"),
    ]);
    let result = index.search(&text("Excel")).unwrap();
    assert_eq!(result.hits.len(), 2);
    assert_eq!(result.hits[0].id, 1);
    assert!(result.hits[0].score > result.hits[1].score);
}

#[test]
fn no_typo_tolerance_for_short_words() {
    let index = index_with(vec![
        offering(1, "Lack und Farbe"),
        offering(2, "Kurs für Pflegekräfte"),
    ]);
    assert!(ids(&index, "Lach").is_empty());
    assert!(ids(&index, "Kurz").is_empty());
    assert_eq!(ids(&index, "Lack"), vec![1]);
}

#[test]
fn all_query_words_must_match() {
    let index = catalogue();
    assert_eq!(ids(&index, "Schweißtechnik Einsteiger"), vec![1]);
    assert_eq!(ids(&index, "schweissen einsteiger"), vec![1]);
    assert!(ids(&index, "Roboter Excel").is_empty());
    assert_eq!(ids(&index, "Robotter KUKA"), vec![4]);
}

#[test]
fn description_and_competences_are_searched_with_lower_weight() {
    let mut a = offering(1, "Tabellenkalkulation kompakt");
    a.description = "Wir arbeiten mit Excel.".to_string();
    let mut b = offering(2, "Excel kompakt");
    b.description = "Tabellen und Formeln.".to_string();
    let mut c = offering(3, "Büro kompakt");
    c.competences = vec!["Excel".to_string()];
    let index = index_with(vec![a, b, c]);
    assert_eq!(ids(&index, "Excel"), vec![2, 3, 1]);
}

fn facet_catalogue() -> SearchIndex {
    let mut docs = Vec::new();
    let mut d = offering(1, "Schweißen Grundkurs");
    d.areas = vec!["welding".to_string()];
    d.format = "on_site".to_string();
    d.price_cents = 0;
    d.part_time = true;
    docs.push(d);
    let mut d = offering(2, "Schweißen online Theorie");
    d.areas = vec!["welding".to_string()];
    d.format = "online_live".to_string();
    d.district = None;
    d.location = None;
    d.price_cents = 25_000;
    d.funding_eligible = true;
    docs.push(d);
    let mut d = offering(3, "Schweißroboter programmieren");
    d.areas = vec!["welding".to_string(), "robotics".to_string()];
    d.format = "blended".to_string();
    d.district = Some("16053".to_string());
    d.location = Some((50.9272, 11.5892));
    d.price_cents = 150_000;
    d.part_time = true;
    d.funding_eligible = true;
    d.start_day = Some(20_513); // 2026-03-01
    docs.push(d);
    let mut d = offering(4, "CNC-Fräsen");
    d.areas = vec!["cnc".to_string()];
    d.price_cents = 350_000;
    d.start_day = Some(20_545); // 2026-04-02
    docs.push(d);
    index_with(docs)
}

#[test]
fn facets_count_all_values_without_selection() {
    let index = facet_catalogue();
    let r = index.search(&text("")).unwrap();
    assert_eq!(r.total, 4);
    assert_eq!(
        counts(&r.facets.format),
        vec![("on_site", 2), ("blended", 1), ("online_live", 1)]
    );
    assert_eq!(
        counts(&r.facets.area),
        vec![("welding", 3), ("cnc", 1), ("robotics", 1)]
    );
    assert_eq!(counts(&r.facets.district), vec![("16051", 2), ("16053", 1)]);
    assert_eq!(
        counts(&r.facets.price_band),
        vec![("free", 1), ("over-2000", 1), ("to-2000", 1), ("to-500", 1)]
    );
    assert_eq!(r.facets.part_time, 2);
    assert_eq!(r.facets.funding_eligible, 2);
    assert_eq!(
        counts(&r.facets.start_month),
        vec![("any", 2), ("2026-03", 1), ("2026-04", 1)]
    );
}

#[test]
fn facets_are_disjunctive() {
    let index = facet_catalogue();
    let q = SearchQuery {
        text: "Schweißen".to_string(),
        formats: vec!["on_site".to_string(), "blended".to_string()],
        ..SearchQuery::default()
    };
    let r = index.search(&q).unwrap();
    assert_eq!(r.total, 2);
    // The format facet ignores its own selection ...
    assert_eq!(
        counts(&r.facets.format),
        vec![("blended", 1), ("on_site", 1), ("online_live", 1)]
    );
    // ... the others respect it.
    assert_eq!(
        counts(&r.facets.area),
        vec![("welding", 2), ("robotics", 1)]
    );
    assert_eq!(r.facets.funding_eligible, 1);

    let q = SearchQuery {
        funding_eligible: true,
        areas: vec!["welding".to_string()],
        ..SearchQuery::default()
    };
    let r = index.search(&q).unwrap();
    assert_eq!(r.total, 2);
    assert_eq!(r.facets.funding_eligible, 2);
    assert_eq!(
        counts(&r.facets.area),
        vec![("welding", 2), ("robotics", 1)]
    );
    assert_eq!(r.facets.part_time, 1);
}

#[test]
fn flag_price_and_month_filters() {
    let index = facet_catalogue();
    let run = |q: SearchQuery| {
        let mut v: Vec<i64> = index
            .search(&q)
            .unwrap()
            .hits
            .iter()
            .map(|h| h.id)
            .collect();
        v.sort_unstable();
        v
    };
    let q = SearchQuery::default;
    assert_eq!(
        run(SearchQuery {
            part_time: true,
            ..q()
        }),
        vec![1, 3]
    );
    assert_eq!(
        run(SearchQuery {
            price_bands: vec![PriceBand::Free, PriceBand::UpTo500],
            ..q()
        }),
        vec![1, 2]
    );
    assert_eq!(
        run(SearchQuery {
            start_months: vec!["any".to_string()],
            ..q()
        }),
        vec![1, 2]
    );
    assert_eq!(
        run(SearchQuery {
            start_months: vec!["2026-04".to_string()],
            ..q()
        }),
        vec![4]
    );
    assert_eq!(
        run(SearchQuery {
            districts: vec!["16053".to_string()],
            ..q()
        }),
        vec![3]
    );
    assert!(
        run(SearchQuery {
            districts: vec!["99999".to_string()],
            ..q()
        })
        .is_empty()
    );
    assert_eq!(
        run(SearchQuery {
            network_id: Some(1),
            ..q()
        })
        .len(),
        4
    );
    assert!(
        run(SearchQuery {
            network_id: Some(2),
            ..q()
        })
        .is_empty()
    );
    // Offerings that already started are hidden, start-any-time ones stay.
    assert_eq!(
        run(SearchQuery {
            starts_from: Some(20_520),
            ..q()
        }),
        vec![1, 2, 4]
    );
}

#[test]
fn radius_filter_and_distance_sort() {
    let erfurt = (50.9787, 11.0328);
    let mut docs = Vec::new();
    let mut jena = offering(1, "Jena Kurs");
    jena.location = Some((50.9272, 11.5892)); // ~39 km
    docs.push(jena);
    let mut erfurt_doc = offering(2, "Erfurt Kurs");
    erfurt_doc.location = Some(erfurt);
    docs.push(erfurt_doc);
    let mut online = offering(3, "Online Kurs");
    online.location = None;
    online.district = None;
    online.format = "online_live".to_string();
    docs.push(online);
    let mut gera = offering(4, "Gera Kurs");
    gera.location = Some((50.8805, 12.0824)); // ~74 km
    docs.push(gera);
    let index = index_with(docs);

    let mut q = SearchQuery {
        near: Some(Near {
            lat: erfurt.0,
            lon: erfurt.1,
            radius_km: 50.0,
        }),
        sort: Sort::Distance,
        ..SearchQuery::default()
    };
    let r = index.search(&q).unwrap();
    assert_eq!(r.hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![2, 1]);
    let d = r.hits[1].distance_km.unwrap();
    assert!((38.0..41.0).contains(&d), "{d}");

    q.include_online = true;
    let r = index.search(&q).unwrap();
    assert_eq!(
        r.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![2, 1, 3]
    );
    assert_eq!(r.hits[2].distance_km, None);

    q.near = Some(Near {
        lat: erfurt.0,
        lon: erfurt.1,
        radius_km: 100.0,
    });
    q.include_online = false;
    let r = index.search(&q).unwrap();
    assert_eq!(
        r.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![2, 1, 4]
    );
}

#[test]
fn start_date_sort_treats_any_time_as_today() {
    let mut docs = Vec::new();
    for (id, start) in [
        (1, Some(20_600)),
        (2, None),
        (3, Some(20_500)),
        (4, Some(20_400)),
    ] {
        let mut d = offering(id, "Kurs");
        d.start_day = start;
        docs.push(d);
    }
    let index = index_with(docs);
    let q = SearchQuery {
        sort: Sort::StartDate,
        starts_from: Some(20_450),
        ..SearchQuery::default()
    };
    let r = index.search(&q).unwrap();
    assert_eq!(
        r.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![2, 3, 1]
    );
}

#[test]
fn relevance_ties_are_broken_by_id_and_pages_are_stable() {
    let index = index_with(
        (1..=25)
            .rev()
            .map(|id| offering(id, "Excel Grundlagen"))
            .collect(),
    );
    let page = |offset| {
        let q = SearchQuery {
            text: "Excel".to_string(),
            offset,
            limit: 10,
            ..SearchQuery::default()
        };
        index.search(&q).unwrap()
    };
    let first = page(0);
    assert_eq!(first.total, 25);
    assert_eq!(
        first.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        (1..=10).collect::<Vec<_>>()
    );
    let third = page(20);
    assert_eq!(
        third.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        (21..=25).collect::<Vec<_>>()
    );
    assert!(page(30).hits.is_empty());
}

#[test]
fn apply_upserts_deletes_and_records_seq() {
    let index = SearchIndex::in_memory().unwrap();
    assert_eq!(index.last_seq(), 0);
    index
        .apply(
            &[
                offering(1, "Schweißen Grundkurs"),
                offering(2, "Excel Grundlagen"),
            ],
            &[],
            5,
        )
        .unwrap();
    assert_eq!(index.num_docs(), 2);
    assert_eq!(index.last_seq(), 5);
    index
        .apply(&[offering(1, "Drehen und Fräsen")], &[2], 6)
        .unwrap();
    assert_eq!(index.num_docs(), 1);
    assert!(ids(&index, "Schweißen").is_empty());
    assert_eq!(ids(&index, "Fräsen"), vec![1]);
    assert!(ids(&index, "Excel").is_empty());
    assert_eq!(index.last_seq(), 6);

    index
        .rebuild(
            vec![offering(10, "Pneumatik"), offering(11, "Hydraulik")],
            9,
        )
        .unwrap();
    assert_eq!(index.num_docs(), 2);
    assert!(ids(&index, "Fräsen").is_empty());
    assert_eq!(ids(&index, "Hydraulik"), vec![11]);
    assert_eq!(index.last_seq(), 9);
}

#[test]
fn facets_see_updated_values_after_apply() {
    let index = SearchIndex::in_memory().unwrap();
    let mut d = offering(1, "SPS-Programmierung");
    d.areas = vec!["automation".to_string()];
    index.apply(&[d.clone()], &[], 1).unwrap();
    d.areas = vec!["plc".to_string()];
    index.apply(&[d], &[], 2).unwrap();
    let r = index.search(&text("")).unwrap();
    assert_eq!(counts(&r.facets.area), vec![("plc", 1)]);
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("lernregion-search-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn open_or_create_persists_and_recreates_on_version_change() {
    let dir = temp_dir("persist");
    {
        let (index, created) = SearchIndex::open_or_create(&dir).unwrap();
        assert!(created);
        index
            .apply(&[offering(1, "Schutzgasschweißen MAG")], &[], 42)
            .unwrap();
    }
    {
        let (index, created) = SearchIndex::open_or_create(&dir).unwrap();
        assert!(!created);
        assert_eq!(index.last_seq(), 42);
        assert_eq!(ids(&index, "Schweissen"), vec![1]);
        let r = index.search(&text("")).unwrap();
        assert_eq!(counts(&r.facets.format), vec![("on_site", 1)]);
        // Pretend the index was written by an older schema version.
        let mut guard = index.writer.lock().unwrap();
        let writer = guard.as_mut().unwrap();
        let mut prepared = writer.prepare_commit().unwrap();
        prepared.set_payload("v0:42");
        prepared.commit().unwrap();
    }
    {
        let (index, created) = SearchIndex::open_or_create(&dir).unwrap();
        assert!(created);
        assert_eq!(index.num_docs(), 0);
        assert_eq!(index.last_seq(), 0);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn concurrent_searches_during_updates() {
    let index = Arc::new(index_with(
        (1..=200)
            .map(|id| offering(id, "Schweißtechnik Aufbaukurs"))
            .collect(),
    ));
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let index = Arc::clone(&index);
            std::thread::spawn(move || {
                for _ in 0..50 {
                    let r = index.search(&text("Schweißen")).unwrap();
                    assert!(r.total >= 200);
                }
            })
        })
        .collect();
    for seq in 2..12 {
        index
            .apply(&[offering(1000 + seq, "Schweißen Praxis")], &[], seq)
            .unwrap();
    }
    for r in readers {
        r.join().unwrap();
    }
    assert_eq!(index.search(&text("Schweißen")).unwrap().total, 210);
}

#[test]
fn haversine_matches_known_distances() {
    let erfurt_jena = haversine_km((50.9787, 11.0328), (50.9272, 11.5892));
    assert!((38.5..40.5).contains(&erfurt_jena), "{erfurt_jena}");
    let berlin_munich = haversine_km((52.5200, 13.4050), (48.1351, 11.5820));
    assert!((503.0..506.0).contains(&berlin_munich), "{berlin_munich}");
    assert_eq!(haversine_km((51.0, 10.0), (51.0, 10.0)), 0.0);
}

#[test]
fn month_of_day_handles_leap_years() {
    assert_eq!(month_of_day(0), (1970, 1));
    assert_eq!(month_of_day(19_723), (2024, 1));
    assert_eq!(month_of_day(19_782), (2024, 2));
    assert_eq!(month_of_day(19_783), (2024, 3));
    assert_eq!(month_of_day(-1), (1969, 12));
}

#[test]
fn price_bands_round_trip() {
    for band in PriceBand::ALL {
        assert_eq!(PriceBand::parse(band.as_str()), Some(band));
        assert_eq!(band.as_str().parse::<PriceBand>(), Ok(band));
    }
    assert_eq!(PriceBand::parse("cheap"), None);
    assert_eq!(PriceBand::of_cents(0), PriceBand::Free);
    assert_eq!(PriceBand::of_cents(50_000), PriceBand::UpTo500);
    assert_eq!(PriceBand::of_cents(50_001), PriceBand::UpTo2000);
    assert_eq!(PriceBand::of_cents(200_001), PriceBand::Over2000);
}

#[test]
fn radius_filter_agrees_with_haversine() {
    // Deterministic pseudo-random points around Thuringia and a few far away.
    let mut state = 12345u64;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut docs = Vec::new();
    for id in 1..=400 {
        let mut d = offering(id, "Kurs");
        d.location = Some((49.5 + next() * 3.0, 8.5 + next() * 5.0));
        docs.push(d);
    }
    let mut far = offering(401, "Kurs");
    far.location = Some((-33.9, 151.2));
    docs.push(far);
    let index = index_with(docs.clone());
    for (centre, radius) in [
        ((50.98, 11.03), 10.0),
        ((50.98, 11.03), 37.5),
        ((51.05, 10.0), 120.0),
        ((50.5, 12.9), 80.0),
        ((50.98, 11.03), 20_000.0),
    ] {
        let q = SearchQuery {
            near: Some(Near {
                lat: centre.0,
                lon: centre.1,
                radius_km: radius,
            }),
            limit: 1000,
            ..SearchQuery::default()
        };
        let mut got: Vec<i64> = index
            .search(&q)
            .unwrap()
            .hits
            .iter()
            .map(|h| h.id)
            .collect();
        got.sort_unstable();
        let expected: Vec<i64> = docs
            .iter()
            .filter(|d| {
                d.location
                    .is_some_and(|p| haversine_km(centre, p) <= radius)
            })
            .map(|d| d.id)
            .collect();
        assert_eq!(got, expected, "{centre:?} {radius}");
    }
}

#[test]
fn deleted_offerings_leave_counts_and_hits() {
    let index = facet_catalogue();
    index.apply(&[], &[3], 2).unwrap();
    let r = index.search(&text("")).unwrap();
    assert_eq!(r.total, 3);
    assert_eq!(counts(&r.facets.area), vec![("welding", 2), ("cnc", 1)]);
    assert!(!r.hits.iter().any(|h| h.id == 3));
    let r = index.search(&text("Schweißroboter")).unwrap();
    assert_eq!(r.total, 0);
}

#[test]
fn results_are_the_same_across_segments() {
    // Many small commits leave several segments; results must not depend on that.
    let index = SearchIndex::in_memory().unwrap();
    let docs: Vec<OfferingDoc> = (1..=30)
        .map(|id| {
            let mut d = offering(
                id,
                if id % 3 == 0 {
                    "Schweißtechnik"
                } else {
                    "Excel kompakt"
                },
            );
            d.format = if id % 2 == 0 {
                "online_live"
            } else {
                "on_site"
            }
            .to_string();
            d
        })
        .collect();
    for (seq, chunk) in docs.chunks(7).enumerate() {
        index.apply(chunk, &[], seq as i64 + 1).unwrap();
    }
    let single = index_with(docs);
    for q in ["", "Schweißen", "Excel", "Excel kompakt"] {
        let a = index.search(&text(q)).unwrap();
        let b = single.search(&text(q)).unwrap();
        assert_eq!(a.total, b.total, "{q}");
        assert_eq!(
            a.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
            b.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
            "{q}"
        );
        assert_eq!(a.facets, b.facets, "{q}");
    }
}
