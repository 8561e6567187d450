"""Layer 5, reports: results as people read them; imports `assessment`, `engine` and the layers
below, never the other way round.

`evaluation` renders a report as a table grouped by 一级/二级指标 and as JSON; `sheets` lays out
the 绩效自评表 and 绩效监控表 once and renders that layout as text, JSON, Markdown, CSV or HTML;
`explain` renders an engine trace; `terminal` colours statuses and rulesets on a terminal;
`wording` holds their titles, headers and labels in Chinese and English.
"""
