"""What untrusted text may look like when it reaches a terminal: the one rule.

Article text, note text, file names, web addresses, server replies and
error messages can all hold control characters: ESC starting an ANSI or OSC
sequence (window title, clipboard, links, clear screen), the 8-bit CSI
U+009B, bell, backspace, carriage return.  None of them may reach a
terminal as they are.  Each function here replaces them by visible
stand-ins; everything that prints (the reports, the command line's stderr,
the app's widgets and notifications) goes through one of them.

* ``visible``: sentence text, one stand-in per character so offsets computed
  on the original still point at the same characters; line breaks read as
  the spaces they stand for.
* ``visible_lines``: multi-line text a person edits (a note): line breaks
  and tabs kept, everything else made visible.
* ``one_line``: a message or a name on one line: line breaks shown as
  symbols too, so a file name holding a newline cannot forge a second line.
* ``json_safe``: JSON already dumped, with the C1 controls and DEL that
  ``json.dumps`` leaves raw written as ``\\u`` escapes.
"""

from __future__ import annotations

import re

# C0 controls map onto the Unicode "Control Pictures" block (U+2400 + code).
_C0 = {c: 0x2400 + c for c in range(0x20)}
_C0[0x7F] = 0x2421  # DEL
# C1 controls (U+0080-U+009F, among them the 8-bit CSI U+009B), bidi overrides
# and isolates have no picture: they show as the replacement character.
_HIDDEN = [*range(0x80, 0x85), *range(0x86, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_C0.update(dict.fromkeys(_HIDDEN, 0xFFFD))
_LINE_BREAKS = "\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029"

# Sentence text: line breaks and tabs inside a sentence read as spaces.
_SENTENCE = str.maketrans({**_C0, **{ord(c): 0x20 for c in _LINE_BREAKS}})
# Edited text: line feeds and tabs stay; other line breaks become line feeds.
_LINES = str.maketrans(
    {**_C0, **{ord(c): 0x0A for c in "\v\f\x1c\x1d\x1e\x85\u2028\u2029"}, 0x09: 0x09, 0x0A: 0x0A}
)
# One line: every control is a picture, NEL and the separators too.
_ONE_LINE = str.maketrans({**_C0, 0x85: 0x2424, 0x2028: 0x2424, 0x2029: 0x2424})
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_RAW = re.compile("[\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with every control character replaced by a visible one, length kept."""
    return _SURROGATE.sub("\ufffd", text.translate(_SENTENCE))


def visible_lines(text: str) -> str:
    """Multi-line ``text`` made visible: line feeds and tabs kept, CR LF and CR read as LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATE.sub("\ufffd", text.translate(_LINES))


def one_line(text: object) -> str:
    """``text`` (any object, by ``str``) safe to print as one line of a message."""
    return _SURROGATE.sub("\ufffd", str(text).translate(_ONE_LINE))


def json_safe(dumped: str) -> str:
    """JSON text with DEL and the C1 controls escaped, as ``ensure_ascii=False`` leaves them.

    Outside strings JSON holds none of these characters, so escaping every
    occurrence gives the same data.  ASCII text holds only DEL of them, which ``in``
    finds far quicker than the pattern, and most reports are ASCII.
    """
    if dumped.isascii() and "\x7f" not in dumped:
        return dumped
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
