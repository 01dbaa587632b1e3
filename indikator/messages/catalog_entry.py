"""Messages of data entry: wide data sheets, the entry form (``template``) and ``import``."""

MESSAGES = {
    # -- wide data layouts (data/wide.py) --
    "wide-header-repeated": {
        "en": "column '{column}' is given twice in the header; the first one is read",
        "id": "kolom '{column}' muncul dua kali di baris judul; yang pertama yang dibaca",
    },
    "wide-column-ignored": {
        "en": "column '{column}' is neither a period (TW I, Triwulan II, 2024-Q3, Januari, …) nor "
              "id/variabel, nip or tahun, and is ignored",
        "id": "kolom '{column}' bukan periode (TW I, Triwulan II, 2024-Q3, Januari, …) dan bukan "
              "id/variabel, nip atau tahun; kolom ini diabaikan",
    },
    "wide-header-no-year": {
        "en": "the period header '{header}' has no year: add a 'tahun' column, put the year in the "
              "sheet title, or write it in the header (e.g. '{header} 2024')",
        "id": "judul periode '{header}' tidak memuat tahun: tambahkan kolom 'tahun', tulis tahunnya "
              "di nama sheet, atau tulis di judulnya (mis. '{header} 2024')",
    },
    "wide-row-no-key": {
        "en": "this row has values but no id in the id/variabel column",
        "id": "baris ini berisi nilai tetapi kolom id/variabel kosong",
    },
    "wide-bad-entity": {
        "en": "the NIP cell holds {why}; format the column as text and type the NIP as written",
        "id": "sel NIP berisi {why}; jadikan kolomnya teks dan ketik NIP apa adanya",
    },
    "wide-row-no-year": {
        "en": "the 'tahun' cell of this row is empty or not a year",
        "id": "sel 'tahun' pada baris ini kosong atau bukan tahun",
    },
    "wide-bad-number": {
        "en": "{why}",
        "id": "{why}",
    },
    "wide-duplicate": {
        "en": "{variable} for {period} is given twice: here and in row {first}",
        "id": "{variable} untuk {period} diisi dua kali: di sini dan di baris {first}",
    },
    "wide-rows-by-name": {
        "en": "the rows are named by '{column}' (names), but data is keyed by id: add an 'id' column holding "
              "the indicator or variable id of each row (indikator template writes a form with it)",
        "id": "baris-barisnya dinamai dengan kolom '{column}' (nama), padahal data dikenali dengan id: tambahkan "
              "kolom 'id' berisi id indikator atau variabel tiap baris (indikator template membuat formulir "
              "dengan kolom itu)",
    },
    "wide-unclosed-quote": {
        "en": "a quote (\") opened in this row is never closed: the rest of the file would be read as one value; "
              "close the quote",
        "id": "tanda kutip (\") yang dibuka pada baris ini tidak pernah ditutup: sisa berkas akan terbaca sebagai "
              "satu nilai; tutup tanda kutipnya",
    },
    "wide-row-short": {
        "en": "this row has {fields} fields but the header has {header}: a separator is missing",
        "id": "baris ini berisi {fields} kolom padahal baris judul {header}: ada pemisah yang hilang",
    },
    "wide-no-sheet": {
        "en": "no sheet has a data header: expected period, variable, value (long layout) or an "
              "id/variabel column with period columns such as TW I … TW IV (wide layout)",
        "id": "tidak ada sheet dengan baris judul data: diharapkan periode, variabel, nilai (tata letak "
              "panjang) atau kolom id/variabel dengan kolom periode seperti TW I … TW IV (tata letak lebar)",
    },
}
MESSAGES.update({
    # -- the entry form (entry/form.py, cli template) --
    "form-not-xlsx": {
        "en": "the form is an Excel workbook: the output must end in .xlsx, not '{path}'",
        "id": "formulir berupa buku kerja Excel: nama keluaran harus berakhiran .xlsx, bukan '{path}'",
    },
    "form-written": {
        "en": "wrote {path}: {sheets} sheets to fill, {rows} rows",
        "id": "formulir ditulis ke {path}: {sheets} sheet isian, {rows} baris",
    },
})
MESSAGES.update({
    # -- import (entry/importer.py, entry/prose.py, cli import) --
    "import-formula-empty": {
        "en": "the formula cell is empty",
        "id": "sel rumus kosong",
    },
    "import-formula-no-arithmetic": {
        "en": "no arithmetic in the text (a description or a count): the indicator takes its actual from data "
              "under its id",
        "id": "tidak ada hitungan dalam teksnya (uraian atau jumlah): realisasi indikator diisi sebagai data "
              "dengan id-nya",
    },
    "import-formula-unparsed": {
        "en": "not one of the known prose forms (A dibagi B dikali 100%, A / B x 100, A X 100 B, LaTeX \\frac): "
              "{detail}",
        "id": "bukan salah satu bentuk yang dikenal (A dibagi B dikali 100%, A / B x 100, A X 100 B, LaTeX \\frac): "
              "{detail}",
    },
    "import-no-indicator-column": {
        "en": "no header row with an indicator column (indikator, indikator kinerja, indicator) in the first 40 rows",
        "id": "tidak ada baris judul dengan kolom indikator (indikator, indikator kinerja, indicator) pada 40 baris "
              "pertama",
    },
    "import-formula-without-value": {
        "en": "cell {cell} holds a formula without a stored value ({formula}); open and save the file in a "
              "spreadsheet program so that its values are calculated, then import it again",
        "id": "sel {cell} berisi rumus tanpa nilai tersimpan ({formula}); buka dan simpan berkas di program "
              "lembar kerja agar nilainya terhitung, lalu impor lagi",
    },
    "import-side-column": {
        "en": "column '{column}' stands right of the indicator column (a side table such as program budgets) "
              "and is not imported",
        "id": "kolom '{column}' berada di kanan kolom indikator (tabel samping, mis. pagu program) dan tidak "
              "diimpor",
    },
    "import-no-element": {
        "en": "indicator '{indicator}' has no sasaran, program, kegiatan or jabatan above it and is not imported",
        "id": "indikator '{indicator}' tidak punya sasaran, program, kegiatan atau jabatan di atasnya dan tidak "
              "diimpor",
    },
    "import-untranslated": {
        "en": "formula of '{indicator}' not translated ({why}); kept as a comment",
        "id": "rumus '{indicator}' tidak diterjemahkan ({why}); disimpan sebagai komentar",
    },
    "import-written": {
        "en": "wrote {path}: {elements} elements, {indicators} indicators, {variables} variables; "
              "{translated} of {formulas} formulas translated",
        "id": "ditulis ke {path}: {elements} elemen, {indicators} indikator, {variables} variabel; "
              "{translated} dari {formulas} rumus diterjemahkan",
    },
    "import-unreadable": {
        "en": "cannot read {path}: {reason}",
        "id": "tidak dapat membaca {path}: {reason}",
    },
})
