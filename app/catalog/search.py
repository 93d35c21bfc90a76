"""As-you-type catalog search over name, code, full pinyin and pinyin initials.

Each field of every entry is joined into one string and scanned with str.find, which runs in C;
prefix matches come from a sorted copy with bisect. Both stop after a bounded number of rows so
a one-letter query stays as fast as a long one; results are then ranked:
exact > prefix (code, name, initials, pinyin) > substring (name, initials, pinyin, code)."""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from enum import StrEnum

SEP = "\x00"
_STRIP = re.compile(r"[\s'’·]+")


class EntryKind(StrEnum):
    """What a catalog entry is: a matter (事项) or a bundle of matters (一件事)."""

    MATTER = "matter"
    BUNDLE = "bundle"


@dataclass(frozen=True)
class CatalogEntry:
    kind: EntryKind
    id: str
    code: str
    name: str
    department: str
    pinyin: str
    initials: str
    department_code: str = ""  # of the department that runs the matter (leads the bundle)


@dataclass(frozen=True)
class SearchHit:
    kind: EntryKind
    id: str
    code: str
    name: str
    department: str
    rank: int


# Rank of a match by field: (exact, prefix, substring).
_RANKS = {"code": (0, 1, 8), "name": (0, 2, 5), "initials": (3, 3, 6), "pinyin": (4, 4, 7)}


class _Field:
    def __init__(self, values: list[str]):
        self.haystack = SEP + SEP.join(values) + SEP
        self.starts: list[int] = []
        pos = 1
        for v in values:
            self.starts.append(pos)
            pos += len(v) + 1
        order = sorted(range(len(values)), key=values.__getitem__)
        self.sorted_values = [values[i] for i in order]
        self.sorted_rows = order
        self.values = values

    def prefix_rows(self, q: str, cap: int) -> list[int]:
        lo = bisect_left(self.sorted_values, q)
        hi = min(bisect_right(self.sorted_values, q + "\uffff"), lo + cap)
        return self.sorted_rows[lo:hi]

    def substring_rows(self, q: str, cap: int) -> list[int]:
        rows: list[int] = []
        find, starts, hay = self.haystack.find, self.starts, self.haystack
        pos = find(q, 1)
        while pos != -1 and len(rows) < cap:
            row = bisect_right(starts, pos) - 1
            rows.append(row)
            nxt = starts[row + 1] if row + 1 < len(starts) else len(hay)
            pos = find(q, nxt)
        return rows


def normalize(query: str) -> str:
    return _STRIP.sub("", query).lower()


class CatalogIndex:
    def __init__(self, entries: list[CatalogEntry]):
        self.entries = entries
        self._fields = {
            "code": _Field([e.code.lower() for e in entries]),
            "name": _Field([e.name.lower() for e in entries]),
            "initials": _Field([e.initials for e in entries]),
            "pinyin": _Field([e.pinyin for e in entries]),
        }

    def __len__(self) -> int:
        return len(self.entries)

    def browse(self, department_code: str) -> list[SearchHit]:
        """Everything a department runs, its matters then the bundles it leads, each by code."""
        found = [e for e in self.entries if e.department_code == department_code]
        found.sort(key=lambda e: (e.kind != EntryKind.MATTER, e.code))
        return [SearchHit(e.kind, e.id, e.code, e.name, e.department, 0) for e in found]

    def search(self, query: str, limit: int = 50, department_code: str = "") -> list[SearchHit]:
        """department_code: only what that department runs."""
        q = normalize(query)
        if not q:
            return []
        cap = max(limit * 20, 500)
        best: dict[int, int] = {}
        ascii_query = q.isascii()
        for name, fld in self._fields.items():
            if not ascii_query and name in ("initials", "pinyin"):
                continue
            exact_rank, prefix_rank, sub_rank = _RANKS[name]
            for row in fld.prefix_rows(q, cap):
                rank = exact_rank if fld.values[row] == q else prefix_rank
                if rank < best.get(row, 99):
                    best[row] = rank
            for row in fld.substring_rows(q, cap):
                if sub_rank < best.get(row, 99):
                    best[row] = sub_rank
        entries = self.entries
        if department_code:
            best = {row: rank for row, rank in best.items() if entries[row].department_code == department_code}
        ranked = sorted(best.items(), key=lambda item: (item[1], len(entries[item[0]].name), entries[item[0]].code))
        return [
            SearchHit(e.kind, e.id, e.code, e.name, e.department, rank)
            for row, rank in ranked[:limit]
            for e in (entries[row],)
        ]
