"""Messages of the data store (``indikator.data.store``): data that cannot answer a period."""

MESSAGES = {
    "data-file-problem": {"en": "data file {problem}", "id": "berkas data {problem}"},
    "roster-file-problem": {"en": "roster file {problem}", "id": "berkas pemegang jabatan {problem}"},
    "roster-more-twice": {"en": "{n} more holders listed in a second position are not shown",
                          "id": "{n} pemegang lain yang tercantum pada jabatan kedua tidak ditampilkan"},
    "w-no-entity": {"en": "the data without an entity", "id": "data tanpa entitas"},
    "w-entity": {"en": "entity {entity}", "id": "entitas {entity}"},
    "data-and-more": {"en": " (and {n} more)", "id": " (dan {n} lainnya)"},
    "data-and-more-bare": {"en": " and {n} more", "id": " dan {n} lainnya"},
    "data-not-a-grade": {"en": "variable '{variable}': value '{value}' is text{more}; it is not a grade of the "
                               "indicator's scale, and a number is expected otherwise",
                         "id": "variabel '{variable}': nilai '{value}' berupa teks{more}; itu bukan nilai pada skala "
                               "indikator, dan selain itu diharapkan angka"},
    "data-conflict": {"en": "variable '{variable}': {a} and {b} cover the same months but give different values for "
                            "{who}",
                      "id": "variabel '{variable}': {a} dan {b} mencakup bulan yang sama tetapi memberi nilai berbeda "
                            "untuk {who}"},
    "data-unknown-aggregation": {"en": "variable '{variable}': unknown period_aggregation '{aggregation}' (use "
                                       "{choices})",
                                 "id": "variabel '{variable}': agregasi_periode '{aggregation}' tidak dikenal (gunakan "
                                       "{choices})"},
    "data-overlap": {"en": "variable '{variable}' (period_aggregation sum): data for {a} and {b} overlap ({who}{more}); "
                           "adding both for {period} would count the same months twice — give either the parts or the "
                           "whole",
                     "id": "variabel '{variable}' (agregasi_periode sum): data untuk {a} dan {b} bertumpang tindih "
                           "({who}{more}); menjumlahkan keduanya untuk {period} akan menghitung bulan yang sama dua "
                           "kali — berikan bagian-bagiannya atau keseluruhannya saja"},
    "data-needs-aggregation": {"en": "variable '{variable}' has no period_aggregation, but {period} has no data of its "
                                     "own and must be combined from {keys}; declare period_aggregation "
                                     "(agregasi_periode): {choices}",
                               "id": "variabel '{variable}' tidak memiliki agregasi_periode, tetapi {period} tidak "
                                     "memiliki data sendiri dan harus digabung dari {keys}; nyatakan agregasi_periode "
                                     "(period_aggregation): {choices}"},
}

MESSAGES.update({
    # period keys (indikator.data.periods)
    "period-forms": {"en": "2024, 2024-S1, 2024-Q3, 2024-09 or a range such as 2024-Q1..2024-Q3",
                     "id": "2024, 2024-S1, 2024-Q3, 2024-09 atau rentang seperti 2024-Q1..2024-Q3"},
    "period-range-backwards": {"en": "a range must not start after it ends",
                               "id": "rentang tidak boleh dimulai setelah berakhir"},
    "period-year-range": {"en": "year {year} is outside {lo}..{hi}", "id": "tahun {year} di luar {lo}..{hi}"},
    "period-not-a-period": {"en": "'{text}' is not a period; write {forms}",
                            "id": "'{text}' bukan periode; tulis {forms}"},
    "period-bad-month": {"en": "'{text}': month {month} is not 01..12", "id": "'{text}': bulan {month} bukan 01..12"},
    "period-not-a-range": {"en": "'{text}' is not a period range; write e.g. 2024-Q1..2024-Q3",
                           "id": "'{text}' bukan rentang periode; tulis misalnya 2024-Q1..2024-Q3"},
    "period-starts-after": {"en": "'{text}': the range starts after it ends ({a} is not before {b})",
                            "id": "'{text}': rentang dimulai setelah berakhir ({a} tidak sebelum {b})"},
})
