import json
import logging


class JsonFormatter(logging.Formatter):
    """One JSON object per line; newlines in values stay escaped (security.md C7)."""

    def format(self, record: logging.LogRecord) -> str:
        payload = getattr(record, "event", None) or {"message": record.getMessage()}
        return json.dumps(payload, ensure_ascii=False, default=str)
