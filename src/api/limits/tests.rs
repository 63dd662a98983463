use super::*;

fn checked(query: &str) -> Result<(), String> {
    let document = async_graphql::parser::parse_query(query).map_err(|e| e.to_string())?;
    check(&document).map_err(|e| e.message)
}

fn refused_with(query: &str, words: &str) {
    match checked(query) {
        Ok(()) => panic!("accepted: {query:.200}"),
        Err(message) => assert!(message.contains(words), "{message}"),
    }
}

/// `fragment F0 { ...F1 ...F1 }` down to `F{n}`: 2^n fields from n lines.
fn fan_out(n: usize, leaf: &str) -> String {
    let mut query = String::from("query { ...F0 }\n");
    for i in 0..n {
        let next = i + 1;
        query += &format!("fragment F{i} on Query {{ ...F{next} ...F{next} }}\n");
    }
    query + &format!("fragment F{n} on Query {{ {leaf} }}\n")
}

fn aliases(n: usize, field: &str) -> String {
    (0..n)
        .map(|i| format!("a{i}: {field}"))
        .collect::<Vec<_>>()
        .join(" ")
}

const STANDARD_INTROSPECTION: &str =
    include_str!("../../../tests/fixtures/introspection-query.graphql");

#[test]
fn the_standard_introspection_query_passes() {
    checked(STANDARD_INTROSPECTION).unwrap();
}

#[test]
fn fragment_fan_out_is_refused_before_it_is_expanded() {
    checked(&fan_out(10, "__typename")).unwrap();
    for n in [11, 26, 31] {
        refused_with(&fan_out(n, "__typename"), "more than 2000 fields");
    }
    for n in [64, 1000] {
        refused_with(&fan_out(n, "__typename"), "nested more than 32 deep");
    }
}

#[test]
fn fan_out_through_inline_fragments_and_nested_types_is_counted() {
    let mut query = String::from("{ organization { ...F0 } }\n");
    for i in 0..20 {
        let next = i + 1;
        query += &format!(
            "fragment F{i} on Organization {{ ... on Organization {{ ...F{next} }} a: __typename ...F{next} }}\n"
        );
    }
    query += "fragment F20 on Organization { slug }\n";
    refused_with(&query, "more than 2000 fields");
}

#[test]
fn aliases_count_one_by_one() {
    checked(&format!("{{ {} }}", aliases(2000, "__typename"))).unwrap();
    refused_with(
        &format!("{{ {} }}", aliases(2001, "__typename")),
        "more than 2000 fields",
    );
    // The operations of a document are validated together, so they count together.
    let operation = |name: &str| format!("query {name} {{ {} }}", aliases(1001, "__typename"));
    refused_with(
        &format!("{} {}", operation("A"), operation("B")),
        "more than 2000 fields",
    );
}

#[test]
fn deep_nesting_is_refused() {
    // processingActivities > nodes > recipients ... > name
    let nested = |depth: usize| {
        format!(
            "{{ processingActivities {{ nodes {}{{ name{} }} }} }}",
            "{ recipients ".repeat(depth - 3),
            " }".repeat(depth - 3)
        )
    };
    checked(&nested(15)).unwrap();
    refused_with(&nested(16), "nested more than 15 deep");
}

#[test]
fn fragment_cycles_and_chains_end_without_overflow() {
    refused_with(
        "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
        "spreads itself",
    );
    refused_with(
        "{ ...A } fragment A on Query { a: __typename ...A }",
        "spreads itself",
    );
    let mut chain = String::from("{ ...F0 }\n");
    for i in 0..5000 {
        chain += &format!("fragment F{i} on Query {{ ...F{} }}\n", i + 1);
    }
    chain += "fragment F5000 on Query { __typename }";
    refused_with(&chain, "nested more than 32 deep");
}

#[test]
fn introspection_abuse_is_refused() {
    let innermost = STANDARD_INTROSPECTION.rfind("ofType {").unwrap() + "ofType {".len();
    let mut deeper = STANDARD_INTROSPECTION.to_string();
    deeper.insert_str(innermost, " ofType { name } ");
    // One more `ofType` makes the standard query too deep as well.
    refused_with(&deeper, "nested more than");
    let chained = "{ __type(name: \"Query\") { ...T } }
        fragment T on __Type { ofType { ofType { ofType { ofType { ofType { ...U } } } } } }
        fragment U on __Type { ofType { ofType { ofType { ofType { ofType { name } } } } } }";
    refused_with(chained, "`ofType` is nested more than 9 deep");
    refused_with(
        "{ __type(name: \"Query\") { fields { type { fields { type { fields { type { fields { name } } } } } } } } }",
        "introspection lists are nested more than 3 deep",
    );
    refused_with(
        "{ a: __schema { queryType { name } } b: __schema { queryType { name } } }",
        "`__schema` at most 1 time",
    );
    refused_with(
        "{ ...S ...S } fragment S on Query { __schema { queryType { name } } }",
        "`__schema` at most 1 time",
    );
    refused_with(
        &format!("{{ {} }}", aliases(6, "__type(name: \"Query\") { name }")),
        "`__type` at most 5 times",
    );
}

