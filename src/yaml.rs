//! YAML from untrusted sources, parsed within bounds.
//!
//! serde_yaml expands aliases (`*name`) while it deserialises, so a few kilobytes of anchors
//! that refer to each other (the "billion laughs") make it build gigabytes before any field is
//! read. Every YAML griffie reads from a source file, an older version of one, or the
//! configuration goes through [`from_str`]: it first walks the text with a counting visitor that
//! builds nothing and stops at the first bound it crosses (size, nodes after expansion, nesting
//! depth, items in one list or mapping), and only then parses for real. The walk is the same
//! parser as the real parse, so both see the same document; its cost is at most the node bound,
//! whatever the aliases say.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};

use crate::diagnostics::Code;
use crate::limits;

/// The bounds a YAML text must keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bounds {
    /// Length of the text in bytes.
    pub bytes: usize,
    /// Nodes (scalars, lists, mappings), counted after aliases are expanded.
    pub nodes: usize,
    /// Nesting of lists and mappings.
    pub depth: usize,
    /// Items in one list, or entries in one mapping.
    pub items: usize,
}

impl Bounds {
    /// A document's front matter (or a whole `.yaml` record).
    pub(crate) const FRONT_MATTER: Bounds = Bounds {
        bytes: limits::MAX_FRONT_MATTER_BYTES,
        nodes: limits::MAX_FRONT_MATTER_NODES,
        depth: limits::MAX_FRONT_MATTER_DEPTH,
        items: limits::MAX_LIST_ITEMS,
    };

    /// `griffie.yaml`.
    pub(crate) const CONFIG: Bounds = Bounds {
        bytes: limits::MAX_CONFIG_BYTES,
        nodes: limits::MAX_CONFIG_NODES,
        depth: limits::MAX_FRONT_MATTER_DEPTH,
        items: limits::MAX_CONFIG_ITEMS,
    };
}

/// Which bound a text crossed, with the bound's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exceeded {
    Bytes { size: usize, limit: usize },
    Nodes { limit: usize },
    Depth { limit: usize },
    Items { limit: usize },
}

/// Why a YAML text was not read.
#[derive(Debug)]
pub(crate) enum YamlError {
    /// The text crosses a bound; `at` is the byte offset in the text where the walk noticed.
    Bound { exceeded: Exceeded, at: Option<usize> },
    /// The text is not YAML, or not of the shape asked for: serde_yaml's own error.
    Parse(serde_yaml::Error),
}

impl Exceeded {
    /// A stable diagnostic code for the bound.
    pub(crate) fn code(self) -> Code {
        match self {
            Exceeded::Bytes { .. } => Code::YamlTooLarge,
            Exceeded::Nodes { .. } => Code::YamlTooManyNodes,
            Exceeded::Depth { .. } => Code::YamlTooDeep,
            Exceeded::Items { .. } => Code::ListTooLong,
        }
    }

    /// What was crossed, in the message language.
    pub(crate) fn message(self) -> String {
        let number = crate::i18n::number;
        match self {
            Exceeded::Bytes { size, limit } => {
                crate::t!("yaml.too_large", size = number(size), limit = number(limit))
            }
            Exceeded::Nodes { limit } => crate::t!("yaml.too_many_nodes", limit = number(limit)),
            Exceeded::Depth { limit } => crate::t!("yaml.too_deep", limit = limit),
            Exceeded::Items { limit } => crate::t!("yaml.too_many_items", limit = number(limit)),
        }
    }

    /// How to get back within the bound.
    pub(crate) fn hint(self) -> String {
        match self {
            Exceeded::Bytes { .. } => crate::t!("yaml.too_large_hint"),
            Exceeded::Nodes { .. } => crate::t!("yaml.too_many_nodes_hint"),
            Exceeded::Depth { .. } => crate::t!("yaml.too_deep_hint"),
            Exceeded::Items { .. } => crate::t!("yaml.too_many_items_hint"),
        }
    }
}

/// Parses `text` as a `T` after checking it keeps `bounds`.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str, bounds: Bounds) -> Result<T, YamlError> {
    check(text, bounds)?;
    serde_yaml::from_str(text).map_err(YamlError::Parse)
}

/// Walks `text` without building anything and fails at the first bound it crosses. A syntax
/// error is returned as serde_yaml reports it (the real parse would report the same).
pub(crate) fn check(text: &str, bounds: Bounds) -> Result<(), YamlError> {
    if text.len() > bounds.bytes {
        let exceeded = Exceeded::Bytes {
            size: text.len(),
            limit: bounds.bytes,
        };
        return Err(YamlError::Bound { exceeded, at: None });
    }
    let mut tally = Tally {
        bounds,
        nodes: 0,
        exceeded: None,
    };
    let walk = Walk {
        tally: &mut tally,
        depth: 0,
    };
    match walk.deserialize(serde_yaml::Deserializer::from_str(text)) {
        Ok(()) => Ok(()),
        Err(err) => match tally.exceeded {
            Some(exceeded) => Err(YamlError::Bound {
                exceeded,
                at: err.location().map(|l| l.index()),
            }),
            None => Err(YamlError::Parse(err)),
        },
    }
}

/// What the walk has counted so far.
struct Tally {
    bounds: Bounds,
    nodes: usize,
    exceeded: Option<Exceeded>,
}

