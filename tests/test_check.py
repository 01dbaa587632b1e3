"""``indikator check``: every kind of bad input gives the right place, words and exit code.

Each case is a tiny definition folder written to ``tmp_path/defs``; the CLI
runs in-process from ``tmp_path`` so file names in the output are short and
stable (``defs/a.yaml:12:19``). A case lists every diagnostic it expects, so
a spurious extra error fails the test as surely as a missing one.

Golden files (``tests/golden/check/<case>.txt``) pin the exact text output of
the fixture folders ``tests/golden/check/<case>/input``; ``UPDATE_GOLDEN=1``
rewrites them.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from helpers import GOLDEN_DIR, REPO_ROOT, assert_golden, run_cli, write_tree

HEADER = re.compile(r"^(?:(?P<where>\S+:\d+:\d+): )?(?P<severity>error|warning): (?P<message>.*)$")
JSON_KEYS = {"file", "line", "col", "severity", "code", "message", "suggestions", "notes"}


@dataclass
class Block:
    """One diagnostic as printed: header line plus its indented excerpt, notes and suggestions."""

    where: str | None
    severity: str
    message: str
    lines: list[str] = field(default_factory=list)

    @property
    def suggestions(self) -> list[str]:
        for line in self.lines:
            if line.strip().startswith("did you mean: "):
                return [s.strip() for s in line.strip()[len("did you mean: "):].rstrip("?").split(",")]
        return []


def parse_text(output: str) -> list[Block]:
    blocks: list[Block] = []
    for line in output.splitlines():
        m = HEADER.match(line)
        if m:
            blocks.append(Block(m["where"], m["severity"], m["message"]))
        elif line.startswith("    ") and blocks:
            blocks[-1].lines.append(line)
    return blocks


@dataclass
class Expect:
    where: str                       # "a.yaml:12:19", relative to the definition folder
    words: tuple[str, ...] = ()      # each must occur in the message (case-insensitive)
    suggestions: tuple[str, ...] = ()  # the best suggestions, in this order
    severity: str = "error"


@dataclass
class Case:
    id: str
    files: dict[str, str | bytes]
    expect: list[Expect]
    exit_code: int = 1
    args: tuple[str, ...] = ()


def E(where: str, *words: str, suggest: tuple[str, ...] = (), severity: str = "error") -> Expect:
    return Expect(where, words, suggest, severity)


def W(where: str, *words: str) -> Expect:
    return Expect(where, words, (), "warning")


# --------------------------------------------------------------------------
# the cases

FORMULA_HEAD = """\
version: 1
variables:
  - {id: x, label: Jumlah X}
elements:
  - id: s1
    level: objective
    indicators:
      - id: i1
        name: I1
