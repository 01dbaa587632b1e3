"""Messages about periods as planners write them (PRODUCT.md §7.2)."""

MESSAGES = {
    "period-refused": {
        "en": "'{text}' is not a period; write one of: {forms} (Q and TW mean triwulan, S semester)",
        "id": "'{text}' bukan periode; tulis salah satu dari: {forms} (Q dan TW berarti triwulan, S semester)",
    },
    "period-refused-suggest": {
        "en": "'{text}' is not a period; did you mean {suggestion}? Accepted: {forms} "
              "(Q and TW mean triwulan, S semester)",
        "id": "'{text}' bukan periode; maksud Anda {suggestion}? Yang diterima: {forms} "
              "(Q dan TW berarti triwulan, S semester)",
    },
    "period-no-data": {
        "en": "no data for {period} in any data file; data cover {first}..{last}",
        "id": "tidak ada data untuk {period} di berkas data mana pun; data mencakup {first}..{last}",
    },
    "period-data-coarser": {
        "en": "no data for {period} alone: the data give a longer period ({data}) that contains it, and a "
              "figure is never split; ask for --period {data}",
        "id": "tidak ada data untuk {period} saja: data berisi periode yang lebih panjang ({data}) yang "
              "mencakupnya, dan angka tidak pernah dipecah; minta --period {data}",
    },
    "period-no-data-files": {
        "en": "no data for {period}: no data file was given (--data)",
        "id": "tidak ada data untuk {period}: tidak ada berkas data (--data)",
    },
    "period-key-refused": {
        "en": "target/budget key: {reason}",
        "id": "kunci target/anggaran: {reason}",
    },
}
