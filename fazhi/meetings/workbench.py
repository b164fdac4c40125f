"""Meetings raise no 工作台 item of their own: agenda items wait in the review and decision registers."""
