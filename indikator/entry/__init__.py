"""Data entry in the planner's way: the generated Excel entry form (``template``) and
turning an existing PK / Renstra / IKI table into definitions (``import``), PRODUCT.md §10."""
