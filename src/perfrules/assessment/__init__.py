"""Layer 4, assessment: what evaluated results are worth; imports `engine` (through the
`EvaluatedReport` Protocol of `protocols`, never the engine's internals), `language`,
`quantities` and `errors`.

`scoring` is the year-end self-evaluation (绩效自评) under a `ScoringPolicy`; `monitoring` is
the mid-year monitoring (绩效监控) of budget execution and of how likely each target is;
`wording` words their flags, outlooks and warning, by stable code, in Chinese and English.
"""
