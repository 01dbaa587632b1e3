"""Write a large, valid, realistic definition set for benchmarking ``indikator check``.

The shape follows a real region's performance tree (PRODUCT.md §3):

    rpjmd.yaml          visi → 5 misi → 10 tujuan → 20 sasaran (region IKD) and their variables
    <agency>/renstra.yaml       2 tujuan_pd, 4 sasaran_pd (IKU) — crosscutting to the region's sasaran
    <agency>/program.yaml       8 programs, 24 kegiatan, with budgets (pagu/realisasi) per year
    <agency>/sub_kegiatan.yaml  72 sub kegiatan, with budgets
    <agency>/jabatan.yaml       positions (Kepala, Sekretaris/Kabid, Kasi, staf) with holders (NIP) and IKI
    <agency>/variabel.yaml      the agency's data variables (two per sub kegiatan)

for 35 agencies (perangkat daerah). Element and indicator counts are met
exactly (default 10,000 and 30,000): the number of positions and the
indicators per position absorb the remainder. Formulas use every way of
naming things: variables by ``{label}`` and by id, indicators by id with
``.actual``/``.achievement`` and by ``{name}``, ``children`` roll-ups, and
functions (``pct``, ``sum``, ``avg``, ``if``, ``coalesce``). Targets are per
year of the Renstra (2025–2029), some quarterly, some grades on the
``sakip`` scale, some ``{min, max}`` ranges with ``polarity: range``; half
the agencies write Indonesian keys, half English. There are no cycles:
formulas only read indicators lower in the cascade, and positions' IKI read
only indicators that do not roll up over positions.

    python bench/gen_definitions.py OUT_FOLDER [--elements 10000] [--indicators 30000] [--agencies 35]
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

YEARS = (2025, 2026, 2027, 2028, 2029)

AGENCIES = [
    ("disdik", "Dinas Pendidikan"), ("dinkes", "Dinas Kesehatan"), ("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("dpkp", "Dinas Perumahan dan Kawasan Permukiman"), ("satpolpp", "Satuan Polisi Pamong Praja"),
    ("dinsos", "Dinas Sosial"), ("dp3a", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
    ("dkp", "Dinas Ketahanan Pangan"), ("dlh", "Dinas Lingkungan Hidup"),
    ("dukcapil", "Dinas Kependudukan dan Pencatatan Sipil"), ("dpmd", "Dinas Pemberdayaan Masyarakat dan Desa"),
    ("dppkb", "Dinas Pengendalian Penduduk dan Keluarga Berencana"), ("dishub", "Dinas Perhubungan"),
    ("diskominfo", "Dinas Komunikasi dan Informatika"), ("dkukm", "Dinas Koperasi dan Usaha Kecil Menengah"),
    ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"), ("dispora", "Dinas Kepemudaan dan Olahraga"),
    ("disbud", "Dinas Kebudayaan"), ("dispusip", "Dinas Perpustakaan dan Kearsipan"), ("dkp2", "Dinas Kelautan dan Perikanan"),
    ("dispar", "Dinas Pariwisata"), ("distan", "Dinas Pertanian"), ("disdag", "Dinas Perdagangan"),
    ("disnaker", "Dinas Tenaga Kerja dan Transmigrasi"), ("bappeda", "Badan Perencanaan Pembangunan Daerah"),
    ("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah"), ("bapenda", "Badan Pendapatan Daerah"),
    ("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"), ("bpbd", "Badan Penanggulangan Bencana Daerah"),
    ("kesbangpol", "Badan Kesatuan Bangsa dan Politik"), ("inspektorat", "Inspektorat Daerah"),
    ("setda", "Sekretariat Daerah"), ("setwan", "Sekretariat DPRD"), ("rsud", "Rumah Sakit Umum Daerah"),
    ("kec_malili", "Kecamatan Malili"),
]

NOUNS = ["dokumen perencanaan", "layanan perizinan", "sarana sekolah", "puskesmas terakreditasi",
         "desa mandiri", "akta kelahiran", "ruas jalan mantap", "rumah layak huni", "usaha mikro binaan",
         "arsip terkelola", "laporan keuangan", "aduan masyarakat", "kegiatan pelatihan", "data terpadu",
         "keluarga penerima manfaat", "kawasan permukiman", "titik layanan", "aparatur kompeten"]
VERBS = ["Meningkatnya", "Terwujudnya", "Menurunnya", "Terkelolanya", "Tersedianya", "Optimalnya"]
POSITIONS = ["Kepala", "Sekretaris", "Kepala Bidang", "Kepala Seksi", "Kepala Sub Bagian",
             "Analis Kebijakan", "Pengelola Data", "Pengadministrasi Umum", "Penyusun Laporan", "Perencana Ahli Muda"]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass
class Ind:
    id: str
    name: str
    formula: str | None
    unit: str = "%"
    kind: str = "number"   # number | grade | range | negative | quarterly
    leaf: bool = True      # reads no children (positions may read it)


@dataclass
class El:
    id: str
    level: str
    statement: str
    supports: list[str]
    indicators: list[Ind] = field(default_factory=list)
    budget: bool = False
    holders: list[tuple[str, str]] = field(default_factory=list)
    achievement_children: bool = False


class Gen:
    def __init__(self, n_elements: int, n_indicators: int, n_agencies: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n_elements, self.n_indicators, self.n_agencies = n_elements, n_indicators, n_agencies
        self.nip = 197001011990031000
        self._position_sources: dict[str, list[str]] = {}

    def next_nip(self) -> str:
        self.nip += self.rng.randint(1, 9000)
        return str(self.nip)

    def statement(self, tag: str) -> str:
        return f"{self.rng.choice(VERBS)} {self.rng.choice(NOUNS)} {tag}"

    # ----------------------------------------------------------------- structure
    def build(self) -> tuple[list[El], list[tuple[str, str, str]], dict[str, dict]]:
        rng = self.rng
        region: list[El] = [El("visi", "vision", "Terwujudnya daerah yang maju, sejahtera dan berdaya saing", [])]
        region_vars = [(f"ikd_{k}", f"Indeks kinerja daerah {k}", "indeks") for k in range(1, 21)]
        for m in range(1, 6):
            region.append(El(f"misi-{m}", "mission", self.statement(f"(misi {m})"), ["visi"]))
        for t in range(1, 11):
            el = El(f"tujuan-{t}", "goal", self.statement(f"(tujuan {t})"), [f"misi-{(t - 1) // 2 + 1}"])
            el.indicators.append(Ind(f"tujuan-{t}.i1", f"Indeks capaian tujuan {t}", "avg(children.achievement)",
                                     leaf=False))
            region.append(el)
        for s in range(1, 21):
            el = El(f"sasaran-{s}", "objective", self.statement(f"(sasaran {s})"), [f"tujuan-{(s - 1) // 2 + 1}"])
            el.indicators.append(Ind(f"sasaran-{s}.ikd", f"Indeks kinerja sasaran daerah {s}",
                                     f"{{Indeks kinerja daerah {s}}}", unit="indeks"))
            if s % 2:
                el.indicators.append(Ind(f"sasaran-{s}.i2", f"Rata-rata capaian perangkat daerah sasaran {s}",
                                         "avg(children.achievement)", leaf=False))
            region.append(el)

        agencies: dict[str, dict] = {}
        per_agency_fixed = 2 + 4 + 8 + 24 + 72
        n_pos_total = self.n_elements - len(region) - per_agency_fixed * self.n_agencies
        if n_pos_total < 4 * self.n_agencies:
            raise SystemExit("too few elements for the fixed structure; raise --elements or lower --agencies")
        for a in range(self.n_agencies):
            code, name = AGENCIES[a % len(AGENCIES)]
            if a >= len(AGENCIES):
                code, name = f"{code}{a}", f"{name} {a}"
            n_pos = n_pos_total // self.n_agencies + (1 if a < n_pos_total % self.n_agencies else 0)
            agencies[code] = self.agency(code, name, n_pos)

        elements = region + [e for ag in agencies.values() for part in ag["files"].values() for e in part]
        self.balance_indicators(elements)
        return region, region_vars, agencies

    def agency(self, code: str, name: str, n_pos: int) -> dict:
        rng = self.rng
        up = code.upper()
        renstra, program, sub, jabatan = [], [], [], []
        variables: list[tuple[str, str, str]] = []
        for t in range(1, 3):
            el = El(f"{code}.t{t}", "agency_goal", self.statement(f"di {name} ({t})"),
                    rng.sample([f"sasaran-{s}" for s in range(1, 21)], rng.choice((1, 1, 2))))
            el.indicators.append(Ind(f"{code}.t{t}.i1", f"Indeks capaian tujuan {up} {t}", "avg(children.achievement)",
                                     leaf=False))
            renstra.append(el)
        for s in range(1, 5):
            el = El(f"{code}.s{s}", "agency_objective", self.statement(f"pada {name} ({s})"), [f"{code}.t{(s - 1) // 2 + 1}"])
            el.indicators.append(Ind(f"{code}.s{s}.iku", f"Indeks kinerja utama {up} {s}", "avg(children.achievement)",
                                     leaf=False))
            if s == 1:
                el.indicators.append(Ind(f"{code}.s{s}.akip", f"Nilai SAKIP {up}", None, unit="nilai", kind="grade"))
            renstra.append(el)
        for p in range(1, 9):
            el = El(f"{code}.p{p}", "program", f"Program {rng.choice(NOUNS)} {up} {p}", [f"{code}.s{(p - 1) // 2 + 1}"],
                    budget=True)
            el.indicators.append(Ind(f"{code}.p{p}.i1", f"Capaian program {up} {p}", "avg(children.achievement)",
                                     leaf=False))
            k0 = (p - 1) * 3 + 1
            el.indicators.append(Ind(f"{code}.p{p}.i2", f"Persentase keluaran program {up} {p}",
                                     f"pct({code}.k{k0}.i2 + {code}.k{k0 + 1}.i2, {code}.k{k0 + 2}.i2 + 1)"))
            program.append(el)
        for k in range(1, 25):
            el = El(f"{code}.k{k}", "activity", f"Kegiatan {rng.choice(NOUNS)} {up} {k}", [f"{code}.p{(k - 1) // 3 + 1}"],
                    budget=True)
            s0 = (k - 1) * 3 + 1
            el.indicators.append(Ind(f"{code}.k{k}.i1", f"Rata-rata capaian kegiatan {up} {k}",
                                     "avg(children.achievement)", leaf=False))
            el.indicators.append(Ind(f"{code}.k{k}.i2", f"Jumlah keluaran kegiatan {up} {k}",
                                     f"sum({code}.sk{s0}.i2, {code}.sk{s0 + 1}.i2, {{Jumlah keluaran sub kegiatan "
                                     f"{up} {s0 + 2}}})", unit="dokumen"))
            el.indicators.append(Ind(f"{code}.k{k}.i3", f"Persentase ketepatan kegiatan {up} {k}",
                                     f"if({code}.sk{s0}.i1.target > 0, {code}.sk{s0}.i1 / {code}.sk{s0}.i1.target "
                                     f"× 100%, 0)"))
            program.append(el)
        for s in range(1, 73):
            num, den = f"{code}_n{s}", f"{code}_d{s}"
            noun = rng.choice(NOUNS)
            variables += [(num, f"Jumlah {noun} terealisasi {up} {s}", "unit"),
                          (den, f"Jumlah {noun} direncanakan {up} {s}", "unit")]
            el = El(f"{code}.sk{s}", "sub_activity", f"Sub kegiatan {noun} {up} {s}", [f"{code}.k{(s - 1) // 3 + 1}"],
                    budget=True)
            el.indicators.append(Ind(f"{code}.sk{s}.i1", f"Persentase {noun} {up} {s}",
                                     f"{{Jumlah {noun} terealisasi {up} {s}}} / {{Jumlah {noun} direncanakan {up} "
                                     f"{s}}} × 100%"))
            el.indicators.append(Ind(f"{code}.sk{s}.i2", f"Jumlah keluaran sub kegiatan {up} {s}", num, unit="dokumen",
                                     kind="quarterly" if s % 4 == 0 else "number"))
            kind = ("negative", "range", "number")[s % 3]
            el.indicators.append(Ind(f"{code}.sk{s}.i3", f"Rasio {noun} {up} {s}",
                                     f"coalesce({den} - {num}, 0) / max({den}, 1) * 100"
                                     if kind == "negative" else f"{num} / max({den}, 1) * 10", kind=kind,
                                     unit="%" if kind == "negative" else "rasio"))
            sub.append(el)
        # positions: the head supports every sasaran_pd (crosscutting), then 5 heads of division,
        # 24 section heads (one per kegiatan), and staff on sub kegiatan reporting to a section head
        heads = [("kepala", 0, [f"{code}.s{s}" for s in range(1, 5)])]
        for b in range(1, 6):
            heads.append((f"kabid{b}", 2 if b > 1 else 1, [f"{code}.p{(b - 1) * 8 // 5 + 1}"]))
        for k in range(1, 25):
            heads.append((f"kasi{k}", 3, [f"{code}.k{k}"]))
        for i in range(n_pos):
            if i < len(heads):
                pid, title_ix, supports = heads[i]
            else:
                s = (i - len(heads)) % 72 + 1
                pid, title_ix = f"staf{i - len(heads) + 1}", 5 + (i % 5)
                # a staff position supports its sub kegiatan and its superior, the section head
                supports = [f"{code}.sk{s}", f"{code}.kasi{(s - 1) // 3 + 1}"]
            el = El(f"{code}.{pid}", "position", f"{POSITIONS[title_ix]} {name}", supports)
            el.holders = [(self.next_nip(), f"Pegawai {up} {i + 1}.{h + 1}")
                          for h in range(1 if i < len(heads) else rng.choice((1, 1, 2, 3)))]
            jabatan.append(el)
        self._position_sources[code] = ([f"{code}.p{p}.i2" for p in range(1, 9)]
                                        + [f"{code}.k{k}.i{j}" for k in range(1, 25) for j in (2, 3)]
                                        + [f"{code}.sk{s}.i{j}" for s in range(1, 73) for j in (1, 2, 3)])
        return {"name": name, "variables": variables,
                "files": {"renstra": renstra, "program": program, "sub_kegiatan": sub, "jabatan": jabatan}}

    def balance_indicators(self, elements: list[El]) -> None:
        """Give positions IKI so the total is exactly ``n_indicators``."""
        positions = [e for e in elements if e.level == "position"]
        fixed = sum(len(e.indicators) for e in elements)
        remaining = self.n_indicators - fixed
        if remaining < len(positions):
            raise SystemExit(f"--indicators too low: the structure alone has {fixed} indicators and every "
                             f"one of the {len(positions)} positions needs at least one IKI")
        base, extra = divmod(remaining, len(positions))
        for i, el in enumerate(positions):
            code = el.id.split(".")[0]
            sources = self._position_sources[code]
            for j in range(base + (1 if i < extra else 0)):
                src = self.rng.choice(sources)
                if j % 3 == 0:
                    formula, unit = f"{src}.achievement", "%"
                elif j % 3 == 1:
                    formula, unit = f"min({src}.actual / {src}.target × 100%, 120)", "%"
                else:
                    formula, unit = f"{src}", "nilai"
                el.indicators.append(Ind(f"{el.id}.iki{j + 1}", f"IKI {j + 1} {el.id}", formula, unit=unit))

    # ----------------------------------------------------------------- writing
    def write(self, out: Path) -> dict:
        region, region_vars, agencies = self.build()
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        (out / "rpjmd.yaml").write_text(self.render_file(region, region_vars, None, indonesian=True), "utf-8")
        n_files = 1
        for a, (code, ag) in enumerate(agencies.items()):
            folder = out / code
            folder.mkdir()
            indo = a % 2 == 0
            (folder / "variabel.yaml").write_text(self.render_file([], ag["variables"], ag["name"], indo), "utf-8")
            for fname, els in ag["files"].items():
                (folder / f"{fname}.yaml").write_text(self.render_file(els, [], ag["name"], indo), "utf-8")
            n_files += 1 + len(ag["files"])
        elements = region + [e for ag in agencies.values() for part in ag["files"].values() for e in part]
        return {"files": n_files, "elements": len(elements),
                "indicators": sum(len(e.indicators) for e in elements),
                "variables": len(region_vars) + sum(len(ag["variables"]) for ag in agencies.values()),
                "bytes": sum(f.stat().st_size for f in out.rglob("*.yaml"))}

    def render_file(self, elements: list[El], variables: list[tuple[str, str, str]], agency: str | None,
                    indonesian: bool) -> str:
        K = _ID_KEYS if indonesian else {k: k for k in _ID_KEYS}
        rng = self.rng
        lines = ["# generated by bench/gen_definitions.py", f"{K['version']}: 1"]
        if agency:
            lines.append(f"{K['agency']}: {agency}")
        if variables:
            lines.append(f"{K['variables']}:")
            for vid, label, unit in variables:
                # realised counts are flows (sum over months); planned counts and indices are stocks
                agg = "sum" if vid.rsplit("_", 1)[-1].startswith("n") else "last"
                lines.append(f"  - {{id: {vid}, label: {label}, {K['unit']}: {unit}, "
                             f"{K['period_aggregation']}: {agg}}}")
        if elements:
            lines.append(f"{K['elements']}:")
        for el in elements:
            lines.append(f"  - id: {el.id}")
            lines.append(f"    {K['level']}: {_LEVEL_ID[el.level] if indonesian else el.level}")
            lines.append(f"    {K['statement']}: {el.statement}")
            if el.supports:
                lines.append(f"    {K['supports']}: [{', '.join(el.supports)}]")
            if el.budget:
                lines.append(f"    {K['budget']}:")
                for y in YEARS[:2]:
                    ceiling = rng.randrange(50, 5000) * 1_000_000
                    lines.append(f"      {y}: {{{K['ceiling']}: {ceiling}, {K['spent']}: "
                                 f"{int(ceiling * rng.uniform(0.6, 1.0))}}}")
            if el.holders:
                lines.append(f"    {K['holders']}:")
                for nip, name in el.holders:
                    lines.append(f"      - {{id: \"{nip}\", {K['name']}: {name}}}")
            if el.indicators:
                lines.append(f"    {K['indicators']}:")
            for ind in el.indicators:
                lines.append(f"      - id: {ind.id}")
                lines.append(f"        {K['name']}: {ind.name}")
                lines.append(f"        {K['unit']}: {q(ind.unit)}")
                if ind.kind == "grade":
                    lines.append(f"        {K['grade_scale']}: sakip")
                    lines.append(f"        target: {{{', '.join(f'{y}: {g}' for y, g in zip(YEARS, ('B', 'BB', 'BB', 'A', 'A')))}}}")
                elif ind.kind == "range":
                    lines.append(f"        {K['polarity']}: {'rentang' if indonesian else 'range'}")
                    lines.append("        target: {min: 2, max: 4}")
                elif ind.kind == "negative":
                    lines.append(f"        {K['polarity']}: {'negatif' if indonesian else 'negative'}")
                    lines.append(f"        target: {{{', '.join(f'{y}: {20 - 2 * i}' for i, y in enumerate(YEARS))}}}")
                elif ind.kind == "quarterly":
                    lines.append("        target:")
                    for y in YEARS[:2]:
                        for qn in range(1, 5):
                            lines.append(f"          {y}-Q{qn}: {qn * 25}")
                        lines.append(f"          {y}: 100")
                else:
                    base = rng.randrange(60, 95)
                    lines.append(f"        target: {{{', '.join(f'{y}: {base + i}' for i, y in enumerate(YEARS))}}}")
                if ind.formula is not None:
                    if len(ind.formula) > 70 and rng.random() < 0.5:
                        lines.append(f"        {K['formula']}: >")
                        words = ind.formula.split(" ")
                        cut = len(words) // 2
                        lines.append("          " + " ".join(words[:cut]))
                        lines.append("          " + " ".join(words[cut:]))
                    else:
                        lines.append(f"        {K['formula']}: {q(ind.formula)}")
                if ind.formula is None:
                    lines.append(f"        {K['source']}: Laporan Hasil Evaluasi SAKIP {agency or 'Inspektorat'}")
                elif rng.random() < 0.2:
                    lines.append(f"        {K['source']}: Laporan bulanan {agency or 'Bappeda'}")
        return "\n".join(lines) + "\n"


_ID_KEYS = {"version": "versi", "agency": "perangkat_daerah", "variables": "variabel", "elements": "elemen",
            "level": "tingkat", "statement": "uraian", "supports": "mendukung", "budget": "anggaran",
            "ceiling": "pagu", "spent": "realisasi", "holders": "pemegang", "name": "nama",
            "indicators": "indikator", "unit": "satuan", "grade_scale": "skala_nilai", "polarity": "polaritas",
            "formula": "rumus", "source": "sumber_data", "period_aggregation": "agregasi_periode"}
_LEVEL_ID = {"vision": "visi", "mission": "misi", "goal": "tujuan", "objective": "sasaran",
             "agency_goal": "tujuan_pd", "agency_objective": "sasaran_pd", "program": "program",
             "activity": "kegiatan", "sub_activity": "sub_kegiatan", "position": "jabatan"}


def generate(out: Path, elements: int = 10_000, indicators: int = 30_000, agencies: int = 35,
             seed: int = 2024) -> dict:
    """Write the set into ``out`` (replacing it); return its counts."""
    return Gen(elements, indicators, agencies, seed).write(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--elements", type=int, default=10_000)
    ap.add_argument("--indicators", type=int, default=30_000)
    ap.add_argument("--agencies", type=int, default=35)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    stats = generate(args.out, args.elements, args.indicators, args.agencies, args.seed)
    print(f"{args.out}: {stats['files']} files, {stats['elements']:,} elements, {stats['indicators']:,} indicators, "
          f"{stats['variables']:,} variables, {stats['bytes'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
