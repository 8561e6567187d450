"""Layer 3, engine: a checked ruleset and facts → a decision per indicator as of a date; imports
`language` (its `checked` model, `syntax` trees and `limits`, never lark or the checker's passes),
`quantities` and `errors`.

`compiler` turns the checked ruleset into a frozen `program` once; `evaluate` decides each
indicator by the fast path (`plan`) where its facts are plain and by the general path
(`general`, which defines evaluation) otherwise, keeping small records (`status`); `results`
builds what people and programs read from the records when asked; `reasons` holds all the
wording, `details` that of what reasons name in detail (why a fact cannot be read); `facts` and
`factset` read what callers hand in; `trace` records how one indicator was computed, for explain;
`columnar` decides whole Arrow tables at once (the `arrow` extra).
"""
