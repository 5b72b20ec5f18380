"""Stage 4, quote attribution: who said what.

``marks`` (quotation marks → quotations) → ``direct`` and ``cues`` (direct and partial quotes,
the verb, colon or dash that attributes them) and ``reported`` (reported speech) → ``speakers``
(the cue's subject, pronouns and role descriptions resolved, with ``grammar`` and :mod:`toolkit.entities.gender`)
→ ``table`` (speakers mapped to canonical entities). ``attribution.attribute_quotes`` runs the
steps on one Doc; ``jsonl`` does it for a JSONL file of texts (``toolkit quotes``).
"""

from toolkit.quotes.attribution import attribute_quotes

__all__ = ["attribute_quotes"]
