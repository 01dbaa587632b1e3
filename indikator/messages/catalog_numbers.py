"""Messages about numbers as planners write them (PRODUCT.md §7.1)."""

MESSAGES = {
    "number-ambiguous-dot": {
        "en": "'{text}' is ambiguous: {id_reading} in Indonesian numerals (thousands), {c_reading} in machine "
              "format (decimal); for {id_reading} write {id_fix} or declare number_format: id, "
              "for {c_reading} write {c_fix} or declare number_format: C",
        "id": "'{text}' bermakna ganda: {id_reading} dalam angka Indonesia (ribuan), {c_reading} dalam format "
              "mesin (desimal); untuk {id_reading} tulis {id_fix} atau nyatakan format_angka: id, "
              "untuk {c_reading} tulis {c_fix} atau nyatakan format_angka: C",
    },
    "number-ambiguous-comma": {
        "en": "'{text}' is ambiguous: {id_reading} in Indonesian numerals (decimal comma), {en_reading} where ',' "
              "groups thousands, and machine format has no ','; for {id_reading} write {id_fix} or declare "
              "number_format: id, for {en_reading} write {en_fix}",
        "id": "'{text}' bermakna ganda: {id_reading} dalam angka Indonesia (koma desimal), {en_reading} bila ',' "
              "pemisah ribuan, dan format mesin tidak memakai ','; untuk {id_reading} tulis {id_fix} atau "
              "nyatakan format_angka: id, untuk {en_reading} tulis {en_fix}",
    },
    "number-ambiguous-dots": {
        "en": "'{text}' is ambiguous: {id_reading} in Indonesian numerals, not a number in machine format "
              "(one '.' at most, the decimal point); write {id_fix} or declare number_format: id",
        "id": "'{text}' bermakna ganda: {id_reading} dalam angka Indonesia, bukan angka dalam format mesin "
              "(paling banyak satu '.', titik desimal); tulis {id_fix} atau nyatakan format_angka: id",
    },
    "number-comma": {
        "en": "'{text}' is ambiguous: {id_reading} in Indonesian numerals (decimal comma), but machine format "
              "has no ',' in a number; write {id_fix} or declare number_format: id",
        "id": "'{text}' bermakna ganda: {id_reading} dalam angka Indonesia (koma desimal), tetapi format mesin "
              "tidak memakai ','; tulis {id_fix} atau nyatakan format_angka: id",
    },
    "number-comma-in-c": {
        "en": "'{text}' is not a number in number_format: C, where '.' is the decimal point and a ',' inside a "
              "number is an error; write {fix}, or declare number_format: id",
        "id": "'{text}' bukan angka dalam format_angka: C, yang memakai '.' sebagai titik desimal dan tidak "
              "membolehkan ','; tulis {fix}, atau nyatakan format_angka: id",
    },
    "number-not-id": {
        "en": "'{text}' is not an Indonesian numeral (this file declares number_format: id: '.' groups thousands, "
              "',' is the decimal comma){hint}",
        "id": "'{text}' bukan angka Indonesia (berkas ini menyatakan format_angka: id: '.' pemisah ribuan, "
              "',' koma desimal){hint}",
    },
    "number-text": {
        "en": "the {what} '{text}' is not a number; write a number such as 81.33 (or 81,33 with "
              "number_format: id){grade_hint}",
        "id": "{what} '{text}' bukan angka; tulis angka seperti 81.33 (atau 81,33 dengan "
              "format_angka: id){grade_hint}",
    },
    "number-not-number": {
        "en": "'{what}' must be a number; got {text}",
        "id": "'{what}' harus angka; tertulis {text}",
    },
    "number-split": {
        "en": "{a},{b} was split at its comma: in a one-line mapping (braces) a comma ends the value; write it in quotes "
              "(\"{a},{b}\") with number_format: id, write {a}.{b}, or write the mapping one key per line",
        "id": "{a},{b} terpotong pada komanya: dalam pemetaan satu baris (kurung kurawal) koma mengakhiri nilai; tulis dengan tanda "
              "kutip (\"{a},{b}\") dan format_angka: id, tulis {a}.{b}, atau tulis pemetaan satu kunci per baris",
    },
    "number-format-bad": {
        "en": "number_format must be id or C; got {text}",
        "id": "format_angka harus id atau C; tertulis {text}",
    },
    "formula-number-ambiguous": {
        "en": "'{text}' in a formula is ambiguous: formulas use machine format, where '.' is the decimal point; "
              "write {thousands} if thousands are meant, or {decimal} if a decimal is meant",
        "id": "'{text}' dalam rumus bermakna ganda: rumus memakai format mesin, dengan '.' sebagai titik desimal; "
              "tulis {thousands} bila maksudnya ribuan, atau {decimal} bila maksudnya desimal",
    },
    "data-number-ambiguous": {
        "en": "'{text}' depends on the locale: {id_reading} in Indonesian formatting (--locale id), {c_reading} "
              "in machine format; write {c_fix} for the decimal, or use --locale id for thousands",
        "id": "'{text}' bergantung pada lokal: {id_reading} dalam format Indonesia (--locale id), {c_reading} "
              "dalam format mesin; tulis {c_fix} untuk desimal, atau pakai --locale id untuk ribuan",
    },
    "count-fraction": {
        "en": "'{indicator}' counts {unit} but its {what} {value} has a fraction; a count is a whole number "
              "(was 1.234 meant as 1234? write it without the dot)",
        "id": "'{indicator}' menghitung {unit} tetapi {what} {value} berpecahan; jumlah adalah bilangan bulat "
              "(maksudnya 1.234 = 1234? tulis tanpa titik)",
    },
    "position-holder-mean": {
        "en": "mean over the {holders} holder(s) of this position ({counted} with a value)",
        "id": "rata-rata dari {holders} pemegang jabatan ini ({counted} yang bernilai)",
    },
    "check-skipped": {
        "en": "{n} file(s) could not be loaded ({files}): references to elements, indicators and variables "
              "(supports, owner, formulas) and the coverage checks were skipped, since they would only report "
              "what those files define; fix the file(s) above and run check again",
        "id": "{n} berkas tidak dapat dimuat ({files}): rujukan ke elemen, indikator dan variabel "
              "(mendukung, penanggung jawab, rumus) dan pemeriksaan cakupan dilewati, karena hanya akan "
              "melaporkan isi berkas tersebut; perbaiki berkas di atas lalu jalankan check lagi",
    },
}