#[test]
fn data_fields_named_like_introspection_lists_count_as_data() {
    checked("{ a: fields { args { fields { args { fields { ofType { name } } } } } } }").unwrap();
}

/// Generated documents: fragment `i` spreads only fragments after it (so
/// there is no cycle), fields nest, inline fragments wrap.
mod generated {
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    pub enum Item {
        Field(Vec<Item>),
        /// The `n`th fragment after the one it is in (the first one in the
        /// operation); past the last fragment it selects a field instead.
        Spread(usize),
        Inline(Vec<Item>),
    }

    fn items() -> impl Strategy<Value = Vec<Item>> {
        let leaf = prop_oneof![
            Just(Item::Field(vec![])),
            (0usize..4).prop_map(Item::Spread)
        ];
        let item = leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 1..4).prop_map(Item::Field),
                prop::collection::vec(inner, 1..4).prop_map(Item::Inline),
            ]
        });
        prop::collection::vec(item, 1..6)
    }

    pub struct Document {
        pub operation: Vec<Item>,
        pub fragments: Vec<Vec<Item>>,
    }

    impl std::fmt::Debug for Document {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.text())
        }
    }

    pub fn document() -> impl Strategy<Value = Document> {
        (items(), prop::collection::vec(items(), 0..14)).prop_map(|(operation, fragments)| {
            Document {
                operation,
                fragments,
            }
        })
    }

    impl Document {
        fn target(&self, first: usize, n: usize) -> Option<usize> {
            Some(first + n).filter(|target| *target < self.fragments.len())
        }

        /// (fields, depth) with every spread expanded where it stands.
        pub fn expanded(&self, items: &[Item], first: usize) -> (u64, u32) {
            items.iter().fold((0, 0), |(fields, depth), item| {
                let (more, deeper) = match item {
                    Item::Field(children) => {
                        let (f, d) = self.expanded(children, first);
                        (f + 1, d + 1)
                    }
                    Item::Inline(children) => self.expanded(children, first),
                    Item::Spread(n) => match self.target(first, *n) {
                        Some(t) => self.expanded(&self.fragments[t], t + 1),
                        None => (1, 1),
                    },
                };
                (fields + more, depth.max(deeper))
            })
        }

        fn selection(&self, items: &[Item], first: usize) -> String {
            let parts: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Item::Field(children) if children.is_empty() => format!("f{i}: __typename"),
                    Item::Field(children) => format!(
                        "f{i}: organization {{ {} }}",
                        self.selection(children, first)
                    ),
                    Item::Inline(children) => {
                        format!("... {{ {} }}", self.selection(children, first))
                    }
                    Item::Spread(n) => match self.target(first, *n) {
                        Some(t) => format!("...F{t}"),
                        None => format!("f{i}: __typename"),
                    },
                })
                .collect();
            parts.join(" ")
        }

        pub fn text(&self) -> String {
            let mut text = format!("{{ {} }}\n", self.selection(&self.operation, 0));
            for (i, fragment) in self.fragments.iter().enumerate() {
                text += &format!(
                    "fragment F{i} on Query {{ {} }}\n",
                    self.selection(fragment, i + 1)
                );
            }
            text
        }
    }
}

proptest::proptest! {
    /// Measuring each fragment once judges a document as expanding every
    /// spread would.
    #[test]
    fn generated_documents_are_judged_as_if_expanded(document in generated::document()) {
        let (fields, depth) = document.expanded(&document.operation, 0);
        let outcome = checked(&document.text());
        if fields > MAX_SELECTIONS {
            proptest::prop_assert!(outcome.as_ref().is_err_and(|m| m.contains("fields")), "{fields} fields: {outcome:?}");
        } else if depth > MAX_DEPTH {
            proptest::prop_assert!(outcome.as_ref().is_err_and(|m| m.contains("deep")), "depth {depth}: {outcome:?}");
        } else {
            proptest::prop_assert!(outcome.is_ok(), "{fields} fields, depth {depth}: {outcome:?}");
        }
    }
}
