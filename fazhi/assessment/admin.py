"""The assessment has its own pages (views.py): the tree of 指标 does not fit a change list."""
