"""Messages of ``indikator explain`` and the web page's derivation (``indikator.output.explain``)."""

MESSAGES = {
    "w-actual": {"en": "actual", "id": "realisasi"},
    "w-target": {"en": "target", "id": "target"},
    "w-achievement": {"en": "achievement", "id": "capaian"},
    "x-own-data": {"en": "data under the indicator's own id", "id": "data dengan id indikator itu sendiri"},
    "x-data-variable": {"en": "data variable {id}", "id": "variabel data {id}"},
    "x-field-of": {"en": "{field} of indicator {id}", "id": "{field} indikator {id}"},
    "x-children-field": {"en": "{field} of the indicators of the supporting elements",
                         "id": "{field} indikator elemen pendukung"},
    "x-value-of": {"en": "{id} = {value}", "id": "{id} = {value}"},
    "x-status": {"en": "status {status}", "id": "status {status}"},
    "x-no-data-files": {"en": "no data files given", "id": "tidak ada berkas data"},
    "x-exact": {"en": "the value given exactly for the period", "id": "nilai yang diberikan tepat untuk periode ini"},
    "x-no-data": {"en": "no data", "id": "tidak ada data"},
    "x-aggregated": {"en": "{rule} over the points inside the period", "id": "{rule} atas data di dalam periode"},
    "x-aggregated-as": {"en": "{rule} over the points inside the period (period_aggregation {aggregation})",
                        "id": "{rule} atas data di dalam periode (agregasi_periode {aggregation})"},
    "x-used": {"en": "used {period} = {value}", "id": "dipakai {period} = {value}"},
    "x-skipped": {"en": "skipped {period}: empty", "id": "dilewati {period}: kosong"},
    "x-error": {"en": "error: {message}", "id": "galat: {message}"},
    # the text of ``indikator explain``
    "x-element": {"en": "element: {id}", "id": "elemen: {id}"},
    "x-note": {"en": "note: {note}", "id": "catatan: {note}"},
    "x-position-note": {"en": "{element} is a position with {n} holder(s): eval, the chart, the report and the web "
                              "page show the mean over its holders; explain one with --entity NIP ({examples})",
                        "id": "{element} adalah jabatan dengan {n} pemegang: eval, bagan, laporan dan halaman web "
                              "menampilkan rata-rata para pemegangnya; jelaskan salah satunya dengan --entity NIP "
                              "({examples})"},
    "x-period": {"en": "period: {period}", "id": "periode: {period}"},
    "x-entity": {"en": "entity: {entity}", "id": "entitas: {entity}"},
    "x-no-entity": {"en": "(none: the data without an entity)", "id": "(tidak ada: data tanpa entitas)"},
    "x-formula-at": {"en": "formula ({at}): {formula}", "id": "rumus ({at}): {formula}"},
    "x-no-formula": {"en": "formula: none — the actual is the data under the indicator's id",
                     "id": "rumus: tidak ada — realisasinya adalah data dengan id indikator"},
    "x-in-period": {"en": " in {period}", "id": " pada {period}"},
    "x-actual": {"en": "actual (realisasi) = {value}", "id": "realisasi = {value}"},
    "x-no-target": {"en": "target: none for {period}", "id": "target: tidak ada untuk {period}"},
    "x-target": {"en": "target = {target}   (from key {key})", "id": "target = {target}   (dari kunci {key})"},
    "x-method": {"en": "achievement method: {method}", "id": "metode capaian: {method}"},
    "x-polarity": {"en": " (polarity {polarity})", "id": " (polaritas {polarity})"},
    "x-cap": {"en": "cap (batas capaian): {cap} — applied last", "id": "batas capaian: {cap} — diterapkan terakhir"},
    "x-no-cap": {"en": "cap: none", "id": "batas capaian: tidak ada"},
    "x-achievement": {"en": "achievement (capaian) = {value}", "id": "capaian = {value}"},
    "x-predicate": {"en": "predicate (predikat): {label}{bound} — scale {scale}, from the achievement rounded to "
                          "{rounded}",
                    "id": "predikat: {label}{bound} — skala {scale}, dari capaian yang dibulatkan menjadi {rounded}"},
    "x-no-predicate": {"en": "predicate: none (scale {scale})", "id": "predikat: tidak ada (skala {scale})"},
    "x-status-line": {"en": "status: {status}", "id": "status: {status}"},
    "status-ok": {"en": "ok", "id": "ok"},
    "status-missing": {"en": "missing", "id": "data tidak ada"},
    "status-error": {"en": "error", "id": "tidak terdefinisi"},
    "method-positive": {"en": "positive: actual / target × 100", "id": "positif: realisasi / target × 100"},
    "method-negative": {"en": "negative: (2 × target − actual) / target × 100, floored at 0",
                        "id": "negatif: (2 × target − realisasi) / target × 100, paling kecil 0"},
    "method-inverse": {"en": "inverse: target / actual × 100", "id": "kebalikan: target / realisasi × 100"},
    "method-range": {"en": "range: 100 inside [min, max]; below: actual / min × 100; above: (2 × max − actual) / "
                           "max × 100",
                     "id": "rentang: 100 di dalam [min, max]; di bawah: realisasi / min × 100; di atas: "
                           "(2 × max − realisasi) / max × 100"},
    "method-grade": {"en": "grade: 100 when the actual grade reaches the target, else rank(actual) / rank(target) "
                           "× 100",
                     "id": "nilai: 100 bila nilai realisasi mencapai target, selain itu peringkat(realisasi) / "
                           "peringkat(target) × 100"},
    "method-none": {"en": "none (no target)", "id": "tidak ada (tidak ada target)"},
    "method-formula": {"en": "the indicator's own achievement formula", "id": "rumus capaian milik indikator ini"},
}