impl Tally {
    fn node<E: de::Error>(&mut self) -> Result<(), E> {
        self.nodes += 1;
        if self.nodes > self.bounds.nodes {
            return self.stop(Exceeded::Nodes {
                limit: self.bounds.nodes,
            });
        }
        Ok(())
    }

    fn stop<E: de::Error>(&mut self, exceeded: Exceeded) -> Result<(), E> {
        self.exceeded = Some(exceeded);
        Err(E::custom("griffie: YAML bound crossed"))
    }
}

/// One node of the walk, at a nesting depth.
struct Walk<'t> {
    tally: &'t mut Tally,
    depth: usize,
}

impl Walk<'_> {
    fn child(&mut self) -> Walk<'_> {
        Walk {
            tally: self.tally,
            depth: self.depth + 1,
        }
    }

    /// Counts a list or mapping and checks its depth.
    fn container<E: de::Error>(&mut self) -> Result<(), E> {
        self.tally.node()?;
        if self.depth >= self.tally.bounds.depth {
            let limit = self.tally.bounds.depth;
            return self.tally.stop(Exceeded::Depth { limit });
        }
        Ok(())
    }

    fn item<E: de::Error>(&mut self, count: &mut usize) -> Result<(), E> {
        *count += 1;
        if *count > self.tally.bounds.items {
            let limit = self.tally.bounds.items;
            return self.tally.stop(Exceeded::Items { limit });
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.tally.node()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.tally.node()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.tally.node()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.tally.node()
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.tally.node()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.tally.node()
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.tally.node()
    }

    fn visit_some<D: de::Deserializer<'de>>(mut self, deserializer: D) -> Result<(), D::Error> {
        self.tally.node()?;
        self.child().deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.container()?;
        let mut count = 0;
        while seq.next_element_seed(self.child())?.is_some() {
            self.item(&mut count)?;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.container()?;
        let mut count = 0;
        while map.next_key_seed(self.child())?.is_some() {
            map.next_value_seed(self.child())?;
            self.item(&mut count)?;
        }
        Ok(())
    }

    /// A tagged value (`!tag value`).
    fn visit_enum<A: EnumAccess<'de>>(mut self, data: A) -> Result<(), A::Error> {
        self.tally.node()?;
        let ((), variant) = data.variant_seed(self.child())?;
        variant.newtype_variant_seed(self.child())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(nodes: usize, depth: usize, items: usize) -> Bounds {
        Bounds {
            bytes: 1 << 20,
            nodes,
            depth,
            items,
        }
    }

    /// Anchors that each refer ten times to the one before: 10^12 nodes when expanded.
    fn alias_bomb() -> String {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        text
    }

    #[test]
    fn an_alias_bomb_stops_at_the_node_bound_with_a_position() {
        let text = alias_bomb();
        match check(&text, Bounds::FRONT_MATTER) {
            Err(YamlError::Bound {
                exceeded: Exceeded::Nodes { limit },
                at: Some(at),
            }) => {
                assert_eq!(limit, limits::MAX_FRONT_MATTER_NODES);
                assert!(at > 0 && at <= text.len());
            }
            other => panic!("expected the node bound, got {other:?}"),
        }
    }

    #[test]
    fn ordinary_aliases_within_the_bounds_are_read() {
        let text = "a: &x [1, 2]\nb: *x\n";
        let value: serde_yaml::Value = from_str(text, Bounds::FRONT_MATTER).unwrap();
        assert_eq!(value["b"], value["a"]);
    }

    #[test]
    fn nesting_and_list_lengths_are_bounded() {
        let deep = format!("{}1{}", "[".repeat(5), "]".repeat(5));
        assert!(check(&deep, bounds(100, 5, 10)).is_ok());
        let deeper = format!("{}1{}", "[".repeat(6), "]".repeat(6));
        assert!(matches!(
            check(&deeper, bounds(100, 5, 10)),
            Err(YamlError::Bound {
                exceeded: Exceeded::Depth { limit: 5 },
                ..
            })
        ));
        let long = format!("k: [{}]", ["1"; 11].join(", "));
        assert!(matches!(
            check(&long, bounds(100, 5, 10)),
            Err(YamlError::Bound {
                exceeded: Exceeded::Items { limit: 10 },
                ..
            })
        ));
        let wide = (0..11).map(|i| format!("k{i}: 1\n")).collect::<String>();
        assert!(matches!(
            check(&wide, bounds(100, 5, 10)),
            Err(YamlError::Bound {
                exceeded: Exceeded::Items { limit: 10 },
                ..
            })
        ));
    }

    #[test]
    fn the_size_bound_is_checked_before_parsing() {
        let text = "a: b\n".repeat(10);
        let small = Bounds {
            bytes: 20,
            ..Bounds::FRONT_MATTER
        };
        assert!(matches!(
            check(&text, small),
            Err(YamlError::Bound {
                exceeded: Exceeded::Bytes { size: 50, limit: 20 },
                at: None
            })
        ));
    }

    #[test]
    fn syntax_errors_and_empty_texts_are_serde_yaml_s() {
        assert!(matches!(check("a: [", Bounds::FRONT_MATTER), Err(YamlError::Parse(_))));
        assert!(check("", Bounds::FRONT_MATTER).is_ok());
        assert!(check("!tag {a: 1}", Bounds::FRONT_MATTER).is_ok());
    }
}
