"""Making untrusted article text safe to print without changing its length.

Control characters (ESC of an ANSI sequence, bell, backspace...) are replaced
one for one by visible stand-ins, so offsets computed on the original text
still point at the same characters in what is shown.
"""

from __future__ import annotations

import re

# C0 controls map onto the Unicode "Control Pictures" block (U+2400 + code);
# line breaks and tabs inside a sentence read as the spaces they stand for.
_PICTURES = {c: 0x2400 + c for c in range(0x20)}
_PICTURES.update({ord(c): 0x20 for c in "\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029"})
_PICTURES[0x7F] = 0x2421  # DEL
# C1 controls, bidi overrides/isolates and lone surrogates have no picture:
# show them as the replacement character.
_HIDDEN = [*range(0x80, 0x85), *range(0x86, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_PICTURES.update(dict.fromkeys(_HIDDEN, 0xFFFD))
_TABLE = str.maketrans(_PICTURES)
_SURROGATE = re.compile("[\ud800-\udfff]")


def visible(text: str) -> str:
    """``text`` with every control character replaced by a visible one."""
    return _SURROGATE.sub("\ufffd", text.translate(_TABLE))
