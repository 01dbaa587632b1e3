"""Messages of ``indikator check``: the loader's and the graph rules' diagnostics.

The diagnostic's own ``code`` (``unknown-reference``, ``cycle``…, PRODUCT.md §8) names the
kind of problem for JSON and the web page; a catalog code here names one wording of it.
"""

MESSAGES = {
    # graph rules
    "chk-unknown-level": {"en": "element '{id}' has unknown level '{level}'; levels are: {levels}",
                          "id": "elemen '{id}' memiliki tingkat '{level}' yang tidak dikenal; tingkatnya: {levels}"},
    "chk-supports-indicator": {"en": "'{id}' supports '{parent}': an indicator, not an element",
                               "id": "'{id}' mendukung '{parent}': itu indikator, bukan elemen"},
    "chk-supports-unknown": {"en": "'{id}' supports '{parent}': no such element",
                             "id": "'{id}' mendukung '{parent}': elemen itu tidak ada"},
    "chk-supports-itself": {"en": "'{id}' supports itself", "id": "'{id}' mendukung dirinya sendiri"},
    "chk-level-order": {"en": "'{id}' ({level}) cannot support '{parent}' ({parent_level}): an element supports "
                              "only elements of a higher level",
                        "id": "'{id}' ({level}) tidak dapat mendukung '{parent}' ({parent_level}): sebuah elemen "
                              "hanya mendukung elemen yang tingkatnya lebih tinggi"},
    "chk-owner-unknown": {"en": "owner '{owner}' of '{id}' is no such element",
                          "id": "penanggung jawab '{owner}' dari '{id}' bukan elemen yang ada"},
    "chk-owner-not-position-a": {"en": "owner '{owner}' of '{id}' is a {level}, not a position (jabatan)",
                                 "id": "penanggung jawab '{owner}' dari '{id}' adalah {level}, bukan jabatan"},
    "chk-owner-not-position-an": {"en": "owner '{owner}' of '{id}' is an {level}, not a position (jabatan)",
                                  "id": "penanggung jawab '{owner}' dari '{id}' adalah {level}, bukan jabatan"},
    "chk-element-cycle": {"en": "elements support each other in a cycle: {path}",
                          "id": "elemen saling mendukung dalam lingkaran: {path}"},
    "chk-unknown-predicate-scale": {"en": "'{id}'{more} uses predicate scale '{scale}', which is not defined",
                                    "id": "'{id}'{more} memakai skala predikat '{scale}' yang tidak didefinisikan"},
    "chk-and-more": {"en": " (and {n} more)", "id": " (dan {n} lainnya)"},
    "chk-unknown-grade-scale": {"en": "'{id}' uses grade scale '{scale}', which is not an ordinal scale",
                                "id": "'{id}' memakai skala nilai '{scale}' yang bukan skala ordinal"},
    "chk-grade-without-scale": {"en": "'{id}' has the grade target '{grade}' but no grade_scale (skala_nilai), "
                                      "e.g. grade_scale: sakip",
                                "id": "'{id}' memiliki target nilai '{grade}' tetapi tidak memiliki skala_nilai "
                                      "(grade_scale), misalnya skala_nilai: sakip"},
    "chk-not-a-grade": {"en": "'{grade}' is not a grade of scale '{scale}' ({grades})",
                        "id": "'{grade}' bukan nilai pada skala '{scale}' ({grades})"},
    "chk-range-polarity": {"en": "'{id}' has a {{min, max}} target but polarity '{polarity}'; use polarity: range",
                           "id": "'{id}' memiliki target {{min, max}} tetapi polaritas '{polarity}'; gunakan "
                                 "polaritas: range"},
    "chk-position-no-holder": {"en": "position '{id}' has no holders (pemegang)",
                               "id": "jabatan '{id}' tidak memiliki pemegang"},
    "chk-position-no-indicator": {"en": "position '{id}' has no indicators (IKI)",
                                  "id": "jabatan '{id}' tidak memiliki indikator (IKI)"},
    "chk-no-indicators": {"en": "element '{id}' has neither indicators nor 'achievement: children'; its achievement "
                                "will be missing",
                          "id": "elemen '{id}' tidak memiliki indikator maupun 'capaian: anak'; capaiannya akan "
                                "kosong"},
    "chk-no-owner": {"en": "{level} '{id}' has no owner position: set 'owner' (penanggung_jawab) or let a position "
                           "(jabatan) support it",
                     "id": "{level} '{id}' tidak memiliki jabatan penanggung jawab: isi 'penanggung_jawab' (owner) "
                           "atau jadikan sebuah jabatan pendukungnya"},
    "chk-holder-twice": {"en": "holder {holder} holds both '{other}' (at {at}) and '{id}'",
                         "id": "pemegang {holder} memegang '{other}' (di {at}) sekaligus '{id}'"},
    "chk-no-source": {"en": "indicator '{id}' has neither a formula (rumus) nor a data source (sumber_data); its "
                            "actual must come from data under its id",
                      "id": "indikator '{id}' tidak memiliki rumus maupun sumber_data; realisasinya harus datang "
                            "dari data dengan id indikator itu"},
    "chk-internal": {"en": "internal error in check '{check}': {error}",
                     "id": "galat internal pada pemeriksaan '{check}': {error}"},
    # names in formulas and the evaluation order
    "chk-children-field": {"en": "'{text}': after 'children' write .actual, .target or .achievement",
                           "id": "'{text}': setelah 'children' tulis .actual, .target atau .achievement"},
    "chk-ambiguous-id": {"en": "'{name}' is both an indicator and a data variable; rename one",
                         "id": "'{name}' adalah indikator sekaligus variabel data; ganti salah satu namanya"},
    "chk-variable-field": {"en": "'{text}': a data variable has no field '.{field}'",
                           "id": "'{text}': variabel data tidak memiliki bagian '.{field}'"},
    "chk-unknown-name": {"en": "unknown name '{text}': no indicator or data variable has this id",
                         "id": "nama '{text}' tidak dikenal: tidak ada indikator atau variabel data dengan id ini"},
    "chk-unknown-label": {"en": "unknown label '{{{text}}}': no variable label or indicator name matches",
                          "id": "label '{{{text}}}' tidak dikenal: tidak ada label variabel atau nama indikator yang "
                                "cocok"},
    "chk-ambiguous-label": {"en": "'{{{text}}}' matches more than one thing: {what}",
                            "id": "'{{{text}}}' cocok dengan lebih dari satu hal: {what}"},
    "chk-label-variable-field": {"en": "'{{{text}}}' is a data variable; it has no field '.{field}'",
                                 "id": "'{{{text}}}' adalah variabel data; tidak memiliki bagian '.{field}'"},
    "chk-indicator-cycle": {"en": "indicator formulas depend on each other in a cycle: {path}",
                            "id": "rumus indikator saling bergantung dalam lingkaran: {path}"},
    "chk-refers-to-itself": {"en": "the formula of '{id}' refers to itself", "id": "rumus '{id}' merujuk dirinya sendiri"},
    "chk-internal-names": {"en": "internal error in resolving names: {error}",
                           "id": "galat internal saat menyelesaikan nama: {error}"},
    # the loader
    "load-no-such-path": {"en": "no such file or folder: {path}", "id": "berkas atau folder tidak ada: {path}"},
    "load-no-definitions": {"en": "no *.yaml or *.yml files under {path}",
                            "id": "tidak ada berkas *.yaml atau *.yml di bawah {path}"},
    "load-not-utf8": {"en": "file is not UTF-8 text ({reason} at byte {byte}); save it as UTF-8",
                      "id": "berkas bukan teks UTF-8 ({reason} pada bita {byte}); simpan sebagai UTF-8"},
    "load-cannot-read": {"en": "cannot read file: {reason}", "id": "berkas tidak dapat dibaca: {reason}"},
    "load-duplicate-id": {"en": "id '{id}' is used twice; first at {at}", "id": "id '{id}' dipakai dua kali; pertama di {at}"},
    "load-duplicate-variable": {"en": "variable '{id}' is declared twice; first at {at}",
                                "id": "variabel '{id}' dideklarasikan dua kali; pertama di {at}"},
    "load-levels-conflict": {"en": "'levels' differs from the one declared at {at}; declare it once",
                             "id": "'levels' berbeda dengan yang dideklarasikan di {at}; deklarasikan sekali saja"},
    "load-levels-duplicate": {"en": "'levels' lists a level twice", "id": "'levels' menyebut satu tingkat dua kali"},
    "load-duplicate-signatory": {"en": "agency '{agency}' has a signatory already (at {at}); give it once",
                                 "id": "perangkat daerah '{agency}' sudah memiliki penandatangan (di {at}); tulis "
                                       "sekali saja"},
    "ld-signatory-without-agency": {"en": "'signatory' belongs to the file that sets 'agency' (perangkat_daerah): add "
                                          "'agency' to this file or move the signatory there",
                                    "id": "'penandatangan' (signatory) milik berkas yang menetapkan 'perangkat_daerah' "
                                          "(agency): tambahkan 'perangkat_daerah' ke berkas ini atau pindahkan "
                                          "penandatangannya ke sana"},
    "load-duplicate-scale": {"en": "scale '{name}' is defined twice (also at {at})",
                             "id": "skala '{name}' didefinisikan dua kali (juga di {at})"},
}

