"""Messages of ``indikator audit`` (PRODUCT.md §11): findings, notes, the table's headings."""

MESSAGES = {
    # findings
    "audit-capaian-slip": {
        "en": "capaian {reported} cannot come from this row: no realisasi within its shown precision gives it;"
              " {formula} = {expected}",
        "id": "capaian {reported} tidak mungkin berasal dari baris ini: tidak ada realisasi dalam ketelitian yang"
              " ditampilkan yang menghasilkannya; {formula} = {expected}",
    },
    "audit-capaian-rounding": {
        "en": "capaian {reported} is rounded differently: {formula} = {expected} from the cells as shown, but"
              " {reported} is within the precision of the inputs (unshown digits, or truncated)",
        "id": "capaian {reported} hanya berbeda pembulatan: {formula} = {expected} dari angka yang ditampilkan,"
              " tetapi {reported} masih dalam ketelitian masukannya (digit yang tidak ditampilkan, atau dipotong)",
    },
    "audit-mean-slip": {
        "en": "the average {reported} does not match the {n} figures above it ({figures}): their mean is {expected}",
        "id": "rata-rata {reported} tidak sesuai dengan {n} angka di atasnya ({figures}): rata-ratanya {expected}",
    },
    "audit-mean-rounding": {
        "en": "the average {reported} is rounded differently: the mean of {figures} is {expected}, within their"
              " precision",
        "id": "rata-rata {reported} hanya berbeda pembulatan: rata-rata {figures} adalah {expected}, masih dalam"
              " ketelitiannya",
    },
    "audit-sum-slip": {
        "en": "the total {reported} does not match the {n} figures above it ({figures}): their sum is {expected}",
        "id": "jumlah {reported} tidak sesuai dengan {n} angka di atasnya ({figures}): jumlahnya {expected}",
    },
    "audit-sum-rounding": {
        "en": "the total {reported} is rounded differently: the sum of {figures} is {expected}, within their"
              " precision",
        "id": "jumlah {reported} hanya berbeda pembulatan: jumlah {figures} adalah {expected}, masih dalam"
              " ketelitiannya",
    },
    "audit-absorption-slip": {
        "en": "absorption {reported} does not match the budget: {spent} / {ceiling} × 100 = {expected}",
        "id": "serapan {reported} tidak sesuai dengan anggarannya: {spent} / {ceiling} × 100 = {expected}",
    },
    "audit-absorption-rounding": {
        "en": "absorption {reported} is truncated: {spent} / {ceiling} × 100 = {expected}",
        "id": "serapan {reported} dipotong, bukan dibulatkan: {spent} / {ceiling} × 100 = {expected}",
    },
    "audit-predicate-slip": {
        "en": "predicate \u201c{reported}\u201d does not match capaian {capaian}: on the {scale} scale it is"
              " \u201c{expected}\u201d",
        "id": "predikat \u201c{reported}\u201d tidak sesuai dengan capaian {capaian}: pada skala {scale} predikatnya"
              " \u201c{expected}\u201d",
    },
    "audit-scale-hint": {
        "en": "(the label belongs to the {scale} scale: audit with --scale {scale}?)",
        "id": "(label ini milik skala {scale}: periksa dengan --scale {scale}?)",
    },
    "audit-two-predicates": {
        "en": "the same indicator is rated \u201c{reported}\u201d here and \u201c{expected}\u201d in {where}",
        "id": "indikator yang sama diberi predikat \u201c{reported}\u201d di sini dan \u201c{expected}\u201d di"
              " {where}",
    },
    "audit-engine": {
        "en": "From the data the engine computes, for {period}: realisasi {actual}, capaian {achievement},"
              " predicate {predicate}.",
        "id": "Dari data, mesin menghitung untuk {period}: realisasi {actual}, capaian {achievement},"
              " predikat {predicate}.",
    },
    # notes (not findings)
    "audit-cell-unreadable": {
        "en": "{where}: '{text}' is not read as a number ({reason}); the checks that need it are skipped",
        "id": "{where}: '{text}' tidak terbaca sebagai angka ({reason}); pemeriksaan yang memerlukannya dilewati",
    },
    "audit-group-skipped": {
        "en": "{where}: the columns of {year} have no {missing}; their capaian is not checked",
        "id": "{where}: kolom tahun {year} tidak memiliki {missing}; capaiannya tidak diperiksa",
    },
    "audit-unmatched": {
        "en": "'{name}' matches no indicator of the definitions",
        "id": "'{name}' tidak cocok dengan indikator mana pun dalam definisi",
    },
    "audit-unmatched-suggest": {
        "en": "'{name}' matches no indicator of the definitions; did you mean {suggestion}?",
        "id": "'{name}' tidak cocok dengan indikator mana pun dalam definisi; maksudnya {suggestion}?",
    },
    "audit-unit-differs": {
        "en": "'{name}': the table's unit '{unit}' differs from {id}'s '{defined}' in the definitions",
        "id": "'{name}': satuan tabel '{unit}' berbeda dengan satuan {id} '{defined}' dalam definisi",
    },
    "audit-formula-without-value": {
        "en": "{where}: a formula cell without a stored value ({formula}); open and save the file in a"
              " spreadsheet program so its values are stored",
        "id": "{where}: sel rumus tanpa nilai tersimpan ({formula}); buka dan simpan berkas di program"
              " lembar kerja agar nilainya tersimpan",
    },
    "audit-scale-unknown": {
        "en": "unknown predicate scale '{scale}'; known: {known}",
        "id": "skala predikat '{scale}' tidak dikenal; yang dikenal: {known}",
    },
    # the file cannot be read (exit 1)
    "audit-file-missing": {
        "en": "{path}: no such file",
        "id": "{path}: berkas tidak ada",
    },
    "audit-file-unreadable": {
        "en": "{path}: cannot be read as a table: {reason}",
        "id": "{path}: tidak dapat dibaca sebagai tabel: {reason}",
    },
    "audit-file-kind": {
        "en": "{path}: expected a table in .xlsx or .csv",
        "id": "{path}: tabel harus berupa .xlsx atau .csv",
    },
    "audit-no-header": {
        "en": "{where}: no header row found; a table needs the columns {columns}",
        "id": "{where}: baris judul kolom tidak ditemukan; tabel memerlukan kolom {columns}",
    },
    "audit-missing-column": {
        "en": "{where}: required column {missing} not found (headers read: {found})",
        "id": "{where}: kolom wajib {missing} tidak ditemukan (judul kolom yang terbaca: {found})",
    },
    # the terminal table
    "audit-head-where": {"en": "Cell", "id": "Sel"},
    "audit-head-indicator": {"en": "Indicator", "id": "Indikator"},
    "audit-head-kind": {"en": "Kind", "id": "Jenis"},
    "audit-head-reported": {"en": "Reported", "id": "Dilaporkan"},
    "audit-head-expected": {"en": "Expected", "id": "Seharusnya"},
    "audit-head-message": {"en": "Message", "id": "Pesan"},
    "audit-kind-slip": {"en": "slip", "id": "salah hitung"},
    "audit-kind-rounding": {"en": "rounding", "id": "pembulatan"},
    "audit-summary": {
        "en": "{path}: {rows} rows read, {slips} slips, {roundings} rounded differently",
        "id": "{path}: {rows} baris dibaca, {slips} salah hitung, {roundings} beda pembulatan",
    },
    "audit-title": {"en": "Audit of {path}", "id": "Audit {path}"},
}
