from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`counts|get_item:key`: a Counter's count (0 when absent)."""
    return mapping.get(key, 0) if hasattr(mapping, "get") else 0
