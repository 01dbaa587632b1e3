"""Messages of the evaluation (``indikator.engine``): why a value is missing or undefined.

Kept as ``Problem(code, params)`` beside each entity's result; the report and the web page
group them by code, the CSV/JSON writers say them in the chosen language. The English
wording is the one the engine wrote before the catalog (goldens and tests read it).
"""

MESSAGES = {
    # where in an indicator a problem arose (a parameter of the messages below)
    "where-formula": {"en": "formula of {indicator}", "id": "rumus {indicator}"},
    "where-achievement": {"en": "achievement of {indicator}", "id": "capaian {indicator}"},
    # words used as parameters
    "w-indicator": {"en": "indicator", "id": "indikator"},
    "w-supporting-element": {"en": "supporting element", "id": "elemen pendukung"},
    "w-missing": {"en": "missing", "id": "tidak ada"},
    "w-undefined": {"en": "undefined", "id": "tidak terdefinisi"},
    # data
    "eng-no-data": {"en": "no data for '{what}' in {period}", "id": "tidak ada data untuk '{what}' pada {period}"},
    "eng-data-error": {"en": "data error for '{what}' in {period}: {error}",
                       "id": "galat data untuk '{what}' pada {period}: {error}"},
    "eng-no-actual": {"en": "'{indicator}' has no actual in {period}",
                      "id": "'{indicator}' tidak memiliki realisasi pada {period}"},
    "eng-no-target-of": {"en": "'{indicator}' has no target in {period}",
                         "id": "'{indicator}' tidak memiliki target pada {period}"},
    "eng-no-achievement": {"en": "'{indicator}' has no achievement in {period}",
                           "id": "'{indicator}' tidak memiliki capaian pada {period}"},
    # formulas
    "eng-not-compiled": {"en": "the formula of {indicator} could not be compiled",
                         "id": "rumus {indicator} tidak dapat dikompilasi"},
    "eng-gives-list": {"en": "the formula of {indicator} gives a list; use avg(), sum() …",
                       "id": "rumus {indicator} menghasilkan daftar; gunakan avg(), sum() …"},
    "eng-not-a-grade": {"en": "'{text}' is not a grade of this indicator's grade scale ({where})",
                        "id": "'{text}' bukan nilai pada skala nilai indikator ini ({where})"},
    "eng-overflow": {"en": "'{text}' is too large to compute (overflow) ({where})",
                     "id": "'{text}' terlalu besar untuk dihitung (overflow) ({where})"},
    "eng-division-by-zero": {"en": "division by zero (pembagian dengan nol) in '{text}' ({where})",
                             "id": "pembagian dengan nol pada '{text}' ({where})"},
    "eng-undefined-here": {"en": "'{text}' is undefined here ({where})",
                           "id": "'{text}' tidak terdefinisi di sini ({where})"},
    "eng-sqrt-negative": {"en": "square root of a negative number in '{text}' ({where})",
                          "id": "akar kuadrat dari bilangan negatif pada '{text}' ({where})"},
    "eng-skipped-one": {"en": "{fn}() in '{text}' skipped {k} missing value",
                        "id": "{fn}() pada '{text}' melewati {k} nilai kosong"},
    "eng-skipped-many": {"en": "{fn}() in '{text}' skipped {k} missing values",
                         "id": "{fn}() pada '{text}' melewati {k} nilai kosong"},
    "eng-wavg-mismatch": {"en": "wavg() in '{text}' got {values} values and {weights} weights",
                          "id": "wavg() pada '{text}' menerima {values} nilai dan {weights} bobot"},
    "eng-wavg-zero-weights": {"en": "division by zero (pembagian dengan nol) in '{text}': the weights add up to 0 "
                                    "({where})",
                              "id": "pembagian dengan nol pada '{text}': jumlah bobotnya 0 ({where})"},
    # achievement
    "ach-target-zero-positive": {"en": "target is 0: the achievement (actual / target × 100) is undefined",
                                 "id": "target 0: capaian (realisasi / target × 100) tidak terdefinisi"},
    "ach-target-zero-negative": {"en": "target is 0: the achievement ((2 × target − actual) / target × 100) is "
                                       "undefined",
                                 "id": "target 0: capaian ((2 × target − realisasi) / target × 100) tidak "
                                       "terdefinisi"},
    "ach-actual-zero-inverse": {"en": "actual is 0: the achievement (target / actual × 100) is undefined",
                                "id": "realisasi 0: capaian (target / realisasi × 100) tidak terdefinisi"},
    "ach-range-min-zero": {"en": "range minimum is 0: the achievement below the range is undefined",
                           "id": "batas bawah rentang 0: capaian di bawah rentang tidak terdefinisi"},
    "ach-range-max-zero": {"en": "range maximum is 0: the achievement above the range is undefined",
                           "id": "batas atas rentang 0: capaian di atas rentang tidak terdefinisi"},
    "ach-no-target": {"en": "no target for {period}", "id": "tidak ada target untuk {period}"},
    "ach-overflow": {"en": "the achievement is too large to compute (overflow) ({where})",
                     "id": "capaian terlalu besar untuk dihitung (overflow) ({where})"},
    # roll-up
    "eng-left-out": {"en": "{what} {id} left out of the mean (its achievement is {why})",
                     "id": "{what} {id} tidak ikut dirata-rata (capaiannya {why})"},
    "eng-weights-zero-indicators": {"en": "the weights of the indicators add up to 0: the weighted mean is undefined",
                                    "id": "jumlah bobot indikator 0: rata-rata tertimbang tidak terdefinisi"},
    "eng-weights-zero-elements": {"en": "the weights of the supporting elements add up to 0: the weighted mean is "
                                        "undefined",
                                  "id": "jumlah bobot elemen pendukung 0: rata-rata tertimbang tidak terdefinisi"},
    "eng-element-no-indicators": {"en": "element {element} has neither indicators nor 'achievement: children'",
                                  "id": "elemen {element} tidak memiliki indikator maupun 'capaian: anak'"},
    "eng-element-no-indicator-parts": {"en": "element {element} has no indicators to take the achievement from",
                                       "id": "elemen {element} tidak memiliki indikator untuk diambil capaiannya"},
    "eng-element-no-child-parts": {"en": "element {element} has no supporting elements to take the achievement "
                                         "from",
                                   "id": "elemen {element} tidak memiliki elemen pendukung untuk diambil "
                                         "capaiannya"},
}

