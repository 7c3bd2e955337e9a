"""A child process's stderr made short enough to read in a failure message.

A child that loops on one warning can write thousands of copies of it; quoted whole, that
buries the failure's own line at the end of a CI log. Runs of the same line are folded into
one with a count, and only the last lines are kept.
"""

from __future__ import annotations


def readable(text: str, last: int = 40) -> str:
    """`text`'s last `last` lines, each run of one repeated line shown once with its count."""
    folded: list[tuple[str, int]] = []
    for line in text.splitlines():
        if folded and folded[-1][0] == line:
            folded[-1] = (line, folded[-1][1] + 1)
        else:
            folded.append((line, 1))
    shown = [f"{line}  (x{count})" if count > 1 else line for line, count in folded]
    earlier = len(shown) - last
    head = [f"[{earlier} earlier lines]"] if earlier > 0 else []
    return "\n".join(head + shown[-last:])
