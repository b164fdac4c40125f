"""Employment services generate no 文书."""
