"""No Excel import: a subject is registered one by one from the deciding organ's documents,
by a user cleared for its security label."""
