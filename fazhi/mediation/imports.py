"""No Excel import: a dispute is registered one by one, with each party's consent (M1)."""
