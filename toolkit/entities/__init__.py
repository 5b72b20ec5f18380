"""Stage 3, mentions → canonical entities and their statistics.

``mentions`` (a Doc → mention records) → ``names`` (normal forms and matching keys) and
``aliases`` (the editable alias table) → ``canonical`` (one entity per person, organisation or
place across spellings) → ``stats`` (counts, prominence, co-occurrence, outlet contrasts,
naming variants, keyword in context); ``proposals`` lists look-alike names for review.
"""

from toolkit.entities.canonical import Canonicaliser, canonicalise
from toolkit.entities.proposals import accept_proposals, merge_proposals

__all__ = ["Canonicaliser", "accept_proposals", "canonicalise", "merge_proposals"]