MESSAGES.update({
    # building records from a file (indikator.load.build, aliases, yaml_source)
    "wk-file": {"en": "the file's top level", "id": "tingkat teratas berkas"},
    "wk-element": {"en": "element", "id": "elemen"},
    "wk-indicator": {"en": "indicator", "id": "indikator"},
    "wk-variable": {"en": "variable", "id": "variabel"},
    "wk-holder": {"en": "holder", "id": "pemegang"},
    "wk-band": {"en": "scale band", "id": "pita skala"},
    "wt-text": {"en": "text", "id": "teks"},
    "wt-number": {"en": "a number", "id": "angka"},
    "wt-list": {"en": "a list", "id": "daftar"},
    "wt-mapping": {"en": "a mapping (key: value)", "id": "pemetaan (kunci: nilai)"},
    "wt-bool": {"en": "true or false", "id": "true atau false"},
    "w-or": {"en": "{a} or {b}", "id": "{a} atau {b}"},
    "ld-unknown-key": {"en": "unknown key '{key}' in {where}", "id": "kunci '{key}' tidak dikenal pada {where}"},
    "ld-missing-key": {"en": "{where} is missing the required key '{key}'{also}",
                       "id": "{where} tidak memiliki kunci wajib '{key}'{also}"},
    "ld-or-alias": {"en": " (or '{alias}')", "id": " (atau '{alias}')"},
    "ld-bad-id": {"en": "'{id}' is not a valid id: begin with a letter or '_', then only letters, digits, '_', '.' "
                        "or '-'",
                  "id": "'{id}' bukan id yang sah: awali dengan huruf atau '_', lalu hanya huruf, angka, '_', '.' "
                        "atau '-'"},
    "ld-bad-value": {"en": "'{key}' must be one of {expected}; got {got}",
                     "id": "'{key}' harus salah satu dari {expected}; tertulis {got}"},
    "ld-bad-type": {"en": "'{key}' must be {types}; got {got}{hint}", "id": "'{key}' harus {types}; tertulis {got}{hint}"},
    "ld-quote-hint": {"en": " (put it in quotes)", "id": " (beri tanda kutip)"},
    "ld-top-level-empty": {"en": "the top level of a definition file must be a mapping (version, elements, …); this "
                                 "file is empty",
                           "id": "tingkat teratas berkas definisi harus berupa pemetaan (version, elements, …); "
                                 "berkas ini kosong"},
    "ld-top-level": {"en": "the top level of a definition file must be a mapping (version, elements, …); this file "
                           "is a {type}",
                     "id": "tingkat teratas berkas definisi harus berupa pemetaan (version, elements, …); berkas "
                           "ini berupa {type}"},
    "ld-must-be-list": {"en": "'{key}' must be a list", "id": "'{key}' harus berupa daftar"},
    "ld-variable-mapping": {"en": "a variable must be a mapping (id, label, …)",
                            "id": "variabel harus berupa pemetaan (id, label, …)"},
    "ld-element-mapping": {"en": "an element must be a mapping (id, level, …)",
                           "id": "elemen harus berupa pemetaan (id, level, …)"},
    "ld-indicator-mapping": {"en": "an indicator must be a mapping (id, name, formula, …)",
                             "id": "indikator harus berupa pemetaan (id, name, formula, …)"},
    "ld-range-target": {"en": "a range target needs numbers with min ≤ max",
                        "id": "target rentang memerlukan angka dengan min ≤ max"},
    "ld-bad-target": {"en": "a target must be a number, a grade such as \"BB\", {{min, max}}, or a map period → one "
                            "of those; got {got}",
                      "id": "target harus berupa angka, nilai seperti \"BB\", {{min, max}}, atau peta periode → salah "
                            "satunya; tertulis {got}"},
    "ld-bad-period-key": {"en": "target/budget key: {problem}", "id": "kunci target/anggaran: {problem}"},
    "ld-bad-budget": {"en": "a budget must be {{ceiling: <pagu>, spent: <realisasi>}} (aliases pagu, realisasi) with "
                            "numbers, or a map period → that",
                      "id": "anggaran harus berupa {{ceiling: <pagu>, spent: <realisasi>}} (alias pagu, realisasi) "
                            "berisi angka, atau peta periode → itu"},
    "ld-duplicate-alias": {"en": "'{key}' and '{other}' are the same key ('{english}'); give it once",
                           "id": "'{key}' dan '{other}' adalah kunci yang sama ('{english}'); tulis sekali saja"},
    "yaml-too-large-file": {"en": "file is larger than {mib} MiB; split it into several files",
                            "id": "berkas lebih besar dari {mib} MiB; bagi menjadi beberapa berkas"},
    "yaml-too-deep": {"en": "YAML nested deeper than {depth} levels; refused",
                      "id": "YAML bersarang lebih dari {depth} tingkat; ditolak"},
    "yaml-invalid": {"en": "invalid YAML: {reason}", "id": "YAML tidak sah (kata pembaca YAML: “{reason}”)"},
    "yaml-too-many-nodes": {"en": "YAML would expand to {nodes} nodes, more than {limit} (aliases expanding too far?); "
                                  "refused",
                            "id": "YAML akan mengembang menjadi {nodes} simpul, lebih dari {limit} (alias "
                                  "mengembang terlalu jauh?); ditolak"},
    "yaml-key-plain": {"en": "a mapping key must be a plain value", "id": "kunci pemetaan harus berupa nilai biasa"},
    "yaml-merge-key": {"en": "YAML merge keys (<<) are not supported; write the keys out",
                       "id": "kunci gabung YAML (<<) tidak didukung; tulis kuncinya satu per satu"},
    "yaml-duplicate-key": {"en": "key '{key}' given twice in the same mapping",
                           "id": "kunci '{key}' ditulis dua kali dalam pemetaan yang sama"},
    "yaml-duplicate-key-at": {"en": "key '{key}' given twice in the same mapping (first at line {line})",
                              "id": "kunci '{key}' ditulis dua kali dalam pemetaan yang sama (pertama di baris {line})"},
})
