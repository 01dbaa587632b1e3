"""File names of the pages of ``render --split agency``: one distinct file per page.

Agency names are free text, so two of them can make the same safe file name
("Dinas Uji" and "Dinas/Uji" both give ``Dinas_Uji``), and an agency may be
called "region", the name of the page of the region levels. Names are compared
case-folded (macOS and Windows file systems do not tell ``A`` from ``a``); a page
whose name is taken gets a short, stable hash of its agency name appended, so
no page ever overwrites another and a name does not depend on the order of the
run.
"""
from __future__ import annotations

import hashlib

from .write import page_path

REGION = "region"


def _suffix(agency: str) -> str:
    return hashlib.sha1(agency.encode("utf-8")).hexdigest()[:6]


def agency_pages(out_path: str, agencies: list[str]) -> list[tuple[str, str]]:
    """``[(agency, file)]``: the region page (agency ``""``) first, then one per agency, in the
    given order, every file name distinct."""
    pages = [("", page_path(out_path, REGION))]
    taken = {pages[0][1].casefold()}
    for agency in agencies:
        target = page_path(out_path, agency)
        if target.casefold() in taken:
            target = page_path(out_path, f"{agency}-{_suffix(agency)}")
        n = 2
        while target.casefold() in taken:   # a hash that collides too (practically never)
            target = page_path(out_path, f"{agency}-{_suffix(agency)}-{n}")
            n += 1
        taken.add(target.casefold())
        pages.append((agency, target))
    return pages
