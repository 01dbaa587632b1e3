"""Messages of the documents (report footnotes, signature block, chart pages), PRODUCT.md §9.

The report's footnotes say in plain words why a figure is missing or undefined: periods as a
planner writes them ("Triwulan I s.d. III 2023"), variables by their label, never an internal id.
"""

MESSAGES = {
    "doc-no-data": {
        "id": "Data realisasi {period} belum tersedia: {what}.",
        "en": "Actual data for {period} is not yet available: {what}.",
    },
    "doc-no-actual": {
        "id": "Realisasi {period} belum tersedia: {what}.",
        "en": "The actual for {period} is not yet available: {what}.",
    },
    "doc-data-error": {
        "id": "Data {what} untuk {period} tidak dapat dipakai: {reason}.",
        "en": "The data of {what} for {period} cannot be used: {reason}.",
    },
    "doc-no-target": {
        "id": "Target {period} belum ditetapkan.",
        "en": "No target has been set for {period}.",
    },
    "doc-target-zero": {
        "id": "Target bernilai 0, sehingga capaian tidak dapat dihitung.",
        "en": "The target is 0, so the achievement cannot be computed.",
    },
    "doc-division-by-zero": {
        "id": "Pembagian dengan nol pada rumus {formula}, sehingga nilainya tidak dapat dihitung.",
        "en": "Division by zero in the formula {formula}, so the value cannot be computed.",
    },
    "doc-skipped": {
        "id": "{count} nilai yang belum tersedia tidak ikut dihitung.",
        "en": "{count} value(s) not yet available were left out of the calculation.",
    },
    "doc-left-out-indicator": {
        "id": "Indikator {names} tidak ikut dirata-rata karena capaiannya belum tersedia.",
        "en": "Indicator(s) {names} left out of the mean: the achievement is not yet available.",
    },
    "doc-left-out-indicator-undefined": {
        "id": "Indikator {names} tidak ikut dirata-rata karena capaiannya tidak dapat dihitung.",
        "en": "Indicator(s) {names} left out of the mean: the achievement cannot be computed.",
    },
    "doc-left-out-element": {
        "id": "Elemen pendukung {names} tidak ikut dirata-rata karena capaiannya belum tersedia.",
        "en": "Supporting element(s) {names} left out of the mean: the achievement is not yet available.",
    },
    "doc-left-out-element-undefined": {
        "id": "Elemen pendukung {names} tidak ikut dirata-rata karena capaiannya tidak dapat dihitung.",
        "en": "Supporting element(s) {names} left out of the mean: the achievement cannot be computed.",
    },
    "doc-no-indicators": {
        "id": "Elemen ini tidak memiliki indikator dan tidak mengambil capaian dari elemen pendukungnya.",
        "en": "This element has no indicators and does not take its achievement from its supporting elements.",
    },
    "doc-no-children": {
        "id": "Tidak ada {what} untuk diambil capaiannya.",
        "en": "There is no {what} to take the achievement from.",
    },
    "doc-no-end-target": {
        "id": "Target tahunan (target akhir Renstra) belum ditetapkan.",
        "en": "No yearly targets (end-of-Renstra target) have been set.",
    },
    "doc-no-previous": {
        "id": "Periode yang sama tahun sebelumnya di luar jangkauan data.",
        "en": "The same period a year before is out of range.",
    },
    "doc-budget-year": {
        "id": "Anggaran yang dipakai adalah anggaran {period}.",
        "en": "The budget shown is that of {period}.",
    },
    "doc-no-spent": {
        "id": "Realisasi anggaran {period} belum tersedia.",
        "en": "Spending for {period} is not yet available.",
    },
    "doc-no-ceiling": {
        "id": "Pagu anggaran belum ditetapkan.",
        "en": "No budget ceiling has been set.",
    },
    "doc-ceiling-zero": {
        "id": "Pagu bernilai 0, sehingga serapan tidak dapat dihitung.",
        "en": "The budget ceiling is 0, so absorption cannot be computed.",
    },
    "doc-no-budget": {
        "id": "Tidak memiliki anggaran.",
        "en": "Has no budget.",
    },
    "doc-no-objective-achievement": {
        "id": "Belum ada sasaran strategis yang capaiannya tersedia.",
        "en": "No strategic objective has an achievement yet.",
    },
    "doc-in-period": {
        "id": "{period}: {text}",
        "en": "{period}: {text}",
    },
    "doc-footnotes": {
        "id": "Catatan kaki",
        "en": "Footnotes",
    },
    "doc-place-date": {
        "id": "{place}, {date}",
        "en": "{place}, {date}",
    },
    "doc-nip": {
        "id": "NIP. {nip}",
        "en": "NIP. {nip}",
    },
    "doc-scale": {
        "id": "Skala predikat: {title}",
        "en": "Predicate scale: {title}",
    },
    "doc-period": {
        "id": "Periode: {period}",
        "en": "Period: {period}",
    },
    "doc-page": {
        "id": "Halaman {page} dari {pages}",
        "en": "Page {page} of {pages}",
    },
    "doc-continued": {
        "id": "lanjutan",
        "en": "continued",
    },
    "doc-chart-title": {
        "id": "Pohon Kinerja {agency}",
        "en": "Performance tree, {agency}",
    },
    "doc-chart-region": {
        "id": "Pohon Kinerja Daerah",
        "en": "Regional performance tree",
    },
    "doc-chart-positions": {
        "id": "Jabatan dan Indikator Kinerja Individu, {agency}",
        "en": "Positions and individual indicators, {agency}",
    },
    "doc-supports": {
        "id": "Mendukung: {what}",
        "en": "Supports: {what}",
    },
    "doc-holders": {
        "id": "Pemegang: {who}",
        "en": "Holders: {who}",
    },
    "doc-stale-pages": {
        "id": "{count} berkas halaman dari gambar sebelumnya masih ada di folder ini ({files}): bukan bagian "
              "bagan ini; hapus bila tidak diperlukan",
        "en": "{count} page files of an earlier chart are still in this folder ({files}): they are not part of "
              "this chart; delete them if not needed",
    },
    "doc-too-small-many": {
        "id": "{count} halaman tetap terlalu besar untuk A4: teksnya diperkecil sampai {points} pt "
              "(halaman {pages})",
        "en": "{count} pages are still too large for A4: their text shrunk to {points} pt "
              "(pages {pages})",
    },
    "doc-too-small": {
        "id": "halaman {page} ({title}) tetap terlalu besar untuk A4: teks diperkecil sampai {points} pt",
        "en": "page {page} ({title}) is still too large for A4: text shrunk to {points} pt",
    },
}
