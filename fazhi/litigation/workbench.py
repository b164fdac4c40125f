"""No 工作台 provider of its own: a lawsuit's to-dos are its clocks (答辩举证, 上诉期限, 审理期限),
which the deadline engine's provider (`fazhi/deadlines/workbench.py`) lists for the unit."""
