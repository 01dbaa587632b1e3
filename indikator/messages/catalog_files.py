"""Messages of files that cannot be read or written, and of inputs that would otherwise fail
late (issue 10, PRODUCT.md §8 v2)."""

MESSAGES = {
    # -- outputs (indikator/output/files.py, the boundary in cli.py) -------------------------
    "output-empty-name": {
        "en": "cannot write {path}: the output file name is empty",
        "id": "tidak dapat menulis {path}: nama berkas keluaran kosong",
    },
    "output-no-folder": {
        "en": "cannot write {path}: the folder {folder} does not exist",
        "id": "tidak dapat menulis {path}: folder {folder} tidak ada",
    },
    "output-is-input": {
        "en": "refusing to write {path}: it is one of this run's inputs ({input}); choose another output file",
        "id": "menolak menulis {path}: berkas itu salah satu masukan perintah ini ({input}); pilih berkas "
              "keluaran lain",
    },
    "stdout-name": {
        "en": "standard output",
        "id": "keluaran standar",
    },
    "interrupted": {
        "en": "interrupted by {signal}; no file was left half-written and no temporary file is left",
        "id": "dihentikan oleh {signal}; tidak ada berkas yang setengah tertulis dan tidak ada berkas sementara "
              "yang tertinggal",
    },
    "os-error": {
        "en": "{path}: {reason}",
        "id": "{path}: {reason}",
    },
    # -- inputs that cannot be read (indikator/input_paths.py) -----------------------------
    "path-missing": {
        "en": "{path} does not exist",
        "id": "{path} tidak ada",
    },
    "path-dangling-link": {
        "en": "{path} is a link to {target}, which does not exist",
        "id": "{path} adalah tautan ke {target}, yang tidak ada",
    },
    "path-link-loop": {
        "en": "{path} is a link that leads back to itself (a loop of links)",
        "id": "{path} adalah tautan yang berputar kembali ke dirinya sendiri",
    },
    "path-fifo": {
        "en": "{path} is a named pipe (FIFO), not a file",
        "id": "{path} adalah pipa bernama (FIFO), bukan berkas",
    },
    "path-device": {
        "en": "{path} is a device, not a file",
        "id": "{path} adalah perangkat, bukan berkas",
    },
    "path-socket": {
        "en": "{path} is a socket, not a file",
        "id": "{path} adalah soket, bukan berkas",
    },
    "path-special": {
        "en": "{path} is not a regular file",
        "id": "{path} bukan berkas biasa",
    },
    "path-directory": {
        "en": "{path} is a folder, not a file",
        "id": "{path} adalah folder, bukan berkas",
    },
    "data-folder-empty": {
        "en": "{path} is a folder without data files ({extensions})",
        "id": "{path} adalah folder tanpa berkas data ({extensions})",
    },
    "path-no-permission": {
        "en": "cannot read {path}: permission denied",
        "id": "tidak dapat membaca {path}: izin ditolak",
    },
    "path-not-dir-parent": {
        "en": "{path} cannot exist: a part of it before the last '/' is a file, not a folder",
        "id": "{path} tidak mungkin ada: salah satu bagian sebelum '/' terakhir adalah berkas, bukan folder",
    },
    "path-name-too-long": {
        "en": "{path}: the name is too long for the file system",
        "id": "{path}: namanya terlalu panjang untuk sistem berkas",
    },
    "path-os-error": {
        "en": "cannot read {path}: {reason}",
        "id": "tidak dapat membaca {path}: {reason}",
    },
    "xlsx-formula-no-value": {
        "en": "this cell holds the formula {formula} but no stored result (the workbook was not saved by "
              "Excel after calculating); open it in Excel (or LibreOffice), save it, and run again",
        "id": "sel ini berisi rumus {formula} tanpa hasil tersimpan (buku kerja belum disimpan oleh Excel "
              "setelah dihitung); buka di Excel (atau LibreOffice), simpan, lalu jalankan lagi",
    },
    # -- check: what eval would otherwise trip on (indikator/graph/bounds.py) ---------------
    "arg-not-constant": {
        "en": "the second argument of {function}() must be a whole number written out, as in {function}(x, 1) "
              "(at most {limit})",
        "id": "argumen kedua {function}() harus bilangan bulat yang ditulis langsung, misalnya {function}(x, 1) "
              "(paling banyak {limit})",
    },
    "arg-out-of-bounds": {
        "en": "the second argument of {function}() is {value}; it must be a whole number from -{limit} to {limit}",
        "id": "argumen kedua {function}() bernilai {value}; harus bilangan bulat dari -{limit} sampai {limit}",
    },
    "bad-weight": {
        "en": "the weight of '{id}' is {value}; a weight must be a finite number, 0 or more",
        "id": "bobot '{id}' bernilai {value}; bobot harus bilangan terhingga, 0 atau lebih",
    },
    "bad-budget-ceiling": {
        "en": "the budget ceiling of '{id}' (period {period}) is {value}; an amount must be a finite number, "
              "0 or more",
        "id": "pagu anggaran '{id}' (periode {period}) bernilai {value}; jumlah harus bilangan terhingga, "
              "0 atau lebih",
    },
    "bad-budget-spent": {
        "en": "the budget spent of '{id}' (period {period}) is {value}; an amount must be a finite number, "
              "0 or more",
        "id": "realisasi anggaran '{id}' (periode {period}) bernilai {value}; jumlah harus bilangan terhingga, "
              "0 atau lebih",
    },
    "bad-cap": {
        "en": "the cap of '{id}' is {value}; a cap must be a finite number, 0 or more (e.g. 120)",
        "id": "batas capaian '{id}' bernilai {value}; batas harus bilangan terhingga, 0 atau lebih (misalnya 120)",
    },
    "scale-empty": {
        "en": "scale '{name}' has no bands or grades; give at least one",
        "id": "skala '{name}' tidak punya pita atau nilai; berikan paling sedikit satu",
    },
    "scale-bound": {
        "en": "band '{label}' of scale '{name}' starts at {value}; a band's min must be a finite number",
        "id": "pita '{label}' pada skala '{name}' mulai dari {value}; min sebuah pita harus bilangan terhingga",
    },
    "target-not-finite": {
        "en": "the target {value} is too large: a number must be finite (below about 1.8e308)",
        "id": "target {value} terlalu besar: angka harus terhingga (di bawah sekitar 1,8e308)",
    },
    "list-needs-aggregate": {
        "en": "children gives a list of values; take one value from it with avg(), sum(), min(), max() …",
        "id": "children berisi daftar nilai; ambil satu nilai darinya dengan avg(), sum(), min(), max() …",
    },
    # -- command-line values ----------------------------------------------------------------
    "period-non-ascii": {
        "en": "'{text}' has digits that are not 0-9; write the period with the digits 0-9, e.g. 2024-Q3",
        "id": "'{text}' memuat angka selain 0-9; tulis periode dengan angka 0-9, misalnya 2024-Q3",
    },
    "entity-unknown": {
        "en": "entity '{entity}' appears nowhere in the data, the holders or the roster: the figures shown are "
              "those of the data without an entity (check the NIP or region code)",
        "id": "entitas '{entity}' tidak ada di data, pemegang jabatan, maupun daftar pegawai: angka yang tampil "
              "adalah angka data tanpa entitas (periksa NIP atau kode wilayah)",
    },
}
