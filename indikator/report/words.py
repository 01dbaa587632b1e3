"""The report's words and periods in Indonesian and English (``TEXT``, :func:`period_label`).
"""
from __future__ import annotations

from ..data.periods import Period, PeriodError, parse_period
from ..model import LEVEL_LABELS


# ---------------------------------------------------------------------------- words
TEXT = {
    "id": {
        "title": "Laporan Pengukuran Kinerja",
        "no": "No", "indicator": "Indikator Kinerja", "unit": "Satuan", "target": "Target",
        "actual": "Realisasi", "achievement": "Capaian %", "predicate": "Predikat", "notes": "Keterangan",
        "objective": "Sasaran Strategis", "n_ind": "Jumlah Indikator", "ceiling": "Pagu (Rp)",
        "spent": "Realisasi Anggaran (Rp)", "absorption": "Serapan %", "perf": "Capaian Kinerja %",
        "efficiency": "Efisiensi", "element": "Uraian", "level": "Tingkat",
        "nip": "NIP", "name": "Nama", "position": "Jabatan",
        "renstra": "Akhir Renstra", "renstra_target": "Target", "renstra_ach": "Capaian %",
        "t_pk": "Pengukuran Kinerja Sasaran Strategis {n}",
        "t_cmp": "Perbandingan dengan {prev} dan dengan Target Akhir Renstra",
        "t_budget": "Anggaran dan Efisiensi Sasaran Strategis {n}",
        "t_summary": "Ringkasan Capaian Kinerja {agency}",
        "t_iki": "Indikator Kinerja Individu (IKI) {agency}",
        "s_summary": "Ringkasan", "s_pk": "S{n} Pengukuran", "s_cmp": "S{n} Perbandingan",
        "s_budget": "S{n} Anggaran", "s_iki": "IKI",
        "objective_total": "Capaian sasaran strategis",
        "agency_total": "Capaian kinerja perangkat daerah",
        "holder_total": "Capaian jabatan",
        "position_mean": "Capaian jabatan: rata-rata {n} pemegang",
        "no_holder": "(belum ada pemegang jabatan)",
        "missing": "data tidak ada", "error": "tidak terdefinisi",
        "levels": LEVEL_LABELS["id"],
        "no_objectives": "Perangkat daerah ini tidak memiliki sasaran strategis (tingkat agency_objective).",
        "n_pk": ("Capaian = realisasi / target × 100; polaritas negatif: (2 × target − realisasi) / target × 100; "
                 "rentang: 100 di dalam rentang. Capaian sasaran = rata-rata (tertimbang) capaian indikatornya. "
                 "Predikat dari capaian yang dibulatkan dua desimal."),
        "n_cmp": ("Target akhir Renstra = target tahun terakhir pada peta target indikator; capaiannya = "
                  "realisasi periode ini dibandingkan dengan target itu."),
        "n_budget_difference": ("Serapan = realisasi anggaran / pagu × 100. Efisiensi = capaian kinerja − serapan "
                                "anggaran (poin persen). Program lintas sasaran (crosscutting) dihitung penuh pada "
                                "setiap sasaran yang didukungnya."),
        "n_budget_ratio": ("Serapan = realisasi anggaran / pagu × 100. Efisiensi = capaian kinerja / serapan "
                           "anggaran × 100. Program lintas sasaran (crosscutting) dihitung penuh pada setiap "
                           "sasaran yang didukungnya."),
        "n_summary": ("Capaian kinerja perangkat daerah = rata-rata capaian sasaran strategisnya. Pagu perangkat "
                      "daerah = jumlah anggaran elemen teratas yang beranggaran sendiri (tanpa hitung ganda)."),
        "n_iki": "Nilai IKI dihitung per pemegang jabatan (NIP) dari data entitas NIP tersebut.",
        "sources": "Sumber data",
        "r_no_end_target": "tidak ada target tahunan (target akhir Renstra)",
        "r_no_prev": "periode tahun sebelumnya di luar jangkauan",
        "r_budget_year": "anggaran {k}",
        "r_no_spent": "realisasi anggaran {p} tidak ada",
        "r_no_ceiling": "pagu tidak ada",
        "r_ceiling0": "pagu 0: serapan tidak terdefinisi",
        "r_summed": "jumlah anggaran elemen pendukung",
        "r_crosscut": "lintas sasaran, juga mendukung: {ids}",
        "r_no_budget": "tanpa anggaran",
        "r_overall_missing": "tidak ada sasaran strategis dengan capaian",
        "months": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                   "Oktober", "November", "Desember"),
        "year": "Tahun {y}", "semester": "Semester {n} {y}", "quarter": "Triwulan {n} {y}",
        "through": "s.d.", "range_same": "{g} {a} s.d. {b} {y}", "gw": {"quarter": "Triwulan", "semester": "Semester"},
        "scale_from": "≥ {lo}", "scale_between": "{lo} – < {hi}", "scale_below": "< {hi}",
    },
    "en": {
        "title": "Performance Measurement Report",
        "no": "No", "indicator": "Indicator", "unit": "Unit", "target": "Target",
        "actual": "Actual", "achievement": "Achievement %", "predicate": "Predicate", "notes": "Notes",
        "objective": "Strategic objective", "n_ind": "Indicators", "ceiling": "Budget ceiling (Rp)",
        "spent": "Spent (Rp)", "absorption": "Absorption %", "perf": "Performance %",
        "efficiency": "Efficiency", "element": "Element", "level": "Level",
        "nip": "NIP", "name": "Name", "position": "Position",
        "renstra": "End of Renstra", "renstra_target": "Target", "renstra_ach": "Achievement %",
        "t_pk": "Performance measurement, strategic objective {n}",
        "t_cmp": "Comparison with {prev} and with the end-of-Renstra target",
        "t_budget": "Budget and efficiency, strategic objective {n}",
        "t_summary": "Summary of {agency}",
        "t_iki": "Individual indicators (IKI), {agency}",
        "s_summary": "Summary", "s_pk": "O{n} Measurement", "s_cmp": "O{n} Comparison",
        "s_budget": "O{n} Budget", "s_iki": "IKI",
        "objective_total": "Objective achievement",
        "agency_total": "Agency achievement",
        "holder_total": "Position achievement",
        "position_mean": "Position achievement: mean of {n} holders",
        "no_holder": "(no holder)",
        "missing": "missing", "error": "undefined",
        "levels": LEVEL_LABELS["en"],
        "no_objectives": "This agency has no strategic objectives (level agency_objective).",
        "n_pk": ("Achievement = actual / target × 100; negative polarity: (2 × target − actual) / target × 100; "
                 "range: 100 inside the range. Objective achievement = (weighted) mean of its indicators'. "
                 "Predicates rate the achievement rounded to two decimals."),
        "n_cmp": ("End-of-Renstra target = the target of the last year in the indicator's target map; its "
                  "achievement compares this period's actual with it."),
        "n_budget_difference": ("Absorption = spent / ceiling × 100. Efficiency = performance − absorption "
                                "(percentage points). A crosscutting program counts in full under every "
                                "objective it supports."),
        "n_budget_ratio": ("Absorption = spent / ceiling × 100. Efficiency = performance / absorption × 100. "
                           "A crosscutting program counts in full under every objective it supports."),
        "n_summary": ("Agency achievement = mean of its strategic objectives' achievements. Agency budget = sum of "
                      "the topmost elements with a budget of their own (nothing counted twice)."),
        "n_iki": "Individual indicators are evaluated per position holder (NIP) on that NIP's data.",
        "sources": "Data sources",
        "r_no_end_target": "no yearly targets (end-of-Renstra target)",
        "r_no_prev": "the year before is out of range",
        "r_budget_year": "budget of {k}",
        "r_no_spent": "no spending for {p}",
        "r_no_ceiling": "no budget ceiling",
        "r_ceiling0": "ceiling is 0: absorption undefined",
        "r_summed": "sum of the supporting elements' budgets",
        "r_crosscut": "crosscutting, also supports: {ids}",
        "r_no_budget": "no budget",
        "r_overall_missing": "no strategic objective has an achievement",
        "months": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"),
        "year": "{y}", "semester": "Semester {n} {y}", "quarter": "Q{n} {y}",
        "through": "to", "range_same": "{g}{a}–{g}{b} {y}", "gw": {"quarter": "Q", "semester": "S"},
        "scale_from": "≥ {lo}", "scale_between": "{lo} – < {hi}", "scale_below": "< {hi}",
    },
}


