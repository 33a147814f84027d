"""A folder of hostile article files, round three: what each file is, and what must become of it
(imported, or refused with words the one-line message must contain). Sizes are small by default;
`full=True` makes the real sizes (50 MB, 10^5 links, 10^5 nested divs) for the slow sweep."""

from __future__ import annotations

import codecs
import io
import os
import random
import zipfile
from pathlib import Path

SENTENCE = "SOCAR and KazMunayGas signed a memorandum on gas transit across the Caspian Sea."
IMPORTED = "imported"


def _docx(text: str) -> bytes:
    """A Word document's container (a ZIP with `word/document.xml`), as Word writes its first entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document><w:body>{text}</w:body></w:document>")
    return buffer.getvalue()


def _pdf(text: str) -> bytes:
    noise = bytes(random.Random(7).randrange(128, 256) for _ in range(4000))
    head = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 4000 >>\nstream\n"
    return head + noise + text.encode() + b"\nendstream\n%%EOF\n"


def hostile_files(full: bool = False) -> dict[str, tuple[bytes, str]]:
    """File name -> (content, expected: IMPORTED or words of the refusal)."""
    rng = random.Random(11)
    links = 100_000 if full else 5_000
    divs = 100_000 if full else 5_000
    levels = 1_000 if full else 200
    line = 4_000_000 if full else 400_000
    return {
        "good.md": (f"---\ntitle: Good report\n---\n\n{SENTENCE} Good.\n".encode(), IMPORTED),
        "note.md": (f"# Transit note\n\n{SENTENCE} Note.\n".encode(), IMPORTED),
        "note-one-line.md": (f"{SENTENCE} One line.\n".encode(), IMPORTED),
        "note.txt": (f"{SENTENCE} Plain text.\n".encode(), IMPORTED),
        "empty.md": (b"", "empty"),
        "binary.md": (bytes(rng.randrange(256) for _ in range(20_000)), "not text"),
        "noise.md": (bytes(rng.randrange(1, 256) for _ in range(20_000)), "not text"),
        "report.md": (_pdf(SENTENCE), "(a .pdf file), not text"),
        "letter.md": (_docx(SENTENCE), "(a .docx file), not text"),
        "latin1.md": (f"# Cafe\n\n{SENTENCE} Caf\xe9 and cr\xe8me.\n".encode("latin-1"), IMPORTED),
        "bmw.md": (f"BMW and {SENTENCE} Starts like a bitmap.\n".encode(), IMPORTED),
        "utf16.md": (codecs.BOM_UTF16_LE + f"# 16\n\n{SENTENCE} Sixteen.\n".encode("utf-16-le"), IMPORTED),
        "nul-late.md": (f"# Nul\n\n{SENTENCE * 150}".encode() + b"\x00\x00 After the NUL bytes.\n", IMPORTED),
        "one-line.md": (("# One line\n\n" + (SENTENCE + " ") * (line // 80)).encode(), IMPORTED),
        "nested-lists.md": ("".join("  " * i + f"- level {i}\n" for i in range(levels)).encode(), IMPORTED),
        "nested-quotes.md": (("> " * 5000 + "deep quote\n").encode(), IMPORTED),
        "links.md": (
            ("# Links\n\n" + " ".join(f"[l{i}](https://example.org/{i})" for i in range(links))).encode(),
            IMPORTED,
        ),
        "front.md": (f"---\ntitle: Huge\nblob: {'x' * 100_000}\n---\n\n{SENTENCE}".encode(), "over 64 KB"),
        "bomb.md": (
            (
                "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                f"c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\ntitle: bomb\n---\n\n{SENTENCE}\n"
            ).encode(),
            "aliases",
        ),
        "new\nline.md": (f"# Newline name\n\n{SENTENCE} Newline.\n".encode(), IMPORTED),
        "rtl-\u202eevil\u202c.md": (f"# Right to left\n\n{SENTENCE} Bidi.\n".encode(), IMPORTED),
        "emoji-\U0001f6e2.md": (f"# Emoji \U0001f6e2\n\n{SENTENCE} Emoji.\n".encode(), IMPORTED),
        "deep.html": (
            (
                f"<html><body><p>Before the divs. {SENTENCE}</p>"
                + "<div>" * divs
                + f"Deep text. {SENTENCE}"
                + "</div>" * divs
                + "<p>After the divs.</p></body></html>"
            ).encode(),
            IMPORTED,
        ),
    }


# Entries that are not regular files, made by `make_specials`, and the words of their refusal.
SPECIALS = {
    "loop.md": "loops or leads nowhere",
    "fifo.md": "not a regular file",
    "folder.md": "not a regular file",
    "device.md": "not a regular file",  # made only where mknod is allowed (root)
}
HUGE = ("huge.md", "over the 5 MB limit")  # 50 MB of one line (sparse on disk)


def write_hostile_folder(folder: Path, full: bool = False) -> dict[str, str]:
    """Write the hostile files and special entries; returns name -> expected outcome."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (data, outcome) in hostile_files(full).items():
        (folder / name).write_bytes(data)
        expected[name] = outcome
    expected.update(make_specials(folder))
    with (folder / HUGE[0]).open("wb") as handle:  # a 50 MB single line, sparse on disk
        handle.write(b"# Huge\n\n" + SENTENCE.encode())
        handle.truncate(50_000_000)
    expected[HUGE[0]] = HUGE[1]
    return expected


def make_specials(folder: Path) -> dict[str, str]:
    os.symlink("loop.md", folder / "loop.md")
    os.mkfifo(folder / "fifo.md")
    (folder / "folder.md").mkdir()
    made = {name: SPECIALS[name] for name in ("loop.md", "fifo.md", "folder.md")}
    try:
        os.mknod(folder / "device.md", 0o600 | 0o020000, os.makedev(1, 3))  # like /dev/null
        made["device.md"] = SPECIALS["device.md"]
    except PermissionError:
        pass
    return made
