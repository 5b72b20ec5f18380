"""Plain text hard-wrapped at a fixed width, joined back into one line per paragraph.

An e-mail, a terminal browser's dump (``lynx -dump``: menus and all, its paragraphs wrapped) or
an archive's plain-text export breaks every paragraph into lines of at most some 70-80
characters. The cleaner reads a page as a browser's copy gives it, a paragraph per line, and
takes a wrapped paragraph's lines for fragments: they are joined first. A text is taken as
hard-wrapped only when its lines stop at one width and at least a quarter of the lines that
reach it run on into a line starting in lower case, which a browser's copy, whose lines end
where the page's blocks end, does not show.
"""

from __future__ import annotations

from toolkit.ingest.line_features import SENTENCE_END

MIN_WIDTH, MAX_WIDTH = 40, 100  # the widths text is wrapped at
SLACK = 20  # a wrapped line stops this much short of the width at most (the next word did not fit)
MIN_LINES = 6
NEAR_WIDTH_SHARE, MIN_NEAR_WIDTH = 0.05, 3  # of the lines, at least this share and this many reach the width (a page's menus do not)
RUN_ON_SHARE = 0.25  # of those, at least this many are followed by a line starting in lower case


def wrap_width(text: str) -> int | None:
    """The width the text is hard-wrapped at, or None when it is not (one pass over its lines)."""
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    if len(lines) < MIN_LINES:
        return None
    lengths = sorted(len(line) for line in lines)
    width = lengths[int(0.95 * (len(lengths) - 1))]
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    near = [i for i in range(len(lines) - 1) if len(lines[i]) >= width - SLACK]
    run_on = sum(lines[i + 1].lstrip()[:1].islower() for i in near)
    enough = len(near) >= max(MIN_NEAR_WIDTH, NEAR_WIDTH_SHARE * len(lines))
    return width if enough and run_on >= RUN_ON_SHARE * len(near) else None


def _broken_word(line: str) -> bool:
    """The line ends inside a hyphenated word ("two-"), not with a dash ("rose -")."""
    return line.endswith("-") and line[-2:-1].isalpha()


def unwrapped(text: str, width: int) -> str:
    """The text with each paragraph on one line: a line that reaches the width runs on into the
    next (after a word's hyphen without a space: "two-" and "year" give "two-year"), unless it ends
    a sentence and the next line does not start in lower case (a footer under the last paragraph,
    or a new sentence: two lines of one paragraph do no harm, a footer in a paragraph does); a
    shorter line or a blank one ends the paragraph."""
    out: list[str] = []
    parts: list[str] = []  # the paragraph's lines so far (joined once: linear in the text)
    rows = text.splitlines()
    for i, raw in enumerate(rows):
        line = raw.strip()
        if line:
            parts.append(line if not parts or _broken_word(parts[-1]) else f" {line}")
        following = rows[i + 1].strip() if i + 1 < len(rows) else ""
        runs_on = len(raw.rstrip()) >= width - SLACK and following and (following[:1].islower() or not SENTENCE_END.search(line))
        if parts and not runs_on:
            out.append("".join(parts))
            parts = []
        if not line:
            out.append("")
    if parts:
        out.append("".join(parts))
    return "\n".join(out)
