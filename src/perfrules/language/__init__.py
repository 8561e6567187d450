"""Layer 2, language: ruleset text → a checked ruleset; imports `quantities` and `errors` only.

The pipeline inside it, in order: `parser` (the one lark parser over `grammar/indicator.lark`,
its errors as diagnostics) → `build` (lark's tree → the frozen `syntax` tree, with positions)
→ `check` (one pass per concern over an explicit scope, every problem collected) →
`checked` (the checked model, the layer's output and all the engine sees of it). Beside the
pipeline: `limits` on untrusted text, `wording` and `messages` (every diagnostic's words, as
one table), `weights` (分值 shared out), `formatter` (`perfrules fmt`) and `highlight` (a
Pygments lexer, the `highlight` extra). Only this layer imports lark.
"""
