"""Messages of the data and roster readers (``indikator.data.readers``, ``data/formats/``,
``data/tabular.py``, ``data/numbers.py``, ``data/roster.py``): a planner's file, row by row."""

MESSAGES = {
    # -- what a column holds (a word inside other messages) --------------------------------
    "role-period": {"en": "period", "id": "periode"},
    "role-variable": {"en": "variable", "id": "variabel"},
    "role-value": {"en": "value", "id": "nilai"},
    "role-entity": {"en": "entity", "id": "entitas"},
    "role-note": {"en": "note", "id": "catatan"},
    "role-position": {"en": "position", "id": "jabatan"},
    "role-id": {"en": "id (NIP)", "id": "id (NIP)"},
    "role-name": {"en": "name", "id": "nama"},
    # -- files -------------------------------------------------------------------------------
    "data-unknown-extension": {
        "en": "cannot read data file '{path}': unknown extension '{ext}' (use {extensions})",
        "id": "tidak dapat membaca berkas data '{path}': ekstensi '{ext}' tidak dikenal (gunakan {extensions})"},
    "roster-unknown-extension": {
        "en": "cannot read roster '{path}': unknown extension '{ext}' (use {extensions})",
        "id": "tidak dapat membaca daftar pemegang jabatan '{path}': ekstensi '{ext}' tidak dikenal "
              "(gunakan {extensions})"},
    "data-cannot-read": {"en": "cannot read '{path}': {reason}", "id": "tidak dapat membaca '{path}': {reason}"},
    "roster-cannot-read": {"en": "cannot read roster '{path}': {reason}",
                           "id": "tidak dapat membaca daftar pemegang jabatan '{path}': {reason}"},
    "file-not-utf8": {"en": "the file is not UTF-8 text (save it as 'CSV UTF-8')",
                      "id": "berkas ini bukan teks UTF-8 (simpan sebagai 'CSV UTF-8')"},
    "file-more-problems": {"en": "{n} more problems of this kind ({code}) in this file are not listed",
                           "id": "{n} masalah lain sejenis ({code}) dalam berkas ini tidak ditampilkan"},
    "first-given-at": {"en": "first given at {at}", "id": "pertama kali diberikan di {at}"},
    "data-locale-unknown": {"en": "unknown number locale '{locale}'; use C or id",
                            "id": "lokal angka '{locale}' tidak dikenal; gunakan C atau id"},
    # -- headers (data/tabular.py: the data's long layout and the roster) --------------------
    "header-repeated": {"en": "column '{column}' repeats the {role} column (column {at})",
                        "id": "kolom '{column}' mengulang kolom {role} (kolom {at})"},
    # Indonesian names the Indonesian column first ('{alias}' is the layout's Indonesian name: nilai, nip)
    "header-misspelt": {"en": "required column '{role}' (or '{alias}') is missing; is column '{column}' a "
                              "misspelling?",
                        "id": "kolom wajib '{alias}' (atau '{role}') tidak ada; apakah kolom '{column}' salah ketik?"},
    "data-header-missing": {"en": "required column '{role}' (or '{alias}') is missing from the header",
                            "id": "kolom wajib '{alias}' (atau '{role}') tidak ada di baris judul"},
    "roster-header-missing": {"en": "required column '{role}' (or '{alias}') is missing from the header "
                                    "(expected position,id,name or jabatan,nip,nama)",
                              "id": "kolom wajib '{alias}' (atau '{role}') tidak ada di baris judul "
                                    "(diharapkan jabatan,nip,nama atau position,id,name)"},
    "data-header-ignored": {"en": "column '{column}' is not a data column and is ignored (expected period, "
                                  "variable, value, optional entity and note)",
                            "id": "kolom '{column}' bukan kolom data dan diabaikan (diharapkan periode, variabel, "
                                  "nilai, serta entitas dan keterangan bila perlu)"},
    "roster-header-ignored": {"en": "column '{column}' is not a roster column and is ignored (expected position, "
                                    "id, name)",
                              "id": "kolom '{column}' bukan kolom daftar pemegang jabatan dan diabaikan "
                                    "(diharapkan jabatan, nip, nama)"},
    "data-example": {"en": "period,variable,value", "id": "periode,variabel,nilai"},
    "data-example-row": {"en": "period, variable, value", "id": "periode, variabel, nilai"},
    "roster-example": {"en": "position,id,name", "id": "jabatan,nip,nama"},
    "roster-example-row": {"en": "position, id, name", "id": "jabatan, nip, nama"},
    # -- CSV -------------------------------------------------------------------------------
    "csv-empty": {"en": "the CSV file is empty: expected a header such as {example}",
                  "id": "berkas CSV ini kosong: diharapkan baris judul seperti {example}"},
    "csv-row-long": {"en": "this row has {fields} fields but the header has {header}{hint}",
                     "id": "baris ini berisi {fields} kolom padahal baris judul {header}{hint}"},
    "csv-decimal-comma-hint": {
        "en": " — an unquoted decimal comma such as 92,85? quote the value (\"92,85\") or use ';' as the delimiter",
        "id": " — koma desimal tanpa tanda kutip seperti 92,85? beri tanda kutip (\"92,85\") atau pakai ';' "
              "sebagai pemisah"},
    "csv-row-short": {"en": "this row has {fields} fields but the header has {header}: a separator is missing (an "
                            "empty value is written as an empty field, e.g. 2024,x,)",
                      "id": "baris ini berisi {fields} kolom padahal baris judul {header}: ada pemisah yang hilang "
                            "(nilai kosong ditulis sebagai kolom kosong, mis. 2024,x,)"},
    "csv-row-short-one": {"en": "this row has {fields} field but the header has {header}: a separator is missing (an "
                                "empty value is written as an empty field, e.g. 2024,x,)",
                          "id": "baris ini berisi {fields} kolom padahal baris judul {header}: ada pemisah yang hilang "
                                "(nilai kosong ditulis sebagai kolom kosong, mis. 2024,x,)"},
    "csv-quote-open": {"en": "a quote (\") opened in field {field} of this row is never closed: the rest of the "
                             "file would be read as one value; close the quote",
                       "id": "tanda kutip (\") yang dibuka pada kolom {field} baris ini tidak pernah ditutup: sisa "
                             "berkas akan terbaca sebagai satu nilai; tutup tanda kutipnya"},
    "csv-malformed": {"en": "malformed CSV: {reason}", "id": "CSV rusak: {reason}"},
    # -- XLSX ------------------------------------------------------------------------------
    "xlsx-empty": {"en": "the first sheet is empty: expected a header row such as {example}",
                   "id": "sheet pertama kosong: diharapkan baris judul seperti {example}"},
    "cell-true-false": {"en": "{role} cell holds TRUE/FALSE", "id": "sel {role} berisi TRUE/FALSE"},
    "cell-date": {"en": "{role} cell holds a date ({value}); Excel turned the text into a date — format the "
                        "column as text and write e.g. 2024-01",
                  "id": "sel {role} berisi tanggal ({value}); Excel mengubah teksnya menjadi tanggal — jadikan "
                        "kolomnya teks lalu tulis mis. 2024-01"},
    "cell-date-text": {"en": "{role} cell holds a date ({value}); Excel turned the text into a date — format the "
                             "column as text and type it again",
                       "id": "sel {role} berisi tanggal ({value}); Excel mengubah teksnya menjadi tanggal — jadikan "
                             "kolomnya teks lalu ketik ulang"},
    "cell-number-too-long": {"en": "{role} cell holds the number {value}, too long to be exact (Excel keeps 15 "
                                   "digits); format the column as text",
                             "id": "sel {role} berisi angka {value}, terlalu panjang untuk tepat (Excel hanya "
                                   "menyimpan 15 digit); jadikan kolomnya teks"},
    "cell-number-not-text": {"en": "{role} cell holds the number {value}, expected text",
                             "id": "sel {role} berisi angka {value}, seharusnya teks"},
    # -- YAML / JSON -----------------------------------------------------------------------
    # the reader's own words (PyYAML's, json's) are quoted as they are: no library speaks Indonesian
    "data-json-invalid": {"en": "invalid JSON: {reason}", "id": "JSON tidak sah (kata pembaca JSON: “{reason}”)"},
    "data-yaml-invalid": {"en": "invalid YAML: {reason}", "id": "YAML tidak sah (kata pembaca YAML: “{reason}”)"},
    "json-recursion": {"en": "JSON nested too deeply; refused", "id": "JSON bersarang terlalu dalam; ditolak"},
    "json-too-deep": {"en": "JSON nested deeper than {depth} levels; refused",
                      "id": "JSON bersarang lebih dari {depth} tingkat; ditolak"},
    "yaml-data-not-mapping": {"en": "expected a mapping {{period: {{variable: value}}}} or "
                                    "{{entity: {{period: {{variable: value}}}}}}",
                              "id": "diharapkan pemetaan {{periode: {{variabel: nilai}}}} atau "
                                    "{{entitas: {{periode: {{variabel: nilai}}}}}}"},
    "yaml-period-not-mapping": {"en": "under period {period} expected a mapping {{variable: value}}",
                                "id": "di bawah periode {period} diharapkan pemetaan {{variabel: nilai}}"},
    "yaml-variable-empty": {"en": "the variable name is empty or not text",
                            "id": "nama variabel kosong atau bukan teks"},
    "yaml-top-key": {"en": "a top-level key must be a period or an entity id",
                     "id": "kunci tingkat teratas harus periode atau id entitas"},
    "yaml-value-not-scalar": {"en": "expected a number here, found a list or mapping",
                              "id": "di sini diharapkan angka, tertulis daftar atau pemetaan"},
    "yaml-number-too-long": {"en": "a number of {digits} digits ({start}…) is too large to be a value",
                             "id": "angka {digits} digit ({start}…) terlalu besar untuk menjadi nilai"},
    "yaml-number-grouped": {"en": "'{text}' depends on the locale: YAML reads it as {yaml_reading}, Indonesian "
                                  "formatting as {id_reading}; write {id_reading} or quote it (\"{text}\")",
                            "id": "'{text}' bergantung pada lokal: YAML membacanya {yaml_reading}, format "
                                  "Indonesia {id_reading}; tulis {id_reading} atau beri tanda kutip (\"{text}\")"},
    "yaml-yes-no": {"en": "'{text}' is a yes/no value, not a number", "id": "'{text}' nilai ya/tidak, bukan angka"},
    "wide-value-date": {"en": "the cell holds a date ({value}), not a number",
                        "id": "sel ini berisi tanggal ({value}), bukan angka"},
    # -- rows of the long layout (data/tabular.py) -----------------------------------------
    "data-period-empty": {"en": "the period is empty", "id": "periode kosong"},
    "data-variable-empty": {"en": "the variable name is empty", "id": "nama variabel kosong"},
    "data-not-number-nor-grade": {"en": "'{text}' is neither a number nor a grade ({grades})",
                                  "id": "'{text}' bukan angka dan bukan nilai skala ({grades})"},
    "data-no-grade-scale": {"en": "no grade scale", "id": "tanpa skala nilai"},
    "data-too-many-not-numbers": {"en": "more than {n} values are not numbers; the rest of the column after this "
                                        "row was not examined",
                                  "id": "lebih dari {n} nilai bukan angka; sisa kolom setelah baris ini tidak "
                                        "diperiksa"},
    "data-duplicate": {"en": "data point ({entity}, period {period}, variable {variable}) is given twice: here "
                             "and at {first}",
                       "id": "titik data ({entity}, periode {period}, variabel {variable}) diberikan dua kali: di "
                             "sini dan di {first}"},
    "dup-entity": {"en": "entity {entity}", "id": "entitas {entity}"},
    "dup-no-entity": {"en": "no entity", "id": "tanpa entitas"},
    "dup-line": {"en": "line {line}", "id": "baris {line}"},
    "data-duplicate-more": {"en": "{n} more duplicated data points are not listed",
                            "id": "{n} titik data ganda lainnya tidak ditampilkan"},
    # -- numbers (data/numbers.py) ---------------------------------------------------------
    "data-not-a-number": {"en": "'{text}' is not a number", "id": "'{text}' bukan angka"},
    "data-number-words": {"en": "'{text}' is not a number (only the number may be in the cell, without words)",
                          "id": "'{text}' bukan angka (sel hanya boleh berisi angka, tanpa kata)"},
    "data-number-missing-spelt": {"en": "'{text}' is not a number; leave the cell empty for a missing value",
                                  "id": "'{text}' bukan angka; kosongkan sel untuk nilai yang tidak ada"},
    "data-number-too-large": {"en": "'{text}' is too large: a number must be finite (below about 1.8e308)",
                              "id": "'{text}' terlalu besar: angka harus terhingga (di bawah sekitar 1,8e308)"},
    "data-value-too-large": {"en": "the value is too large: a number must be finite (below about 1.8e308)",
                             "id": "nilainya terlalu besar: angka harus terhingga (di bawah sekitar 1,8e308)"},
    "data-number-trailing-comma": {"en": "'{text}' ends with a comma; write it as e.g. 92,85 or 92",
                                   "id": "'{text}' diakhiri koma; tulis mis. 92,85 atau 92"},
    "data-number-not-id": {"en": "'{text}' is not a number in Indonesian formatting, where '.' groups thousands and "
                                 "',' is the decimal comma{hint}",
                           "id": "'{text}' bukan angka dalam format Indonesia, yang memakai '.' sebagai pemisah "
                                 "ribuan dan ',' sebagai koma desimal{hint}"},
    "data-number-did-you-mean": {"en": " — did you mean {options}?", "id": " — maksud Anda {options}?"},
    "data-number-comma": {"en": "'{text}' depends on the locale: ',' is a decimal comma in Indonesian but a "
                                "thousands separator in English, and machine format uses '.' as the decimal "
                                "point{reading}; use --locale id to read Indonesian formatting or write the number "
                                "as 1234.5",
                          "id": "'{text}' bergantung pada lokal: ',' adalah koma desimal dalam bahasa Indonesia "
                                "tetapi pemisah ribuan dalam bahasa Inggris, dan format mesin memakai '.' sebagai "
                                "titik desimal{reading}; pakai --locale id untuk membaca format Indonesia atau "
                                "tulis angkanya seperti 1234.5"},
    "data-number-id-reading": {"en": "; with --locale id it reads as {value}",
                               "id": "; dengan --locale id terbaca {value}"},
    "data-column-type": {"en": "a column of type {type} cannot hold numbers",
                         "id": "kolom bertipe {type} tidak dapat memuat angka"},
    # -- the roster (data/roster.py) -------------------------------------------------------
    "roster-position-empty": {"en": "the position cell is empty", "id": "sel jabatan kosong"},
    "roster-id-empty": {"en": "the id (NIP) cell is empty", "id": "sel id (NIP) kosong"},
    "roster-unknown-position": {"en": "unknown position '{position}': no position element has this id",
                                "id": "jabatan '{position}' tidak dikenal: tidak ada elemen jabatan dengan id ini"},
    "roster-not-position-a": {"en": "'{position}' is a {level} element, not a position (level: position / "
                                    "tingkat: jabatan)",
                              "id": "'{position}' adalah elemen tingkat {level}, bukan jabatan (tingkat: "
                                    "jabatan)"},
    "roster-not-position-an": {"en": "'{position}' is an {level} element, not a position (level: position / "
                                     "tingkat: jabatan)",
                               "id": "'{position}' adalah elemen tingkat {level}, bukan jabatan (tingkat: "
                                     "jabatan)"},
    "roster-duplicate": {"en": "holder {holder} is listed twice for position '{position}': here and at line {line}",
                         "id": "pemegang {holder} tercantum dua kali untuk jabatan '{position}': di sini dan di "
                               "baris {line}"},
}