MESSAGES.update({
    # formulas the checker should have refused (CompileError), and chunked evaluation
    "eng-compile": {"en": "{indicator}: {reason}", "id": "{indicator}: {reason}"},
    "cmp-needs-one-value": {"en": "{what} needs one value, not a list; use sum(), avg() …",
                            "id": "{what} memerlukan satu nilai, bukan daftar; gunakan sum(), avg() …"},
    "cmp-cannot-compile": {"en": "cannot compile {node}", "id": "{node} tidak dapat dikompilasi"},
    "cmp-unresolved": {"en": "name '{name}' was not resolved", "id": "nama '{name}' tidak terselesaikan"},
    "cmp-unknown-operator": {"en": "unknown operator {op}", "id": "operator {op} tidak dikenal"},
    "cmp-lag-steps": {"en": "the second argument of lag() must be a whole number, as in lag(x, 1)",
                      "id": "argumen kedua lag() harus bilangan bulat, seperti lag(x, 1)"},
    "cmp-unknown-function": {"en": "unknown function {name}", "id": "fungsi {name} tidak dikenal"},
    "eng-outside-calendar": {"en": "{text} reaches outside the calendar ({reason}): missing",
                             "id": "{text} menjangkau ke luar kalender ({reason}): kosong"},
    "cmp-too-far-back": {"en": "prev()/lag() reach back too far", "id": "prev()/lag() menjangkau terlalu jauh ke belakang"},
    "chunk-parquet-only": {"en": "--chunk-rows reads Parquet files only; '{path}' is not one (convert it, or evaluate "
                                 "without --chunk-rows)",
                           "id": "--chunk-rows hanya membaca berkas Parquet; '{path}' bukan Parquet (ubah, atau "
                                 "evaluasi tanpa --chunk-rows)"},
    "chunk-no-entity-column": {"en": "'{path}' has no entity column: nothing to chunk by",
                               "id": "'{path}' tidak memiliki kolom entitas: tidak ada dasar pembagian"},
    "chunk-no-statistics": {"en": "row group {group} of '{path}' has no entity statistics: its NIP range is unknown",
                            "id": "kelompok baris {group} dari '{path}' tidak memiliki statistik entitas: rentang "
                                  "NIP-nya tidak diketahui"},
    "chunk-not-a-holder": {"en": "entity {entity} in the data holds no position: --chunk-rows evaluates position "
                                 "holders only (evaluate this data without --chunk-rows)",
                           "id": "entitas {entity} dalam data tidak memegang jabatan: --chunk-rows hanya "
                                 "mengevaluasi pemegang jabatan (evaluasi data ini tanpa --chunk-rows)"},
})
