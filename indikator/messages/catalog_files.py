"""Messages of files that cannot be read or written, and of inputs that would otherwise fail
late (issue 10, PRODUCT.md §8 v2)."""

MESSAGES = {
    # -- outputs ---------------------------------------------------------------------------
    "output-empty-name": {
        "en": "cannot write {path}: the output file name is empty{reason}",
        "id": "tidak dapat menulis {path}: nama berkas keluaran kosong{reason}",
    },
    "output-no-folder": {
        "en": "cannot write {path}: the folder {reason} does not exist",
        "id": "tidak dapat menulis {path}: folder {reason} tidak ada",
    },
    "output-is-input": {
        "en": "refusing to write {path}: it is one of this run's inputs ({reason}); choose another output file",
        "id": "menolak menulis {path}: berkas itu salah satu masukan perintah ini ({reason}); pilih berkas "
              "keluaran lain",
    },
    "output-pages-collide": {
        "en": "pages '{first}' and '{second}' would both be written to {path}",
        "id": "halaman '{first}' dan '{second}' sama-sama akan ditulis ke {path}",
    },
    "stdout-name": {
        "en": "standard output",
        "id": "keluaran standar",
    },
    "interrupted": {
        "en": "interrupted by {signal}; the output was not written and no temporary file is left",
        "id": "dihentikan oleh {signal}; keluaran tidak ditulis dan tidak ada berkas sementara yang tertinggal",
    },
}
MESSAGES.update({
    "os-error": {
        "en": "{path}: {reason}",
        "id": "{path}: {reason}",
    },
})
