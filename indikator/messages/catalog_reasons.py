"""Short reasons for a table cell (``eval``'s table, the report, the web page): the engine's
problems grouped by code (``indikator.output.reasons``)."""

MESSAGES = {
    "reason-no-data": {"en": "no data {period}: {what}", "id": "tidak ada data {period}: {what}"},
    "reason-no-actual": {"en": "no actual {period}: {what}", "id": "tidak ada realisasi {period}: {what}"},
    "reason-no-data-here": {"en": "no data: {what}", "id": "tidak ada data: {what}"},
    "reason-no-actual-here": {"en": "no actual: {what}", "id": "tidak ada realisasi: {what}"},
    "reason-no-target-here": {"en": "no target", "id": "tidak ada target"},
    "reason-no-target": {"en": "no target for {period}", "id": "tidak ada target untuk {period}"},
    "reason-skipped": {"en": "{fn}() skipped {k} missing value(s)", "id": "{fn}() melewati {k} nilai kosong"},
    "reason-target-zero": {"en": "target is 0: achievement undefined", "id": "target 0: capaian tidak terdefinisi"},
    "reason-left-out": {"en": "{what} {ids} left out of the mean (achievement missing)",
                        "id": "{what} {ids} tidak ikut dirata-rata (capaian tidak ada)"},
    "reason-left-out-undefined": {"en": "{what} {ids} left out of the mean (achievement undefined)",
                                  "id": "{what} {ids} tidak ikut dirata-rata (capaian tidak terdefinisi)"},
    "reason-no-indicators": {"en": "no indicators and no 'achievement: children'",
                             "id": "tanpa indikator dan tanpa 'capaian: anak'"},
    "reason-no-children": {"en": "no {what} to take the achievement from",
                           "id": "tidak ada {what} untuk diambil capaiannya"},
    "reason-lead": {"en": "{lead}: {reasons}", "id": "{lead}: {reasons}"},
}
