"""Meetings start no statutory clock of their own: the periods they trigger belong to the items discussed (review, normdocs, decisions)."""