"""


def formula_file(*lines: str, head: str = FORMULA_HEAD) -> str:
    """FORMULA_HEAD plus ``lines`` as keys of indicator i1 (the first one is line 10)."""
    return head + "".join(f"        {line}\n" for line in lines)


CASES: list[Case] = [
    # ---- formula syntax, positioned inside the YAML file ----
    Case("formula-block-literal", {"a.yaml": formula_file("formula: |", "  x +", "    (x * 2")},
         [E("a.yaml:12:19", "unexpected end of formula", "')'")]),
    Case("formula-block-folded", {"a.yaml": formula_file("formula: >", "  x + x", "  * * 2")},
         [E("a.yaml:12:13", "unexpected '*'", "expected")]),
    Case("formula-block-literal-keep-indicator", {"a.yaml": formula_file("formula: |-", "", "  sum(x,", "    x,,", "  )")},
         [E("a.yaml:13:15", "unexpected ','")]),
    Case("formula-double-quoted-escape", {"a.yaml": formula_file('formula: "{Jumlah X} \\u00d7 100 ) "')},
         [E("a.yaml:10:41", "unexpected ')'", "expected")]),
    Case("formula-double-quoted-multiline", {"a.yaml": formula_file('formula: "x +', '  \\tx ** 2"')},
         [E("a.yaml:11:16", "unexpected '*'")]),
    Case("formula-single-quoted", {"a.yaml": formula_file("formula: '(x * 2'")},
         [E("a.yaml:10:25", "end of formula")]),
    Case("formula-plain-indonesian-key", {"a.yaml": formula_file("rumus: x + * 2").replace("name: I1", "nama: I1")},
         [E("a.yaml:10:20", "unexpected '*'")]),
    # ---- keys ----
    Case("unknown-key", {"a.yaml": """\
        version: 1
        elements:
          - id: s1
            level: objective
            statment: Meningkatnya X
            achievement: children
            indicators:
              - id: i1
                name: I1
                formul: 1
    """}, [E("a.yaml:5:5", "unknown key 'statment'", suggest=("statement",)),
           E("a.yaml:10:9", "unknown key 'formul'", suggest=("formula",))]),
    Case("both-aliases", {"a.yaml": """\
        version: 1
        versi: 1
        elemen:
          - id: s1
            level: objective
            tingkat: sasaran
            achievement: children
            indicators:
              - id: i1
                name: I1
                nama: I one
                formula: 1
    """}, [E("a.yaml:2:1", "'versi'", "'version'", "same key"),
           E("a.yaml:6:5", "'tingkat'", "'level'", "same key"),
           E("a.yaml:11:9", "'nama'", "'name'", "same key")]),
    Case("duplicate-key", {"a.yaml": """\
        version: 1
        elements:
          - id: s1
            level: objective
            id: s2
            achievement: children
    """}, [E("a.yaml:5:5", "'id' given twice", "line 3")]),
    Case("missing-version", {"a.yaml": """\
        elements:
          - {id: s1, level: objective, achievement: children}
    """}, [E("a.yaml:1:1", "missing the required key 'version'", "versi")]),
    Case("missing-required-keys", {"a.yaml": """\
        version: 1
        elements:
          - id: s1
            achievement: children
            indicators:
              - {id: i1, formula: 1}
    """}, [E("a.yaml:3:5", "missing the required key 'level'", "tingkat"),
           E("a.yaml:6:9", "missing the required key 'name'", "nama")]),
    Case("bad-id", {"a.yaml": """\
        version: 1
        variables:
          - {id: "jumlah x", label: X}
        elements:
          - {id: 1abc, level: objective, achievement: children}
    """}, [E("a.yaml:3:10", "'jumlah x' is not a valid id"),
           E("a.yaml:5:10", "'1abc' is not a valid id")]),
    Case("bad-enum-value", {"a.yaml": """\
        version: 1
        variables:
          - {id: v, label: V, agregasi_periode: lastt}
        elements:
          - id: s1
            level: objective
            indicators:
              - {id: i1, name: I1, formula: 1, polaritas: positve}
    """}, [E("a.yaml:3:41", "must be one of", "'lastt'", suggest=("last",)),
           E("a.yaml:8:51", "must be one of", "'positve'", suggest=("positive",))]),
    Case("bad-value-type", {"a.yaml": """\
        version: 1
        elements:
          - id: s1
            level: objective
            statement: [not, text]
            achievement: children
            indicators:
              - {id: i1, name: I1, formula: 1, weight: berat}
    """}, [E("a.yaml:5:16", "'statement' must be text"),
           E("a.yaml:8:48", "'weight' must be a number", "'berat'")]),
    # ---- the graph ----
    Case("element-cycle", {"a.yaml": """\
        version: 1
        elements:
          - id: kabid
            level: position
            supports: [kasi]
          - id: kasi
            level: position
            supports: [staf]
          - id: staf
            level: position
            supports: [kabid]
    """}, [E("a.yaml:9:5", "cycle", "kabid → kasi → staf → kabid")]),
    Case("element-supports-itself", {"a.yaml": """\
        version: 1
        elements:
          - {id: p1, level: program, supports: [p1], achievement: children}
    """}, [E("a.yaml:3:41", "'p1' supports itself")]),
    Case("indicator-cycle", {"a.yaml": """\
        version: 1
        elements:
          - id: s1
            level: objective
            indicators:
              - {id: i1, name: I1, formula: i2 + 1}
              - {id: i2, name: I2, formula: "{I3} * 2"}
              - {id: i3, name: I3, formula: i1.actual}
    """}, [E("a.yaml:6:37", "cycle", "i1 → i2 → i3 → i1")]),
    Case("indicator-refers-to-itself", {"a.yaml": """\
        version: 1
        elements:
          - id: s1
            level: objective
            indicators:
              - {id: i1, name: I1, formula: i1.target * 2}
    """}, [E("a.yaml:6:37", "'i1' refers to itself")]),
    Case("level-inversion", {"a.yaml": """\
        version: 1
        elements:
          - {id: p1, level: program, achievement: children}
          - id: s1
            level: sasaran
            supports: [p1]
            achievement: children
    """}, [E("a.yaml:6:16", "'s1' (objective) cannot support 'p1' (program)", "higher level")]),
    Case("same-level-support", {"a.yaml": """\
        version: 1
        elements:
          - {id: k1, level: kegiatan, achievement: children}
          - {id: k2, level: activity, supports: [k1], achievement: children}
    """}, [E("a.yaml:4:42", "cannot support", "(activity)")]),
    Case("position-supports-anything", {"a.yaml": """\
        version: 1
        elements:
          - {id: v, level: visi, statement: Visi}
          - id: kadis
            level: jabatan
            supports: [v]
            holders: [{id: "198001012005011001", name: Budi}]
            indicators: [{id: iki1, name: IKI 1, formula: 1}]
          - id: kasi
            level: position
            supports: [kadis]
            holders: [{id: 198502022010012002, nama: Ani}]
            indicators: [{id: iki2, name: IKI 2, formula: iki1 * 2}]
    """}, [], exit_code=0),
    Case("declared-levels-in-indonesian", {"a.yaml": """\
        versi: 1
        tingkatan: [visi, misi, sasaran, program, jabatan]
        elemen:
          - {id: v, tingkat: visi}
          - {id: m, tingkat: misi, mendukung: [v]}
          - {id: s, tingkat: sasaran, mendukung: [m], capaian: anak}
          - {id: p, tingkat: program, mendukung: [s], capaian: anak, penanggung_jawab: j}
          - {id: k, tingkat: kegiatan, mendukung: [p], capaian: anak}
          - {id: j, tingkat: jabatan, mendukung: [p], pemegang: [{id: "1"}], indikator: [{id: i, nama: I, rumus: "1"}]}
    """}, [E("a.yaml:8:22", "unknown level 'activity'", "levels are: vision, mission, objective, program, position")]),
    Case("unknown-level", {"a.yaml": """\
        version: 1
        elements:
          - {id: p1, level: program, achievement: children}
          - id: k1
            level: kegiatn
            supports: [p1]
            achievement: children
    """}, [E("a.yaml:5:12", "unknown level 'kegiatn'", suggest=("kegiatan",))]),
    Case("duplicate-id-across-files", {
        "a.yaml": """\
            version: 1
            elements:
              - id: s1
                level: objective
                achievement: children
        """,
        "sub/b.yaml": """\
            version: 1
            elements:
              - id: p1
                level: program
                supports: [s1]
                indicators:
                  - {id: s1, name: dup, formula: 1}
              - {id: p1, level: program, achievement: children}
        """}, [E("sub/b.yaml:7:10", "'s1'", "twice", "defs/a.yaml:3:5"),
               E("sub/b.yaml:8:6", "'p1'", "twice", "defs/sub/b.yaml:3:5")]),
    Case("duplicate-variable-across-files", {
        "a.yaml": "version: 1\nvariables: [{id: v, label: V}]\n",
        "b.yaml": "version: 1\nvariabel:\n  - {id: v, label: V lagi}\n"},
        [E("b.yaml:3:6", "'v'", "twice", "defs/a.yaml:2:14")]),
    Case("dangling-supports-and-owner", {"a.yaml": """\
        version: 1
        elements:
          - id: s1
            level: objective
            supports: [misi_9]
            owner: kadis
            indicators:
              - {id: i1, name: I1, formula: 1}
          - id: kasi
            level: position
            supports: [s1]
            holders: [{id: "198001012005011001"}]
            indicators: [{id: iki1, name: IKI 1, formula: 1}]
    """}, [E("a.yaml:5:16", "'s1' supports 'misi_9'", "no such element"),
           E("a.yaml:3:5", "owner 'kadis'", "no such element", suggest=("kasi",))]),
    Case("owner-not-position", {"a.yaml": """\
        version: 1
        elements:
          - id: s1
            level: objective
            indicators:
              - {id: i1, name: I1, formula: 1, penanggung_jawab: s1}
    """}, [E("a.yaml:6:10", "owner 's1'", "an objective, not a position")]),
    Case("supports-an-indicator", {"a.yaml": """\
        version: 1
        elements:
          - id: s1
            level: objective
            indicators: [{id: i1, name: I1, formula: 1}]
          - {id: p1, level: program, supports: [i1], achievement: children}
    """}, [E("a.yaml:6:41", "'p1' supports 'i1'", "an indicator, not an element")]),
    # ---- names in formulas ----
    Case("ambiguous-names", {"a.yaml": """\
        version: 1
        variables:
          - {id: penduduk, label: Jumlah penduduk}
          - {id: ktp, label: Cakupan KTP}
        elements:
          - id: s1
            level: objective
            indicators:
              - {id: penduduk, name: Penduduk, formula: 1}
              - {id: cakupan_ktp, name: Cakupan KTP, formula: 2}
              - {id: i3, name: I3, formula: "penduduk + {cakupan   ktp}"}
    """}, [E("a.yaml:11:38", "'penduduk' is both an indicator and a data variable"),
           E("a.yaml:11:49", "matches more than one", "variable 'ktp'", "indicator 'cakupan_ktp'")]),
    Case("near-miss-name", {"a.yaml": """\
        version: 1
        variables:
          - {id: ktp_el, label: Jumlah penduduk memiliki KTP-el}
        elements:
          - id: s1
            level: objective
            indicators:
              - {id: cakupan_ktp, name: Cakupan KTP, formula: ktp_el}
              - {id: i2, name: I2, formula: cakupan_kt * 2}
              - {id: i3, name: I3, formula: "{jumlah penduduk memiliki ktp} + cakupan_ktp.targt"}
    """}, [E("a.yaml:9:37", "unknown name 'cakupan_kt'", suggest=("cakupan_ktp",)),
           E("a.yaml:10:38", "unknown label", suggest=("Jumlah penduduk memiliki KTP-el",)),
           E("a.yaml:10:71", "unknown name 'cakupan_ktp.targt'")]),
    Case("unknown-function", {"a.yaml": """\
        version: 1
        variables: [{id: v, label: V}]
        elements:
          - id: s1
            level: objective
            indicators:
              - {id: i1, name: I1, formula: "sun(v, 1)"}
    """}, [E("a.yaml:7:38", "unknown function 'sun'", suggest=("sum",))]),
    Case("wrong-arity", {"a.yaml": """\
        version: 1
        variables: [{id: v, label: V}]
        elements:
          - id: s1
            level: objective
            indicators:
              - {id: i1, name: I1, formula: "round(v, 1, 2)"}
              - {id: i2, name: I2, formula: "jika(v > 1, 2)"}
    """}, [E("a.yaml:7:38", "round", "got 3"), E("a.yaml:8:38", "jika", "expects 3 arguments", "got 2")]),
    # ---- hostile input ----
    Case("yaml-bomb", {"a.yaml": """\
        version: 1
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    """}, [E("a.yaml:1:1", "expand", "refused")]),
    Case("parentheses-5000-deep", {"a.yaml": formula_file("formula: " + "(" * 5000 + "x" + ")" * 5000)},
         [E("a.yaml:10:4018", "formula too long", "4000")]),
    Case("parentheses-nested-too-deep", {"a.yaml": formula_file("formula: " + "(" * 100 + "x" + ")" * 100)},
         [E("a.yaml:10:82", "nested too deeply")]),
    Case("signs-nested-too-deep", {"a.yaml": formula_file("formula: " + "-" * 3000 + "x")},
         [E("a.yaml:10:82", "nested too deeply")]),
    Case("yaml-nested-100000-deep", {"a.yaml": "version: 1\nelements: " + "[" * 100_000 + "]" * 100_000 + "\n"},
         [E("a.yaml:2:75", "nested deeper than 64")]),
    Case("yaml-block-nested-too-deep", {"a.yaml": "version: 1\nelements:\n" + "- " * 50_000 + "x\n"},
         [E("a.yaml:3:127", "nested deeper than 64")]),
    # ---- file-level problems ----
    Case("top-level-list", {"a.yaml": "- version: 1\n- elements: []\n"},
         [E("a.yaml:1:1", "top level", "must be a mapping", "list")]),
    Case("empty-file", {"a.yaml": "# nothing yet\n", "b.yaml": "version: 1\n"},
         [E("a.yaml:1:1", "top level", "empty")]),
    Case("invalid-yaml", {"a.yaml": "version: 1\nelements:\n  - id: s1\n    level: [objective\n  - id: s2\n"},
         [E("a.yaml:5:7", "invalid YAML", "flow sequence")]),
    Case("tab-indentation", {"a.yaml": "version: 1\nelements:\n  - id: s1\n\tlevel: objective\n"},
         [E("a.yaml:4:1", "invalid YAML", "tab")]),
    Case("not-utf8", {"a.yaml": b"version: 1\nelements:\n  - id: s1\n    statement: Meningkatnya caf\xe9\n"},
         [E("a.yaml:4:32", "not UTF-8")]),
    Case("merge-key-refused", {"a.yaml": """\
        version: 1
        base: &base {level: objective, achievement: children}
        elements:
          - {<<: *base, id: s1}
    """}, [E("a.yaml:2:1", "unknown key 'base'"), E("a.yaml:4:6", "merge keys", "write the keys out"),
           E("a.yaml:4:5", "missing the required key 'level'")]),
    # ---- targets and scales ----
    Case("wrong-target-shape", {"a.yaml": """\
        version: 1
        elements:
          - id: s1
            level: objective
            indicators:
              - {id: i1, name: I1, formula: 1, target: [1, 2]}
              - {id: i2, name: I2, formula: 1, target: {min: 5, max: 1}, polarity: range}
              - {id: i3, name: I3, formula: 1, target: {min: 1, max: 5}}
              - {id: i4, name: I4, formula: 1, target: {2024: true}}
    """}, [E("a.yaml:6:48", "a target must be a number", "[1, 2]"),
           E("a.yaml:7:40", "range target", "min ≤ max"),
           E("a.yaml:8:40", "{min, max} target", "polarity: range"),
           E("a.yaml:9:55", "a target must be", "True")]),
    Case("bad-period-key", {"a.yaml": """\
        version: 1
        elements:
          - id: s1
            level: objective
            indicators:
              - {id: i1, name: I1, formula: 1, target: {2024: 98, 2024-Q5: 99, tahun: 3}}
            budget: {2024-13: {pagu: 10, realisasi: 5}}
    """}, [E("a.yaml:6:59", "'2024-Q5' is not a period"),
           E("a.yaml:6:72", "'tahun' is not a period"),
           E("a.yaml:7:14", "'2024-13'")]),
    Case("bad-budget", {"a.yaml": """\
        version: 1
        elements:
          - id: s1
            level: objective
            achievement: children
            anggaran: {pagu: banyak, realisasi: 5}
    """}, [E("a.yaml:6:22", "budget 'banyak' is not a number")]),
    Case("grade-target-without-scale", {"a.yaml": """\
        version: 1
        elements:
          - id: s1
            level: objective
            indicators:
              - {id: i1, name: Nilai SAKIP, target: BB}
              - {id: i2, name: Nilai AKIP, target: {2024: BBB}, grade_scale: sakip}
              - {id: i3, name: Nilai X, target: A, skala_nilai: sakp}
    """}, [E("a.yaml:6:37", "grade target 'BB'", "grade_scale"),
           E("a.yaml:7:36", "'BBB' is not a grade", suggest=("BB",)),
           E("a.yaml:8:10", "grade scale 'sakp'", suggest=("sakip",))]),
    Case("unknown-predicate-scale", {"a.yaml": """\
        version: 1
        skala_predikat: berhasl
        elements:
          - {id: s1, level: objective, achievement: children}
          - id: s2
            level: objective
            indicators: [{id: i1, name: I1, formula: 1}]
    """}, [E("a.yaml:4:6", "'s1' (and 2 more)", "predicate scale 'berhasl'", suggest=("berhasil",))]),
    # ---- warnings and --strict ----
    Case("element-without-indicators", {"a.yaml": """\
        version: 1
        elements:
          - id: v
            level: vision
          - id: s1
            level: objective
            supports: [v]
    """}, [W("a.yaml:5:5", "neither indicators nor 'achievement: children'")], exit_code=0),
    Case("position-without-holders", {"a.yaml": """\
        version: 1
        elements:
          - {id: s1, level: objective, achievement: children}
          - id: kasi
            level: jabatan
            supports: [s1]
            indicators: [{id: iki1, name: IKI 1, formula: 1}]
          - {id: staf, level: position, supports: [kasi]}
    """}, [W("a.yaml:4:5", "position 'kasi' has no holders"),
           W("a.yaml:8:6", "position 'staf' has no holders"),
           W("a.yaml:8:6", "position 'staf' has no indicators")], exit_code=0),
    Case("strict-turns-warnings-into-errors", {"a.yaml": """\
        version: 1
        elements:
          - id: s1
            level: objective
    """}, [E("a.yaml:3:5", "neither indicators")], exit_code=1, args=("--strict",)),
    # ---- a clean set (Indonesian keys, PRODUCT.md §4) ----
    Case("clean-indonesian", {"a.yaml": """\
        versi: 1
        perangkat_daerah: Disdukcapil Luwu Timur
        variabel:
          - {id: ktp_el, label: Jumlah penduduk memiliki KTP-el, satuan: jiwa, agregasi_periode: last}
          - {id: wajib_ktp, label: Jumlah penduduk wajib KTP, satuan: jiwa, agregasi_periode: last}
        elemen:
          - id: misi-6
            tingkat: misi
            uraian: Menciptakan pemerintahan dan pelayanan publik yang lebih baik
          - id: dukcapil.s2
            tingkat: sasaran_pd
            uraian: Meningkatnya Cakupan Kepemilikan Dokumen Adminduk
            mendukung: [misi-6]
            indikator:
              - id: cakupan_ktp
                nama: Persentase Cakupan penerbitan KTP-el
                satuan: "%"
                target: {2024: 98.21}
                rumus: "{Jumlah penduduk memiliki KTP-el} / {Jumlah penduduk wajib KTP} × 100%"
    """}, [], exit_code=0),
]


def _check_case(tmp_path: Path, case: Case, fmt: str = "text"):
    write_tree(tmp_path / "defs", case.files)
    return run_cli("check", "defs", *case.args, *(("--format", "json") if fmt == "json" else ()), cwd=tmp_path)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(tmp_path: Path, case: Case) -> None:
    result = _check_case(tmp_path, case)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
        result.exception
    out = result.stdout
    assert "Traceback" not in result.output
    assert result.exit_code == case.exit_code, out
    blocks = parse_text(out)
    for exp in case.expect:
        where = f"defs/{exp.where}"
        found = [b for b in blocks if b.where == where and b.severity == exp.severity
                 and all(w.lower() in b.message.lower() for w in exp.words)]
        assert found, f"no {exp.severity} at {where} with {exp.words!r} in:\n{out}"
        if exp.suggestions:
            assert any(b.suggestions[:len(exp.suggestions)] == list(exp.suggestions) for b in found), \
                f"expected suggestions {exp.suggestions!r} at {where}:\n{out}"
    for severity in ("error", "warning"):
        expected = sum(e.severity == severity for e in case.expect)
        if severity == "error" or expected:
            got = [b for b in blocks if b.severity == severity]
            assert len(got) == expected, f"expected {expected} {severity}(s), got {len(got)}:\n{out}"
    # every error names a place, and the caret excerpt shows the line it names
    for b in blocks:
        assert b.where is not None, out


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_json_output_matches_text(tmp_path: Path, case: Case) -> None:
    text = parse_text(_check_case(tmp_path / "t", case).stdout)
    result = _check_case(tmp_path / "j", case, fmt="json")
    assert result.exit_code == case.exit_code
    items = json.loads(result.stdout)
    assert isinstance(items, list)
    for item in items:
        assert set(item) == JSON_KEYS
        assert item["severity"] in ("error", "warning")
        assert isinstance(item["suggestions"], list)
        assert isinstance(item["line"], int) and isinstance(item["col"], int)
    assert [(f"{i['file']}:{i['line']}:{i['col']}", i["severity"], i["message"]) for i in items] == \
        [(b.where, b.severity, b.message) for b in text]
    assert [i["suggestions"] for i in items] == [b.suggestions for b in text]


def test_reports_every_problem_not_the_first(tmp_path: Path) -> None:
    """Three independent errors in one file give three diagnostics."""
    write_tree(tmp_path / "defs", {"a.yaml": """\
        version: 1
        elements:
          - id: s1
            level: objectve
            indicators:
              - id: i1
                name: I1
                formul: x
              - id: i2
                name: I2
                formula: (1 + 2
    """})
    result = run_cli("check", "defs", "--format", "json", cwd=tmp_path)
    assert result.exit_code == 1
    items = json.loads(result.stdout)
    assert [(i["line"], i["col"], i["code"]) for i in items] == [
        (4, 12, "unknown-level"), (8, 9, "unknown-key"), (11, 24, "formula-syntax")]


def test_reports_problems_of_every_file(tmp_path: Path) -> None:
    write_tree(tmp_path / "defs", {
        "a.yaml": "version: 1\nelements:\n  - {id: s1, level: objectve, achievement: children}\n",
        "b.yaml": "- not a mapping\n",
        "c/d.yml": "version: 1\nelements: [{id: p1, level: program, supports: [s9], achievement: children}]\n",
        "notes.txt": "not a definition file",
    })
    result = run_cli("check", "defs", cwd=tmp_path)
    assert result.exit_code == 1
    wheres = [b.where for b in parse_text(result.stdout) if b.severity == "error"]
    assert wheres == ["defs/a.yaml:3:21", "defs/b.yaml:1:1", "defs/c/d.yml:2:48"]


# --------------------------------------------------------------------------
# paths, usage and exit codes


def test_nonexistent_path(tmp_path: Path) -> None:
    result = run_cli("check", "nope", cwd=tmp_path)
    assert result.exit_code == 1
    assert "no such file or folder: nope" in result.stdout
    result = run_cli("check", "nope", "--format", "json", cwd=tmp_path)
    assert result.exit_code == 1
    [item] = json.loads(result.stdout)
    assert item["code"] == "no-such-path" and item["severity"] == "error" and set(item) == JSON_KEYS


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_cli("check", "empty", cwd=tmp_path)
    assert result.exit_code == 1
    assert "no *.yaml or *.yml files under empty" in result.stdout


def test_single_file_path(tmp_path: Path) -> None:
    write_tree(tmp_path, {"one.yaml": "version: 1\nelements:\n  - {id: s1, level: objective, achievement: children}\n"})
    result = run_cli("check", "one.yaml", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout
    assert "1 elements" in result.stdout or "1 element" in result.stdout


@pytest.mark.parametrize("args", [("check",), ("check", "x", "--format", "xml"), ("check", "x", "--bogus"),
                                  ("chek", "x")])
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run_cli(*args, cwd=tmp_path)
    assert result.exit_code == 2
    assert "Usage" in result.output or "Error" in result.output


def test_clean_set_summary(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.id == "clean-indonesian")
    result = _check_case(tmp_path, case)
    assert result.exit_code == 0
    assert result.stdout == "defs: 2 elements, 1 indicators, 1 files: 0 errors, 0 warnings\n"


def test_check_as_a_subprocess_exits_like_the_cli(tmp_path: Path) -> None:
    """``python -m indikator check`` really exits 1 on errors (not only under CliRunner)."""
    write_tree(tmp_path / "defs", {"a.yaml": "version: 1\nelements: [{id: s1, level: objectve, achievement: children}]\n"})
    proc = subprocess.run([sys.executable, "-m", "indikator", "check", "defs"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "PYTHONPATH": str(REPO_ROOT)})
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("defs/a.yaml:2:28: error: element 's1' has unknown level 'objectve'")
    assert "Traceback" not in proc.stderr


# --------------------------------------------------------------------------
# golden files: the exact text output for the fixture folders

GOLDEN_CASES = sorted(p.name for p in (GOLDEN_DIR / "check").iterdir() if (p / "input").is_dir())


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_golden_text_output(name: str) -> None:
    folder = GOLDEN_DIR / "check" / name
    args = (folder / "args").read_text().split() if (folder / "args").exists() else []
    result = run_cli("check", "input", *args, cwd=folder)
    assert "Traceback" not in result.output
    assert_golden(f"check/{name}.txt", f"exit {result.exit_code}\n" + result.stdout)


# --------------------------------------------------------------------------
# the bundled examples pass

def _example_folders() -> list:
    root = REPO_ROOT / "definitions"
    folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    if not folders:
        return [pytest.param(None, marks=pytest.mark.skip(reason="no example folders in definitions/ yet"))]
    return [pytest.param(p, id=p.name) for p in folders]


@pytest.mark.parametrize("folder", _example_folders())
def test_examples_pass_check(folder: Path) -> None:
    if not any(folder.rglob("*.yaml")) and not any(folder.rglob("*.yml")):
        pytest.skip(f"{folder.name}: no definition files yet")
    result = run_cli("check", str(folder.relative_to(REPO_ROOT)), cwd=REPO_ROOT)
    assert result.exit_code == 0, result.stdout


# --------------------------------------------------------------------------
# the JSON Schema in docs/ is the one the loader's models generate

SCHEMA_FILE = REPO_ROOT / "docs" / "indikator.schema.json"


def test_committed_schema_is_current() -> None:
    from indikator.load.schema import json_schema

    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == json_schema(), ("docs/indikator.schema.json is stale; regenerate it with "
                                        "python -m indikator.load.schema > docs/indikator.schema.json")


def _schema_examples() -> list[Path]:
    files = sorted((GOLDEN_DIR / "check" / "clean" / "input").glob("*.yaml"))
    files += sorted((REPO_ROOT / "definitions").rglob("*.yaml"))[:20]
    return files


@pytest.mark.parametrize("path", _schema_examples(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_examples_validate_against_schema(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    # JSON has only string keys: a target map {2024: 98} is {"2024": 98} to the schema
    doc = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    errors = [f"{list(e.path)}: {e.message[:200]}"
              for e in jsonschema.Draft202012Validator(schema).iter_errors(doc)]
    assert not errors, "\n".join(errors)


def test_schema_rejects_an_unknown_key() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    good = {"versi": 1, "elemen": [{"id": "s1", "tingkat": "sasaran", "capaian": "anak"}]}
    bad = {"versi": 1, "elemen": [{"id": "s1", "tingkat": "sasaran", "statment": "x"}]}
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(good))
    assert list(validator.iter_errors(bad))
    assert list(validator.iter_errors({"elements": []}))  # version is required
