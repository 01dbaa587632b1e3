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
    "load-duplicate-scale": {"en": "scale '{name}' is defined twice (also at {at})",
                             "id": "skala '{name}' didefinisikan dua kali (juga di {at})"},
}
