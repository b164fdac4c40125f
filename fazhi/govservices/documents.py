"""Government services generate no 文书; exports are the admin's audited Excel export."""