_ROMAN = ("I", "II", "III", "IV")


def period_label(period: Period, lang: str = "id") -> str:
    """A period as a planner writes it: ``Triwulan I s.d. III 2024``, ``Semester I 2024``."""
    T = TEXT[lang]
    if period.granularity == "range":
        a_key, b_key = period.key.split("..")
        a, b = parse_period(a_key), parse_period(b_key)
        if (a.granularity == b.granularity and a.granularity in ("quarter", "semester")
                and a.year_start() == b.year_start()):
            n_a = (a.start_month % 12) // (3 if a.granularity == "quarter" else 6)
            n_b = (b.start_month % 12) // (3 if b.granularity == "quarter" else 6)
            num = (lambda k: _ROMAN[k]) if lang == "id" else (lambda k: str(k + 1))
            return T["range_same"].format(g=T["gw"][a.granularity], a=num(n_a), b=num(n_b), y=a.year_start())
        return f"{period_label(a, lang)} {T['through']} {period_label(b, lang)}"
    y = period.year_start()
    m0 = period.start_month % 12
    if period.granularity == "year":
        return T["year"].format(y=y)
    if period.granularity == "semester":
        n = m0 // 6
        return T["semester"].format(n=_ROMAN[n] if lang == "id" else n + 1, y=y)
    if period.granularity == "quarter":
        n = m0 // 3
        return T["quarter"].format(n=_ROMAN[n] if lang == "id" else n + 1, y=y)
    return f"{T['months'][m0]} {y}"


def year_before(period: Period) -> Period | None:
    """The same span one year earlier: ``2024-Q3`` → ``2023-Q3``, ``2024-Q1..2024-Q3`` → ``2023-Q1..2023-Q3``."""
    try:
        if period.granularity == "range":
            return period.lag(1)
        return parse_period(f"{period.year_start() - 1:04d}{period.key[4:]}")
    except PeriodError:
        return None
