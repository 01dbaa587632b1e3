"""The command line's help (``--help``) in both languages: the commands' and options' help texts
and click's own frame (indikator/cli/usage.py says them). A command's help is ``help-cmd-<name>``;
an option's is ``help-<command>-<param>``, else ``help-<param>`` when commands share it. The
English templates are the texts given to click (tests/test_lang_id.py keeps them equal)."""

MESSAGES = {
    # click's frame
    "help-usage": {"en": "Usage:", "id": "Penggunaan:"},
    "help-options": {"en": "Options", "id": "Opsi"},
    "help-commands": {"en": "Commands", "id": "Perintah"},
    "help-help": {"en": "Show this message and exit.", "id": "Tampilkan bantuan ini lalu keluar."},
    "help-version": {"en": "Show the version and exit.", "id": "Tampilkan versi lalu keluar."},
    "help-default": {"en": "default: {value}", "id": "bawaan: {value}"},
    "help-required": {"en": "required", "id": "wajib"},
    "help-lang-default": {"en": "id, or $INDIKATOR_LANG", "id": "id, atau $INDIKATOR_LANG"},
    # the commands
    "help-cmd-main": {"en": "indikator — pohon kinerja (SAKIP performance trees) in YAML: check, evaluate, chart, report.",
                      "id": "indikator — pohon kinerja SAKIP dalam YAML: periksa, hitung, gambar bagan, tulis laporan."},
    "help-cmd-check": {"en": "Load, parse and validate the definition set at PATH; report every problem.",
                       "id": "Muat, urai dan periksa definisi di JALUR; laporkan setiap masalah."},
    "help-cmd-eval": {"en": "Evaluate the definitions at PATH against data for one period.",
                      "id": "Hitung capaian definisi di JALUR dengan data untuk satu periode."},
    "help-cmd-explain": {"en": "Show how INDICATOR's actual, achievement and predicate came about.",
                         "id": "Tunjukkan asal realisasi, capaian dan predikat INDIKATOR."},
    "help-cmd-render": {"en": "Draw the cascading chart (pohon kinerja) of the definitions at PATH.",
                        "id": "Gambar bagan pohon kinerja (cascading) dari definisi di JALUR."},
    "help-cmd-report": {"en": "Write the measurement report (LKjIP tables) of the definitions at PATH to OUT.",
                        "id": "Tulis laporan pengukuran kinerja (tabel LKjIP) dari definisi di JALUR ke KELUARAN."},
    "help-cmd-serve": {"en": "Open the definitions at PATH and their data as a local web page (read-only; reloads on save).",
                       "id": "Buka definisi di JALUR beserta datanya sebagai halaman web lokal (hanya baca; "
                             "dimuat ulang saat berkas disimpan)."},
    "help-cmd-template": {"en": "Write a data-entry workbook (Excel) for the definitions at PATH; --data FORM.xlsx reads it back.",
                          "id": "Tulis formulir isian data (Excel) untuk definisi di JALUR; --data FORMULIR.xlsx "
                                "membacanya kembali."},
    "help-cmd-import": {"en": "Turn an existing PK / Renstra / IKI table (XLSX or CSV) into a definition set in OUT_DIR.",
                        "id": "Ubah tabel PK / Renstra / IKI yang sudah ada (XLSX atau CSV) menjadi definisi di FOLDER."},
    "help-cmd-audit": {"en": "Recompute a table copied from a report (TABLE.xlsx or .csv) and list its slips (PRODUCT.md §11).",
                       "id": "Hitung ulang tabel yang disalin dari laporan (TABEL.xlsx atau .csv) dan daftarkan "
                             "kekeliruannya (PRODUCT.md §11)."},
    # options every command has
    "help-lang": {"en": "Language of the messages and labels.", "id": "Bahasa pesan dan label."},
    "help-no_cache": {"en": "Load the definitions afresh: neither read nor write the model cache (PRODUCT.md §13).",
                      "id": "Muat definisi dari awal: jangan baca atau tulis cache model (PRODUCT.md §13)."},
    "help-debug": {"en": "Show the Python traceback of an internal error (also: INDIKATOR_DEBUG=1).",
                   "id": "Tampilkan traceback Python dari galat internal (juga: INDIKATOR_DEBUG=1)."},
    "help-holders_path": {"en": "Roster of position holders ({roster_formats}; columns position,id,name or "
                                "jabatan,nip,nama), merged with the YAML holders.",
                          "id": "Daftar pemegang jabatan ({roster_formats}; kolom jabatan,nip,nama atau "
                                "position,id,name), digabung dengan pemegang di YAML."},
    "help-data_paths": {"en": "Data file ({data_formats}) or a folder of them; repeatable.",
                        "id": "Berkas data ({data_formats}) atau folder berisi berkas itu; boleh diulang."},
    "help-period_text": {"en": "2024, 2024-S1, 2024-Q3, 2024-09, 2024-Q1..2024-Q3, or as reports write it: "
                               "'TW III 2024', 's.d. TW III 2024', 'Semester I 2024', 'Januari 2024', 'TA 2024'.",
                         "id": "2024, 2024-S1, 2024-Q3, 2024-09, 2024-Q1..2024-Q3, atau seperti di laporan: "
                               "'TW III 2024', 's.d. TW III 2024', 'Semester I 2024', 'Januari 2024', 'TA 2024'."},
    "help-entity": {"en": "An entity id (region code, NIP) or 'all'.",
                    "id": "Id entitas (kode wilayah, NIP) atau 'all' (semua)."},
    "help-locale": {"en": "How numbers in data files are written: C (1234.5) or id (1.234,5).",
                    "id": "Cara angka ditulis di berkas data: C (1234.5) atau id (1.234,5)."},
    "help-efficiency": {"en": "Budget efficiency: achievement − absorption, or achievement / absorption × 100.",
                        "id": "Efisiensi anggaran: capaian − serapan, atau capaian / serapan × 100."},
    # check
    "help-strict": {"en": "Treat warnings (coverage gaps) as errors.",
                    "id": "Perlakukan peringatan (celah cakupan data) sebagai galat."},
    # eval
    "help-eval-out_path": {"en": "Write to a file instead of stdout.", "id": "Tulis ke berkas, bukan ke layar (stdout)."},
    "help-chunk_rows": {"en": "With --entity all and Parquet data sorted by entity: read and evaluate about N data rows "
                              "at a time (bounded memory for millions of holders; rows come chunk by chunk).",
                        "id": "Dengan --entity all dan data Parquet yang terurut per entitas: baca dan hitung sekitar "
                              "N baris data sekaligus (memori terbatas untuk jutaan pemegang jabatan; baris keluar "
                              "per bagian)."},
    "help-jobs": {"en": "With --chunk-rows: chunks evaluated at the same time, in as many processes.",
                  "id": "Dengan --chunk-rows: jumlah bagian yang dihitung bersamaan, dalam proses sebanyak itu."},
    # explain, render
    "help-explain-data_paths": {"en": "Data file; repeatable.", "id": "Berkas data; boleh diulang."},
    "help-explain-entity": {"en": "An entity id (region code, NIP).", "id": "Id entitas (kode wilayah, NIP)."},
    "help-render-data_paths": {"en": "Data file; repeatable.", "id": "Berkas data; boleh diulang."},
    "help-render-period_text": {"en": "Period to show figures for (needs --data).",
                                "id": "Periode angka yang ditampilkan (memerlukan --data)."},
    "help-root": {"en": "Draw only the branch below this element id.",
                  "id": "Gambar hanya cabang di bawah id elemen ini."},
    "help-depth": {"en": "Number of levels below the root.", "id": "Jumlah tingkat di bawah akar."},
    "help-split": {"en": "'agency': one page per agency (OUT-<agency>.ext) plus the region levels (OUT-region.ext).",
                   "id": "'agency': satu halaman per perangkat daerah (KELUARAN-<agency>.ext) ditambah tingkat daerah "
                         "(KELUARAN-region.ext)."},
    "help-render-out_path": {"en": "OUT: {chart_exts}", "id": "KELUARAN: {chart_exts}"},
    "help-page": {"en": "a4: split into readable A4 landscape pages (default for .pdf); .svg/.png write OUT-01, OUT-02, …",
                  "id": "a4: bagi menjadi halaman A4 mendatar yang terbaca (bawaan untuk .pdf); .svg/.png menulis "
                        "KELUARAN-01, KELUARAN-02, …"},
    "help-ids": {"en": "Show element ids in the boxes.", "id": "Tampilkan id elemen di dalam kotak."},
    # report
    "help-report-out_path": {"en": "OUT: {report_exts}", "id": "KELUARAN: {report_exts}"},
    "help-sign_date": {"en": "Date of the signature block (YYYY-MM-DD); default today.",
                       "id": "Tanggal blok tanda tangan (YYYY-MM-DD); bawaan hari ini."},
    # serve
    "help-serve-period_text": {"en": "Period shown first (default: the one most of the data is given for).",
                               "id": "Periode yang pertama ditampilkan (bawaan: periode dengan data terbanyak)."},
    "help-host": {"en": "Address to listen on. Anything but 127.0.0.1/localhost opens the page to the network.",
                  "id": "Alamat yang didengarkan. Selain 127.0.0.1/localhost membuka halaman ke jaringan."},
    "help-port": {"en": "0 picks a free port.", "id": "0 memilih port yang bebas."},
    # template, import
    "help-template-year": {"en": "The year the form is for: columns TW I–IV (and months where a variable needs them).",
                           "id": "Tahun formulir: kolom TW I–IV (dan bulan bila variabel memerlukannya)."},
    "help-template-entity": {"en": "'all': also one sheet per position, a block of rows per holder (NIP).",
                             "id": "'all': juga satu lembar per jabatan, satu blok baris per pemegang (NIP)."},
    "help-template-out_path": {"en": "FORM.xlsx", "id": "FORMULIR.xlsx"},
    "help-out_dir": {"en": "Folder for the definition set (created if missing).",
                     "id": "Folder untuk definisi (dibuat bila belum ada)."},
    "help-import-year": {"en": "Year of a 'Target' column without one (default: the year in the title above the table).",
                         "id": "Tahun untuk kolom 'Target' tanpa tahun (bawaan: tahun pada judul di atas tabel)."},
    "help-agency": {"en": "perangkat_daerah of the imported elements.",
                    "id": "perangkat_daerah untuk elemen yang diimpor."},
    # audit
    "help-defs_path": {"en": "Definitions: rows are matched to their indicators by id or name (polarity, scale).",
                       "id": "Definisi: baris dicocokkan dengan indikatornya menurut id atau nama (polaritas, skala)."},
    "help-audit-data_paths": {"en": "With --defs and --period: data, so each finding also says what the engine computes.",
                              "id": "Dengan --defs dan --period: data, agar setiap temuan juga menyebut hasil "
                                    "perhitungan mesin."},
    "help-audit-period_text": {"en": "Period of the data (with --data).", "id": "Periode data (dengan --data)."},
    "help-scale": {"en": "Predicate scale: permendagri86 (default), berhasil, or one of --defs.",
                   "id": "Skala predikat: permendagri86 (bawaan), berhasil, atau salah satu dari --defs."},
    "help-audit-locale": {"en": "How the table writes numbers: id (1.234,5) or C (1234.5).",
                          "id": "Cara tabel menulis angka: id (1.234,5) atau C (1234.5)."},
    "help-audit-out_path": {"en": "Write to a file (needed for --format xlsx).",
                            "id": "Tulis ke berkas (diperlukan untuk --format xlsx)."},
}
