"""The REST API (django-ninja): root, token authentication, pagination, one error shape."""
