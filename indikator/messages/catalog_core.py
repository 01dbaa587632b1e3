"""Messages of the command line's own boundary (files, usage)."""

MESSAGES = {
    "internal-error": {
        "en": "internal error: {what}. This is a bug in indikator; please report it with the command you ran"
              " (run again with --debug for the details)",
        "id": "galat internal: {what}. Ini kesalahan pada indikator; laporkan beserta perintah yang dijalankan"
              " (jalankan lagi dengan --debug untuk rinciannya)",
    },
    "cannot-write": {
        "en": "cannot write {path}: {reason}",
        "id": "tidak dapat menulis {path}: {reason}",
    },
}
