"""Generate a region's individual indicators (IKI) for benchmarking: definitions, holders and data.

    python bench/gen_region.py OUT                 # one region: 35 agencies, ~7,000 positions
    python bench/gen_region.py OUT --regions 10    # ten such regions in one definition set
    python bench/gen_region.py OUT --national      # 4.3 million holders of ~2,000 templated positions

**Region** (PRODUCT.md §3): the RPJMD (visi, 5 misi, 5 tujuan, 10 sasaran) and 35
agencies, each with 2 tujuan PD, 4 sasaran PD (IKU), 5 programs, 15 kegiatan
(every third with ``achievement: children`` and no indicators: it takes the
mean of the holders of the Kepala Seksi who supports it) and about 200
positions -- Kepala, Sekretaris, 4 Kepala Bidang, 3 Kepala Sub Bagian, 12
Kepala Seksi and ~180 functional and administrative staff of 8 kinds -- each
with one holder (an 18-digit NIP; 1% vacant, 1% shared by two people) and 5
IKI. The IKI are instances of 10--20 templates per agency type (dinas,
badan, sekretariat, kecamatan, rumah sakit; a template is a formula over
NIP-keyed variables with its target, polarity and cap), so batching applies;
3% of the positions carry one IKI with a target of their own, and every
Kepala has IKI that read the agency's IKU (not batchable). Data: one value
per month of 2024 for every variable of every holder, in Parquet (long
layout ``entity,period,variable,value``, entity = NIP), written in row
groups of about 256k rows; 1% of the holders lack one variable (status
missing), 0.3% report 0 for a denominator all year (status error).

**Regions** (``--regions N``): N regions in one set (ids prefixed ``r01.`` …),
the template variables declared once; one Parquet file per region.

**National** (``--national``): ~2,000 position definitions (50 kinds of
position × 40 institutions), 5 IKI each from a national pool of templates,
no holders in YAML: 4.3 million holders (``--holders`` N to change) in a roster
Parquet (``position,id,name``, sorted by NIP), holders per position skewed
(a few positions -- teachers, nurses -- hold most people). Data: monthly 2024
for every holder's variables, Parquet sorted by NIP in row groups of 1M rows
(each a NIP range).

Beside the definitions, ``manifest.json`` describes every template and
position so that bench/bench_iki.py's hand-written reference can compute the
same figures without reading the YAML. Everything made up: NIPs, names, data.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import time
import zlib
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

YEAR = 2024
MONTHS = [f"{YEAR}-{m:02d}" for m in range(1, 13)]

AGENCIES = [
    ("disdik", "Dinas Pendidikan", "dinas"), ("dinkes", "Dinas Kesehatan", "dinas"),
    ("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas"), ("dpkp", "Dinas Perumahan dan Kawasan Permukiman", "dinas"),
    ("satpolpp", "Satuan Polisi Pamong Praja", "dinas"), ("dinsos", "Dinas Sosial", "dinas"),
    ("dp3a", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "dinas"), ("dkp", "Dinas Ketahanan Pangan", "dinas"),
    ("dlh", "Dinas Lingkungan Hidup", "dinas"), ("dukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "dinas"),
    ("dpmd", "Dinas Pemberdayaan Masyarakat dan Desa", "dinas"),
    ("dppkb", "Dinas Pengendalian Penduduk dan Keluarga Berencana", "dinas"), ("dishub", "Dinas Perhubungan", "dinas"),
    ("diskominfo", "Dinas Komunikasi dan Informatika", "dinas"), ("dkukm", "Dinas Koperasi dan Usaha Kecil Menengah", "dinas"),
    ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas"),
    ("dispora", "Dinas Kepemudaan dan Olahraga", "dinas"), ("disbud", "Dinas Kebudayaan", "dinas"),
    ("dispusip", "Dinas Perpustakaan dan Kearsipan", "dinas"), ("dkp2", "Dinas Kelautan dan Perikanan", "dinas"),
    ("dispar", "Dinas Pariwisata", "dinas"), ("distan", "Dinas Pertanian", "dinas"), ("disdag", "Dinas Perdagangan", "dinas"),
    ("disnaker", "Dinas Tenaga Kerja dan Transmigrasi", "dinas"),
    ("bappeda", "Badan Perencanaan Pembangunan Daerah", "badan"),
    ("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah", "badan"), ("bapenda", "Badan Pendapatan Daerah", "badan"),
    ("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan"),
    ("bpbd", "Badan Penanggulangan Bencana Daerah", "badan"), ("kesbangpol", "Badan Kesatuan Bangsa dan Politik", "badan"),
    ("inspektorat", "Inspektorat Daerah", "badan"),
    ("setda", "Sekretariat Daerah", "sekretariat"), ("setwan", "Sekretariat DPRD", "sekretariat"),
    ("rsud", "Rumah Sakit Umum Daerah I Lagaligo", "rs"), ("kec_malili", "Kecamatan Malili", "kecamatan"),
]

# (code, IKI name, unit, kind, numerator label, denominator label or None)
# kinds: ratio "{A} / {B} × 100%" (sum), pct "pct(a, b)" (sum), round "round(a / b × 100%, 2)" (sum),
#        ratio_last "{A} / {B} × 100%" (last), count "a" (sum), index "a" (mean), neg "a" (sum, negative)
COMMON = [
    ("hadir", "Persentase kehadiran tepat waktu", "%", "ratio", "Jumlah hari hadir tepat waktu", "Jumlah hari kerja"),
    ("lapkin", "Jumlah laporan kinerja bulanan yang disampaikan", "laporan", "count", "Jumlah laporan kinerja bulanan disampaikan", None),
    ("dok_tepat", "Persentase dokumen selesai tepat waktu", "%", "ratio", "Jumlah dokumen selesai tepat waktu", "Jumlah dokumen yang harus diselesaikan"),
    ("aduan", "Jumlah aduan yang tidak ditindaklanjuti", "aduan", "neg", "Jumlah aduan tidak ditindaklanjuti", None),
    ("arsip", "Persentase arsip tertata", "%", "ratio_last", "Jumlah arsip tertata", "Jumlah arsip unit kerja"),
    ("data_valid", "Persentase data terverifikasi", "%", "round", "Jumlah data terverifikasi", "Jumlah data masuk"),
]
BY_TYPE = {
    "dinas": [
        ("layanan_sop", "Persentase layanan diselesaikan sesuai SOP", "%", "pct", "Jumlah layanan selesai sesuai SOP", "Jumlah layanan diterima"),
        ("kepuasan", "Indeks kepuasan pengguna layanan", "indeks", "index", "Nilai survei kepuasan pengguna layanan", None),
        ("sasaran_bina", "Persentase sasaran binaan yang dibina", "%", "ratio", "Jumlah sasaran binaan yang dibina", "Jumlah sasaran binaan"),
        ("monev", "Jumlah laporan monitoring dan evaluasi", "laporan", "count", "Jumlah laporan monitoring dan evaluasi", None),
        ("anggaran", "Persentase realisasi anggaran kegiatan", "%", "ratio", "Realisasi anggaran kegiatan", "Pagu anggaran kegiatan"),
        ("sosialisasi", "Jumlah kegiatan sosialisasi", "kegiatan", "count", "Jumlah kegiatan sosialisasi dilaksanakan", None),
        ("izin", "Persentase rekomendasi teknis terbit tepat waktu", "%", "pct", "Jumlah rekomendasi teknis terbit tepat waktu", "Jumlah permohonan rekomendasi teknis"),
        ("temuan", "Jumlah temuan pemeriksaan berulang", "temuan", "neg", "Jumlah temuan pemeriksaan berulang", None),
    ],
    "badan": [
        ("dok_rencana", "Persentase dokumen perencanaan sesuai pedoman", "%", "ratio", "Jumlah dokumen perencanaan sesuai pedoman", "Jumlah dokumen perencanaan disusun"),
        ("rekomendasi", "Persentase rekomendasi hasil pengawasan ditindaklanjuti", "%", "pct", "Jumlah rekomendasi ditindaklanjuti", "Jumlah rekomendasi hasil pengawasan"),
        ("kajian", "Jumlah kajian yang diselesaikan", "kajian", "count", "Jumlah kajian diselesaikan", None),
        ("sistem", "Persentase aplikasi yang dimutakhirkan", "%", "ratio_last", "Jumlah aplikasi dimutakhirkan", "Jumlah aplikasi dikelola"),
        ("kepuasan_internal", "Indeks kepuasan perangkat daerah", "indeks", "index", "Nilai survei kepuasan perangkat daerah", None),
        ("koreksi", "Jumlah koreksi laporan keuangan", "koreksi", "neg", "Jumlah koreksi laporan keuangan", None),
    ],
    "sekretariat": [
        ("naskah", "Persentase naskah dinas selesai tepat waktu", "%", "ratio", "Jumlah naskah dinas selesai tepat waktu", "Jumlah naskah dinas diterima"),
        ("rapat", "Jumlah rapat koordinasi difasilitasi", "rapat", "count", "Jumlah rapat koordinasi difasilitasi", None),
        ("protokol", "Indeks kepuasan layanan protokol", "indeks", "index", "Nilai survei layanan protokol", None),
        ("produk_hukum", "Persentase produk hukum yang diharmonisasi", "%", "pct", "Jumlah produk hukum diharmonisasi", "Jumlah rancangan produk hukum"),
    ],
    "rs": [
        ("bor", "Persentase tempat tidur terisi sesuai standar", "%", "ratio", "Jumlah hari rawat", "Jumlah hari tempat tidur tersedia"),
        ("rekam_medis", "Persentase rekam medis lengkap", "%", "pct", "Jumlah rekam medis lengkap", "Jumlah rekam medis"),
        ("waktu_tunggu", "Jumlah keluhan waktu tunggu", "keluhan", "neg", "Jumlah keluhan waktu tunggu", None),
        ("kepuasan_pasien", "Indeks kepuasan pasien", "indeks", "index", "Nilai survei kepuasan pasien", None),
        ("tindakan", "Jumlah tindakan sesuai panduan praktik klinis", "tindakan", "count", "Jumlah tindakan sesuai PPK", None),
    ],
    "kecamatan": [
        ("pelayanan_kec", "Persentase layanan administrasi kecamatan selesai", "%", "ratio", "Jumlah layanan administrasi selesai", "Jumlah permohonan layanan administrasi"),
        ("desa_bina", "Jumlah desa yang dibina", "desa", "count", "Jumlah desa dibina", None),
        ("trantib", "Jumlah gangguan ketenteraman tidak tertangani", "kejadian", "neg", "Jumlah gangguan ketenteraman tidak tertangani", None),
    ],
}
#: The kinds of position below the Kepala (how many per agency), and their superior.
POSTYPES = [
    ("sekretaris", "Sekretaris", 1), ("kabid", "Kepala Bidang", 4), ("kasubag", "Kepala Sub Bagian", 3),
    ("kasi", "Kepala Seksi", 12),
    ("analis", "Analis Kebijakan", 24), ("pengelola_data", "Pengelola Data", 24), ("pengadm", "Pengadministrasi Umum", 26),
    ("penyusun", "Penyusun Laporan Keuangan", 20), ("perencana", "Perencana Ahli Muda", 18), ("arsiparis", "Arsiparis", 22),
    ("pranata", "Pranata Komputer", 22), ("bendahara", "Bendahara Pengeluaran Pembantu", 23),
]
TARGETS = {"ratio": 100, "pct": 95, "round": 90, "ratio_last": 95, "count": 12, "index": 80, "neg": 2}
AGGS = {"ratio": "sum", "pct": "sum", "round": "sum", "ratio_last": "last", "count": "sum", "index": "mean", "neg": "sum"}


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def formula(kind: str, a: str, b: str | None, a_label: str, b_label: str | None) -> str:
    if kind in ("ratio", "ratio_last"):
        return f"{{{a_label}}} / {{{b_label}}} × 100%"
    if kind == "pct":
        return f"pct({a}, {b})"
    if kind == "round":
        return f"round({a} / {b} × 100%, 2)"
    return a


class Templates:
    """The template pool: variables and the YAML/manifest description of each template."""

    def __init__(self) -> None:
        self.templates: dict[str, dict] = {}
        self.variables: dict[str, dict] = {}

    def add(self, code: str, spec: tuple) -> str:
        if code in self.templates:
            return code
        _, name, unit, kind, a_label, b_label = spec
        a = f"v_{code}_a"
        b = f"v_{code}_b" if b_label else None
        self.variables[a] = {"label": a_label, "unit": unit if kind != "ratio" else "", "agg": AGGS[kind]}
        if b:
            self.variables[b] = {"label": b_label, "unit": "", "agg": AGGS[kind]}
        cap = 120 if kind in ("pct", "count") else None
        self.templates[code] = {
            "name": name, "unit": unit, "kind": kind, "a": a, "b": b, "target": TARGETS[kind],
            "polarity": "negative" if kind == "neg" else "positive", "cap": cap,
            "formula": formula(kind, a, b, a_label, b_label)}
        return code


def iki_yaml(ind_id: str, t: dict, target: float) -> str:
    lines = [f"      - id: {ind_id}", f"        name: {q(t['name'])}", f"        unit: {q(t['unit'])}",
             f"        target: {target:g}", f"        formula: {q(t['formula'])}",
             "        source: e-Kinerja (contoh)"]
    if t["polarity"] != "positive":
        lines.append(f"        polarity: {t['polarity']}")
    if t["cap"] is not None:
        lines.append(f"        cap: {t['cap']}")
    return "\n".join(lines)


def nips(rng: np.random.Generator, n: int, taken: set | None = None) -> list[str]:
    """Made-up 18-digit NIPs: birth date, appointment month, sex, serial (unique)."""
    out: list[str] = []
    seen = taken if taken is not None else set()
    while len(out) < n:
        y = rng.integers(1965, 2000)
        nip = (f"{y}{rng.integers(1, 13):02d}{rng.integers(1, 29):02d}"
               f"{y + rng.integers(22, 30)}{rng.integers(1, 13):02d}{rng.integers(1, 3)}{rng.integers(1, 1000):03d}")
        if nip not in seen:
            seen.add(nip)
            out.append(nip)
    return out


# ------------------------------------------------------------------------------ region

def gen_region(root: Path, prefix: str, rng: np.random.Generator, pool: Templates, manifest: dict,
               taken: set, data_path: Path, region_name: str) -> None:
    px = f"{prefix}." if prefix else ""
    folder = root / prefix if prefix else root
    folder.mkdir(parents=True, exist_ok=True)
    # RPJMD
    rp = ["# generated by bench/gen_region.py (made-up region)", "version: 1", f"agency: {q(region_name)}",
          "elements:", f"  - {{id: {px}visi, level: vision, statement: {q('Terwujudnya ' + region_name + ' yang maju')}}}"]
    nil_rows: list[tuple[str, str, float]] = []
    for m in range(1, 6):
        rp.append(f"  - {{id: {px}misi{m}, level: mission, statement: {q(f'Misi {m}')}, supports: [{px}visi]}}")
    for t in range(1, 6):
        rp.append(f"  - {{id: {px}tujuan{t}, level: goal, statement: {q(f'Tujuan daerah {t}')}, "
                  f"supports: [{px}misi{t}], achievement: children}}")
    for s in range(1, 11):
        iid = f"{px}ikd{s}"
        rp.append(f"  - id: {px}sasaran{s}\n    level: objective\n    statement: {q(f'Sasaran daerah {s}')}\n"
                  f"    supports: [{px}tujuan{(s - 1) // 2 + 1}]\n    indicators:\n"
                  f"      - {{id: {iid}, name: {q(f'Indikator kinerja daerah {s}')}, unit: '%', target: 90, "
                  f"source: BPS}}")
        nil_rows += [(mo, iid, float(rng.integers(70, 100))) for mo in MONTHS]
    (folder / "rpjmd.yaml").write_text("\n".join(rp) + "\n", encoding="utf-8")
    holders_rows: list[tuple[str, str, str]] = []
    for code, agency_name, atype in AGENCIES:
        ag = f"{px}{code}"
        name = f"{agency_name} {region_name}"
        type_pool = [(f"{atype}.{s[0]}", s) for s in BY_TYPE[atype]] + [(f"common.{s[0]}", s) for s in COMMON]
        for tcode, spec in type_pool:
            pool.add(tcode.replace(".", "_"), spec)
        type_codes = [tcode.replace(".", "_") for tcode, _ in type_pool]
        d = [f"# generated by bench/gen_region.py", "version: 1", f"agency: {q(name)}", "elements:"]
        for t in range(1, 3):
            d.append(f"  - {{id: {ag}.t{t}, level: agency_goal, statement: {q(f'Tujuan {code} {t}')}, "
                     f"supports: [{px}sasaran{int(rng.integers(1, 11))}], achievement: children}}")
        for s in range(1, 5):
            iid = f"{ag}.s{s}.iku"
            d.append(f"  - id: {ag}.s{s}\n    level: agency_objective\n    statement: {q(f'Sasaran strategis {code} {s}')}\n"
                     f"    supports: [{ag}.t{(s - 1) // 2 + 1}]\n    indicators:\n"
                     f"      - {{id: {iid}, name: {q(f'IKU {s} {code}')}, unit: '%', target: 95, source: {q(name)}}}")
            nil_rows += [(mo, iid, float(rng.integers(75, 100))) for mo in MONTHS]
        for p in range(1, 6):
            iid = f"{ag}.p{p}.ind"
            d.append(f"  - id: {ag}.p{p}\n    level: program\n    statement: {q(f'Program {code} {p}')}\n"
                     f"    supports: [{ag}.s{(p - 1) % 4 + 1}]\n    indicators:\n"
                     f"      - {{id: {iid}, name: {q(f'Indikator program {p}')}, unit: '%', target: 100, "
                     f"source: {q(name)}}}")
            nil_rows += [(mo, iid, float(rng.integers(60, 100))) for mo in MONTHS]
        rollups: dict[str, list[str]] = {}
        for k in range(15):
            kid = f"{ag}.k{k}"
            prog = f"{ag}.p{k // 3 + 1}"
            if k % 3 == 2:
                d.append(f"  - {{id: {kid}, level: activity, statement: {q(f'Kegiatan {code} {k}')}, "
                         f"supports: [{prog}], achievement: children}}")
                rollups[kid] = []
            else:
                iid = f"{kid}.ind"
                d.append(f"  - id: {kid}\n    level: activity\n    statement: {q(f'Kegiatan {code} {k}')}\n"
                         f"    supports: [{prog}]\n    indicators:\n"
                         f"      - {{id: {iid}, name: {q(f'Indikator kegiatan {k}')}, unit: '%', target: 100, "
                         f"source: {q(name)}}}")
                nil_rows += [(mo, iid, float(rng.integers(50, 100))) for mo in MONTHS]
        (folder / code).mkdir(exist_ok=True)
        (folder / code / "renstra.yaml").write_text("\n".join(d) + "\n", encoding="utf-8")
        # positions
        j = ["# generated by bench/gen_region.py: positions (jabatan) and IKI; holders and NIPs made up",
             "version: 1", f"agency: {q(name)}", "elements:"]
        positions: list[dict] = []

        def position(pid: str, title: str, supports: list[str], templ: list[str], extra: list[tuple] = ()) -> None:
            roll = rng.random()
            n_h = 0 if roll < 0.01 else (2 if roll < 0.02 else 1)
            hs = nips(rng, n_h, taken)
            inds = []
            body = []
            for ind_id, ref_name, iku in extra:
                body.append(f"      - {{id: {ind_id}, name: {q(ref_name)}, unit: '%', target: 100, "
                            f"formula: {q(iku + '.achievement')}}}")
                inds.append({"id": ind_id, "kind": "iku_ref", "iku": iku, "iku_target": 95.0, "target": 100.0})
            unique_at = len(templ) - 1 if rng.random() < 0.03 else -1
            for i, tcode in enumerate(templ):
                t = pool.templates[tcode]
                target = float(t["target"])
                if i == unique_at:
                    target = float(rng.integers(50, 99)) if t["kind"] != "neg" else float(rng.integers(3, 9))
                ind_id = f"{pid}.iki{i + 1}"
                body.append(iki_yaml(ind_id, t, target))
                inds.append({"id": ind_id, "template": tcode, "target": target})
            hold = ", ".join(f"{{id: {q(h)}, name: {q('Pegawai ' + h[-6:])}}}" for h in hs)
            j.append(f"  - id: {pid}\n    level: position\n    statement: {q(title + ' ' + name)}\n"
                     f"    supports: [{', '.join(supports)}]\n" + (f"    holders: [{hold}]\n" if hs else "")
                     + "    indicators:\n" + "\n".join(body))
            positions.append({"id": pid, "holders": hs, "iki": inds})
            for h in hs:
                holders_rows.append((pid, h, "Pegawai " + h[-6:]))

        def pick(postype: str, k: int = 5) -> list[str]:
            r = np.random.default_rng(zlib.crc32(f"{atype}/{postype}".encode()))
            return [type_codes[i] for i in r.choice(len(type_codes), size=k, replace=False)]

        kepala = f"{ag}.kepala"
        extra = [(f"{kepala}.iku{s}", f"Capaian IKU {s}", f"{ag}.s{s}.iku") for s in range(1, 4)]
        position(kepala, "Kepala", [f"{ag}.s{s}" for s in range(1, 5)], pick("kepala", 2), extra)
        kasi_n = 0
        supers: dict[str, list[str]] = {}
        for ptype, title, count in POSTYPES:
            templ = pick(ptype)
            for i in range(count):
                pid = f"{ag}.{ptype}{i + 1}"
                if ptype == "sekretaris":
                    sup = [f"{ag}.p1", kepala]
                elif ptype == "kabid":
                    sup = [f"{ag}.p{i + 2}", kepala]
                elif ptype == "kasubag":
                    sup = [f"{ag}.k{i}" if i != 2 else f"{ag}.k{i}", f"{ag}.sekretaris1"]
                elif ptype == "kasi":
                    k = 3 + kasi_n
                    kasi_n += 1
                    sup = [f"{ag}.k{k}", f"{ag}.kabid{(k - 3) // 3 + 1}"]
                    if f"{ag}.k{k}" in rollups:
                        rollups[f"{ag}.k{k}"].append(pid)
                else:
                    sup = [f"{ag}.kasi{i % 12 + 1}" if i % 4 else f"{ag}.kasubag{i % 3 + 1}"]
                if ptype == "kasubag" and f"{ag}.k{i}" in rollups:
                    rollups[f"{ag}.k{i}"].append(pid)
                position(pid, title, sup, templ)
                supers.setdefault(ptype, []).append(pid)
        (folder / code / "jabatan.yaml").write_text("\n".join(j) + "\n", encoding="utf-8")
        manifest["positions"].extend(positions)
        manifest["rollups"].update(rollups)
    write_region_data(data_path, manifest, [p for p in manifest["positions"] if p["id"].startswith(px)],
                      pool, nil_rows, rng)


def write_region_data(path: Path, manifest: dict, positions: list[dict], pool: Templates, nil_rows: list,
                      rng: np.random.Generator) -> None:
    ent: list[str] = []
    var: list[str] = []
    per: list[str] = []
    val: list[float] = []
    for mo, v, x in nil_rows:
        ent.append(None)
        var.append(v)
        per.append(mo)
        val.append(x)
    vals_by_var: dict[str, np.ndarray] = {}
    for p in positions:
        for h in p["holders"]:
            used: list[tuple[str, str]] = []
            for ind in p["iki"]:
                t = pool.templates.get(ind.get("template", ""))
                if t is None:
                    continue
                used.append((t["a"], t["kind"]))
                if t["b"]:
                    used.append((t["b"], t["kind"] + ":den"))
            seen = set()
            lack = rng.random() < 0.01
            zero_den = rng.random() < 0.003
            nums: dict[str, np.ndarray] = {}
            for v, kind in used:
                if v in seen:
                    continue
                seen.add(v)
                if lack and v == used[0][0]:
                    continue
                x = monthly(rng, kind)
                if kind.endswith(":den"):
                    num = nums.get(v[:-1] + "a")
                    if num is not None:
                        x = np.maximum(x, num)
                    if zero_den:
                        x = np.zeros(12)
                else:
                    nums[v] = x
                for mo, xv in zip(MONTHS, x):
                    ent.append(h)
                    var.append(v)
                    per.append(mo)
                    val.append(float(xv))
    del vals_by_var
    write_long_parquet(path, ent, per, var, val, row_group=1 << 18)


def monthly(rng: np.random.Generator, kind: str) -> np.ndarray:
    base = kind.split(":")[0]
    den = kind.endswith(":den")
    if base in ("ratio", "pct", "round"):
        return rng.integers(8, 40, 12).astype(float) if den else rng.integers(5, 36, 12).astype(float)
    if base == "ratio_last":
        start = rng.integers(100, 400)
        s = start + np.cumsum(rng.integers(0, 20, 12))
        return s.astype(float) if den else np.floor(s * rng.uniform(0.7, 1.0)).astype(float)
    if base == "count":
        return rng.integers(0, 3, 12).astype(float)
    if base == "index":
        return np.round(rng.uniform(60, 100, 12), 1)
    if base == "neg":
        return (rng.random(12) < 0.1).astype(float)
    raise ValueError(kind)


def write_long_parquet(path: Path, ent: list, per: list, var: list, val: list, row_group: int) -> None:
    table = pa.table({"entity": pa.array(ent, pa.string()), "period": pa.array(per, pa.string()),
                      "variable": pa.array(var, pa.string()), "value": pa.array(val, pa.float64())})
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, row_group_size=row_group, compression="snappy")


def write_variables(root: Path, pool: Templates) -> None:
    lines = ["# generated by bench/gen_region.py: variables of the IKI templates (data keyed by NIP)",
             "version: 1", "variables:"]
    for vid, v in pool.variables.items():
        unit = f", unit: {q(v['unit'])}" if v["unit"] else ""
        lines.append(f"  - {{id: {vid}, label: {q(v['label'])}{unit}, period_aggregation: {v['agg']}}}")
    (root / "variabel.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def gen_regions(out: Path, regions: int, seed: int) -> None:
    defs = out / "definitions"
    if defs.exists():
        shutil.rmtree(defs)
    defs.mkdir(parents=True)
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    rng = np.random.default_rng(seed)
    pool = Templates()
    manifest: dict = {"period": str(YEAR), "positions": [], "rollups": {}}
    taken: set = set()
    for r in range(regions):
        prefix = f"r{r + 1:02d}" if regions > 1 else ""
        name = f"Kabupaten Contoh {r + 1}" if regions > 1 else "Kabupaten Contoh"
        gen_region(defs, prefix, rng, pool, manifest, taken,
                   data / (f"{prefix}.parquet" if prefix else "iki_2024.parquet"), name)
    write_variables(defs, pool)
    manifest["templates"] = pool.templates
    manifest["variables"] = pool.variables
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    n_pos = len(manifest["positions"])
    n_h = sum(len(p["holders"]) for p in manifest["positions"])
    n_iki = sum(len(p["iki"]) for p in manifest["positions"])
    print(f"{out}: {regions} region(s), {n_pos} positions, {n_h} holders, {n_iki} IKI, "
          f"{len(pool.templates)} templates, {len(pool.variables)} variables")


# ---------------------------------------------------------------------------- national

NATIONAL_KINDS = [
    "Guru Ahli Pertama", "Guru Ahli Muda", "Perawat Terampil", "Perawat Ahli Pertama", "Bidan Terampil",
    "Dokter Ahli Pertama", "Penyuluh Pertanian", "Analis Kebijakan", "Pengelola Data", "Pengadministrasi Umum",
    "Penyusun Laporan Keuangan", "Perencana Ahli Muda", "Arsiparis Terampil", "Pranata Komputer",
    "Bendahara Pengeluaran", "Auditor Ahli Pertama", "Pranata Laboratorium", "Apoteker", "Penata Kelola Pengadaan",
    "Pengawas Sekolah", "Polisi Pamong Praja", "Pemadam Kebakaran", "Penyuluh KB", "Statistisi", "Pustakawan",
    "Analis SDM Aparatur", "Pengelola Keuangan", "Analis Kepegawaian", "Pengelola Barang Milik Negara",
    "Pranata Humas", "Kepala Seksi", "Kepala Sub Bagian", "Kepala Bidang", "Sekretaris", "Kepala Unit",
    "Verifikator Keuangan", "Pengadministrasi Perkantoran", "Operator Layanan", "Pengemudi", "Petugas Protokol",
    "Juru Ukur", "Penguji Kendaraan", "Sanitarian", "Nutrisionis", "Epidemiolog", "Penyuluh Agama",
    "Widyaiswara", "Dosen Asisten Ahli", "Pranata Keuangan APBN", "Analis Hukum",
]


def gen_national(out: Path, holders: int, seed: int, institutions: int = 40) -> None:
    t0 = time.perf_counter()
    defs = out / "definitions"
    if defs.exists():
        shutil.rmtree(defs)
    defs.mkdir(parents=True)
    rng = np.random.default_rng(seed)
    pool = Templates()
    specs = COMMON + [s for v in BY_TYPE.values() for s in v]
    codes = [pool.add(f"nas_{s[0]}", s) for s in specs]
    write_variables(defs, pool)
    n_kinds = len(NATIONAL_KINDS)
    kind_templates = []
    for k in range(n_kinds):
        r = np.random.default_rng(1000 + k)
        kind_templates.append([codes[i] for i in r.choice(len(codes), size=5, replace=False)])
    positions: list[dict] = []
    lines = ["# generated by bench/gen_region.py --national: templated positions, holders in holders.parquet",
             "version: 1", "elements:"]
    for i in range(institutions):
        inst = f"k{i + 1:02d}"
        lines.append(f"  - id: {inst}.s1\n    level: agency_objective\n    agency: {q(f'Instansi {i + 1}')}\n"
                     f"    statement: {q(f'Sasaran strategis instansi {i + 1}')}\n    indicators:\n"
                     f"      - {{id: {inst}.s1.iku, name: {q('IKU instansi')}, unit: '%', target: 95, source: LAKIP}}")
        for k, title in enumerate(NATIONAL_KINDS):
            pid = f"{inst}.j{k + 1:02d}"
            body = []
            inds = []
            for n, tcode in enumerate(kind_templates[k]):
                t = pool.templates[tcode]
                ind_id = f"{pid}.iki{n + 1}"
                body.append(iki_yaml(ind_id, t, float(t["target"])))
                inds.append({"id": ind_id, "template": tcode, "target": float(t["target"])})
            lines.append(f"  - id: {pid}\n    level: position\n    agency: {q(f'Instansi {i + 1}')}\n"
                         f"    statement: {q(title + ' Instansi ' + str(i + 1))}\n    supports: [{inst}.s1]\n"
                         "    indicators:\n" + "\n".join(body))
            positions.append({"id": pid, "iki": inds, "kind": k})
    (defs / "jabatan.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    n_pos = len(positions)
    # holders per position: skewed (a few kinds -- teachers, nurses -- hold most people)
    weight = 1.0 / np.arange(1, n_kinds + 1) ** 0.9
    w = np.array([weight[p["kind"]] * rng.uniform(0.5, 1.5) for p in positions])
    counts = np.maximum(1, np.floor(w / w.sum() * holders)).astype(np.int64)
    counts[np.argmax(counts)] += holders - counts.sum()
    pos_of = np.repeat(np.arange(n_pos, dtype=np.int32), counts)
    rng.shuffle(pos_of)
    # NIPs: unique, 18 digits, sorted (the roster and the data are sorted by NIP)
    base = 196501011990011000
    nip_num = base + np.sort(rng.choice(10**12, size=holders, replace=False)) * 37
    nip_txt = nip_num.astype("U18")
    pos_ids = pa.array([p["id"] for p in positions], pa.string())
    roster = pa.table({"position": pa.DictionaryArray.from_arrays(pa.array(pos_of), pos_ids),
                       "id": pa.array(nip_txt, pa.string()),
                       "name": pa.array(np.char.add("Pegawai ", nip_txt.astype("U18")), pa.string())})
    pq.write_table(roster, out / "holders.parquet", row_group_size=1 << 20, compression="snappy")
    del roster
    # data: per position, its variables; rows per holder = 12 × variables, sorted by NIP
    var_ids = list(pool.variables)
    var_index = {v: i for i, v in enumerate(var_ids)}
    pos_vars: list[np.ndarray] = []
    for p in positions:
        vs: list[int] = []
        for ind in p["iki"]:
            t = pool.templates[ind["template"]]
            for v in (t["a"], t["b"]):
                if v and var_index[v] not in vs:
                    vs.append(var_index[v])
        pos_vars.append(np.array(vs, np.int32))
    nv = np.array([len(v) for v in pos_vars], np.int64)
    pv_start = np.zeros(n_pos + 1, np.int64)
    np.cumsum(nv, out=pv_start[1:])
    pv_flat = np.concatenate(pos_vars)
    kinds = [pool.templates[t]["kind"] for t in pool.templates]
    var_kind = np.zeros(len(var_ids), np.int8)    # 0 numerator-ish count, 1 denominator, 2 index, 3 neg, 4 stock
    for tcode, t in pool.templates.items():
        k = t["kind"]
        var_kind[var_index[t["a"]]] = {"index": 2, "neg": 3, "ratio_last": 4, "count": 5}.get(k, 0)
        if t["b"]:
            var_kind[var_index[t["b"]]] = 1 if k != "ratio_last" else 6
    del kinds
    data_dir = out / "data"
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    schema = pa.schema([("entity", pa.string()), ("period", pa.dictionary(pa.int8(), pa.string())),
                        ("variable", pa.dictionary(pa.int16(), pa.string())), ("value", pa.float64())])
    writer = pq.ParquetWriter(data_dir / "iki_2024.parquet", schema, compression="snappy")
    months = pa.array(MONTHS, pa.string())
    variables = pa.array(var_ids, pa.string())
    rows_total = 0
    chunk = 200_000
    for lo in range(0, holders, chunk):
        hi = min(holders, lo + chunk)
        p = pos_of[lo:hi]
        nvh = nv[p]
        rows_h = nvh * 12
        n = int(rows_h.sum())
        h_local = np.repeat(np.arange(hi - lo, dtype=np.int64), rows_h)
        first = np.zeros(hi - lo, np.int64)
        np.cumsum(rows_h[:-1], out=first[1:])
        j = np.arange(n, dtype=np.int64) - first[h_local]
        var = pv_flat[pv_start[p][h_local] + j // 12]
        month = (j % 12).astype(np.int8)
        vk = var_kind[var]
        x = rng.integers(5, 36, n).astype(np.float64)
        x[vk == 1] += 5.0                                      # denominators above numerators (mostly)
        x[vk == 2] = np.round(rng.uniform(60, 100, int((vk == 2).sum())), 1)
        x[vk == 3] = (rng.random(int((vk == 3).sum())) < 0.1).astype(np.float64)
        x[vk == 5] = rng.integers(0, 3, int((vk == 5).sum())).astype(np.float64)
        stock = (vk == 4) | (vk == 6)
        x[stock] = rng.integers(100, 400, int(stock.sum())).astype(np.float64) + month[stock] * 10.0
        x[vk == 6] += 50.0
        tbl = pa.table({
            "entity": pa.array(nip_txt[lo:hi][h_local], pa.string()),
            "period": pa.DictionaryArray.from_arrays(pa.array(month), months),
            "variable": pa.DictionaryArray.from_arrays(pa.array(var.astype(np.int16)), variables),
            "value": pa.array(x)}, schema=schema)
        writer.write_table(tbl, row_group_size=1 << 20)
        rows_total += n
    writer.close()
    manifest = {"period": str(YEAR), "national": True, "positions": positions, "rollups": {},
                "templates": pool.templates, "variables": pool.variables, "holders": holders,
                "data_rows": rows_total}
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    size = sum(f.stat().st_size for f in data_dir.iterdir()) / 1e9
    print(f"{out}: {n_pos} positions, {holders} holders, {n_pos * 5} IKI definitions, {holders * 5} holder-IKI, "
          f"{rows_total} data rows ({size:.2f} GB Parquet), {time.perf_counter() - t0:.0f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--regions", type=int, default=1)
    ap.add_argument("--national", action="store_true")
    ap.add_argument("--holders", type=int, default=4_300_000, help="national: number of holders")
    ap.add_argument("--seed", type=int, default=2024)
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    if a.national:
        gen_national(a.out, a.holders, a.seed)
    else:
        gen_regions(a.out, a.regions, a.seed)


if __name__ == "__main__":
    main()
