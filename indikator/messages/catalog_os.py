"""Why the operating system refused a file: the common ``errno`` values in words.

``strerror`` speaks the C library's language (English here); a planner reading Indonesian gets
"disk penuh" rather than "No space left on device". The English templates are glibc's own words,
so English output is what it was. An errno not listed is quoted as the system's words
(``file-system-said``). Looked up by :func:`indikator.messages.os_errors.os_reason`.
"""
MESSAGES = {
    "os-ENOENT": {"en": "No such file or directory", "id": "berkas atau folder tidak ada"},
    "os-EACCES": {"en": "Permission denied", "id": "tidak ada izin"},
    "os-EPERM": {"en": "Operation not permitted", "id": "tindakan tidak diizinkan"},
    "os-ENOSPC": {"en": "No space left on device", "id": "disk penuh"},
    "os-EDQUOT": {"en": "Disk quota exceeded", "id": "kuota disk habis"},
    "os-EROFS": {"en": "Read-only file system", "id": "sistem berkas hanya-baca"},
    "os-EISDIR": {"en": "Is a directory", "id": "itu sebuah folder"},
    "os-ENOTDIR": {"en": "Not a directory", "id": "bukan folder"},
    "os-ENAMETOOLONG": {"en": "File name too long", "id": "nama berkas terlalu panjang"},
    "os-EEXIST": {"en": "File exists", "id": "berkas sudah ada"},
    "os-EBADF": {"en": "Bad file descriptor", "id": "berkas sudah tertutup"},
    "os-EPIPE": {"en": "Broken pipe", "id": "pembacanya sudah berhenti (pipa terputus)"},
    "os-EIO": {"en": "Input/output error", "id": "galat masukan/keluaran pada perangkat"},
    "os-ELOOP": {"en": "Too many levels of symbolic links", "id": "tautan simbolik berputar"},
    "os-EMFILE": {"en": "Too many open files", "id": "terlalu banyak berkas terbuka"},
    "os-EFBIG": {"en": "File too large", "id": "berkas terlalu besar"},
    "os-EBUSY": {"en": "Device or resource busy", "id": "perangkat atau sumber daya sedang dipakai"},
    "os-EXDEV": {"en": "Invalid cross-device link", "id": "tidak dapat dipindah antar-perangkat"},
    "os-EADDRINUSE": {"en": "Address already in use", "id": "alamat sudah dipakai program lain"},
    "os-EADDRNOTAVAIL": {"en": "Cannot assign requested address", "id": "alamat itu tidak ada di komputer ini"},
}
