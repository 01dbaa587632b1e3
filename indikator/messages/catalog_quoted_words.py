"""Words that go inside other messages: a library's or the system's own words, quoted in Indonesian
as what the reader said (no library speaks Indonesian, English unchanged), and the names of
polarities and period aggregations as the definitions write them in each language."""

MESSAGES = {
    # a file reader's exception (openpyxl's BadZipFile, Arrow's ArrowInvalid …): its class and words
    "file-library-said": {"en": "{kind}: {words}", "id": "kata pembaca berkas: “{kind}: {words}”"},
    # … or only its words (Arrow's, where the class name was never shown)
    "file-reader-words": {"en": "{words}", "id": "kata pembaca berkas: “{words}”"},
    # the operating system's words for a failed read (strerror)
    "file-system-said": {"en": "{words}", "id": "kata sistem: “{words}”"},
    # data files given but holding no figure at all (an empty entry form, a header-only CSV)
    "period-no-data-empty": {"en": "no data for {period}: the data files hold no figures",
                             "id": "tidak ada data untuk {period}: berkas data tidak berisi angka satu pun"},
    # an indicator's polarity as the definitions write it in each language (PRODUCT.md §2: positif, negatif, rentang)
    "polarity-positive": {"en": "positive", "id": "positif"},
    "polarity-negative": {"en": "negative", "id": "negatif"},
    "polarity-range": {"en": "range", "id": "rentang"},
    # a period aggregation's rule in words, in explain's "{rule} over the points inside the period"
    "aggregation-sum": {"en": "sum", "id": "jumlah"},
    "aggregation-last": {"en": "last", "id": "nilai terakhir"},
    "aggregation-mean": {"en": "mean", "id": "rata-rata"},
    "aggregation-min": {"en": "min", "id": "nilai terkecil"},
    "aggregation-max": {"en": "max", "id": "nilai terbesar"},
    # what holds a number, in messages such as "the budget 'x' is not a number"
    "w-budget": {"en": "budget", "id": "anggaran"},
}
